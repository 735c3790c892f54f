# SMM Workbook: the two commands are `make lab` and `make test`.
# Everything else here is for maintainers.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PORT ?= 8888
SITE := build/site

.PHONY: help setup lab test lint unit notebooks browser site clean-notebooks generate bench

help:
	@echo "make lab    - set up (first time only) and open the course in JupyterLab"
	@echo "make test   - set up (first time only) and run the whole test suite"
	@echo "make site   - build the course website in $(SITE)/_build/html (offline)"
	@echo "make clean-notebooks | generate | bench   (maintainers)"

$(VENV)/.installed: pyproject.toml scripts/setup-env.sh scripts/lab-overrides.json scripts/jupyter_server_config.json
	@bash scripts/setup-env.sh

setup: $(VENV)/.installed

# root_dir: serve the whole repository (exercises/, solutions/), not just the
# folder of the opened file, which is jupyter's default.
lab: setup
	$(BIN)/jupyter lab --port=$(PORT) $(ROOT_FLAG) --ServerApp.root_dir=. chapters/00_start_here.ipynb

# The whole suite: lint, unit tests and doctests, every notebook executed
# (nbval, two workers, one notebook per worker), the website build (warnings
# are errors), then the browser suite (JupyterLab and the built site).
test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax --nbval-cell-timeout=300 --doctest-modules \
		smmlib tests chapters exercises solutions --ignore=tests/browser
	$(MAKE) --no-print-directory site
	$(BIN)/python -m pytest tests/browser

# The course website: sources staged in $(SITE)/src (never in tracked files),
# chapters executed once with a cache ($(SITE)/jupyter_cache), warnings are errors.
$(VENV)/.site-installed: pyproject.toml $(VENV)/.installed
	@if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev,site]'; \
	else $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,site]'; fi
	@touch $@

site: setup $(VENV)/.site-installed
	$(BIN)/python -m smmlib.site stage $(SITE)
	IPYTHONDIR=$(abspath $(SITE))/ipython $(BIN)/jupyter-book build $(SITE)/src --path-output $(SITE) \
		--builder html -W -n --keep-going
	$(BIN)/python -m smmlib.site finish $(SITE)
	@echo "site: open $(SITE)/_build/html/index.html"

lint: setup
	$(BIN)/ruff check .

unit: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile --doctest-modules smmlib tests --ignore=tests/browser

notebooks: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax --nbval-cell-timeout=300 chapters exercises solutions

browser: setup
	$(BIN)/python -m pytest tests/browser

clean-notebooks: setup
	$(BIN)/smm clean

generate: setup
	$(BIN)/smm generate

bench: setup
	$(BIN)/python bench/run.py
