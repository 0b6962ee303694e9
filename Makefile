# Two commands for a fresh clone:
#   make run    install the runtime only, then build and publish the warehouse from the bundled sample
#   make test   install the runtime and the dev/Spark tools, then run every check CI runs
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
RUN_LOCK := requirements/run.lock
DEV_LOCK := requirements/dev.lock

.PHONY: setup setup-run system-deps docs-deps run test test-fast dbt-build semantic-layer lint conventions pytest pytest-fast docs clean

# The runtime: the command, dbt-core, dbt-duckdb, DuckDB and what they need (requirements/run.lock).
setup-run: $(VENV)/.run-installed

# Everything `make test` needs on top: pytest, sqlfluff, dbt-score, selenium, pyspark, ... (requirements/dev.lock).
setup: $(VENV)/.dev-installed

$(VENV)/.run-installed: pyproject.toml $(RUN_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --no-input --progress-bar on -r $(RUN_LOCK)
	$(BIN)/pip install --no-input --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.run-installed $(DEV_LOCK)
	$(BIN)/pip install --no-input --progress-bar on -r $(DEV_LOCK)
	touch $@

# Then dbt parse writes target/semantic_manifest.json, which mf query reads (README "Ask a new
# question"); parsing opens no warehouse.
run: setup-run
	$(BIN)/movies-pipeline
	$(BIN)/dbt parse --quiet --profiles-dir . --project-dir .

test: setup system-deps dbt-build semantic-layer lint conventions pytest

# The tier to run before every change (about 2.5 minutes on 2 cores): dbt build of the sample
# (its unit and data tests), mf validate-configs on it, sqlfluff, conventions, and the pytest
# tests that are not slow, spark or browser (markers in pyproject.toml, tests/python/tiers.py).
test-fast: setup dbt-build semantic-layer lint conventions pytest-fast

# Headless Chromium and its driver, for the browser tests of the report and the docs site
# (Debian's packages, installed with apt as root only when missing).
system-deps:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
		echo "chromium and chromedriver are installed"; \
	else \
		echo "installing Debian's chromium and chromium-driver with apt-get (needs root)"; \
		apt-get update && apt-get install -y -o DPkg::Lock::Timeout=600 chromium chromium-driver; \
	fi

# Graphviz's dot, to draw the star schema for the docs (Debian's package, installed only when missing).
docs-deps:
	@if command -v dot >/dev/null; then \
		echo "graphviz is installed"; \
	else \
		echo "installing Debian's graphviz with apt-get (needs root)"; \
		apt-get update && apt-get install -y -o DPkg::Lock::Timeout=600 graphviz; \
	fi

# dbt build on the sample into a throwaway warehouse, so tests never touch the published one.
dbt-build: setup
	mkdir -p target/ci
	MOVIES_WAREHOUSE_PATH=target/ci/movies.duckdb $(BIN)/dbt build --profiles-dir . --project-dir .

# MetricFlow's checks of the semantic models and metrics (docs/semantic_layer.md), against the
# warehouse dbt-build made: mf reads target/semantic_manifest.json, which dbt-build writes (on a
# fresh clone, run dbt parse or dbt build first), and the connection profiles.yml names.
semantic-layer: dbt-build
	MOVIES_WAREHOUSE_PATH=target/ci/movies.duckdb DBT_PROFILES_DIR=. DBT_PROJECT_DIR=. $(BIN)/mf validate-configs

# sqlfluff's dbt templater compiles the project, which opens the warehouse file. It lints what
# dbt compiles (models, analyses, data tests); macros are left out (.sqlfluffignore).
lint: setup
	mkdir -p target/ci
	MOVIES_WAREHOUSE_PATH=target/ci/lint.duckdb $(BIN)/sqlfluff lint models analyses tests/dbt

conventions: setup
	VENV=$(VENV) scripts/check_conventions.sh

# Every test, on two pytest-xdist workers (the machine's two cores). `--dist loadgroup` with
# the groups tests/python/tiers.py gives: the readers of one folder's shared build run on one
# worker (each build made once), every other file on one worker (its module fixtures built
# once), the groups of the longest tiers dealt out first (--no-loadscope-reorder keeps the order
# tiers.py gives). --durations lists the slowest tests, the critical path of the two workers.
pytest: setup
	$(BIN)/pytest -n 2 --dist loadgroup --no-loadscope-reorder --durations=25

pytest-fast: setup
	$(BIN)/pytest -m "not slow and not spark and not browser"

# The docs site as one file (target/static_index.html, opens from file://) of the published
# warehouse (make run first), and the star schema picture it and the README show
# (docs/images/erd.svg), drawn from the manifest before dbt copies it into target/.
docs: setup-run docs-deps
	$(BIN)/dbt parse --profiles-dir . --project-dir .
	$(BIN)/python scripts/draw_erd.py target/manifest.json docs/images/erd.svg
	$(BIN)/python scripts/document_data_tests.py target/manifest.json
	$(BIN)/python scripts/document_hourly_scopes.py target/manifest.json
	$(BIN)/dbt docs generate --static --profiles-dir . --project-dir .

clean:
	rm -rf target logs warehouse output
