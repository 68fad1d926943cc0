"""`make run` checks its port before the minutes of install and index build (issue 14, first run).

Only the `port-free` step is run here: it needs no venv, so the test installs nothing.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys

import pytest

from app.settings import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _port_check(port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "port-free", f"PORT={port}", f"PYTHON={sys.executable}"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_taken_port_is_reported_at_once_with_what_to_do():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _port_check(port)
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert f"Port {port} is already in use" in said
    assert f"make run PORT={port + 1}" in said, "it names the command to start on another port"
    assert "Traceback" not in said


def test_a_free_port_passes_the_check():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _port_check(port)
    assert result.returncode == 0, result.stdout + result.stderr
