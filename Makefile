# ExportDesk: `make run` serves the app, `make test` passes the suite. Both set up everything.
#
# Variables: PYTHON (an interpreter >= 3.11; found automatically), VENV (.venv),
# EXPORTDESK_DATA_DIR (./var), SERVE_ARGS (e.g. "--host 0.0.0.0 --port 8080"),
# PYTEST_ARGS (e.g. "-k backup -x").

# The first of these that is Python >= 3.11; lazily evaluated, so only when a venv is made.
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	if command -v $$p >/dev/null 2>&1 && \
	   $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then \
		echo $$p; break; \
	fi; done)
VENV ?= .venv
BIN := $(abspath $(VENV))/bin
export EXPORTDESK_DATA_DIR ?= $(CURDIR)/var
# Tests get their own directory, so a test run never touches the data `make run` serves.
TEST_DATA_DIR ?= $(EXPORTDESK_DATA_DIR)/test
SERVE_ARGS ?=
PYTEST_ARGS ?=

.PHONY: run test lint bench format clean venv dev messages

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "ExportDesk needs Python 3.11 or newer, and none was found" \
		     "(python3 is $$(python3 --version 2>&1 || echo 'not installed'))."; \
		echo "Install python3.11 or newer, or point to one: make PYTHON=/path/to/python3.12 ..."; \
		exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "$(PYTHON) is $$($(PYTHON) --version 2>&1); ExportDesk needs Python 3.11 or newer."; \
		exit 1; }
	@# Debian ships venv without ensurepip unless python3-venv is installed; pip can fill in.
	$(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV) && $(PYTHON) -m venv --without-pip $(VENV) && \
		$(PYTHON) -m pip --python $(BIN)/python install --quiet pip; } || { \
		rm -rf $(VENV); \
		echo "Could not create $(VENV): install pip and venv (Debian: apt-get install python3-venv)."; \
		exit 1; }
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
	$(BIN)/exportdesk serve $(SERVE_ARGS)

test: dev
	mkdir -p $(TEST_DATA_DIR)
	EXPORTDESK_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/pytest $(PYTEST_ARGS)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	@# A model change without its migration would break every fresh install.
	EXPORTDESK_DATA_DIR=$(TEST_DATA_DIR) $(BIN)/exportdesk manage makemigrations --check --dry-run

format: dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: dev
	$(BIN)/python -m bench $(BENCH)

# Extracting strings needs GNU gettext (apt-get install gettext); compiling needs only Babel.
messages: dev
	cd src/exportdesk && $(BIN)/exportdesk makemessages -l ko --no-obsolete
	$(BIN)/python -m exportdesk.i18n_compile

clean:
	rm -rf $(VENV) $(TEST_DATA_DIR)
