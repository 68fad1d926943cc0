"""SME digital-transformation city pilot: a city named as selected gets its own pilot entry, any other city
hears "to confirm", never a yes and never an invented no (the batch lists we hold are incomplete)."""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.compose.funding import selection_label
from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.notices import deadline_notes
from app.advisor.engine.pilots import pilot_city_confirmed
from app.advisor.engine.programs import listed_programs
from app.advisor.engine.purchases import Purchase
from app.advisor.funding_judge import FundingJudge
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange, ApplicationMechanism, FundingProgram, ScopeLevel
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
NATIONAL = CATALOGUE.program("cn-sme-dx-pilot-city-2023")
TODAY = date(2026, 11, 29)
BATCH_WORDS = {1: "第一批", 2: "第二批", 3: "第三批"}
RETROFIT = [
    Purchase(
        "数字化改造项目", "digital retrofit", SpendKind.digital_transformation, AmountRange(min=1e5, max=3e5)
    )
]

# (province, city, batch) as the sources in funding_pilot_cities.yaml and funding_cities.yaml name them.
SELECTED = [
    ("四川", "成都", 1),
    ("河南", "郑州", 1),
    ("辽宁", "沈阳", 1),
    ("广东", "广州", 2),
    ("湖南", "株洲", 2),
    ("江苏", "南京", 2),
    ("安徽", "芜湖", 2),
    ("吉林", "长春", 1),
    ("山东", "淄博", 3),
    ("广东", "佛山", 3),
    ("山东", "东营", 3),
    ("辽宁", "盘锦", 2),
    ("福建", "泉州", 2),
    ("河南", "新乡", 2),
    ("河南", "鹤壁", 2),
]


def _factory(province: str, city: str) -> CompanyProfile:
    return CompanyProfile(province=province, city=city, industry="C", employees=80, annual_revenue_cny=3e7)


def _city_pilots(province: str, city: str) -> list[FundingProgram]:
    return [
        p
        for p in CATALOGUE.funding
        if p.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city
        and p.scope_level in (ScopeLevel.municipal, ScopeLevel.district)
        and any(r.province == province and r.city == city for r in p.eligibility.regions)
    ]


@pytest.mark.parametrize(("province", "city", "batch"), SELECTED)
def test_a_selected_city_has_a_pilot_entry_naming_its_batch(province, city, batch):
    pilots = _city_pilots(province, city)
    assert pilots, f"{city} was selected but no pilot entry covers it"
    assert any(BATCH_WORDS[batch] in p.name for p in pilots)
    for program in pilots:
        assessment = assess(program, _factory(province, city), TODAY, RETROFIT)
        by_name = {c.name: c.status for c in assessment.conditions}
        assert by_name["region"] is Status.met
        # Only time can rule a selected city's factory out (a pilot period or a final round that has ended).
        unmet = {c.name for c in assessment.conditions if c.status is Status.unmet}
        assert unmet <= {"validity", "window"}
        assert assessment.verdict is not Verdict.eligible, (
            "being on the city's retrofit list is never assumed"
        )
        assert assessment.selection_only


@pytest.mark.parametrize(("province", "city", "batch"), SELECTED)
def test_the_national_entry_names_each_selected_city_under_its_batch(province, city, batch):
    assert NATIONAL is not None
    listing = next(r for r in NATIONAL.eligibility.requirements if r.startswith(BATCH_WORDS[batch]))
    assert city in listing


def test_a_city_no_source_names_is_left_to_confirm_never_ruled_in_or_out():
    lhasa = _factory("西藏", "拉萨")
    assert not _city_pilots("西藏", "拉萨")
    assert NATIONAL is not None
    assessment = assess(NATIONAL, lhasa, TODAY, RETROFIT)
    assert assessment.verdict is Verdict.unknown
    assert not [c for c in assessment.conditions if c.status is Status.unmet]
    assert any("试点" in c.reason.zh for c in assessment.conditions if c.status is Status.unknown)
    assert assessment.selection_only  # never counted as money in a pack


def test_a_large_firm_in_a_selected_city_is_ruled_out_by_size():
    big = CompanyProfile(province="四川", city="成都", industry="C", employees=2000, annual_revenue_cny=2e9)
    for program in _city_pilots("四川", "成都"):
        assessment = assess(program, big, TODAY, RETROFIT)
        assert assessment.verdict is Verdict.ineligible
        assert any(c.name == "size" and c.status is Status.unmet for c in assessment.conditions)


@pytest.mark.parametrize(
    ("province", "city"), [("湖南", "长沙"), ("陕西", "西安"), ("江苏", "无锡"), ("广西", "柳州")]
)
def test_a_pilot_city_whose_batch_no_source_states_is_listed_as_such(province, city):
    assert _city_pilots(province, city)
    assert NATIONAL is not None
    listing = next(r for r in NATIONAL.eligibility.requirements if r.startswith("批次未写明"))
    assert city in listing


def _judge() -> FundingJudge:
    return FundingJudge(CATALOGUE, lambda: TODAY)


@pytest.mark.parametrize(("province", "city", "batch"), SELECTED)
def test_a_selected_city_hears_yes_and_one_channel(province, city, batch):
    """'Is my city a pilot?' gets a yes from the city's own entry, and the national pilot (the same money,
    paid through the city) is not a second line in the answer."""
    judged = {a.program.id: a for a in _judge().assessments(_factory(province, city), RETROFIT)}
    local = [judged[p.id] for p in _city_pilots(province, city)]
    assert any(pilot_city_confirmed(a) for a in local)
    national = judged[NATIONAL.id] if NATIONAL else None
    assert national is not None
    if any(a.verdict is not Verdict.ineligible for a in local):
        assert national.reached_through in {a.program.id for a in local}
        assert national not in listed_programs(list(judged.values()))
        assert national.verdict is Verdict.unknown  # still never a yes: enrolment is the open question
    for assessment in local:
        label = selection_label(assessment, "zh") or ""
        assert "须所在城市入选试点" not in label


def test_an_unnamed_city_keeps_the_national_channel_to_confirm():
    judged = {a.program.id: a for a in _judge().assessments(_factory("西藏", "拉萨"), RETROFIT)}
    assert NATIONAL is not None
    national = judged[NATIONAL.id]
    assert national.reached_through is None and not pilot_city_confirmed(national)
    assert national in listed_programs(list(judged.values()))
    assert "须所在城市入选试点" in (selection_label(national, "zh") or "")


def test_a_district_pilot_confirms_only_its_own_district():
    fuling = CompanyProfile(
        province="重庆", city="重庆", district="涪陵区", industry="C", employees=80, annual_revenue_cny=6e7
    )
    other = fuling.model_copy(update={"district": "渝北区"})
    pilot = "fuling-sme-dx-pilot-2025"
    assert pilot_city_confirmed(
        next(a for a in _judge().assessments(fuling, RETROFIT) if a.program.id == pilot)
    )
    confirmed = {a.program.id for a in _judge().assessments(other, RETROFIT) if pilot_city_confirmed(a)}
    # 渝北区 is on the retrofit pilot's published second batch (test_pilot_lists), not a 涪陵 SME pilot
    assert confirmed == {"cn-new-tech-retrofit-city-pilot"}


def test_days_left_on_a_pilot_say_who_can_still_make_it():
    """32 days left on an enrolment-based pilot is not 'apply before then' (advice_rules §2, §4)."""
    guangzhou = _factory("广东", "广州")
    ending = {"guangzhou-sme-dx-pilot-2024", "gd-provincial-sme-dx-city-pilot"}  # both end 2026-12-31
    judged = [a for a in _judge().assessments(guangzhou, RETROFIT) if a.program.id in ending]
    notes = deadline_notes(judged, TODAY, "现在报名来得及吗", "zh")
    pilot_notes = [n for n in notes if "试点" in n and "还剩" in n]
    assert len(pilot_notes) == 2
    assert all("改造名单" in n and "请在此之前完成申报" not in n for n in pilot_notes)


def test_asked_about_time_a_program_of_another_district_gets_no_date():
    """A 番禺 factory asking 来得及吗 hears the dates of its own programs, not of a 海珠区-only award."""
    panyu = _factory("广东", "广州").model_copy(update={"district": "番禺区"})
    judged = _judge().assessments(panyu, RETROFIT)
    haizhu = next(a for a in judged if a.program.id == "gz-haizhu-ai-demo-award-2024")
    assert haizhu.verdict is Verdict.ineligible
    notes = deadline_notes(judged, TODAY, "现在报名来得及吗", "zh")
    assert notes and not any(haizhu.program.name in n for n in notes)
    haizhu.asked = (
        True  # named by the client, it is still another district's: its ❌ line says so, no date leads
    )
    assert not any(haizhu.program.name in n for n in deadline_notes([haizhu], TODAY, "来得及吗", "zh"))


def test_a_city_sme_pilot_that_rules_the_client_out_does_not_rule_out_another_national_pilot():
    """review11 r11-20: 无锡's SME pilot round has closed, which says nothing about the manufacturing retrofit pilot
    (another program, of another kind, that 无锡 was selected for): it stays to confirm, never ❌ for that reason."""
    wuxi = CompanyProfile(province="江苏", city="无锡", industry="C", employees=150, annual_revenue_cny=8e7)
    said = "无锡一家纺织厂，150人，准备向银行贷款800万买智能织机和视觉验布设备"
    judged = _judge().assessments(wuxi, RETROFIT, said)
    verdicts = {a.program.id: a for a in judged}
    retrofit = verdicts["cn-new-tech-retrofit-city-pilot"]
    assert retrofit.verdict is Verdict.unknown
    assert not any("本轮申报" in r.zh for r in retrofit.reasons)
