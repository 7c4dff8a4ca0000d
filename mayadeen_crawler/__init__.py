"""mayadeen-crawler: a Scrapy project that crawls Al Mayadeen English into JSON Lines."""
