"""A program's own ceilings judged from the figures the client states (session 13, advice_rules.md §3).

A small low-profit enterprise has at most 300万 of taxable income and 300 staff; a technology-based SME at most
500 staff. A client who states a figure above a ceiling hears ❌ with their figure, in Chinese and English; a figure
within it is said to be met; a figure not given leaves the verdict to the program's other terms.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.advisor.engine.eligibility import Assessment, Verdict, deciding_reason
from app.advisor.engine.stated_limits import ceilings
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
SMALL_PROFIT = "cn-small-low-profit-cit-2023"
TECH_SME = "cn-tech-sme-evaluation"


def _judged(program_id: str, message: str, **facts: Any) -> Assessment:
    return judged(CATALOGUE, program_id, CompanyProfile(**facts), message, TODAY)


def _thresholds(assessment: Assessment) -> list[str]:
    return [c.status.value for c in assessment.conditions if c.name == "threshold"]


@pytest.mark.parametrize(
    ("message", "quoted"),
    [
        (
            "杭州一家代运营公司，去年应纳税所得额大概350万，小微企业所得税优惠还能享受吗？",
            "应纳税所得额大概350万",
        ),
        ("我们应纳税所得额超过300万了，还算小型微利企业吗", "应纳税所得额超过300万"),
        ("去年应纳税所得额300多万，能享受吗", "应纳税所得额300多万"),
        ("Our taxable income last year was about RMB 4 million. Do we still qualify?", "taxable income"),
    ],
)
def test_taxable_income_above_the_ceiling_rules_the_relief_out_with_the_clients_figure(
    message: str, quoted: str
) -> None:
    assessment = _judged(SMALL_PROFIT, message, province="浙江", city="杭州", industry="L", employees=60)
    assert assessment.verdict is Verdict.ineligible
    reason = deciding_reason(assessment)
    assert reason is not None
    assert quoted in reason.zh and quoted.split()[0] in reason.en


def test_taxable_income_within_the_ceiling_is_said_to_be_met() -> None:
    assessment = _judged(
        SMALL_PROFIT,
        "苏州的检测设备厂，去年应纳税所得额80万左右",
        province="江苏",
        city="苏州",
        employees=120,
    )
    assert assessment.verdict is not Verdict.ineligible
    assert "met" in _thresholds(assessment) and "unmet" not in _thresholds(assessment)


@pytest.mark.parametrize(("employees", "status"), [(620, "unmet"), (500, "met"), (120, "met")])
def test_headcount_against_the_tech_sme_ceiling_of_500(employees: int, status: str) -> None:
    message = f"我们公司{employees}人，能评科技型中小企业吗"
    assessment = _judged(TECH_SME, message, province="安徽", industry="I", employees=employees)
    assert _thresholds(assessment) == [status]
    if status == "unmet":
        assert assessment.verdict is Verdict.ineligible
        reason = deciding_reason(assessment)
        assert reason is not None and f"{employees}人" in reason.zh and f"{employees} staff" in reason.en


def test_no_figure_given_adds_no_condition() -> None:
    assessment = _judged(SMALL_PROFIT, "小型微利企业优惠怎么享受？", province="浙江", city="杭州")
    assert _thresholds(assessment) == []


def test_every_stated_ceiling_in_the_catalogue_is_read() -> None:
    """An entry whose requirement says '…不超过N人/万元/亿元' about a firm's size or profit has it judged."""
    read = {p.id: {m.zh for m, _, _ in ceilings(p)} for p in CATALOGUE.funding}
    assert read[SMALL_PROFIT] == {"应纳税所得额", "从业人数", "资产总额"}
    assert read[TECH_SME] == {"从业人数", "年销售收入", "资产总额"}
