"""Shared fixtures: small corpora and a running replica on a free port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mayadeen_crawler.replica import Corpus, ReplicaServer
from mayadeen_crawler.replica.routes import Site

VARIETY_SIZE = 300


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """A 300-article corpus without drift."""
    return Corpus(seed=1, articles=VARIETY_SIZE)


@pytest.fixture(scope="session")
def site(corpus: Corpus) -> Site:
    """The pages of ``corpus``, without HTTP."""
    return Site(corpus)


@pytest.fixture(scope="session")
def drifted() -> Corpus:
    """A 300-article corpus where about a third of the pages use the drifted layout."""
    return Corpus(seed=5, articles=VARIETY_SIZE, drift_rate=0.3)


@pytest.fixture(scope="session")
def server() -> Iterator[ReplicaServer]:
    """A running replica (120 articles, no faults) on a free port."""
    with ReplicaServer(seed=2, articles=120) as running:
        yield running
