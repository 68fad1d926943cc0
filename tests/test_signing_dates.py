"""A signing time after a program's end rules the program out, however the owner says when (advice_rules.md §4).

The reading (engine/stated_days.py) is the earliest day the words can mean; through the advisor, the Shenzhen
measures (valid until 2026-12-17) must come out ❌ with their end date for a contract signed later.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.notices import asks_about_time
from app.advisor.engine.stated_days import stated_day
from app.advisor.service import AdvisorService
from app.text.normalize import normalize

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("said", "earliest"),
    [
        ("合同打算1月份签", date(2027, 1, 1)),
        ("合約打算十二月二十號先簽", date(2026, 12, 20)),
        ("We plan to sign the contract in January", date(2027, 1, 1)),
        ("sign in mid-January", date(2027, 1, 11)),
        ("合同12月底签", date(2026, 12, 21)),
        ("过完年再签", date(2027, 1, 1)),
        ("We'll sign on December 28", date(2026, 12, 28)),
        ("合同11月签", TODAY),  # a month that has begun can mean today
    ],
)
def test_a_signing_time_reads_as_the_earliest_day_it_can_mean(said: str, earliest: date) -> None:
    when = stated_day(normalize(said), TODAY)
    assert when is not None and when.day == earliest


@pytest.mark.parametrize("said", ["签了3个月的合同", "3年后再签", "1月15万的合同", "合同签3年，每月付款"])
def test_a_duration_or_an_amount_is_no_signing_time(said: str) -> None:
    assert stated_day(normalize(said), TODAY) is None


@pytest.mark.parametrize(
    "question",
    ["训力券还剩几天？", "訓力券仲有幾日？", "訓力券幾時完？", "How many days are left on the voucher?"],
)
def test_how_long_is_left_is_a_question_about_time(question: str) -> None:
    assert asks_about_time(question)


@pytest.mark.parametrize(
    "message",
    [
        "深圳一家20人的AI公司，训练用的GPU合同打算1月份签，50万，训力券还能用吗？",
        "深圳一間20人嘅AI公司，GPU訓練合約打算十二月二十號先簽，50萬，訓力券仲用唔用得？",
        "Shenzhen, 20 staff. We plan to sign the RMB 500k GPU training contract in January. Can the training "
        "voucher still cover it?",
    ],
)
def test_a_contract_signed_after_the_measures_end_gets_no_voucher_and_hears_the_end_date(
    advisor: AdvisorService, message: str
) -> None:
    response = advisor.ask(message)
    verdicts = {f.id: f.verdict for f in response.funding}
    assert verdicts.get("sz-training-voucher-2024") == "ineligible"
    assert "2026-12-17" in response.answer


@pytest.mark.parametrize(
    ("said", "latest"),
    [
        ("我们打算12月底前签合同", date(2026, 12, 31)),
        ("12月20号之前签", date(2026, 12, 20)),
        ("We'll sign before December 20", date(2026, 12, 20)),
        ("we sign by the end of December", date(2026, 12, 31)),
    ],
)
def test_a_latest_date_can_mean_any_day_from_today(said: str, latest: date) -> None:
    when = stated_day(normalize(said), TODAY)
    assert when is not None and when.day == TODAY and when.latest == latest


@pytest.mark.parametrize(
    "message",
    [
        "深圳一家20人的AI公司，准备租GPU训练模型，合同大概200万，我们打算12月底前签合同，训力券来得及吗？",
        "Shenzhen AI startup, 20 staff. We'll sign a RMB 2M GPU training contract before December 25. "
        "Is there still time for the training voucher?",
    ],
)
def test_signing_by_a_date_past_the_end_is_possible_not_ruled_out(
    advisor: AdvisorService, message: str
) -> None:
    """review12 r12-06: "12月底前" was read as "12月底" and the voucher ❌; signed by 12-17 it is covered."""
    response = advisor.ask(message)
    verdicts = {f.id: f.verdict for f in response.funding}
    assert verdicts.get("sz-training-voucher-2024") != "ineligible"
    assert "2026-12-17" in response.answer
