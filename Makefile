# Two entry points for people (see README): `make demo` and `make test`.
# Both create the virtual environment .venv on first use; only python3 (3.11+) is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint docs site

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/govinfo demo

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# The generated pages, from the template declaration.
docs: $(BIN)/.installed
	$(BIN)/python -m govinfo._datadict > docs/data-dictionary.md

# The documentation site with its API reference; --strict: a broken reference fails.
site: $(BIN)/.installed
	$(BIN)/mkdocs build --strict
