"""Judging only the programs a turn may show gives the client the same programs and verdicts as judging all.

`FundingJudge.shown` judges the programs `could_show` lets through (and the pilot channels they may come
through) instead of the whole catalogue: a pack turn shows at most eight of its programs, and judging every
one was most of an ask's CPU outside e5. A client would notice a program dropped, added, reordered or judged
differently, so each case compares the full judgement with the gated one program by program.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.eligibility import assess
from app.advisor.engine.pilots import pilot_channels
from app.advisor.engine.programs import could_show, select_programs
from app.advisor.engine.purchases import plan
from app.advisor.funding_judge import FundingJudge
from app.advisor.understand.gazetteer import Place
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 29)
JUDGE = FundingJudge(CATALOGUE, lambda: TODAY)


CASES = [
    # (profile, solutions of the pack, spend asked about, places named, question)
    (
        CompanyProfile(province="浙江", city="杭州", industry="H", employees=25),
        2,
        None,
        [],
        "餐厅想用AI备料，有什么补贴",
    ),
    (
        CompanyProfile(province="广东", city="深圳", industry="I", employees=20),
        1,
        {SpendKind.compute},
        [],
        "深圳一家20人的AI公司，要租GPU训练模型，算力券能补多少",
    ),
    (
        CompanyProfile(province="江苏", city="南京", industry="C", employees=120, annual_revenue_cny=8e7),
        3,
        None,
        [Place("江苏", "南京")],
        "南京的试点还能申请吗？我们是做五金的",
    ),
    (
        CompanyProfile(province="四川", city="成都", industry="C", employees=80),
        2,
        None,
        [Place("山东", "青岛")],
        "青岛的模型券和研发费用加计扣除我们能用吗",
    ),
    (
        CompanyProfile(province="香港", city=None, industry="H", employees=12),
        1,
        None,
        [],
        "HK cafe, which vouchers?",
    ),
    (CompanyProfile(), 2, None, [], "Which subsidies can a bakery get for AI scheduling?"),
    (
        CompanyProfile(province="河南", city="郑州", industry="C", employees=300),
        2,
        {SpendKind.compute},
        [Place("甘肃", "庆阳")],
        "庆阳的算力券和郑州的算力券哪个划算，设备更新贷款贴息呢",
    ),
]


def _seen(judged: list) -> list[tuple]:
    return [
        (a.program.id, a.verdict, [r.zh for r in a.reasons], a.asked, a.reached_through, a.ratio)
        for a in judged
    ]


@pytest.mark.parametrize(("profile", "picks", "spend", "places", "question"), CASES)
def test_the_gated_judgement_shows_what_judging_every_program_shows(
    profile: CompanyProfile, picks: int, spend: set[SpendKind] | None, places: list[Place], question: str
) -> None:
    purchases = plan(CATALOGUE.solutions[:picks], [])
    every = pilot_channels(
        [assess(p, profile, TODAY, purchases, question) for p in CATALOGUE.funding], profile
    )
    expected = select_programs(every, profile, spend, places, question)
    gated = JUDGE.shown(profile, purchases, question, spend, places, question)
    assert _seen(gated) == _seen(expected)


def test_the_gate_lets_through_a_handful_not_the_catalogue() -> None:
    """The point of the gate: a restaurant in Hangzhou is not judged against Qingyang's compute voucher."""
    profile = CompanyProfile(province="浙江", city="杭州", industry="H", employees=25)
    kept = could_show(CATALOGUE.funding, profile, {SpendKind.software}, [], "餐厅想用AI备料")
    assert 0 < len(kept) < len(CATALOGUE.funding) / 3
    assert all(p.region.province in (None, "浙江") for p in kept)
