"""Real file-system faults for store tests: a garbage file at the store path, a read-only folder."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
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
