"""Shared pytest fixtures for the parser tests."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from tests.parsers.fixture_files import article_schema


@pytest.fixture(scope="session")
def validator() -> Draft202012Validator:
    """A validator of the output-line schema."""
    return Draft202012Validator(article_schema())
