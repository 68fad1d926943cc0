"""Small builders shared by tests (fakes and fixtures, never mocks)."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from app.advisor.engine.eligibility import Assessment, assess
from app.advisor.engine.purchases import Purchase, client_items
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.models import Catalogue
from app.cli import main
from app.components.llm_endpoint import forget_endpoints
from app.container import Container
from app.settings import Settings
from app.text.normalize import normalize
from bench.aipack_server import aipack_serve
from bench.child import free_port
from tests.fake_llm_server import FakeLLMServer

MINI_KNOWLEDGE = Path(__file__).parent / "data" / "mini_knowledge"

# The top-level keys of the advice JSON contract, shared by `aipack ask --json` and the API.
CONTRACT_KEYS = {
    "id",
    "answer",
    "language",
    "intent",
    "mode",
    "profile",
    "clarifying_questions",
    "solutions",
    "funding",
    "citations",
    "timings_ms",
}


def mini_container(tmp_path: Path) -> Container:
    """A container over a private copy of the tiny knowledge base (embeds in about a second)."""
    knowledge = tmp_path / "knowledge"
    if not knowledge.exists():
        shutil.copytree(MINI_KNOWLEDGE, knowledge)
    settings = Settings(paths={"knowledge_dir": knowledge, "data_dir": tmp_path / "data"})
    return Container(settings)


@contextmanager
def fresh_fake_llm() -> Iterator[FakeLLMServer]:
    """A started FakeLLMServer the app knows nothing about: what one fake taught the endpoint cache
    (keyed by URL) must not carry over to the next fake on a reused port."""
    forget_endpoints()
    with FakeLLMServer() as fake:
        yield fake
    forget_endpoints()


@contextmanager
def serving(container: Container, **config_options: Any) -> Iterator[str]:
    """uvicorn in a background thread on a free loopback port; yields the base URL.

    `config_options` override `uvicorn.Config` (e.g. `log_config=None` to keep the host's logging).
    """
    import uvicorn  # here, so that tests which only need the builders above never import the API

    from app.api.app import create_app

    port = free_port()
    options: dict[str, Any] = {"log_level": "warning", **config_options}
    config = uvicorn.Config(create_app(container), host="127.0.0.1", port=port, **options)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serving_process(
    env: dict[str, str], launch: Callable[[list[str]], list[str]] = list, **popen: Any
) -> Iterator[str]:
    """The real `aipack serve` in a child process on a free loopback port; yields the base URL.

    For what a server thread cannot show: a process with its own rights, environment and start-up
    (`launch` wraps the command line, e.g. tests/store_faults.bound_by_permissions). Ready when
    /healthz answers at all: some tests start it over a data dir it must report as unhealthy.
    """
    with aipack_serve(env, launch=launch, healthy=False, **popen) as served:
        yield served.url


def named_purchases(message: str) -> list[Purchase]:
    """The contracts a message names, as the advisor reads them: extraction's reader, then the engine's items."""
    return client_items(stated_purchases(normalize(message)))


def judged(
    catalogue: Catalogue, program_id: str, profile: CompanyProfile, message: str, today: date
) -> Assessment:
    """A program's verdict for this company on this message: its purchases and its words, as the advisor reads them."""
    program = catalogue.program(program_id)
    assert program is not None
    return assess(program, profile, today, named_purchases(message), normalize(message))


def conversation_fixture(today: str) -> Any:
    """A `converse` fixture: one conversation through `aipack ask --batch` on the shared index, with the advisor's
    date pinned to `today` (verdicts use the real date otherwise); it returns the replies in order."""

    @pytest.fixture
    def converse(shared_container, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
        monkeypatch.setenv("AIPACK_ADVISOR__TODAY", today)

        def run(*messages: str) -> list[dict[str, Any]]:
            return batch_conversation(tmp_path, *messages)

        return run

    return converse


def batch_conversation(tmp_path: Path, *messages: str) -> list[dict[str, Any]]:
    """One conversation through `aipack ask --batch --json` (the real entry point): the replies in order."""
    batch = tmp_path / "conversation.jsonl"
    lines = [{"id": n, "session": "owner", "message": m} for n, m in enumerate(messages)]
    batch.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ask", "--batch", str(batch), "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
