# Two commands for a fresh clone:
#   make run    set up, then build and publish the warehouse from the bundled sample
#   make test   set up, then run every check CI runs
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup run test dbt-build lint pytest docs clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

run: setup
	$(BIN)/movies-pipeline

test: setup dbt-build lint pytest

# dbt build on the sample into a throwaway warehouse, so tests never touch the published one.
dbt-build: setup
	mkdir -p target/ci
	MOVIES_WAREHOUSE_PATH=target/ci/movies.duckdb $(BIN)/dbt build --profiles-dir . --project-dir .

lint: setup
	$(BIN)/sqlfluff lint models analyses macros tests/dbt

pytest: setup
	$(BIN)/pytest

docs: setup
	$(BIN)/dbt docs generate --profiles-dir . --project-dir .

clean:
	rm -rf target logs warehouse output
