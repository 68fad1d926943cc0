# Two entry points: `make run` (the app) and `make test` (lint, types, tests).
# Both create .venv and install the pinned project on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export ANONYMIZED_TELEMETRY := False
export TIKTOKEN_CACHE_DIR :=
export LANGSMITH_TRACING := false
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false
export HF_HUB_OFFLINE := 1

.PHONY: run test lint typecheck pytest ingest bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/aipack ingest
	$(BIN)/streamlit run app/ui/streamlit_app.py --server.headless true --server.address 127.0.0.1 \
	  --server.port 8501 --browser.gatherUsageStats false

ingest: $(STAMP)
	$(BIN)/aipack ingest

lint: $(STAMP)
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench

typecheck: $(STAMP)
	$(BIN)/mypy app

pytest: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf .aipack .mypy_cache .ruff_cache .pytest_cache
