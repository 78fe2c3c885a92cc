# ExportDesk: `make run` serves the app, `make test` passes the suite. Both set up everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export EXPORTDESK_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test lint bench format clean venv dev messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed
dev: $(VENV)/.dev-installed

run: venv
	$(BIN)/exportdesk migrate --no-input -v 0
	$(BIN)/exportdesk demo --if-empty
	$(BIN)/exportdesk serve

test: dev
	EXPORTDESK_DATA_DIR=$(CURDIR)/var/test $(BIN)/pytest

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: dev
	$(BIN)/python -m bench

messages: dev
	cd src/exportdesk && ../../$(BIN)/exportdesk makemessages -l ko --no-obsolete
	$(BIN)/python -m exportdesk.i18n_compile

clean:
	rm -rf $(VENV) var/test
