"""Directories from the environment (MAYADEEN_OUTPUT_DIR / MAYADEEN_STATE_DIR)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mayadeen_crawler.environment import directory_from_env


def test_unset_or_empty_keeps_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MAYADEEN_OUTPUT_DIR", raising=False)
    assert directory_from_env("MAYADEEN_OUTPUT_DIR", "output") == "output"
    monkeypatch.setenv("MAYADEEN_OUTPUT_DIR", " ")
    assert directory_from_env("MAYADEEN_OUTPUT_DIR", "output") == "output"


def test_an_absolute_path_is_taken_and_home_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAYADEEN_STATE_DIR", "/var/lib/mayadeen/state")
    assert directory_from_env("MAYADEEN_STATE_DIR", "state") == "/var/lib/mayadeen/state"
    monkeypatch.setenv("MAYADEEN_STATE_DIR", "~/mayadeen/state")
    assert directory_from_env("MAYADEEN_STATE_DIR", "state") == str(Path.home() / "mayadeen/state")


def test_a_relative_path_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAYADEEN_OUTPUT_DIR", "out")
    with pytest.raises(ValueError, match="MAYADEEN_OUTPUT_DIR must be an absolute path"):
        directory_from_env("MAYADEEN_OUTPUT_DIR", "output")
