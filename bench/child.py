"""Child servers for the bench and the tests: start a command, wait until it answers, stop it cleanly.

One way to do it for every server we run in a child process (`aipack serve`, `streamlit run`,
`chroma run`, the llama.cpp server, `make run`): the output goes to a file, not a pipe, so a chatty
server never blocks on a full one; a child that dies or never answers fails with the tail of its
output; on exit it gets a graceful signal first and is killed only if it does not stop.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TAIL_CHARS = 4000  # enough for a traceback, not a whole start-up log
# Loopback only: no proxy from the environment may stand between a check and its child.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answers(
    url: str, body: str | None = None, *, any_status: bool = False, status: str | None = None
) -> Callable[[], bool]:
    """A readiness check: `url` answers 200 (and with exactly `body`, if given; with a JSON object whose
    "status" is `status`, if given: `aipack serve` says "ok" on /healthz once its index is loaded).

    `any_status`: an error page counts as an answer too (a server over a broken data dir is up and
    says 503 on /healthz, which is what some tests want to see).
    """

    def ready() -> bool:
        try:
            with _DIRECT.open(url, timeout=2) as reply:
                text = reply.read().decode()
        except urllib.error.HTTPError:
            return any_status
        except OSError:
            return False
        if status is not None:
            try:
                said = json.loads(text)
            except ValueError:
                return False
            return isinstance(said, dict) and said.get("status") == status
        return body is None or text == body

    return ready


class ChildFailed(RuntimeError):
    """The child exited before it was ready, or did not become ready in time."""


@dataclass
class Child:
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        """The tail of what the child wrote so far."""
        try:
            return self.log.read_bytes()[-_TAIL_CHARS:].decode(errors="replace")
        except OSError:
            return ""


@contextmanager
def running(
    command: list[str],
    ready: Callable[[], bool],
    *,
    name: str,
    startup_s: float = 120,
    stop: signal.Signals = signal.SIGINT,
    whole_group: bool = False,
    **popen: Any,
) -> Iterator[Child]:
    """`command` started with `popen` options (env, cwd, ...); yields once `ready()` holds.

    `stop` is the graceful signal (SIGINT is uvicorn's and streamlit's clean shutdown); `whole_group`
    runs the child in its own session and signals the group (for `make`, whose server is a grandchild).
    """
    handle, name_of_log = tempfile.mkstemp(prefix=f"aipack-{name.split()[0]}-", suffix=".log")
    log = Path(name_of_log)
    with os.fdopen(handle, "wb") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, start_new_session=whole_group, **popen
        )
    child = Child(process, log)
    try:
        deadline = time.monotonic() + startup_s
        while not ready():
            if process.poll() is not None:
                raise ChildFailed(f"{name} exited with {process.returncode}:\n{child.output()}")
            if time.monotonic() > deadline:
                raise ChildFailed(f"{name} did not answer within {startup_s:.0f} s:\n{child.output()}")
            time.sleep(0.2)
        yield child
    finally:
        _stop(process, stop, whole_group)
        log.unlink(missing_ok=True)


def _stop(process: subprocess.Popen[bytes], stop: signal.Signals, whole_group: bool) -> None:
    if process.poll() is not None:
        return
    send = (lambda sig: os.killpg(process.pid, sig)) if whole_group else process.send_signal
    try:
        send(stop)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait(timeout=5)
    except ProcessLookupError:
        process.wait(timeout=5)
