"""Load and validate every YAML file in knowledge/catalogue/.

Validation collects *all* problems before failing, each naming the file, the
entry id and the field, so a consultant fixes a broken catalogue in one pass.
Nothing is written to the index unless the whole catalogue is valid.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from app.catalogue.models import Catalogue, FundingProgram, Solution
from app.errors import CatalogueError, CatalogueIssue
from app.yaml_loading import safe_load

_SECTIONS: dict[str, type[BaseModel]] = {"solutions": Solution, "funding": FundingProgram}
_ID_LABEL_MAX = 64


def catalogue_files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _parse(path: Path, issues: list[CatalogueIssue]) -> dict[str, Any] | None:
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        issues.append(CatalogueIssue(path, None, "", "file is not UTF-8 text"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        issues.append(CatalogueIssue(path, None, "", f"YAML syntax error{where}: {problem}"))
        return None
    if data is None:
        return {}
    if not isinstance(data, dict) or not set(data) & set(_SECTIONS):
        issues.append(
            CatalogueIssue(
                path, None, "", "top level must be a mapping with a `solutions:` or `funding:` list"
            )
        )
        return None
    return data


def _validate_entries(
    path: Path, section: str, entries: Any, issues: list[CatalogueIssue]
) -> list[BaseModel]:
    model = _SECTIONS[section]
    if not isinstance(entries, list):
        issues.append(CatalogueIssue(path, None, section, "must be a list of entries"))
        return []
    valid: list[BaseModel] = []
    for index, entry in enumerate(entries):
        label = f"#{index + 1}"
        if not isinstance(entry, dict):
            issues.append(CatalogueIssue(path, label, "", "entry must be a mapping"))
            continue
        entry_id = str(entry.get("id") or label)
        if len(entry_id) > _ID_LABEL_MAX:  # an overlong id is itself the error: name the entry by position
            entry_id = label
        try:
            valid.append(model.model_validate(entry))
        except ValidationError as exc:
            for error in exc.errors():
                field = ".".join(str(part) for part in error["loc"])
                issues.append(CatalogueIssue(path, entry_id, field, error["msg"]))
    return valid


def load_catalogue(folder: Path) -> Catalogue:
    """Return the validated catalogue or raise CatalogueError listing every problem."""
    issues: list[CatalogueIssue] = []
    found: dict[str, list[tuple[Path, BaseModel]]] = {name: [] for name in _SECTIONS}
    for path in catalogue_files(folder):
        data = _parse(path, issues)
        if not data:
            continue
        for section in _SECTIONS:
            if section in data:
                for item in _validate_entries(path, section, data[section], issues):
                    found[section].append((path, item))

    all_items = found["solutions"] + found["funding"]
    counts = Counter(getattr(item, "id", "") for _, item in all_items)
    for path, item in all_items:
        item_id = getattr(item, "id", "")
        if counts[item_id] > 1:
            issues.append(CatalogueIssue(path, item_id, "id", f"duplicate id (used {counts[item_id]} times)"))

    programs = [item for _, item in found["funding"] if isinstance(item, FundingProgram)]
    known = {p.id for p in programs}
    for path, item in found["funding"]:
        assert isinstance(item, FundingProgram)
        for other in item.benefit.stacking.stackable_with:
            if other not in known:
                issues.append(
                    CatalogueIssue(
                        path, item.id, "benefit.stacking.stackable_with", f"unknown program '{other}'"
                    )
                )
    solution_ids = {getattr(item, "id", "") for _, item in found["solutions"]}
    for path, item in found["funding"]:
        assert isinstance(item, FundingProgram)
        issues += [
            CatalogueIssue(path, item.id, "eligibility.solutions_only", f"unknown solution '{sid}'")
            for sid in item.eligibility.solutions_only
            if sid not in solution_ids
        ]
    if issues:
        raise CatalogueError(issues)
    solutions = tuple(item for _, item in found["solutions"] if isinstance(item, Solution))
    return Catalogue(solutions=solutions, funding=tuple(programs))
