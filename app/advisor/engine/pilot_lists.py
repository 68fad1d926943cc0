"""A pilot's published lists of selected cities decide "is my city a pilot?" (advice_rules.md §2, §3).

The national manufacturing retrofit pilot pays through the cities selected for it, and the catalogue transcribes
the lists that were published (`eligibility.pilot_batches`: 8 of the first batch's 20 cities, the second batch's
proposed list). "须所在城市入选试点" left open is no answer for a client whose city is on a list (西安, first batch;
无锡, second batch: review11 r11-41, r11-20), nor for one whose city is on none (哈尔滨: r11-21 led with the pilot's
"600万 × 最高20% = 最多120万元" as if Harbin could get it). So, for the client's city:

- on a list: said to be ("西安在首批（2024年）名单上"), a pilot_city condition met; what stays open is the city
  selecting the project;
- on none: "not on the published lists", a pilot_city condition that is unmet only when every list is complete,
  else still to confirm; either way the pilot gets no figure on the client's project (spend_notes);
- no city known: nothing is added, the entry's own condition stays "to confirm".
"""

from __future__ import annotations

from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import Region
from app.catalogue.place_names import english_district

# The condition name pilots.py also uses for a settled pilot-city question (pilot_city_confirmed reads it).
PILOT_CITY = "pilot_city"


def _on(place: Region, profile: CompanyProfile) -> bool:
    """The client's city (and district, for a district on the list) is the listed place."""
    if place.province != profile.province or place.city != profile.city:
        return False
    return not place.district or place.district == profile.district


def _district_open(place: Region, profile: CompanyProfile) -> bool:
    """A district of the client's city is listed and their district is not known: the list cannot decide."""
    return bool(place.district) and place.city == profile.city and not profile.district


def _place_names(profile: CompanyProfile) -> tuple[str, str]:
    """The city the lists name, with the client's district beside it: "周村区不在试点城市名单上" read as if a
    district were checked against a list of cities (淄博 is what is looked up)."""
    city_en = Region(province=profile.province, city=profile.city).label_en.split(",")[0]
    if not profile.district or profile.district == profile.city:
        return profile.city or "", city_en
    district_en = english_district(profile.district)  # none known: the city alone says it in English
    return f"{profile.city}（{profile.district}）", f"{city_en} ({district_en})" if district_en else city_en


def off_published_list(assessment: Assessment) -> bool:
    """The client's city is on none of the pilot's published lists: no figure is led for it."""
    return any(c.name == PILOT_CITY and c.status is not Status.met for c in assessment.conditions)


def judge_lists(assessment: Assessment, profile: CompanyProfile) -> None:
    """Settle the pilot-city question from the published lists, in place (see the module docstring)."""
    batches = assessment.program.eligibility.pilot_batches
    if not batches or not profile.city or not profile.province:
        return
    zh, en = _place_names(profile)
    for batch in batches:
        if any(_on(place, profile) for place in batch.places):
            _on_list(
                assessment, Reason(f"{zh}在{batch.name}试点名单上", f"{en} is on the {batch.name_en} list")
            )
            return
    if any(_district_open(place, profile) for b in batches for place in b.places):
        return
    if all(b.complete for b in batches):
        reason = Reason(f"{zh}不在公布的试点城市名单上", f"{en} is not on the published list of pilot cities")
        _off_list(assessment, Condition(PILOT_CITY, Status.unmet, reason))
        return
    reason = Reason(
        f"{zh}不在已公布的试点城市名单上（名单不全），请向当地工信部门确认",
        f"{en} is not on the published pilot lists (they are incomplete): check with your local industry bureau",
    )
    _off_list(assessment, Condition(PILOT_CITY, Status.unknown, reason))


def _is_city_rule(condition: Condition) -> bool:
    """The entry's own "须所在城市入选…试点" condition, which a list on which the city stands settles."""
    text = condition.reason.zh
    return condition.name == "special" and "城市" in text and "入选" in text


def _on_list(assessment: Assessment, confirmed: Reason) -> None:
    project = Reason("须确认：项目须经所在城市遴选获支持", "to confirm: the city must select your project")
    assessment.conditions = [
        Condition("special", Status.unknown, project) if _is_city_rule(c) else c
        for c in assessment.conditions
    ]
    assessment.conditions.append(Condition(PILOT_CITY, Status.met, confirmed))
    old = {c.reason for c in assessment.conditions if _is_city_rule(c)}
    reasons = [r for r in assessment.reasons if r not in old and "城市入选" not in r.zh]
    if assessment.verdict is Verdict.unknown:
        reasons = [confirmed, *reasons, project]
    assessment.reasons = list(dict.fromkeys(reasons))


def _off_list(assessment: Assessment, condition: Condition) -> None:
    assessment.conditions.append(condition)
    if condition.status is Status.unmet:
        assessment.verdict, assessment.missing = Verdict.ineligible, []
        assessment.reasons = [condition.reason, *[r for r in assessment.reasons if r != condition.reason]]
    elif assessment.verdict is Verdict.unknown:
        assessment.reasons = list(dict.fromkeys([condition.reason, *assessment.reasons]))
