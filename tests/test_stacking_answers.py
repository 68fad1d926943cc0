"""A stacking answer is about the programs the client holds or names, one sentence per pair (review7 rev7-34, s4-3).

The levels of one city's pilot are one channel, not a pair; ended programs and other cities' programs pair with
nothing; two editions of one program give way to the pair the client asked about; every sentence has its verb.
"""

from __future__ import annotations

import re
from datetime import date

from app.advisor.compose.focus import focus_line
from app.advisor.engine.notices import deadline_notes
from app.advisor.engine.purchases import Purchase
from app.advisor.engine.stacking import question_programs
from app.advisor.funding_judge import FundingJudge
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
JUDGE = FundingJudge(CATALOGUE, lambda: TODAY)
RETROFIT = [
    Purchase(
        "数字化改造项目", "digital retrofit", SpendKind.digital_transformation, AmountRange(min=1e5, max=3e5)
    )
]


def _stacking(profile: CompanyProfile, question: str, purchases: list[Purchase], named: list[str]) -> str:
    judged = JUDGE.assessments(profile, purchases, question)
    asked = question_programs(judged, named, question)
    for assessment in asked:
        assessment.asked = True
    return focus_line(question, asked + judged, TODAY, "zh") or ""


def test_the_levels_of_one_citys_pilot_are_one_channel_and_other_cities_are_left_out():
    """rev7-34: '佛山的试点和广东省的试点能一起拿吗' was paired with 东莞's ended pilot, in a clause without a verb."""
    foshan = CompanyProfile(province="广东", city="佛山", industry="C", employees=80, annual_revenue_cny=3e7)
    line = _stacking(foshan, "佛山的试点和广东省的试点能一起拿吗？", RETROFIT, [])
    assert line.startswith("能否叠加：")
    assert "东莞" not in line and "广州" not in line and "江门" not in line
    assert "同一个渠道" in line and "不是两笔钱" in line and "改造名单" in line
    assert "天台" not in line  # a note about another place's pilot is no answer here


def test_a_voucher_and_the_pilot_are_paired_not_two_editions_of_the_voucher():
    """rev7-s4-3: '算力券和试点补助能叠加吗' compared 成都算力券 2023 with 2025."""
    chengdu = CompanyProfile(
        province="四川", city="成都", industry="C", employees=200, annual_revenue_cny=1.5e8
    )
    question = "算力券和试点补助能叠加吗？"
    purchases = named_purchases("租算力训练检测模型，合同30万") + RETROFIT
    line = _stacking(chengdu, question, purchases, ["cd-compute-voucher-2023", "cd-compute-voucher-2025"])
    assert "成都市算力券" in line and "成都的城市试点" in line and "不同采购" in line
    assert "2023" not in line


def test_every_sentence_of_a_stacking_answer_names_its_pair_and_says_what_holds():
    shanghai = CompanyProfile(
        province="上海", city="上海", industry="I", employees=50, annual_revenue_cny=3e7
    )
    question = "算力券、模型券和语料券能一起申请吗"
    named = ["sh-compute-voucher-2025", "sh-model-voucher-2025", "sh-corpus-voucher-2025"]
    line = _stacking(shanghai, question, named_purchases("算力30万，模型API 20万，语料10万"), named)
    body = line.removeprefix("能否叠加：").split("（原文说明", 1)[0]
    for sentence in filter(None, re.split(r"(?<=。)", body)):
        assert re.search(r"可以叠加|申请|确认|渠道|谈不上", sentence), sentence


def test_a_loan_subsidy_deadline_does_not_lead_for_a_client_who_will_not_borrow():
    """review7 p5: '不贷款' and still '⏰ 设备更新贷款财政贴息…还剩32天'."""
    suzhou = CompanyProfile(province="江苏", city="苏州", industry="C", employees=80)
    said = "设备老坏，预算10万，不贷款"
    judged = JUDGE.assessments(suzhou, RETROFIT, said)
    loan = next(a for a in judged if a.program.id == "cn-equipment-renewal-loan-subsidy-2026")
    loan.asked = True  # the client raised loans
    assert not any("贴息" in n for n in deadline_notes(judged, TODAY, said, "zh"))


def test_a_pair_capped_below_what_one_pays_alone_is_advised_as_that_one_alone(advisor):
    """review9 r9-02/51/52: a small Hangzhou firm rated at the smart voucher's 10% tier was told the two vouchers
    "可以叠加，合计不超过费用的30%", while the compute voucher alone pays it 50%: stacking would cost it money."""
    asked = "我们是杭州的AI小公司，20人，智能券批的是{}档，今年租算力合同20万，杭州算力券和智能券能叠加吗？"
    answer = advisor.ask(asked.format("10%")).answer
    assert answer.startswith("能否叠加：可以叠加，但不增加金额。")
    assert "合计不超过费用的30%，而杭州算力券单独最高已达50%" in answer and "只申请杭州算力券即可" in answer
    # at the 30% tier the pair's 60% is above the 50%: stacking pays more, and is said so
    answer = advisor.ask(asked.format("30%")).answer
    assert "可以叠加，合计不超过费用的60%" in answer and "只申请" not in answer
    english = advisor.ask(
        "Hangzhou AI startup, 15 staff, smart voucher approved at the 10% tier, compute rental 300k this year. "
        "Can we stack the Hangzhou compute voucher with the smart voucher?"
    ).answer
    assert "Yes, but it adds nothing." in english and "claim Hangzhou compute voucher alone" in english
