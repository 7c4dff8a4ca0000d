"""What Scrapy's per-response callback check would catch, checked once here instead.

The project turns ``WARN_ON_GENERATOR_RETURN_VALUE`` off (it re-read each callback's
source on many responses), so no callback may be a generator that returns a value.
"""

from __future__ import annotations

import inspect

from scrapy.utils.misc import is_generator_with_return_value

from mayadeen_crawler.spiders.mayadeen import MayadeenSpider


def test_no_spider_callback_is_a_generator_that_returns_a_value() -> None:
    methods = [
        method
        for name, method in inspect.getmembers(MayadeenSpider, inspect.isfunction)
        if inspect.isgeneratorfunction(method) or inspect.isasyncgenfunction(method)
    ]
    assert {method.__name__ for method in methods} >= {"parse_article", "parse_listing", "start"}
    assert [method.__name__ for method in methods if is_generator_with_return_value(method)] == []
