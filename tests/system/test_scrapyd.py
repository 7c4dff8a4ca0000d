"""scrapyd end to end: deploy the egg with scrapyd-deploy, schedule two incremental runs, read the outputs."""

from __future__ import annotations

import collections
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts.replica_process import ReplicaProcess
from tests.integration.crawl import fetch_json, field_mismatches
from tests.system.scrapyd_server import PASSWORD, ROOT, USERNAME, ScrapydServer, clean_env

pytestmark = pytest.mark.system

PROJECT, SPIDER = "mayadeen_crawler", "mayadeen"
BIN = Path(sys.executable).parent


def _copy_project(to: Path) -> Path:
    """What a checkout holds for packaging: scrapy.cfg, setup.py, pyproject.toml, the package."""
    to.mkdir()
    for name in ("scrapy.cfg", "setup.py", "pyproject.toml"):
        shutil.copy(ROOT / name, to / name)
    shutil.copytree(ROOT / PROJECT, to / PROJECT, ignore=shutil.ignore_patterns("__pycache__"))
    return to


def _deploy(project: Path, scrapyd: ScrapydServer, xdg: Path) -> subprocess.CompletedProcess[str]:
    """``scrapyd-deploy systemtest``, the target added in the user's ~/.config/scrapy.cfg."""
    xdg.mkdir()
    (xdg / "scrapy.cfg").write_text(f"[deploy:systemtest]\nurl = {scrapyd.url}\n")
    env = clean_env(XDG_CONFIG_HOME=str(xdg), SCRAPYD_USERNAME=USERNAME, SCRAPYD_PASSWORD=PASSWORD)
    command = [str(BIN / "scrapyd-deploy"), "systemtest", "--version", "r1"]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=120, check=False)


def _schedule(scrapyd: ScrapydServer, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mayadeen_crawler.schedule", "--once", "--url", scrapyd.url, *options]
    env = clean_env(SCRAPYD_USERNAME=USERNAME, SCRAPYD_PASSWORD=PASSWORD)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)


def _job_id(done: subprocess.CompletedProcess[str]) -> str:
    match = re.search(r"scheduled mayadeen_crawler/mayadeen as job (\w+)", done.stderr)
    assert match, done.stderr
    return match[1]


def _lines(output: Path, run_id: str) -> list[dict[str, Any]]:
    paths = sorted(output.glob(f"mayadeen-{run_id}-*.jsonl"))
    return [json.loads(line) for path in paths for line in path.read_text("utf-8").splitlines()]


def test_deploy_and_two_scheduled_incremental_runs(tmp_path: Path) -> None:
    output, state = tmp_path / "data/output", tmp_path / "data/state"
    env = clean_env(MAYADEEN_OUTPUT_DIR=str(output), MAYADEEN_STATE_DIR=str(state))
    with ReplicaProcess(articles=150, seed=3) as replica, ScrapydServer(tmp_path / "scrapyd", env) as scrapyd:
        truth = fetch_json(f"{replica.base_url}/_replica/truth.json")
        assert scrapyd.status_without_credentials("daemonstatus.json") == 401
        assert scrapyd.status_without_credentials("listjobs.json") == 401

        deployed = _deploy(_copy_project(tmp_path / "checkout"), scrapyd, tmp_path / "xdg")
        assert deployed.returncode == 0, deployed.stderr + deployed.stdout
        assert json.loads(deployed.stdout)["spiders"] == 1

        settings = ("-s", f"MAYADEEN_BASE_URL={replica.base_url}")
        first = _schedule(scrapyd, *settings, "-s", "MAYADEEN_RUN_ID=sched-1")
        assert first.returncode == 0, first.stderr
        first_job = _job_id(first)
        overlapping = _schedule(scrapyd, *settings, "-s", "MAYADEEN_RUN_ID=never")
        assert overlapping.returncode == 0, overlapping.stderr
        assert f"not scheduling mayadeen_crawler/mayadeen: the previous job is not done: {first_job}" in (
            overlapping.stderr
        )
        scrapyd.wait_finished(PROJECT, first_job)

        second = _schedule(scrapyd, *settings, "-s", "MAYADEEN_RUN_ID=sched-2")
        assert second.returncode == 0, second.stderr
        second_job = _job_id(second)
        scrapyd.wait_finished(PROJECT, second_job)
        jobs = scrapyd.get(f"listjobs.json?project={PROJECT}")
        server_log = scrapyd.log()

    assert sorted(job["id"] for job in jobs["finished"]) == sorted([first_job, second_job])
    assert "Process died" not in server_log, server_log
    job_log = (tmp_path / f"scrapyd/logs/{PROJECT}/{SPIDER}/{first_job}.log").read_text("utf-8")
    assert "Spider closed (finished)" in job_log

    lines = _lines(output, "sched-1")
    counts = collections.Counter(line["url"] for line in lines)
    assert sorted(counts) == sorted(truth)
    assert set(counts.values()) == {1}
    by_url = {line["url"]: line for line in lines}
    assert [m for url, want in truth.items() for m in field_mismatches(by_url[url], want)] == []

    first_manifest = json.loads((output / "mayadeen-sched-1.manifest.json").read_text("utf-8"))
    assert first_manifest["monitors"]["verdict"] == "passed"
    assert first_manifest["settings"]["OUTPUT_DIR"] == str(output)
    assert first_manifest["settings"]["STATE_DIR"] == str(state)
    # scrapyd's items_dir gives the job -s FEEDS=...: a second copy appears, the dataset is unmoved
    feed = tmp_path / f"scrapyd/items/{PROJECT}/{SPIDER}/{first_job}.jl"
    assert len(feed.read_text("utf-8").splitlines()) == len(truth)

    assert _lines(output, "sched-2") == []
    second_manifest = json.loads((output / "mayadeen-sched-2.manifest.json").read_text("utf-8"))
    assert (second_manifest["exported"], second_manifest["finish_reason"]) == (0, "finished")
    assert second_manifest["already_known"] >= len(truth)
    assert second_manifest["monitors"]["verdict"] == "passed"
    assert not list(output.glob("mayadeen-never*"))


def test_a_run_failed_by_its_monitors_ends_with_exit_code_3_under_scrapyd(tmp_path: Path) -> None:
    """A drifted site: the job still exports, but the monitors fail it and scrapyd sees exit 3."""
    output = tmp_path / "data/output"
    env = clean_env(MAYADEEN_OUTPUT_DIR=str(output), MAYADEEN_STATE_DIR=str(tmp_path / "data/state"))
    with (
        ReplicaProcess(articles=40, seed=3, extra_args=("--drift", "60%")) as replica,
        ScrapydServer(tmp_path / "scrapyd", env) as scrapyd,
    ):
        deployed = _deploy(_copy_project(tmp_path / "checkout"), scrapyd, tmp_path / "xdg")
        assert deployed.returncode == 0, deployed.stderr + deployed.stdout
        scheduled = _schedule(scrapyd, "-s", f"MAYADEEN_BASE_URL={replica.base_url}", "-s", "MAYADEEN_RUN_ID=drift")
        assert scheduled.returncode == 0, scheduled.stderr
        job = _job_id(scheduled)
        scrapyd.wait_finished(PROJECT, job)
        server_log = scrapyd.log()

    assert "Process died: exitstatus=3" in server_log, server_log
    job_log = (tmp_path / f"scrapyd/logs/{PROJECT}/{SPIDER}/{job}.log").read_text("utf-8")
    assert "Spider closed (monitors_failed)" in job_log
    manifest = json.loads((output / "mayadeen-drift.manifest.json").read_text("utf-8"))
    assert manifest["monitors"]["verdict"] == "failed"
    assert manifest["exported"] == 40
