"""What /proc says of a live process: its CPU time and memory, alone or with its worker processes.

One reader for every bench script that reports what a server or the measuring process costs
(api_load, api_abuse, scale). Peaks are VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and
exec, so a child would report its parent's peak whenever the parent was bigger.
"""

from __future__ import annotations

import os
import resource
from pathlib import Path


def _status_mb(pid: int | str, field: str) -> float | None:
    """A memory line of /proc/<pid>/status ("VmHWM", "VmRSS") in MB; None when the line is absent."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return None


def _with_workers(pid: int) -> list[int]:
    """`pid` and its child processes (uvicorn's workers are children of the server)."""
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return [pid, *kids]


def rss_mb(pid: int) -> float:
    """Current resident set (VmRSS) of one process, in MB."""
    return _status_mb(pid, "VmRSS") or 0.0


def peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a live process plus its worker processes, in MB."""
    total = 0.0
    for proc in _with_workers(pid):
        try:
            total += _status_mb(proc, "VmHWM") or 0.0
        except OSError:  # a worker that exited meanwhile
            continue
    return total


def own_peak_rss_mb() -> float:
    """VmHWM of this process (ru_maxrss only where /proc has no VmHWM line)."""
    return _status_mb("self", "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process plus its worker processes, in seconds."""
    total = 0.0
    for proc in _with_workers(pid):
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total
