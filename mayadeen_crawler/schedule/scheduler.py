"""One tick of the scheduler, and the loop that ticks every N seconds.

A tick asks ``listjobs.json`` first and schedules nothing while a job of the same spider
is pending or running: a slow run is never doubled, the next tick tries again.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mayadeen_crawler.schedule.client import ScrapydUnreachable

if TYPE_CHECKING:
    from collections.abc import Callable

    from mayadeen_crawler.schedule.client import ScrapydClient

logger = logging.getLogger("mayadeen.schedule")


@dataclass(frozen=True)
class JobSpec:
    """What to schedule: project, spider, ``-s`` settings and ``-a`` spider arguments."""

    project: str = "mayadeen_crawler"
    spider: str = "mayadeen"
    settings: dict[str, str] = field(default_factory=dict)
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TickResult:
    """``scheduled`` with the new job id, or ``busy`` with the jobs still in the way."""

    outcome: str
    job_ids: tuple[str, ...]


def tick(client: ScrapydClient, spec: JobSpec) -> TickResult:
    """Schedule one job of ``spec.spider`` unless one is already pending or running."""
    jobs = client.list_jobs(spec.project)
    busy = [(state, job) for state in ("pending", "running") for job in jobs[state] if job.get("spider") == spec.spider]
    if busy:
        described = ", ".join(f"{job.get('id')} ({state})" for state, job in busy)
        logger.info("not scheduling %s/%s: the previous job is not done: %s", spec.project, spec.spider, described)
        return TickResult("busy", tuple(str(job.get("id")) for _, job in busy))
    job_id = client.schedule(spec.project, spec.spider, spec.settings, spec.args)
    logger.info("scheduled %s/%s as job %s", spec.project, spec.spider, job_id)
    return TickResult("scheduled", (job_id,))


def run_every(
    client: ScrapydClient,
    spec: JobSpec,
    every: float,
    *,
    ticks: int | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Tick now, then every ``every`` seconds on a fixed grid (a missed slot is skipped).

    An unreachable scrapyd is logged and tried again at the next slot; any other
    ``ScrapydError`` (bad credentials, unknown project or spider) ends the loop.
    """
    start = clock()
    done = 0
    while ticks is None or done < ticks:
        try:
            tick(client, spec)
        except ScrapydUnreachable as error:
            logger.error("%s; trying again at the next slot", error)
        done += 1
        if ticks is not None and done >= ticks:
            return
        elapsed = clock() - start
        next_slot = (int(elapsed // every) + 1) * every
        logger.debug("next tick in %.0f s", next_slot - elapsed)
        sleep(next_slot - elapsed)
