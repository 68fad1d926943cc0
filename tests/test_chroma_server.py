"""Scale-out: the same ingest, search and ask against a real `chroma run` server on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.container import Container
from app.errors import IndexNotReadyError
from app.settings import Settings
from tests.helpers import MINI_KNOWLEDGE

CHROMA = Path(sys.executable).parent / "chroma"
pytestmark = pytest.mark.skipif(not CHROMA.exists(), reason="the chroma CLI is not installed in this venv")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(path: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("chroma run did not become healthy in 30 s")


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[tuple[int, Path, list[subprocess.Popen[bytes]]]]:
    port, path = _free_port(), tmp_path / "chroma-server"
    processes = [_start(path, port)]
    yield port, path, processes
    for process in processes:
        process.kill()
        process.wait(timeout=10)


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
    port, _, _ = chroma_server
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
    port, path, processes = chroma_server
    box = _server_container(tmp_path, port)
    box.ingest.ingest()
    assert box.retrieval.search("算力券").hits
    processes[0].kill()
    processes[0].wait(timeout=10)
    with pytest.raises(IndexNotReadyError, match="unreachable"):
        _server_container(tmp_path, port).retrieval.search("算力券")
    processes.append(_start(path, port))  # the server comes back on the same data
    recovered = _server_container(tmp_path, port)
    assert recovered.retrieval.search("北京算力券").hits[0].source == "bj-compute-voucher-2023"


def test_a_long_lived_process_survives_a_server_restart(tmp_path, chroma_server):
    port, path, processes = chroma_server
    box = _server_container(tmp_path, port)
    box.ingest.ingest()
    assert box.retrieval.search("北京算力券").hits
    processes[0].kill()
    processes[0].wait(timeout=10)
    # Searches rank over the index the process has loaded (the chunk table holds every vector), so
    # an outage of the server does not interrupt a process that is already serving.
    assert box.retrieval.search("北京算力券").hits[0].source == "bj-compute-voucher-2023"
    processes.append(_start(path, port))
    assert box.retrieval.search("北京算力券").hits[0].source == "bj-compute-voucher-2023"
