"""A pilot's published city lists decide "is my city a pilot?" (engine/pilot_lists.py, review11 r11-20/21/41):
a city on a list is said to be on it, a city on none hears "not on the published lists" and gets no figure on its
project, and only complete lists could rule a city out."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.pilot_lists import PILOT_CITY, judge_lists, off_published_list
from app.advisor.engine.pilots import pilot_channels, pilot_city_confirmed
from app.advisor.engine.purchases import Purchase
from app.advisor.engine.spend_notes import selection_ceiling
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange, PilotBatch, Region
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
RETROFIT_PILOT = CATALOGUE.program("cn-new-tech-retrofit-city-pilot")
TODAY = date(2026, 11, 29)
PROJECT = [
    Purchase(
        "数字化改造项目",
        "digital retrofit",
        SpendKind.digital_transformation,
        AmountRange(min=6e6, max=6e6),
        stated=True,
    )
]


def _judged(province: str, city: str, district: str | None = None):
    profile = CompanyProfile(
        province=province, city=city, district=district, industry="C", employees=300, annual_revenue_cny=3e8
    )
    judged = pilot_channels([assess(RETROFIT_PILOT, profile, TODAY, PROJECT)], profile)
    return judged[0]


def test_a_city_on_a_published_list_is_said_to_be_a_pilot() -> None:
    for province, city, batch in (("陕西", "西安", "首批"), ("江苏", "无锡", "第二批")):
        assessment = _judged(province, city)
        assert pilot_city_confirmed(assessment), city
        said = " ".join(r.zh for r in assessment.reasons)
        assert f"{city}在{batch}" in said and "须所在城市入选" not in said
        assert (
            assessment.verdict is Verdict.unknown
        )  # the city still selects the project: never ✅, never subtracted


def test_a_listed_district_of_a_municipality_needs_the_clients_district() -> None:
    assert pilot_city_confirmed(_judged("上海", "上海", "嘉定区"))
    assert off_published_list(_judged("上海", "上海", "浦东新区"))
    unknown_district = _judged("上海", "上海")
    assert not pilot_city_confirmed(unknown_district) and not off_published_list(unknown_district)


def test_a_city_on_no_list_is_told_so_and_gets_no_figure_on_its_project() -> None:
    assessment = _judged("黑龙江", "哈尔滨")
    assert off_published_list(assessment)
    assert "哈尔滨不在已公布的试点城市名单上" in assessment.reasons[0].zh
    # the city is what the lists name; the client's district stands beside it, not in its place
    assert "淄博（周村区）不在已公布的试点城市名单上" in _judged("山东", "淄博", "周村区").reasons[0].zh
    # the lists are incomplete (8 of the first batch's 20 cities): still to confirm, not ruled out
    assert assessment.verdict is Verdict.unknown
    assert selection_ceiling(assessment, PROJECT[0]) is None
    assert (
        selection_ceiling(_judged("陕西", "西安"), PROJECT[0]) is not None
    )  # 600万 × 最高20%, said not subtracted


def test_complete_lists_rule_a_city_off_them_out() -> None:
    only_xian = [Region(province="陕西", city="西安")]
    batch = PilotBatch(name="首批", name_en="first batch", complete=True, places=only_xian)
    eligibility = RETROFIT_PILOT.eligibility.model_copy(update={"pilot_batches": [batch]})
    complete = RETROFIT_PILOT.model_copy(update={"eligibility": eligibility})
    profile = CompanyProfile(province="黑龙江", city="哈尔滨", industry="C", employees=300)
    assessment = assess(complete, profile, TODAY, PROJECT)
    judge_lists(assessment, profile)
    assert assessment.verdict is Verdict.ineligible
    assert any(c.name == PILOT_CITY and c.status is Status.unmet for c in assessment.conditions)


def test_every_listed_place_is_in_the_entrys_own_requirement_text() -> None:
    """The lists are transcribed from the entry's requirements, never invented."""
    for program in CATALOGUE.funding:
        text = " ".join(program.eligibility.requirements)
        for batch in program.eligibility.pilot_batches:
            for place in batch.places:
                assert (place.district or place.city or "")[:2] in text, (program.id, place)


CITIES = sorted(
    {(r.province or "", r.city or "") for p in CATALOGUE.funding for r in p.eligibility.regions if r.city}
    | {("黑龙江", "哈尔滨"), ("陕西", "西安"), ("江苏", "无锡"), ("重庆", "重庆"), ("北京", "北京")}
)


@given(st.sampled_from(CITIES), st.none() | st.sampled_from(["大兴区", "渝北区", "浦东新区", "涪陵区"]))
@settings(max_examples=200, deadline=None, derandomize=True)
def test_a_pilot_city_is_said_on_a_list_only_when_it_is_and_then_never_ruled_out(place, district) -> None:
    """Invariant over the catalogue's cities: a pilot with published lists is confirmed only for a place on one,
    never eligible and never subtracted on that alone, and off every list it gets no figure on the project."""
    province, city = place
    profile = CompanyProfile(province=province, city=city, district=district, industry="C", employees=200)
    for program in CATALOGUE.funding:
        if not program.eligibility.pilot_batches:
            continue
        assessment = pilot_channels([assess(program, profile, TODAY, PROJECT)], profile)[0]
        listed = any(
            p.province == province and p.city == city and (not p.district or p.district == district)
            for batch in program.eligibility.pilot_batches
            for p in batch.places
        )
        assert pilot_city_confirmed(assessment) == listed, (program.id, place, district)
        assert assessment.verdict is not Verdict.eligible
        if off_published_list(assessment):
            assert selection_ceiling(assessment, PROJECT[0]) is None
