"""Scale-out: the same ingest, search and ask against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import shutil
import signal
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from app.container import Container
from app.errors import IndexNotReadyError
from app.settings import Settings
from bench.child import answers, free_port, running
from tests.helpers import MINI_KNOWLEDGE

CHROMA = Path(sys.executable).parent / "chroma"
pytestmark = pytest.mark.skipif(not CHROMA.exists(), reason="the chroma CLI is not installed in this venv")


class _ChromaServer:
    """`chroma run` on a free loopback port over one data path; killed and started again by tests."""

    def __init__(self, path: Path, stack: ExitStack) -> None:
        self.port, self.path, self._stack = free_port(), path, stack
        self.start()

    def start(self) -> None:
        command = [
            str(CHROMA),
            "run",
            "--path",
            str(self.path),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        heartbeat = answers(f"http://127.0.0.1:{self.port}/api/v2/heartbeat")
        env = {"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"}
        child = running(command, heartbeat, name="chroma run", startup_s=30, stop=signal.SIGTERM, env=env)
        self.process = self._stack.enter_context(child).process

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[_ChromaServer]:
    with ExitStack() as stack:
        yield _ChromaServer(tmp_path / "chroma-server", stack)


def _server_container(tmp_path: Path, port: int, data: str = "app-data") -> Container:
    knowledge = tmp_path / "knowledge"
    if not knowledge.exists():
        shutil.copytree(MINI_KNOWLEDGE, knowledge)
    settings = Settings(
        paths={"knowledge_dir": knowledge, "data_dir": tmp_path / data},
        vectorstore={"mode": "server", "host": "127.0.0.1", "port": port},
        advisor={"today": "2026-11-23"},
    )
    return Container(settings)


def test_ingest_search_and_ask_against_a_chroma_server(tmp_path, chroma_server):
    port = chroma_server.port
    box = _server_container(tmp_path, port)
    report = box.ingest.ingest()
    assert report.added > 0
    assert not (tmp_path / "app-data" / "chroma").exists()  # nothing embedded locally: the server holds it
    hit = box.retrieval.search("北京算力券每年最多申领多少").hits[0]
    assert hit.source == "bj-compute-voucher-2023"
    # A second, stateless replica with its own empty data dir sees the same index through the server.
    replica = _server_container(tmp_path, port, data="replica-data")
    assert replica.retrieval.search("虫情测报设备").hits[0].source == "beta"
    response = replica.advisor.ask("北京的算力券比例是多少？")
    assert response.intent == "policy_question"
    assert "20%" in response.answer


def test_a_server_restart_gives_a_clear_error_then_recovers(tmp_path, chroma_server):
    port = chroma_server.port
    box = _server_container(tmp_path, port)
    box.ingest.ingest()
    assert box.retrieval.search("算力券").hits
    chroma_server.kill()
    with pytest.raises(IndexNotReadyError, match="unreachable"):
        _server_container(tmp_path, port).retrieval.search("算力券")
    chroma_server.start()  # the server comes back on the same data
    recovered = _server_container(tmp_path, port)
    assert recovered.retrieval.search("北京算力券").hits[0].source == "bj-compute-voucher-2023"


def test_a_long_lived_process_survives_a_server_restart(tmp_path, chroma_server):
    port = chroma_server.port
    box = _server_container(tmp_path, port)
    box.ingest.ingest()
    assert box.retrieval.search("北京算力券").hits
    chroma_server.kill()
    # Searches rank over the index the process has loaded (the chunk table holds every vector), so
    # an outage of the server does not interrupt a process that is already serving.
    assert box.retrieval.search("北京算力券").hits[0].source == "bj-compute-voucher-2023"
    chroma_server.start()
    assert box.retrieval.search("北京算力券").hits[0].source == "bj-compute-voucher-2023"
