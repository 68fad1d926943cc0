"""bench/child.py, the one way the tests and the bench run a server in a child process."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.child import ChildFailed, answers, free_port, running


def _http_server(folder: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(folder), str(port)]


def test_a_server_is_yielded_once_it_answers_and_is_reaped_after(tmp_path):
    (tmp_path / "page.txt").write_text("ok")
    port = free_port()
    with running(
        _http_server(tmp_path, port), answers(f"http://127.0.0.1:{port}/page.txt", "ok"), name="http"
    ) as child:
        assert child.process.poll() is None
        log = child.log
    assert child.process.poll() is not None  # stopped and reaped, not left running
    assert not log.exists()


def test_an_error_page_counts_as_an_answer_only_when_asked(tmp_path):
    port = free_port()
    with running(_http_server(tmp_path, port), answers(f"http://127.0.0.1:{port}/"), name="http"):
        missing = f"http://127.0.0.1:{port}/no-such-page"
        assert answers(missing)() is False
        assert answers(missing, any_status=True)() is True
    assert answers(f"http://127.0.0.1:{port}/")() is False  # nobody listens any more


def test_a_child_that_dies_at_start_fails_with_what_it_said():
    command = [sys.executable, "-c", "import sys; print('port already taken'); sys.exit(3)"]
    with (
        pytest.raises(ChildFailed, match=r"(?s)exited with 3.*port already taken"),
        running(command, lambda: False, name="server"),
    ):
        pass


def test_a_server_still_loading_its_index_is_not_ready_for_a_load_run(tmp_path):
    """bench/aipack_server waits for /healthz to say "ok": a server answering "no-index" would be measured
    while it builds or lacks its index."""
    (tmp_path / "loading").write_text('{"status": "no-index"}')
    (tmp_path / "loaded").write_text('{"status": "ok", "index": {"policies": 194}}')
    (tmp_path / "not-json").write_text("ok")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running(_http_server(tmp_path, port), answers(f"{url}/loaded"), name="http"):
        assert answers(f"{url}/loaded", status="ok")() is True
        assert answers(f"{url}/loading", status="ok")() is False
        assert answers(f"{url}/not-json", status="ok")() is False
        assert answers(f"{url}/loading")() is True  # without `status`, any 200 is an answer
