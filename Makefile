# Guardian: every command sets up what is missing first, then does its job.
#   make run          start the app
#   make test         every check and test (ruff, mypy, import contracts, pytest)
#   make screenshots  write docs/screenshots/*.png
#   make bench        benchmarks, printed as JSON
#   make dist         a standalone build for this system (docs/INSTALL.md)
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test check screenshots bench system-run system-test clean dist

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

system-run:
	@scripts/install-system-deps.sh run

system-test:
	@scripts/install-system-deps.sh test

run: system-run $(STAMP)
	$(BIN)/python main.py

check: system-test $(STAMP)
	$(BIN)/ruff check guardian tests scripts packaging main.py
	$(BIN)/mypy
	$(BIN)/lint-imports

test: check
	$(BIN)/pytest

screenshots: system-test $(STAMP)
	$(BIN)/python scripts/screenshots.py docs/screenshots

bench: system-test $(STAMP)
	$(BIN)/python tests/benchmarks/bench.py

# A standalone folder for this system (PyInstaller), checked and packed: docs/INSTALL.md
dist: system-run $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	$(BIN)/python packaging/build.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build
