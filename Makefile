# ospa.social: `make start` serves the demo intranet, `make test` runs the suite.
# Every install step lives here: CI starts from a clean clone.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --disable-pip-version-check -q -c constraints.txt
HOST ?= 127.0.0.1
PORT ?= 8080
INSTANCE := instance
ZCONF := $(INSTANCE)/etc/zope.conf
PO_FILES := $(wildcard src/ospa/social/locales/*/LC_MESSAGES/ospa.social.po)
MO_FILES := $(PO_FILES:.po=.mo)
CHROMIUM := /usr/bin/chromium
PYTEST_ARGS ?=

.PHONY: help start install install-test instance site serve test test-only test-quick lint format \
        i18n compile-mo pins chromium bench buildout-smoke ci clean distclean

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

# --- install ---------------------------------------------------------------

$(BIN)/python:
	@echo "==> Creating the virtualenv $(VENV) ($(PYTHON))"
	@$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	@echo "==> Installing ospa.social and pinned Plone 6.2 into $(VENV)"
	@$(PIP) pip setuptools wheel
	@$(PIP) --no-build-isolation -e . Plone
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	@echo "==> Installing test tools (pytest, pytest-plone, Playwright, ruff, i18ndude)"
	@$(PIP) --no-build-isolation -e '.[test]'
	@touch $@

$(VENV)/.installed-scale: $(VENV)/.installed
	@echo "==> Installing RelStorage (psycopg2-binary) and ZEO"
	@$(PIP) --no-build-isolation -e '.[relstorage,zeo]'
	@touch $@

$(VENV)/.installed-buildout: $(VENV)/.installed
	@echo "==> Installing zc.buildout and plone.recipe.zope2instance"
	@$(PIP) zc.buildout plone.recipe.zope2instance
	@touch $@

install: $(VENV)/.installed $(MO_FILES)  ## Create .venv with pinned versions

install-test: $(VENV)/.installed-test $(MO_FILES)

%.mo: %.po $(VENV)/.installed
	@$(BIN)/python scripts/compile_mo.py $<

compile-mo: $(MO_FILES)  ## Compile the .po catalogues

pins: $(VENV)/.installed  ## Regenerate versions.cfg from constraints.txt
	@$(BIN)/python scripts/pins.py

# --- run -------------------------------------------------------------------

instance: install  ## Write instance/etc/zope.conf and zope.ini
	@echo "==> Writing the Zope instance configuration"
	@$(BIN)/python scripts/instance.py --dir $(INSTANCE) --host $(HOST) --port $(PORT)

site: instance  ## Create (or reuse) the site Plone with ospa.social and demo content
	@echo "==> Creating or updating the Plone site with ospa.social and demo content"
	@$(BIN)/zconsole run $(ZCONF) scripts/create_site.py

serve:  ## Serve the instance (no install steps)
	@echo "==> Serving http://localhost:$(PORT)/Plone (admin / admin); Ctrl+C stops"
	@$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

start: site serve  ## Install, create the demo site and serve it on :8080

# Several instances on one database; INSTANCES ports from PORT on. The DSN
# comes from OSPA_RELSTORAGE_DSN (default: database ospa on the local
# PostgreSQL), the ZEO server address from OSPA_ZEO_ADDRESS (127.0.0.1:8100).
INSTANCES ?= 2

.PHONY: start-relstorage start-zeo
start-relstorage: install $(VENV)/.installed-scale  ## Two instances on RelStorage/PostgreSQL (:8080, :8081)
	@echo "==> RelStorage: $(INSTANCES) instances from port $(PORT); data in PostgreSQL"
	@$(BIN)/python scripts/cluster.py --storage relstorage --instances $(INSTANCES) --port $(PORT)

start-zeo: install $(VENV)/.installed-scale  ## A ZEO server and two client instances (:8080, :8081)
	@echo "==> ZEO: a server and $(INSTANCES) instances from port $(PORT); data in var-zeo/"
	@$(BIN)/python scripts/cluster.py --storage zeo --instances $(INSTANCES) --port $(PORT)

# --- test ------------------------------------------------------------------

chromium:  ## Install Debian's Chromium for the browser tests if missing
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "==> Installing Chromium (apt)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  ( $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null ) \
	    || { echo "Chromium could not be installed"; [ "$$CI" != true ]; }; \
	fi

# The whole suite runs on every core (pytest-xdist): one test file stays on
# one worker, in order, and each worker keeps its own session layers.
TEST_WORKERS ?= auto

test: install-test chromium  ## Install what tests need and run the whole suite
	@echo "==> Running the test suite ($(TEST_WORKERS) workers)"
	@$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

test-quick: install-test  ## The suite without the tests marked slow (browser, sweeps, scale-out)
	@$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

lint: install-test  ## ruff check + format check
	@echo "==> Lint (ruff)"
	@$(BIN)/ruff check src tests scripts benchmarks
	@$(BIN)/ruff format --check src tests scripts benchmarks

format: install-test  ## Format the code with ruff
	@$(BIN)/ruff check --fix src tests scripts benchmarks
	@$(BIN)/ruff format src tests scripts benchmarks

i18n: install-test  ## Extract messages and sync the de/en catalogues
	@$(BIN)/i18ndude rebuild-pot --pot src/ospa/social/locales/ospa.social.pot \
	  --create ospa.social src/ospa/social
	@$(BIN)/i18ndude sync --pot src/ospa/social/locales/ospa.social.pot $(PO_FILES)
	@$(MAKE) --no-print-directory compile-mo

bench: install-test  ## Run the benchmarks; results go to benchmarks/results/
	@echo "==> Benchmarks"
	@cd benchmarks && ../$(BIN)/pytest -c pytest.ini -s -q

.PHONY: bench-dataset bench-stream bench-scale bench-cluster
bench-dataset: install  ## Build the stream datasets (1k, 5k, 10k; 100k extends 5k) in benchmarks/var/
	@echo "==> Datasets: benchmarks/var/stream-1k, stream-10k, stream-5k, then stream-100k (reused when built)"
	@$(BIN)/python benchmarks/dataset.py --name stream-1k --posts 1000 \
	  --communities 50 --pages 1000 --member-of 10
	@$(BIN)/python benchmarks/dataset.py --name stream-10k --posts 10000 \
	  --communities 50 --pages 10000 --member-of 10
	@$(BIN)/python benchmarks/dataset.py --name stream-5k --posts 5000 \
	  --communities 50 --pages 1000 --member-of 10
	@$(BIN)/python benchmarks/dataset.py --name stream-100k --posts 100000 \
	  --extend stream-5k

bench-stream: bench-dataset  ## The stream and post creation at 10k and 100k posts
	@echo "==> Stream benchmark; results go to benchmarks/results/stream.json"
	@$(BIN)/python benchmarks/bench_stream.py $(BENCH_ARGS)

bench-scale: bench-dataset $(VENV)/.installed-test  ## Stream latency at 1k/10k/100k posts (chart) and an instance's memory
	@$(BIN)/pip install --disable-pip-version-check -q -c constraints.txt matplotlib
	@cd benchmarks && ../$(BIN)/python bench_scale.py $(BENCH_ARGS)

bench-cluster: $(VENV)/.installed-test  ## Social actions and throughput on FileStorage, RelStorage, ZEO
	@cd benchmarks && ../$(BIN)/python bench_cluster.py $(BENCH_ARGS)

buildout-smoke: install $(VENV)/.installed-buildout  ## Build with buildout, start the instance, GET the site, stop
	@scripts/buildout_smoke.sh

ci: lint test buildout-smoke  ## What .ci/run does

clean:  ## Remove build artefacts (keeps the data in var/)
	rm -rf $(INSTANCE) .pytest_cache .ruff_cache $(MO_FILES)
	find src tests -name __pycache__ -prune -exec rm -rf {} +

distclean: clean  ## Remove everything, the demo data included
	rm -rf $(VENV) var var-relstorage var-zeo bin eggs develop-eggs parts .installed.cfg
