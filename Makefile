# careerkit: `make lab` opens the workshop, `make test` runs every test. Both set up what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab test setup assets build bench lint clean regen notebooks mutate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency pins change (a stamp file keeps the second run fast).
$(VENV)/.stamp-deps: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.stamp-deps node_modules/.stamp

assets: node_modules/.stamp

# careerkit lab: the kit's Jupyter configuration (no answers saved into notebooks/, no news pop-up);
# as root (most containers) it adds --allow-root and says so.
lab: setup
	$(BIN)/careerkit lab 00_welcome -- $(LAB_ARGS)

# Two workers (pytest-xdist), each test file on one of them: its module-scoped lab or hub is started once.
TEST_WORKERS ?= 2
test: setup
	PYTHONWARNINGS='ignore:Field:UserWarning' $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests tools benchmarks

build: setup
	$(BIN)/careerkit build

bench: setup
	$(BIN)/python benchmarks/run.py

# Re-run the notebooks with the demo participant and store their expected outputs for the notebook tests.
regen: setup
	$(BIN)/python -m pytest tests/test_notebooks.py --regen-notebooks

# The notebooks' source is MyST text: write each .ipynb from its .md (notebooks/NN_name.md, workshop/room.md
# and dashboard.md), keeping cell ids; then run `make regen`. .md -> .ipynb only: never the other way.
notebooks: setup
	$(BIN)/python tools/sync_notebooks.py

clean:
	rm -rf build .pytest_cache

# Mutation testing of the domain modules and the workbook (not part of `make test`; CPU heavy, one worker).
mutate: setup
	nice -n 19 $(BIN)/python tools/mutate.py --by-module
