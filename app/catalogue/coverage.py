"""Documented gaps in the funding catalogue (knowledge/coverage.yaml).

"Nothing catalogued for 西藏" must not read as "nothing exists": each absence records the day and
the searches made, and a note the advisor can state, in Chinese and English.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import CatalogueError, CatalogueIssue

COVERAGE_FILE = "coverage.yaml"


class Absence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    province: str = Field(min_length=2, max_length=20)
    searched_on: date
    queries: list[str] = Field(min_length=1)
    note_zh: str = Field(min_length=4, max_length=1000)
    note_en: str = Field(min_length=4, max_length=1000)


def load_absences(knowledge_dir: Path) -> dict[str, Absence]:
    """Absences by province; empty when the file is missing. Raises CatalogueError naming bad entries."""
    path = knowledge_dir / COVERAGE_FILE
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CatalogueError([CatalogueIssue(path, None, "", f"YAML syntax error: {exc}")]) from exc
    entries = data.get("absences", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise CatalogueError([CatalogueIssue(path, None, "absences", "must be a list")])
    found: dict[str, Absence] = {}
    issues: list[CatalogueIssue] = []
    for index, entry in enumerate(entries):
        try:
            absence = Absence.model_validate(entry)
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"])
                issues.append(CatalogueIssue(path, f"#{index + 1}", field, error["msg"]))
            continue
        if absence.province in found:
            issues.append(CatalogueIssue(path, absence.province, "province", "listed twice"))
        found[absence.province] = absence
    if issues:
        raise CatalogueError(issues)
    return found
