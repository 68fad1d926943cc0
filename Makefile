# Two entry points: `make run` (the app) and `make test` (lint, types, tests).
# Both create .venv and install the pinned project on first use.
PYTHON ?= python3
PORT ?= 8501
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export ANONYMIZED_TELEMETRY := False
export TIKTOKEN_CACHE_DIR :=
export LANGSMITH_TRACING := false
export STREAMLIT_BROWSER_GATHER_USAGE_STATS := false
export HF_HUB_OFFLINE := 1

.PHONY: run port-free test lint typecheck pytest ingest bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The port is checked first: the install and index build take minutes on a fresh clone.
run: port-free $(STAMP)
	$(BIN)/aipack ingest
	@echo "aipack is starting on http://localhost:$(PORT)  (stop it with Ctrl+C)"
	$(BIN)/streamlit run app/ui/streamlit_app.py --server.headless true --server.address 127.0.0.1 \
	  --server.port $(PORT) --browser.gatherUsageStats false

port-free:
	@$(PYTHON) -c "import socket, sys; sys.exit(socket.socket().connect_ex(('127.0.0.1', $(PORT))) == 0)" || { \
	  echo "Port $(PORT) is already in use (is aipack already running in another terminal?)."; \
	  echo "Stop that program, or start on another port:  make run PORT=$$(($(PORT) + 1))"; exit 1; }

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
