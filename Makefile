# Kennisplatform. `make` lists the targets.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per core; WORKERS=0 runs the tests in one process.
WORKERS ?= auto
# `make test COVERAGE=` runs the suite without measuring coverage (CI's PostgreSQL run).
COVERAGE ?= --cov --cov-fail-under=90
# The axe-core release the browser tests check pages with (deploy/browser fetches it into var/),
# and its npm integrity (`npm view axe-core@<version> dist.integrity`).
AXE_VERSION ?= 4.14.1
AXE_INTEGRITY ?= sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
# `make requirements UPGRADE="wagtail django"` upgrades those packages' pins; UPGRADE=all, every pin.
UPGRADE ?=
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-find-links --no-emit-index-url \
	$(if $(filter all,$(UPGRADE)),--upgrade,$(addprefix --upgrade-package ,$(UPGRADE)))

.DEFAULT_GOAL := help
.PHONY: help run setup test test-search browser screenshots fuzz lint check format requirements services services-stop \
	bench bench-100k

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

run: setup ## Set up everything and serve the site with demo content at http://127.0.0.1:8000/ (PORT=8301 for another port)
	PORT=$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.runtime ## Install, migrate, load the demo content and make sure the admin account exists
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_admin

test: $(VENV)/.dev browser ## Run the test suite with coverage, in parallel (on DATABASE_URL when set, else SQLite)
	$(PY) -m pytest -n $(WORKERS) $(COVERAGE)

test-search: $(VENV)/.dev ## Run the search tests only (on ELASTICSEARCH_URL's cluster when set)
	$(PY) -m pytest -n $(WORKERS) tests/search

browser: ## Install Debian's Chromium (as root) and fetch axe-core for the browser tests (tests/browser/)
	deploy/browser $(AXE_VERSION) $(AXE_INTEGRITY)

screenshots: $(VENV)/.dev browser ## Photograph the main pages with the demo content into docs/screenshots/
	$(PY) -m tests.browser.screenshots

fuzz: $(VENV)/.dev ## Run the property tests long and random (FUZZ_EXAMPLES per test, default 2000)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -m hypothesis tests

bench: $(VENV)/.dev ## Page CPU, cached-page throughput and import benchmarks (~10 min; installs valgrind and wrk as root; docs/benchmarks.md)
	deploy/services tools
	$(PY) -m bench.page_instructions
	$(PY) -m bench.throughput 5
	$(PY) bench/import_10k.py 10000

bench-100k: $(VENV)/.dev ## Build 100,000 pages in DATABASE_URL's empty PostgreSQL database and measure them
	$(PY) -m bench.generate_site
	$(PY) -m bench.site_100k index
	$(PY) -m bench.site_100k pages search admin

services: ## Install and start PostgreSQL, Redis, OpenSearch and Varnish on 127.0.0.1 (root; docs/development.md)
	deploy/services start

services-stop: ## Stop the services that `make services` started
	deploy/services stop

lint: $(VENV)/.dev ## Check code style with ruff, and that every template and stylesheet parses
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check_templates
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check_css

check: $(VENV)/.dev ## Django system checks and a check that migrations are up to date
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.dev ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

requirements: $(VENV)/.dev ## Recompile requirements*.txt from requirements*.in
	$(PIP_COMPILE) requirements.in
	$(PIP_COMPILE) requirements-dev.in

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@
