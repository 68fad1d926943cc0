"""What a funding line promises: a certification is not a selection, and a program with no published ratio
shows its own per-firm clause instead of a bare "ratio not published" (review4 c37)."""

from __future__ import annotations

from datetime import date

from app.advisor.compose.funding import benefit_line, selection_label
from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.programs import listed_programs, select_programs
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 29)
STARTUP = CompanyProfile(province="安徽", city="合肥", industry="I", employees=30, annual_revenue_cny=5e6)


def test_high_tech_status_is_a_certification_not_a_selection():
    program = CATALOGUE.program("cn-hnte-15pct-cit")
    assert program is not None
    assessment = assess(program, STARTUP, TODAY)
    assert assessment.verdict is Verdict.unknown
    assert not assessment.selection_only and selection_label(assessment, "zh") is None
    open_ = [c.reason.zh for c in assessment.conditions if c.status is Status.unknown]
    assert any("认定为高新技术企业" in reason for reason in open_)
    assert not any("多数申报者拿不到" in reason for reason in open_)
    assert "15%" in benefit_line(assessment, "zh") and "15%" in benefit_line(assessment, "en")


def test_every_program_without_a_ratio_but_with_a_per_firm_clause_shows_the_clause():
    for program in CATALOGUE.funding:
        assessment = assess(program, STARTUP, TODAY)
        if assessment.ratio or program.benefit.per_firm is None:
            continue
        assert benefit_line(assessment, "zh") == program.benefit.per_firm
        assert "not published" not in benefit_line(assessment, "en") or "not published" in (
            program.benefit.per_firm_en or ""
        )


def test_a_tax_program_asked_about_by_its_subject_is_answered_even_when_the_answer_is_no():
    """A restaurant asking '研发费用加计扣除能用吗' hears the no (negative list), not '另核对了…未列出' (review4 c04)."""
    restaurant = CompanyProfile(province="浙江", city="杭州", industry="H", employees=60)
    question = normalize("我们自己也在研发点餐小程序，研发费用加计扣除能用吗？")
    judged = [assess(p, restaurant, TODAY) for p in CATALOGUE.funding]
    shown = listed_programs(select_programs(judged, restaurant, None, [], question))
    rd = next(a for a in shown if a.program.id == "cn-rd-super-deduction-2023")
    assert rd.verdict is Verdict.ineligible
    # ...and only the program asked about: another R&D-named grant is not pulled in by the word 研发.
    assert not [a for a in shown if a.verdict is Verdict.ineligible and a is not rd]
