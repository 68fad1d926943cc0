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
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.child import answers, free_port, running


def first_run(repo: Path, timeout: float) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="aipack-first-run-"))
    clone = workdir / "aipack"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    port = free_port()
    healthy = answers(f"http://127.0.0.1:{port}/_stcore/health", "ok")
    started = time.monotonic()
    marks: dict[str, float] = {}

    def ready() -> bool:
        if "install" not in marks and (clone / ".venv" / ".installed").exists():
            marks["install"] = time.monotonic() - started
        return healthy()

    # The clone must stand alone: no PYTHONPATH or AIPACK_* settings leaking in from this shell (they would
    # point `aipack ingest` at another checkout's index and time nothing).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("AIPACK_")}
    command = ["make", "run", f"PORT={port}"]
    # SIGTERM to the whole group: make's server is a grandchild.
    with running(
        command,
        ready,
        name="make run",
        startup_s=timeout,
        stop=signal.SIGTERM,
        whole_group=True,
        env=env,
        cwd=clone,
    ):
        marks["healthy"] = time.monotonic() - started
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
