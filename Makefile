# The two commands: `make demo` runs the product, `make test` runs every check.
# Both install what they need on a fresh machine (uv venv, npm packages, the front-end build).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOK_STAMP := $(VENV)/.notebooks
JS_STAMP := js/node_modules/.installed
BUNDLE_STAMP := src/kling_studio/static/.built
PORT ?= 8888
CHROMIUM := /usr/bin/chromium
# Every bench script: each file in bench/ that runs as a script (helpers such as measure.py don't).
BENCH_SCRIPTS = $(shell grep -l '^if __name__ == "__main__":' bench/*.py)

.PHONY: demo test lint typecheck pytest js-test notebooks bench build clean emulator

# The front end is built by the targets below (stamped), so the editable install skips the
# wheel's build hook (pyproject.toml) and needs no npm packages yet.
# What running the notebooks needs (the package and JupyterLab); `make test` adds the dev tools.
$(NOTEBOOK_STAMP): pyproject.toml
	command -v uv >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	uv venv --quiet --allow-existing $(VENV)
	SKIP_JUPYTER_BUILDER=1 uv pip install --quiet --python $(BIN)/python -e '.[notebooks]'
	touch $@

$(STAMP): $(NOTEBOOK_STAMP) pyproject.toml
	SKIP_JUPYTER_BUILDER=1 uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $@

$(JS_STAMP): js/package.json js/package-lock.json
	cd js && npm ci --no-fund --no-audit --loglevel=error
	touch $@

# The build first checks that js/src/generated/contract.ts matches the Python contract.
$(BUNDLE_STAMP): $(NOTEBOOK_STAMP) $(JS_STAMP) $(shell find js/src -name '*.ts' -o -name '*.css' 2>/dev/null) js/build.mjs js/contract.mjs src/kling_studio/widgets/contract.py
	cd js && npm run --silent build
	touch $@

build: $(STAMP) $(BUNDLE_STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; no browser download is possible).
$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# The notebooks run from copies in demo/ (git-ignored), made once: what a run writes (outputs,
# videos, sweeps) stays out of the repository. Delete demo/ for fresh copies. The printed URL
# opens the quickstart.
DEMO_DIR := demo
demo: $(NOTEBOOK_STAMP) $(BUNDLE_STAMP)
	mkdir -p $(DEMO_DIR)
	for notebook in notebooks/*.ipynb; do cp -n "$$notebook" $(DEMO_DIR)/; done
	$(BIN)/jupyter lab --ServerApp.port=$(PORT) --allow-root --no-browser \
		--ServerApp.root_dir=$(DEMO_DIR) --LabApp.default_url=/lab/tree/quickstart.ipynb

emulator: build
	$(BIN)/kling-studio emulator --port 8765

lint: $(STAMP) $(JS_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	cd js && npm run --silent lint
	cd js && npm run --silent contract:check

typecheck: $(STAMP) $(JS_STAMP)
	$(BIN)/mypy
	cd js && npm run --silent typecheck

js-test: $(JS_STAMP)
	cd js && npm run --silent test

pytest: build $(CHROMIUM)
	$(BIN)/pytest -q

test: lint typecheck js-test pytest

bench: build $(CHROMIUM)
	set -e; for script in $(BENCH_SCRIPTS); do echo "== $$script"; $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) js/node_modules src/kling_studio/static
