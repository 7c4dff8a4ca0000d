# Benchmarks (issue 6). `make bench` runs them all (about 10 minutes on 2 cores) and writes
# benchmarks/results/*.json and benchmarks/results/benchmarks.png; README "Benchmarks" quotes them.
# Generic extractors live in their own virtualenvs under .bench/venvs (not committed).

PYTHON ?= python3
PY := .venv/bin/python
VENVS := .bench/venvs
EXTRACTORS := trafilatura newspaper4k news-please

.PHONY: bench bench-setup bench-venvs bench-throughput bench-extraction bench-memory \
	bench-incremental bench-others bench-plot

bench: bench-setup bench-venvs bench-throughput bench-extraction bench-memory bench-incremental \
	bench-others bench-plot
	@echo "results: benchmarks/results/*.json, plot: benchmarks/results/benchmarks.png"

bench-setup:
	bash scripts/setup.sh
	$(PY) -m pip install --quiet -r benchmarks/requirements-bench.txt

# One virtualenv per extractor; one that cannot be installed is removed, and the extraction
# benchmark then reports it as not installed.
bench-venvs:
	@mkdir -p $(VENVS)
	@for name in $(EXTRACTORS); do \
		if [ ! -x $(VENVS)/$$name/bin/python ]; then \
			echo "installing $$name into $(VENVS)/$$name"; \
			$(PYTHON) -m venv $(VENVS)/$$name && \
			$(VENVS)/$$name/bin/pip install --quiet -r benchmarks/requirements-$$name.txt \
				> .bench/install-$$name.log 2>&1 || { \
				echo "could not install $$name (see .bench/install-$$name.log)"; rm -rf $(VENVS)/$$name; }; \
		fi; \
	done

bench-throughput:
	$(PY) -m benchmarks.throughput --sizes 2000,20000 --repeat 3,1

bench-extraction:
	$(PY) -m benchmarks.extraction --venvs $(VENVS)

bench-memory:
	$(PY) -m benchmarks.memory --sizes 2000,20000,50000 --reuse benchmarks/results/throughput.json

bench-incremental:
	$(PY) -m benchmarks.incremental --articles 2000

# Benchmarks other issues add (browser, Redis scale-out) run when present.
bench-others:
	@for name in browser redis_scaleout; do \
		if [ -f benchmarks/$$name.py ]; then $(PY) -m benchmarks.$$name || exit 1; fi; \
	done

bench-plot:
	$(PY) -m benchmarks.plot
