# `make help` lists the targets. `make lab` and `make test` set up .venv first when needed.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install lab app hub test demo bench lint format check clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV) (the first time takes a minute; log in $(VENV)/install.log)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 \
	  && $(BIN)/python -m pip install --editable ".[all,dev]" >> $(VENV)/install.log 2>&1 \
	  || { tail -n 30 $(VENV)/install.log; echo "Set-up failed: see $(VENV)/install.log"; exit 1; }
	@# Outputs of notebooks (a client's data) are stripped whenever a notebook is committed.
	@if git rev-parse --git-dir > /dev/null 2>&1; then $(BIN)/nbstripout --install; fi
	@touch $(STAMP)

install: $(STAMP) ## set up the local environment in .venv (once; again when pyproject.toml changes)

# Jupyter refuses to run as root unless told; containers often run as root.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# The workbook's own JupyterLab defaults (no news pop-up): see jupyter/README.md.
LAB_SETTINGS := --LabApp.app_settings_dir=$(CURDIR)/jupyter/lab-settings

lab: install ## open the workbook in JupyterLab (on 127.0.0.1, with a token)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(LAB_SETTINGS) $(AS_ROOT)

test: install ## run every test: units, doctests, notebooks (nbval), lint
	MPLBACKEND=Agg $(BIN)/python -m pytest

# A kernel whose page was closed without a goodbye is shut down after 10 idle minutes.
CULL := --MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60 \
  --MappingKernelManager.cull_connected=False

# The app's own page (app/share/jupyter/voila/templates/upperback-app): Voila's, without
# its links to a CDN, so the page loads nothing from the internet.
APP_PAGE := JUPYTER_PATH=$(CURDIR)/app/share/jupyter

app: install ## serve the client app (no code on the page) with Voila on 127.0.0.1, with a token
	$(APP_PAGE) $(BIN)/voila app/my-back.ipynb --template=upperback-app --Voila.ip=127.0.0.1 \
	  --port=8866 --token --no-browser $(CULL)

hub: install ## a trial JupyterHub on 127.0.0.1: a coach, two clients, a private log (root)
	$(BIN)/python hub/trial.py

demo: install ## write the synthetic demo clinic into your session log
	$(BIN)/upperback demo

bench: install ## run the benchmarks in bench/; each prints one JSON line per figure
	@for script in bench/bench_*.py; do $(BIN)/python $$script || exit 1; done

lint: install ## check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## format the code and strip notebook outputs
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/nbstripout notebooks/*.ipynb

check: lint test ## lint, then every test

clean: ## remove the local environment and build leftovers
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
