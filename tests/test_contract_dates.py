"""A contract the client dates before a program began is to confirm, with both dates (review15 r15-53).

"We signed our retrofit contract back in 2022. Can the Dalian DX pilot still reimburse us?" was answered only
"enrolment needed": the pilot is the 2023 first batch and the catalogue holds no retroactive rule, so the line says
the contract predates it, to confirm with the issuer and not to count on it. A contract dated after the start (去年
= 2025 for a 2023 pilot) changes nothing.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.contract_dates import program_start, signed_before_start, signed_year
from app.advisor.engine.eligibility import Verdict, selection_open_reason
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
DALIAN = CompanyProfile(
    province="辽宁", city="大连", industry="C", employees=150, annual_revenue_cny=80_000_000
)


@pytest.mark.parametrize(
    ("words", "year"),
    [
        ("we signed our retrofit contract back in 2022.", 2022),
        ("数字化改造的合同是2022年签的", 2022),
        ("去年签的智能化改造合同", 2025),
        ("前年就买了这套系统", 2024),
        ("设备三年前就装了", 2023),
        ("we bought the line last year", 2025),
        ("公司2019年成立，想签一个改造合同", None),  # a founding year is no signing year
        ("明年签合同", None),
        ("2027年签", None),  # a year to come is spend_timing's
    ],
)
def test_the_year_is_read_only_from_a_clause_that_signs_or_buys(words: str, year: int | None) -> None:
    assert signed_year(words.lower(), TODAY) == year


def test_a_program_starts_at_its_date_or_the_year_its_title_names() -> None:
    dalian = CATALOGUE.program("dl-sme-dx-pilot-2023")
    loan = CATALOGUE.program("cn-equipment-renewal-loan-subsidy-2026")
    assert dalian is not None and loan is not None
    assert program_start(dalian) == 2023  # "（第一批，2023年）": no date published
    assert program_start(loan) == 2026  # issued 2026-01-19


@pytest.mark.parametrize(
    "message",
    [
        "We're a Dalian seafood processor, 150 employees. We signed our retrofit contract back in 2022. "
        "Can the Dalian DX pilot still reimburse us?",
        "大连的水产加工厂，150人，改造合同是2022年签的，大连的数字化转型试点还能补吗？",
    ],
)
def test_a_contract_signed_before_the_pilot_began_is_said_on_its_verdict_line(message: str) -> None:
    assessment = judged(CATALOGUE, "dl-sme-dx-pilot-2023", DALIAN, message, TODAY)
    assert assessment.verdict is not Verdict.eligible
    reason = selection_open_reason(assessment)  # what the pilot's ❔ line says beside its label
    assert reason is not None
    assert "2022" in reason.text("en") and "2023" in reason.text("en")
    assert "早于" in reason.zh and "确认" in reason.zh


def test_a_contract_signed_after_the_start_changes_nothing() -> None:
    program = CATALOGUE.program("dl-sme-dx-pilot-2023")
    assert program is not None
    assert signed_before_start(program, "去年签的改造合同", TODAY) is None


def test_a_claim_program_dated_after_the_contract_is_to_confirm_never_eligible() -> None:
    """成都's 2025 compute voucher for a compute contract signed in 2024: every other condition holds."""
    chengdu = CompanyProfile(
        province="四川", city="成都", industry="I", employees=20, annual_revenue_cny=5_000_000
    )
    message = "成都一家做AI视频的公司，20人，2024年就签了一份120万的算力租用合同，成都算力券还能用吗？"
    assessment = judged(CATALOGUE, "cd-compute-voucher-2025", chengdu, message, TODAY)
    assert assessment.verdict is Verdict.unknown
    assert any(c.name == "timing" for c in assessment.conditions)
    later = judged(CATALOGUE, "cd-compute-voucher-2025", chengdu, message.replace("2024年", "今年"), TODAY)
    assert not any(c.name == "timing" for c in later.conditions)
