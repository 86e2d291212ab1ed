# netrack developer tasks. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-dates lint format bench screenshots clean install-run install-test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "netrack needs Python 3.11 or newer (set PYTHON=python3.x)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# pip runs only when pyproject.toml's text changed since the last install (see the script).
install-run: | $(BIN)/python
	@$(BIN)/python scripts/venv_install.py run

install-test: | $(BIN)/python
	@$(BIN)/python scripts/venv_install.py test

run: install-run
	$(BIN)/netrack

test: install-test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2 --durations=15

# The suite with the clock moved to awkward dates, then with both cores busy (slow).
test-dates: install-test
	scripts/test-at-dates.sh

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	$(BIN)/python benchmarks/bench.py

screenshots: install-test
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
