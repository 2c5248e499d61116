# pvenet — the commands a newcomer needs. `make run` and `make test` set everything up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask
export FLASK_APP := pvenet
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test


.PHONY: static security run test test-pg test-browser lint format install install-dev translations \
        translations-update migrate bench load clean help

help:
	@echo "make run    – set up and serve the demo on http://127.0.0.1:5000"
	@echo "make test   – set up and run the whole test suite"
	@echo "make lint   – ruff lint and format check"
	@echo "make bench  – performance benchmark (slow; not part of make test)"
	@echo "make load   – 50 people at once for ~2.5 min on gunicorn + PostgreSQL (not part of make test)"

# The venv is rebuilt only when pyproject.toml changes (stamp files), so a second run is fast.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/uv pip install --python $(BIN)/python -q -e '.[postgres,redis]'
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/uv pip install --python $(BIN)/python -q -e '.[dev,postgres,redis]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# .mo files are build products (git-ignored); rebuilt only when a .po changes.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
translations/%.mo: translations/%.po | $(BIN)/python
	@$(BIN)/pybabel -q compile -i $< -o $@

translations: $(MO_FILES)

# Pre-compressed copies of the static files, served by WhiteNoise (git-ignored).
STATIC_SRC := $(shell find pvenet/static -type f \( -name '*.css' -o -name '*.js' \))
pvenet/static/.compressed: $(STATIC_SRC) | $(VENV)/.installed
	@$(BIN)/python -m whitenoise.compress -q --no-brotli pvenet/static
	@touch $@

static: pvenet/static/.compressed

translations-update: $(VENV)/.installed-dev
	$(FLASK) translate update

run: $(VENV)/.installed translations static
	$(FLASK) db upgrade
	@if $(FLASK) pvenet is-empty; then $(FLASK) pvenet seed-demo; else $(FLASK) pvenet demo-accounts; fi
	@echo "Serving pvenet on http://127.0.0.1:5000 (Ctrl+C to stop)"
	PVENET_SCHEDULER_MODE=process $(FLASK) run --host 127.0.0.1 --port 5000

test: $(VENV)/.installed-dev translations static
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

test-pg: $(VENV)/.installed-dev translations static
	@# The browser journeys serve their own SQLite file, whatever the backend: run once, in `make test`.
	PVENET_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -q --ignore=tests/browser $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# bandit on the code; the dependency audit (scripts/audit_deps.py explains why not pip-audit).
security: $(VENV)/.installed-dev
	$(BIN)/bandit -q -c pyproject.toml -r pvenet
	$(BIN)/python scripts/audit_deps.py

migrate: $(VENV)/.installed-dev
	$(FLASK) db migrate -m "$(m)"

bench: $(VENV)/.installed-dev translations
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# 50 simulated people on gunicorn + PostgreSQL (database pvenet_load); see bench/load.py.
load: $(VENV)/.installed-dev translations static
	$(BIN)/python bench/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
