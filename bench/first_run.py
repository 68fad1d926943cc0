"""Fresh-clone first run (issues 14 and 16): `git clone` → `make run` → a healthy app, timed.

Clones the repository (committed state) into a temp dir, runs `make run PORT=<free port>` there and polls
Streamlit's health endpoint; prints how long the install (venv + pinned packages), the index build and
the whole first run took, then stops the app and removes the clone. pip's download cache is the user's
own (a machine that never installed these wheels also pays the download time; the table says which).

    python bench/first_run.py [--repo .] [--timeout 1800]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def first_run(repo: Path, timeout: float) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="aipack-first-run-"))
    clone = workdir / "aipack"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    port = _free_port()
    log = (workdir / "make_run.log").open("w")
    started = time.monotonic()
    marks: dict[str, float] = {}
    # The clone must stand alone: no PYTHONPATH or AIPACK_* settings leaking in from this shell (they would
    # point `aipack ingest` at another checkout's index and time nothing).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("AIPACK_")}
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        env=env,
        cwd=clone,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        while time.monotonic() - started < timeout:
            time.sleep(1)
            if "install" not in marks and (clone / ".venv" / ".installed").exists():
                marks["install"] = time.monotonic() - started
            if _healthy(port):
                marks["healthy"] = time.monotonic() - started
                break
            if process.poll() is not None:
                raise RuntimeError(f"make run exited with {process.returncode}; see {log.name}")
        else:
            raise RuntimeError(f"no healthy app after {timeout:.0f} s")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()
    marks["index"] = marks["healthy"] - marks.get("install", 0.0)
    shutil.rmtree(workdir, ignore_errors=True)
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    marks = first_run(args.repo, args.timeout)
    print("| measure | seconds |\n|---|---|")
    print(
        f"| install (venv + pinned packages; pip's download cache as found) | {marks.get('install', 0):.0f} |"
    )
    print(f"| index build and app start | {marks['index']:.0f} |")
    print(f"| fresh clone → healthy app | {marks['healthy']:.0f} |")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (cores: {os.cpu_count()})")


if __name__ == "__main__":
    main()
