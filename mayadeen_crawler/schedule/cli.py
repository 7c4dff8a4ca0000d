"""``python -m mayadeen_crawler.schedule``: run a spider on scrapyd periodically, never twice at once.

Examples::

    python -m mayadeen_crawler.schedule --every 1h --url http://127.0.0.1:6800
    python -m mayadeen_crawler.schedule --once -s MAYADEEN_PROFILE=polite -a sections=politics

Credentials: ``SCRAPYD_USERNAME`` / ``SCRAPYD_PASSWORD`` from the environment. Exit codes:
0 done (``--once``: scheduled, or skipped because the previous job is not done),
1 scrapyd unreachable or said no (401, unknown project or spider), 2 usage error.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys

from mayadeen_crawler.schedule.client import ScrapydClient, ScrapydError, credentials_from_env
from mayadeen_crawler.schedule.scheduler import JobSpec, run_every, tick

logger = logging.getLogger("mayadeen.schedule")

_DURATION = re.compile(r"(\d+)([smhd])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Form fields of schedule.json that a spider argument must not shadow.
_RESERVED_ARGS = frozenset({"project", "spider", "setting", "jobid", "priority", "_version"})


def parse_duration(text: str) -> float:
    """``"1h"``, ``"90m"``, ``"1h30m"``, ``"45s"``, ``"1d"`` -> seconds."""
    parts = _DURATION.findall(text.strip())
    if not parts or "".join(n + u for n, u in parts) != text.strip():
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 30m, 1h, 1h30m, 1d)")
    seconds = sum(int(number) * _UNIT_SECONDS[unit] for number, unit in parts)
    if seconds <= 0:
        raise argparse.ArgumentTypeError("the period must be longer than 0 s")
    return float(seconds)


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            raise argparse.ArgumentTypeError(f"{flag} takes NAME=VALUE, got {value!r}")
        pairs[name] = setting
    return pairs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m mayadeen_crawler.schedule",
        description="Schedule a spider on scrapyd periodically; never while its previous job is pending "
        "or running. Credentials from SCRAPYD_USERNAME / SCRAPYD_PASSWORD.",
    )
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--every", type=parse_duration, metavar="PERIOD", help="e.g. 30m, 1h, 1h30m, 1d")
    when.add_argument("--once", action="store_true", help="one tick, then exit (for cron or a systemd timer)")
    parser.add_argument("--url", default="http://127.0.0.1:6800", help="scrapyd's URL (default %(default)s)")
    parser.add_argument("--project", default="mayadeen_crawler", help="default %(default)s")
    parser.add_argument("--spider", default="mayadeen", help="default %(default)s")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                        help="a Scrapy setting for the job (repeatable)")  # fmt: skip
    parser.add_argument("-a", dest="args", action="append", default=[], metavar="NAME=VALUE",
                        help="a spider argument for the job (repeatable)")  # fmt: skip
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)
    try:
        spec = JobSpec(
            options.project, options.spider, _pairs(options.settings, "-s"), _pairs(options.args, "-a")
        )
    except argparse.ArgumentTypeError as error:
        parser.error(str(error))
    if reserved := sorted(_RESERVED_ARGS & set(spec.args)):
        parser.error(f"-a cannot set {', '.join(reserved)}: scrapyd reserves these names")
    logging.basicConfig(
        level=options.log_level, stream=sys.stderr, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s"
    )
    client = ScrapydClient(options.url, credentials_from_env())
    try:
        if options.once:
            tick(client, spec)
        else:
            logger.info("scheduling %s/%s every %.0f s on %s", spec.project, spec.spider, options.every, client.url)
            run_every(client, spec, options.every)
    except ScrapydError as error:
        logger.error("%s", error)
        return 1
    except KeyboardInterrupt:
        logger.info("stopped")
    return 0
