"""User-facing errors: each names the problem and the fix.

The CLI, the API and the UI print `str(error)` and never a traceback, so the
message must stand on its own for a non-technical owner or a consultant.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal


class AipackError(Exception):
    """Base class; `fix` tells the user what to do next."""

    def __init__(self, problem: str, fix: str = "") -> None:
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem}\n  → {fix}" if fix else problem)


@dataclass(frozen=True)
class CatalogueIssue:
    file: Path
    entry_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file.name}"
        if self.entry_id:
            where += f" entry '{self.entry_id}'"
        if self.field:
            where += f" field '{self.field}'"
        return f"{where}: {self.message}"


class CatalogueError(AipackError):
    def __init__(self, issues: list[CatalogueIssue]) -> None:
        self.issues = issues
        lines = "\n".join(f"  - {issue}" for issue in issues[:20])
        more = f"\n  … and {len(issues) - 20} more" if len(issues) > 20 else ""
        super().__init__(
            f"The catalogue is invalid ({len(issues)} problem(s)); "
            f"the index was left unchanged:\n{lines}{more}",
            "Correct the entries above, then run `aipack ingest` again.",
        )


class DocumentReadError(AipackError):
    pass


class IndexNotReadyError(AipackError):
    pass


class ReadOnlyDataError(IndexNotReadyError):
    """The data folder (or the index in it) cannot be written: a permissions problem, not damage.

    Chroma must write to open its database, so the index cannot be served either; rebuilding
    would not help, and a healthy index must never be set aside because of it.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(
            f"The data folder {folder} is read-only (or not accessible to this account); "
            "the index in it is not damaged, but aipack cannot open, build or update it there.",
            f"Give this account write access to {folder}, or copy the folder somewhere writable and "
            "point AIPACK_PATHS__DATA_DIR at the copy. Rebuilding will not help.",
        )
        self.folder = folder


class InputError(AipackError):
    pass


StoreProblem = Literal["locked", "not_a_database", "unwritable", "disk_full", "io_error", "other"]


class StoreError(AipackError):
    """The local SQLite store failed; `kind` and `path` let the UI say it in the user's language."""

    def __init__(self, problem: str, fix: str, *, kind: StoreProblem, path: Path, detail: str = "") -> None:
        self.kind: StoreProblem = kind
        self.path = path
        self.detail = detail  # the underlying error, for a kind that has no words of its own
        super().__init__(problem, fix)
