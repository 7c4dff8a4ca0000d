"""A periodic scheduler for scrapyd: ``python -m mayadeen_crawler.schedule --every 1h``."""
