# Two commands: `make run` starts the whole thing locally, `make test` runs every test.
# A fresh machine needs Python >= 3.12 and Node; everything else is installed here.

SHELL := /bin/bash
# The first Python >= 3.12 found: on PATH, then in pyenv (these machines default to 3.11).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $(HOME)/.pyenv/versions/3.13*/bin/python3 $(HOME)/.pyenv/versions/3.12*/bin/python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
RELEASE := chalicelib/content/release.json
SITE := static_site/dist/index.html
# Pix Certif's birthplace table, from the official lists in two pinned packages (certifbuild/birthplaces.py);
# committed, and rebuilt to the same bytes here.
BIRTHPLACES := chalicelib/certif/birthplaces.json.gz

.PHONY: run test test-fast content links site birthplaces package lint bench load clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Python >= 3.12 is required (none found on PATH or in pyenv)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(SITE): $(VENV)/.installed node_modules/.installed $(shell find static_site/templates static_site/assets static_site/i18n static_site/build.py -type f)
	$(PY) static_site/build.py

site: $(SITE)

$(RELEASE): $(VENV)/.installed $(shell find content contentbuild chalicelib/content chalicelib/engine/checking.py -type f -not -name '*.json' -not -path '*/__pycache__/*' 2>/dev/null)
	$(PY) -m contentbuild.build --strict

content: $(RELEASE)

# Every tutorial URL, link and attachment of the content (needs a connection; offline: "not checked").
links: $(RELEASE)
	$(PY) -m contentbuild.links

$(BIRTHPLACES): $(VENV)/.installed node_modules/.installed certifbuild/birthplaces.py
	$(PY) -m certifbuild.birthplaces

birthplaces: $(BIRTHPLACES)

run: $(VENV)/.installed $(SITE) $(RELEASE) $(BIRTHPLACES)
	$(PY) -m local.stack

test: $(VENV)/.installed $(SITE) $(RELEASE) $(BIRTHPLACES)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint static_site/assets/js
	# Use cases, stores and the template on both cores; then the end-to-end tests on both cores too, in a run of
	# their own: its workers share one local stack (tests/e2e/conftest.py), and Playwright's event loop stays
	# out of the other tests' processes.
	$(PY) -m pytest -n 2 tests/unit tests/integration tests/infra
	$(PY) -m pytest -n 2 --dist loadfile tests/e2e

test-fast: $(VENV)/.installed
	$(PY) -m pytest tests/unit

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint static_site/assets/js

# `chalice package` needs a region though the template names none (CloudFormation fills in AWS::Region):
# the one the environment gives, else Paris, so that a machine without AWS configuration packages too.
PACKAGE_REGION ?= $(or $(AWS_DEFAULT_REGION),$(AWS_REGION),eu-west-3)
PACKAGED ?= packaged

package: $(VENV)/.installed $(RELEASE) $(BIRTHPLACES)
	rm -rf $(PACKAGED)
	find chalicelib -name __pycache__ -type d -prune -exec rm -rf {} +  # chalice ships chalicelib whole (and imports it: no bytecode written)
	AWS_DEFAULT_REGION=$(PACKAGE_REGION) PYTHONDONTWRITEBYTECODE=1 $(VENV)/bin/chalice package --stage prod --pkg-format cloudformation \
		--template-format yaml --merge-template infra/resources.yaml $(PACKAGED)/
	$(VENV)/bin/cfn-lint $(PACKAGED)/sam.yaml infra/waf.yaml

$(VENV)/.bench-installed: $(VENV)/.installed requirements-bench.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

bench: $(VENV)/.bench-installed $(RELEASE)
	$(PY) -m bench.measurement
	$(PY) -m bench.requests
	$(PY) -m bench.certification
	@echo "Load (a local stack and simulated learners, several minutes): make load [LEARNERS=200]"

# N learners take whole evaluations at once on a local stack it starts (docs/capacity.md); not in `make bench`:
# 50 learners take about 2 minutes, 200 about 10 on two cores.
LEARNERS ?= 50
load: $(VENV)/.bench-installed $(RELEASE) $(SITE)
	$(PY) -m bench.load --learners $(LEARNERS)

clean:
	rm -rf $(VENV) node_modules static_site/dist build packaged $(RELEASE)
