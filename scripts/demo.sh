#!/usr/bin/env bash
# The main job: set up, start the bundled replica, crawl it end to end (offline), print a summary.
# Extra arguments go to scripts/demo.py (e.g. --articles 2000 --seed 7).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m scripts.demo "$@"
