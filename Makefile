# One command surface. `make run` serves the API on the local Neo4j with demo data;
# `make test` runs the whole suite against a real Neo4j that it starts and stops itself.
# Both work on a fresh machine with Python 3.11+, Java 17+, Maven and npm.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test fuzz bench lint install schema db-start db-stop db-status clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependencies change; GraphiQL's assets come from the npm registry
# (served by the app itself: congress intranets have no internet).
$(STAMP): pyproject.toml api/graphiql/package-lock.json | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	npm ci --prefix api/graphiql --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP)

# The local ADMIN token is rotated at each start, printed once, and pre-filled in GraphiQL.
run: install
	$(BIN)/thirdlink setup-local
	@TOKEN=$$($(BIN)/thirdlink token ensure-local) && \
	  printf '\nLocal ADMIN token (Authorization: Bearer …):\n  %s\nGraphiQL: http://$(HOST):$(PORT)/graphql\n\n' "$$TOKEN" && \
	  THIRDLINK_GRAPHIQL_TOKEN=$$TOKEN exec $(BIN)/thirdlink serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest

# The nightly-sized run of the generated-operation tests (tests/api/test_hostile.py):
# FUZZ_EXAMPLES operations in all (`make test` sends 2,000).
FUZZ_EXAMPLES ?= 10000
fuzz: install
	THIRDLINK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/api/test_hostile.py -k generated -s

bench: install
	$(BIN)/python -m bench $(BENCH)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

schema: install
	$(BIN)/thirdlink export-schema schema.graphql

db-start: install
	$(BIN)/thirdlink db start
db-stop: install
	$(BIN)/thirdlink db stop
db-status: install
	$(BIN)/thirdlink db status

clean:
	-$(BIN)/thirdlink db stop --instance dev
	-$(BIN)/thirdlink db stop --instance test
	rm -rf $(VENV) api/graphiql/node_modules .pytest_cache .mypy_cache .ruff_cache
