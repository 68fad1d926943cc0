"""Every province has a catalogued program or a documented absence the advisor can state."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.catalogue.coverage import load_absences
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import FundingType
from app.errors import CatalogueError
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"
MAINLAND = [
    r["name"]
    for r in yaml.safe_load((KNOWLEDGE / "regions.yaml").read_text(encoding="utf-8"))["provinces"]
    if r["name"] not in ("香港", "澳门", "台湾")
]


def test_every_mainland_province_has_a_program_or_a_documented_absence():
    catalogue = load_catalogue(KNOWLEDGE / "catalogue")
    with_program = {p.region.province for p in catalogue.funding if p.region.province}
    absences = load_absences(KNOWLEDGE)
    assert len(MAINLAND) == 31
    uncovered = [p for p in MAINLAND if p not in with_program and p not in absences]
    assert not uncovered, f"no program and no documented absence: {uncovered}"
    assert set(absences) <= set(MAINLAND), "absences must use the short province names of regions.yaml"


def test_every_funding_type_is_catalogued():
    catalogue = load_catalogue(KNOWLEDGE / "catalogue")
    assert {p.type for p in catalogue.funding} == set(FundingType)


def test_a_broken_absence_is_named(tmp_path: Path):
    (tmp_path / "coverage.yaml").write_text(
        "absences:\n  - province: 西藏\n    searched_on: not-a-date\n    queries: [x]\n"
        "    note_zh: 没有找到\n    note_en: nothing found\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="searched_on"):
        load_absences(tmp_path)
    assert load_absences(tmp_path / "missing") == {}
