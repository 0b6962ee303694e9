# Two commands for a fresh clone:
#   make run    set up, then build and publish the warehouse from the bundled sample
#   make test   set up, then run every check CI runs
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup system-deps run test dbt-build lint conventions pytest docs clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

run: setup
	$(BIN)/movies-pipeline

test: setup system-deps dbt-build lint conventions pytest

# Headless Chromium and its driver, for the browser tests of the report and the docs site
# (Debian's packages; installed only when missing).
system-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }

# dbt build on the sample into a throwaway warehouse, so tests never touch the published one.
dbt-build: setup
	mkdir -p target/ci
	MOVIES_WAREHOUSE_PATH=target/ci/movies.duckdb $(BIN)/dbt build --profiles-dir . --project-dir .

# sqlfluff's dbt templater compiles the project, which opens the warehouse file.
lint: setup
	mkdir -p target/ci
	MOVIES_WAREHOUSE_PATH=target/ci/lint.duckdb $(BIN)/sqlfluff lint models analyses macros tests/dbt

conventions: setup
	VENV=$(VENV) scripts/check_conventions.sh

pytest: setup
	$(BIN)/pytest

docs: setup
	$(BIN)/dbt docs generate --profiles-dir . --project-dir .

clean:
	rm -rf target logs warehouse output
