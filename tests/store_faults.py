"""Real file-system faults for store tests: a garbage file at the store path, a read-only folder.

A read-only folder binds the code under test only if permissions bind its account: in-process tests
make the folder immutable as root (`read_only_folder`, chattr: not on every file system); the real entry
points (`aipack serve`, `aipack ingest`) run in a child process that permissions bind
(`bound_by_permissions`), on any file system.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def garbage_file(path: Path) -> Path:
    """Something that is not SQLite where the store expects its database (a stray download, say)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(random.Random(4).randbytes(8192))
    return path


def _writable(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """`folder` cannot be written while inside the block.

    chmod is enough for an ordinary user; root ignores it, so there the folder is also made
    immutable (chattr +i, ext4 and most other Linux file systems). Skips when neither works.
    """
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o555)
    immutable = False
    if _writable(folder) and os.geteuid() == 0 and shutil.which("chattr"):
        immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    try:
        if _writable(folder):
            pytest.skip("cannot make a read-only folder on this file system")
        yield folder
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


# Root ignores chmod through three capabilities: overriding permissions (CAP_DAC_OVERRIDE), searching and
# reading past them (CAP_DAC_READ_SEARCH) and acting as any file's owner (CAP_FOWNER). A child that drops
# them from its bounding set and re-executes itself is root that mode bits bind, like any other account.
_WITHOUT_OVERRIDES = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
for capability in (1, 2, 3):
    if libc.prctl(24, capability, 0, 0, 0):  # PR_CAPBSET_DROP
        sys.exit(f"cannot drop capability {capability}: errno {ctypes.get_errno()}")
os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
"""


def bound_by_permissions(command: list[str]) -> list[str]:
    """`command` (`[sys.executable, ...]`) run so that file permissions bind it, on any file system.

    Root loses the capabilities that let it ignore them; any other account is bound already.
    """
    if os.geteuid() != 0:
        return command
    return [sys.executable, "-c", _WITHOUT_OVERRIDES, *command[1:]]


def permissions_cannot_bind() -> str | None:
    """Why a child cannot be bound by permissions here (no right to drop capabilities), or None."""
    probe = subprocess.run(
        bound_by_permissions([sys.executable, "-c", "pass"]), capture_output=True, text=True
    )
    return None if probe.returncode == 0 else (probe.stderr.strip()[-300:] or f"exit {probe.returncode}")
