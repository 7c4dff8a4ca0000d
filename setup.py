"""Packaging shim for ``scrapyd-deploy``: it builds the egg with ``python setup.py bdist_egg``.

The metadata, the ``scrapy`` entry point (``settings = mayadeen_crawler.settings``) and the
package data (``mayadeen_crawler/schema/article.schema.json``) are declared in
``pyproject.toml``; with a ``[project]`` table there, setuptools ignores them in ``setup()``.
"""

from __future__ import annotations

from setuptools import setup

setup()
