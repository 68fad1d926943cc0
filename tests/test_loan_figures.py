"""A loan for a retrofit gets each loan-interest program's figure on it, at every level (review15 r15-08).

"苏州吴江…准备贷款1000万搞智能化改造，贴息怎么算" named 苏州's loan subsidy by its place and kind: the answer gave
its rule with no figure, and the national equipment-renewal loan subsidy (1.5 points, ending 2026-12-31) was never
judged. Right: 苏州 1000万 × 1个百分点 ≈ 10万/年; national 1000万 × 1.5个百分点 ≈ 15万/年 for at most 2 years;
whether they combine is not stated. The figures are interest relief, never subtracted from a price.
"""

from __future__ import annotations

from datetime import date

from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.loan_interest import loan_interest_notes
from app.advisor.engine.notices import deadline_notes
from app.advisor.engine.program_companions import same_spend_elsewhere
from app.advisor.engine.purchases import solution_purchases
from app.advisor.engine.sector_lists import sectors
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
WUJIANG = CompanyProfile(province="江苏", city="苏州", district="吴江区", industry="C", employees=200)
MESSAGE = "苏州吴江的纺织厂，200人，营收1.5个亿，准备贷款1000万搞智能化改造，贴息怎么算"


def _judged() -> list:
    said = normalize(MESSAGE)
    return [assess(p, WUJIANG, TODAY, named_purchases(MESSAGE), said) for p in CATALOGUE.funding]


def test_the_national_loan_subsidy_is_answered_beside_the_citys_named_one() -> None:
    judged = _judged()
    suzhou = next(a for a in judged if a.program.id == "su-smart-manufacturing-loan-interest-2021")
    beside = same_spend_elsewhere(judged, [suzhou])
    national = [a for a in beside if a.program.id == "cn-equipment-renewal-loan-subsidy-2026"]
    assert national and national[0].verdict is not Verdict.ineligible


def test_each_loan_subsidy_is_worked_out_on_the_clients_loan() -> None:
    judged = {a.program.id: a for a in _judged()}
    programs = [
        judged["su-smart-manufacturing-loan-interest-2021"],
        judged["cn-equipment-renewal-loan-subsidy-2026"],
    ]
    zh = "\n".join(loan_interest_notes(10_000_000, programs, "zh"))
    assert "1000万元 × 1个百分点 = 每年约少付利息10万元" in zh
    assert "1000万元 × 1.5个百分点 = 每年约少付利息15万元" in zh
    en = "\n".join(loan_interest_notes(10_000_000, programs, "en"))
    assert "× 1 percentage point = about CNY 100,000" in en and "1 percentage points" not in en


def test_a_pilot_deadline_names_the_sub_sectors_a_general_plant_is_outside_of() -> None:
    """review15 r15-37: the ⏰ line of 广州's pilot said only "firms already on the list" to a 五金厂."""
    guangzhou = CATALOGUE.program("guangzhou-sme-dx-pilot-2024")
    assert guangzhou is not None
    words = "我喺广州番禺开五金厂，100人，想搞ai质检"
    hardware = sectors(guangzhou, words)
    assert hardware is not None and "除非" in hardware.reason.zh and "supplies one" in hardware.reason.en
    profile = CompanyProfile(province="广东", city="广州", district="番禺区", industry="C", employees=100)
    inspection = CATALOGUE.solution("visual-defect-inspection-edge")
    assert inspection is not None
    assessment = assess(guangzhou, profile, TODAY, solution_purchases(inspection), words)
    for language in ("zh", "en"):
        notes = "\n".join(deadline_notes([assessment], TODAY, words, language))
        assert "2026-12-31" in notes
        assert ("工业母机和机器人" if language == "zh" else "machine tools and robots") in notes
