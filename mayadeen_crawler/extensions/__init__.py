"""Scrapy extensions: the run report."""
