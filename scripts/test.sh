#!/usr/bin/env bash
# The whole test suite: set up, lint, type-check, then pytest (system tests included).
# Extra arguments go to pytest (e.g. -m "not system" for the fast part only).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check mayadeen_crawler tests scripts benchmarks
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
