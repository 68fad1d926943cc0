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
