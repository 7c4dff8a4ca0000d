"""Spiders: navigation only (menus, listings, sitemaps); extraction lives in parsers."""
