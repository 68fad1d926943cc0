"""Where the client buys against where a program says the spend must be bought (advice_rules.md §1, §3).

Some programs pay only for what is bought in one place: 山东算力券 for compute bought from providers in Shandong,
庆阳's voucher for compute in the Qingyang cluster, 贵州算力券 for Guizhou's compute (`eligibility.bought_in`, or a
venue's). The client says where it buys ("a provider in Guizhou", "在乌兰察布的数据中心租"), which understand keeps
as `profile.purchases[].where`. That fact settles the place: bought elsewhere is unmet, naming both places, and
bought inside is met (a venue that is one platform there still waits for the platform). Review13 r13-55: a Jinan
firm buying compute in Guizhou was told "to confirm: must be bought in Shandong", with the deadline leading.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from app.advisor.engine.conditions import Reason, Status
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import FundingProgram, Region
from app.catalogue.place_names import REGIONS


@dataclass(frozen=True)
class PlaceJudged:
    status: Status  # met or unmet: a place the client stated always settles it
    where: Region  # where the client buys, as a region (province, city)
    said: str  # the place as the client's purchase names it (济南, 贵州)


@lru_cache(maxsize=2)
def _places(path: Path = REGIONS) -> dict[str, Region]:
    """Short and full names of provinces and prefecture-level cities -> the region they are (贵州, 济南, 乌兰察布)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    found: dict[str, Region] = {}
    for province in (raw or {}).get("provinces", []):
        name = str(province["name"])
        whole = Region(province=name, city=name if province.get("municipality") else None)
        for alias in (name, province.get("full"), *(province.get("aliases") or [])):
            if alias:
                found.setdefault(str(alias), whole)
        for city in province.get("cities") or []:
            for alias in (city["name"], city.get("full")):
                if alias:
                    found.setdefault(str(alias), Region(province=name, city=str(city["name"])))
    return found


def located(where: str) -> Region | None:
    """The region a purchase's place names, or None for a place we cannot place (abroad, a platform's name)."""
    return _places().get(where.strip())


def _inside(where: Region, places: list[Region]) -> bool | None:
    """Inside one of the places (True), outside all (False), or not settled by what was said (a province named
    where the program wants one of its cities)."""
    if any(p.covers(where.province, where.city) and (not p.city or p.city == where.city) for p in places):
        return True
    if any(p.covers(where.province, where.city) for p in places):
        return None
    return False


def judge_place(places: list[Region], program: FundingProgram, profile: CompanyProfile) -> PlaceJudged | None:
    """The client's stated purchase place for the kinds the program pays for, against `places`; None when the
    client named none (the program's own words about the place decide, as before)."""
    if not places:
        return None
    scope = program.eligibility.spend_scope
    outside: PlaceJudged | None = None
    for purchase in profile.purchases:
        if purchase.kind not in scope or not purchase.where:
            continue
        where = located(purchase.where)
        if where is None:
            continue
        inside = _inside(where, places)
        if inside:  # one purchase bought there is enough for the program to pay for it
            return PlaceJudged(Status.met, where, purchase.where)
        if inside is False and outside is None:
            outside = PlaceJudged(Status.unmet, where, purchase.where)
    return outside


def place_reason(judged: PlaceJudged, zh: str, en: str, places: list[Region]) -> Reason:
    """The condition's wording with the client's place: both places named when they differ."""
    label = "、".join(p.label for p in places)
    label_en = "; ".join(p.label_en for p in places)
    if judged.status is Status.met:
        return Reason(
            f"{zh}：符合（您说在{judged.said}采购）", f"{en}: met (you buy in {judged.where.label_en})"
        )
    return Reason(
        f"{zh}，您说在{judged.said}采购，不在{label}",
        f"{en}; you buy in {judged.where.label_en}, not in {label_en}",
    )
