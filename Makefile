# The two-command quick start: `make run` and `make test`. Both set up .venv first when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench setup clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newstui content

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

test: $(STAMP)
	$(MAKE) lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/library.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/terminal.py
	$(BIN)/python bench/terminal.py --big
	$(BIN)/python bench/ui.py --big
	$(BIN)/python bench/search.py
	$(BIN)/python bench/pathological.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
