"""The real `aipack serve` in a child process on a free loopback port: the one start-up shared by the bench's
load runs (bench/api_load.py) and the tests that need a server process of its own (tests/helpers.serving_process).

Ready means either `healthy` (/healthz says "ok": the index is loaded, the state a load test measures from)
or only that /healthz answers at all (a test may start it over a data dir it must report as unhealthy).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bench.child import answers, free_port, running


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str


@contextmanager
def aipack_serve(
    env: dict[str, str],
    *,
    args: list[str] | None = None,
    launch: Callable[[list[str]], list[str]] = list,
    healthy: bool = True,
    startup_s: float = 120,
    **popen: Any,
) -> Iterator[Served]:
    """`aipack serve [args]` with `env` and `popen` options (cwd, ...), ready; stopped and reaped on exit.

    `launch` wraps the command line (tests/store_faults.bound_by_permissions runs it with fewer rights).
    """
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    health = f"{url}/healthz"
    ready = answers(health, status="ok") if healthy else answers(health, any_status=True)
    with running(
        launch([*command, *(args or [])]), ready, name="aipack serve", startup_s=startup_s, env=env, **popen
    ) as child:
        yield Served(child.process, url)
