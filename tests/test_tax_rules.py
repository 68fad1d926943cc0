"""Standing tax rules answered as a consultant would (session 13, review10 r10-50).

The R&D super-deduction's rate is in the catalogue (an extra 100%): with the client's R&D figure the answer says
how far taxable income falls and roughly what tax that saves, never "the rate and the cap are not in my sources";
a tax rule with no end date is in force until changed, so nobody is told to watch for a new batch.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.program_terms import special, validity
from app.advisor.engine.tax_deduction import one_off_notes, stated_rnd_spend
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.models import ApplicationMechanism
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import judged, named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


@pytest.mark.parametrize(
    ("message", "spend"),
    [
        ("今年研发投入大概200万，加计扣除能省多少", 2_000_000),
        ("We spent about 300k RMB on R&D for our own AI design tool this year.", 300_000),
        ("we put about RMB 500k into R&D this year", 500_000),
        ("预算5万，想做个客服机器人", None),  # a budget is no R&D spend
    ],
)
def test_the_rnd_spend_the_client_states_is_read(message: str, spend: float | None) -> None:
    assert stated_rnd_spend(normalize(message)) == spend


def test_no_tax_rule_without_an_end_date_sends_the_client_to_watch_for_a_batch() -> None:
    for program in CATALOGUE.funding:
        if program.how_to_apply.mechanism is not ApplicationMechanism.tax_filing:
            continue
        for condition in validity(program, date(2026, 11, 28)):
            assert "新一批" not in condition.reason.zh and "batch is open" not in condition.reason.en, (
                program.id
            )


def test_the_super_deduction_is_worked_on_the_clients_rnd_figure(advisor: AdvisorService) -> None:
    answer = advisor.ask(
        "南京一家12人的建筑设计工作室，今年给自己的AI设计工具投了研发费用30万，研发加计扣除能省多少？"
    ).answer
    assert "应纳税所得额因此减少30万元" in answer and "约少缴企业所得税7.5万元" in answer
    assert "不是现金补贴" in answer
    # What is said of this rule (a line may go on to other programs after "；", which keep their own words).
    parts = [part for line in answer.splitlines() for part in line.split("；") if "加计扣除" in part]
    assert not any("不在我的资料" in part or "新一批" in part for part in parts), parts


def test_the_super_deduction_in_english_says_what_it_saves(advisor: AdvisorService) -> None:
    answer = advisor.ask(
        "12-person design studio in Nanjing; we spent about 300k RMB on R&D this year. "
        "How much does the R&D super deduction save us?"
    ).answer
    assert "taxable income falls by CNY 300,000" in answer and "CNY 75,000 less tax" in answer
    assert "not in my sources" not in answer and "new batch" not in answer


@pytest.mark.parametrize(
    ("message", "spend"),
    [
        ("our wuhan software company spent 500k developing an ai module this year.", 500_000),
        ("今年开发ai质检模块花了120万，加计扣除能少交多少税", 1_200_000),
        ("去年营收3000万，加计扣除能省多少", None),  # a revenue is never the R&D base
    ],
)
def test_money_spent_developing_is_the_base_when_the_super_deduction_is_asked(
    message: str, spend: float | None
) -> None:
    """review11 r11-54: the client names the super-deduction and what they spent developing: that is the figure."""
    assert stated_rnd_spend(normalize(message), asked=True) == spend


def test_the_english_saving_is_given_at_both_income_tax_rates(advisor: AdvisorService) -> None:
    answer = advisor.ask(
        "Our Wuhan software company spent 500k developing an AI module this year. Does the R&D super deduction "
        "apply, and how much tax does it save?"
    ).answer
    assert "CNY 125,000 less tax" in answer and "CNY 75,000" in answer and "not cash" in answer


def test_equipment_named_gets_the_one_off_deduction_figure_and_no_one_or_the_other(
    advisor: AdvisorService,
) -> None:
    """review12 r12-49: a VAT credit and an income-tax deduction are different taxes (no 'one of them only'), and
    '3M of CNC machines, how much?' is answered: deducted in full that year, about 750k less tax at 25%."""
    answer = advisor.ask(
        "We're a precision-parts maker in Ningbo, 150 staff, buying CNC machines with AI inspection for RMB 3 million "
        "this year. Which tax benefits or subsidies apply, and how much?"
    ).answer
    assert "CNY 750,000 less tax" in answer and "not cash" in answer
    assert "under one of them only" not in answer


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_one_off_deduction_saving_is_said_with_what_it_rests_on(language) -> None:
    """review17: "少缴企业所得税45万元" came without its conditions (taxable income enough to absorb it, 查账征收,
    bought 2024—2027, depreciation deducts it anyway) and with "部分行业不适用", which the entry does not hold."""
    message = (
        "We bought a CNC machine for 2 million yuan this year"
        if language == "en"
        else "新买了台数控机床200万"
    )
    mill = CompanyProfile(province="浙江", city="宁波", employees=80, industry="C")
    assessment = judged(CATALOGUE, "cn-equipment-one-off-deduction-2027", mill, message, date(2026, 11, 28))
    (note,) = one_off_notes(named_purchases(message), [assessment], language)
    if language == "en":
        assert "if that year's taxable income is at least that much" in note and "audited accounts" in note
        assert "depreciated and deducted anyway" in note
    else:
        assert (
            "当年应纳税所得额足够时" in note and "查账征收" in note and "2024年1月1日至2027年12月31日" in note
        )
    said = [c.reason for c in assessment.conditions if c.name == "special"]
    assert not any("部分行业不适用" in r.zh or "some industries" in r.en for r in said)


def test_a_tax_rule_with_a_negative_list_still_says_some_industries_are_excluded() -> None:
    program = CATALOGUE.program("cn-rd-super-deduction-2023")
    assert program is not None and program.eligibility.excluded_industries
    assert any("部分行业不适用" in c.reason.zh for c in special(program))
