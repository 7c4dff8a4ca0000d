"""Entry point of ``python -m mayadeen_crawler.schedule``."""

from __future__ import annotations

from mayadeen_crawler.schedule.cli import main

raise SystemExit(main())
