"""Shared fixtures.

- Every test gets its own empty data dir (AIPACK_PATHS__DATA_DIR), so nothing
  touches the developer's .aipack/ (the simonw/llm `LLM_USER_PATH` pattern).
- Non-loopback network access fails the test immediately; the `network_log`
  fixture also records loopback attempts for tests that must open none at all.
- The real knowledge base is embedded once per session into a temp dir and
  shared read-only through `shared_container`.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.container import Container
from app.settings import PROJECT_ROOT, Settings

os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["TIKTOKEN_CACHE_DIR"] = ""
os.environ["HF_HUB_OFFLINE"] = "1"

_ATTEMPTS: list[str] = []
_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _is_loopback(host: Any) -> bool:
    if host in ("localhost", "") or host is None:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    _ATTEMPTS.append(f"connect {host}")
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
        raise RuntimeError(f"network access blocked in tests: connect to {address!r}")
    return _real_connect(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    _ATTEMPTS.append(f"resolve {host}")
    if not _is_loopback(host):
        raise RuntimeError(f"network access blocked in tests: DNS lookup of {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo


@pytest.fixture
def network_log() -> Iterator[list[str]]:
    """Every connect/resolve attempted during the test, loopback included."""
    start = len(_ATTEMPTS)
    captured: list[str] = []
    yield captured
    captured.extend(_ATTEMPTS[start:])


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "aipack-data"
    monkeypatch.setenv("AIPACK_PATHS__DATA_DIR", str(data_dir))
    monkeypatch.chdir(tmp_path)  # a stray .env in the repo must not leak into tests
    return data_dir


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("shared-index")
    settings = Settings(paths={"data_dir": data_dir, "knowledge_dir": PROJECT_ROOT / "knowledge"})
    report = Container(settings).ingest.ingest()
    assert report.added > 0, report.summary()
    assert not report.failed, report.summary()
    return data_dir


@pytest.fixture
def shared_container(
    shared_data_dir: Path, monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path
) -> Container:
    """A container over the session index (read-only: do not ingest into it)."""
    monkeypatch.setenv("AIPACK_PATHS__DATA_DIR", str(shared_data_dir))
    # Conversations are saved per session id: CLI runs in one test must not continue another's.
    monkeypatch.setenv("AIPACK_ADVISOR__SESSIONS_FILE", str(isolated_data_dir / "sessions.sqlite3"))
    return _cached_container(shared_data_dir)


_CONTAINERS: dict[Path, Container] = {}


def _cached_container(data_dir: Path) -> Container:
    if data_dir not in _CONTAINERS:
        _CONTAINERS[data_dir] = Container(Settings(paths={"data_dir": data_dir}))
    return _CONTAINERS[data_dir]


TODAY = "2026-11-23"  # verdicts depend on dates; pin them so the suite never rots


@pytest.fixture
def advisor(shared_container: Container, monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path):
    """A fresh offline advisor (own session file) over the shared index, with today's date pinned."""
    from datetime import date

    from app.advisor.service import AdvisorService

    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", TODAY)
    settings = shared_container.settings.model_copy(
        update={
            "advisor": shared_container.settings.advisor.model_copy(
                update={
                    "today": date.fromisoformat(TODAY),
                    "sessions_file": isolated_data_dir / "sessions.sqlite3",
                }
            )
        }
    )
    box = shared_container.derive(settings)
    return AdvisorService(box)


@pytest.fixture
def fresh_streamlit_cache() -> Iterator[None]:
    """For AppTest modules: st.cache_resource is process-global and would hand a test another's container."""
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()
