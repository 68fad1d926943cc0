"""A program paid once per enterprise (engine/once_only.py): a client who says they already received it hears ❌
quoting their words, in Chinese and English; money from another program never rules it out."""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.eligibility import Verdict, deciding_reason
from app.advisor.engine.once_only import once_rule
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
TAICHUNG = CompanyProfile(province="台湾", city="台中", industry="H", employees=8)
ZHUZHOU = CompanyProfile(province="湖南", city="株洲", industry="C", employees=120)


@pytest.mark.parametrize(
    ("profile", "program_id", "message", "quoted"),
    [
        (
            TAICHUNG,
            "tw-retail-store-dx-subsidy",
            "台中早午餐店，之前已经申请过一次数位服务补助了，还能再申请吗？",
            "申请过一次",
        ),
        (
            TAICHUNG,
            "tw-retail-store-dx-subsidy",
            "Taichung bakery, 6 staff. We already received the store digital-service subsidy last year. Again?",
            "already received",
        ),
        (
            ZHUZHOU,
            "zhuzhou-sme-dx-pilot-2024",
            "株洲做硬质合金刀具的，前年已经拿过中央财政中小企业发展专项资金的支持，试点还能申请吗？",
            "专项资金",
        ),
    ],
)
def test_support_already_received_rules_a_once_only_program_out(
    profile: CompanyProfile, program_id: str, message: str, quoted: str
) -> None:
    assessment = judged(CATALOGUE, program_id, profile, message, TODAY)
    assert assessment.verdict is Verdict.ineligible
    reason = deciding_reason(assessment)
    assert reason is not None and quoted in (reason.zh + reason.en)


@pytest.mark.parametrize(
    "message",
    [
        "株洲一家陶瓷厂，去年拿过市里的技改补贴，试点能报吗",  # another program's money
        "株洲一家陶瓷厂，拿过补贴的还能申请吗？",  # a question, not a fact
    ],
)
def test_other_support_or_a_question_rules_nothing_out(message: str) -> None:
    assessment = judged(CATALOGUE, "zhuzhou-sme-dx-pilot-2024", ZHUZHOU, message, TODAY)
    assert not any("不在申报范围" in c.reason.zh and c.status.value == "unmet" for c in assessment.conditions)


def test_every_once_only_rule_in_the_catalogue_is_read() -> None:
    """Each entry whose own wording pays once per enterprise is judged by the rule (none left to phrasing)."""
    words = ("只能申请一次", "不得重复申请", "不再申报", "不在申报范围")
    for program in CATALOGUE.funding:
        text = " ".join(program.eligibility.requirements + program.eligibility.special_conditions)
        if any(w in text for w in words):
            assert once_rule(program) is not None, program.id
