"""Fault switches: parsing, rates, transience and exempt paths (no HTTP)."""

from __future__ import annotations

from collections import Counter

import pytest

from mayadeen_crawler.replica import FAULT_KINDS, FaultPlan, Switches
from mayadeen_crawler.replica.faults import parse_rate


def test_parse_switches() -> None:
    switches = Switches.parse("500:10%,429:5%, slow:3% ,truncate:0.02,reset:2%", "10%", 1.5)
    assert switches.faults == {"500": 0.1, "429": 0.05, "slow": 0.03, "truncate": 0.02, "reset": 0.02}
    assert switches.drift == 0.1
    assert switches.slow_seconds == 1.5
    assert Switches.parse().faults == {}
    assert Switches.parse("", "0").drift == 0.0


@pytest.mark.parametrize("bad", ["boom:5%", "500", "500:150%", "500:60%,503:60%", "500:x"])
def test_bad_switches_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 (several messages)
        Switches.parse(bad)


def test_parse_rate() -> None:
    assert parse_rate("25%") == 0.25
    assert parse_rate("0.5") == 0.5


def test_faults_are_deterministic() -> None:
    switches = Switches.parse("500:20%,reset:10%")
    first, second = FaultPlan(switches, 1), FaultPlan(switches, 1)
    paths = [f"/news/x-{n}" for n in range(200)]
    assert [first.decide(p) for p in paths] == [second.decide(p) for p in paths]


def test_rates_are_roughly_honoured() -> None:
    plan = FaultPlan(Switches.parse("500:10%,429:5%,challenge:5%"), 3)
    kinds = Counter(plan.decide(f"/p/{n}") for n in range(20_000))
    assert 1700 < kinds["500"] < 2300
    assert 800 < kinds["429"] < 1200
    assert 800 < kinds["challenge"] < 1200


def test_a_path_never_faults_more_than_twice_in_a_row() -> None:
    plan = FaultPlan(Switches.parse("500:40%,503:30%,reset:25%"), 9)
    for n in range(300):
        streak = 0
        for _ in range(30):
            if plan.decide(f"/news/politics/item-{n}"):
                streak += 1
                assert streak <= 2
            else:
                streak = 0


def test_every_kind_can_happen() -> None:
    plan = FaultPlan(Switches({kind: 1 / len(FAULT_KINDS) for kind in FAULT_KINDS}), 4)
    assert {plan.decide(f"/x/{n}") for n in range(500)} >= set(FAULT_KINDS)


def test_replica_endpoints_and_robots_never_fault() -> None:
    plan = FaultPlan(Switches.parse("500:100%"), 1)
    for _ in range(20):
        assert plan.decide("/_replica/truth.json") is None
        assert plan.decide("/robots.txt") is None
    assert plan.decide("/news") == "500"
