"""What a failed SQLite store call means for the person in front of the screen.

sqlite3 says "database is locked" or "file is not a database"; a consultant needs to
know which file, whether to wait, move it aside or fix a folder's permissions. The
primary SQLite result code decides (extended codes such as SQLITE_IOERR_WRITE
share their primary's meaning).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from app.errors import StoreError, StoreProblem

_BY_CODE: dict[str, StoreProblem] = {
    "BUSY": "locked",
    "LOCKED": "locked",
    "NOTADB": "not_a_database",
    "CORRUPT": "not_a_database",
    "READONLY": "unwritable",
    "CANTOPEN": "unwritable",
    "PERM": "unwritable",
    "AUTH": "unwritable",
    "FULL": "disk_full",
    "IOERR": "io_error",
}

_BY_ERRNO: dict[int, StoreProblem] = {
    errno.ENOSPC: "disk_full",
    errno.EDQUOT: "disk_full",
    errno.EIO: "io_error",
}


def classify(exc: BaseException) -> StoreProblem:
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        primary = name.removeprefix("SQLITE_").split("_")[0]
        return _BY_CODE.get(primary, "other")
    if isinstance(exc, OSError):  # creating the data folder
        return _BY_ERRNO.get(exc.errno or 0, "unwritable")
    return "other"


def store_error(exc: BaseException, path: Path) -> StoreError:
    kind = classify(exc)
    if kind == "unwritable" and path.exists() and not path.is_file():
        kind = "not_a_database"  # a folder (or device) where the database file should be
    folder = path.parent
    problem, fix = {
        "locked": (
            f"The local store {path} is locked by another process.",
            "Wait a moment and try again; if it stays locked, close other aipack windows "
            "or programs that use this file.",
        ),
        "not_a_database": (
            f"{path} is not a readable aipack database (it is damaged, or a different kind of file).",
            f"Move the file aside (for example rename it to {path.name}.bad); "
            "aipack then starts a new, empty store in its place.",
        ),
        "unwritable": (
            f"aipack cannot open or write {path}: the file or its folder is read-only or not accessible.",
            f"Give this account write access to {folder}, or set AIPACK_PATHS__DATA_DIR "
            "to a writable folder.",
        ),
        "disk_full": (
            f"The disk that holds {path} is full.",
            "Free some disk space, then try again.",
        ),
        "io_error": (
            f"The disk reported an error while reading or writing {path}.",
            "Try again; if it repeats, check the disk and copy the file somewhere safe.",
        ),
        "other": (
            f"The local store {path} failed ({type(exc).__name__}: {exc}).",
            "Try again; if it repeats, move the file aside and restart aipack.",
        ),
    }[kind]
    return StoreError(problem, fix, kind=kind, path=path, detail=f"{type(exc).__name__}: {exc}")
