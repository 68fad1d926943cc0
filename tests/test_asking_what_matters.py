"""An answer asks only what can change a verdict it shows, and says only what is really open (issue #11, §3, §8).

Session 15 (review12): a size question under every pack whose programs did not wait on size (r12-05, 09, 17);
"employees and revenue" when the headcount was given; "还没有金额和采购方式" to a client who gave both (r12-01,
r12-20); "山东的算力券" answered with 青岛's ❌ beside Shandong's (r12-24); an "if selected" amount for a pilot
nobody asked about (r12-56); a registration correction that withdrew 深圳模型券 without a word (r12-30).
"""

from __future__ import annotations

from datetime import date

from app.advisor.compose.what_if import withdrawn_after_correction
from app.advisor.engine.asked_facts import facts_worth_asking
from app.advisor.engine.eligibility import assess
from app.advisor.engine.kind_names import provinces_own_first
from app.advisor.engine.open_parts import open_purchase_reason
from app.advisor.engine.spend_notes import unpaid_client_items
from app.advisor.service import AdvisorService
from app.advisor.understand.gazetteer import Place
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)


def _judged(program_id: str, profile: CompanyProfile, message: str = ""):
    program = CATALOGUE.program(program_id)
    assert program is not None
    return assess(program, profile, TODAY, named_purchases(message) if message else None, message)


def test_no_size_question_when_only_a_selection_award_is_shown():
    chengdu = CompanyProfile(province="四川", city="成都", industry="H")
    award = _judged("cd-scenario-award-2025", chengdu)
    assert facts_worth_asking(["size"], [award], chengdu) == []


def test_size_is_asked_when_a_shown_verdict_waits_on_it_and_only_the_missing_half():
    message = "租算力训练模型合同50万"
    nothing = CompanyProfile(province="四川", city="成都", industry="I")
    assert facts_worth_asking(["size"], [_judged("cd-compute-voucher-2023", nothing, message)], nothing) == [
        "size"
    ]
    # Headcount given, revenue not: a factory of 1,500 may be medium or large, so only the revenue is asked.
    headcount = CompanyProfile(province="四川", city="成都", industry="C", employees=1500)
    judged = _judged("cd-compute-voucher-2023", headcount, message)
    assert "size" in {c.name for c in judged.conditions if c.status.value == "unknown"}
    assert facts_worth_asking([], [judged], headcount) == ["revenue"]
    # A pilot city's list stays open whatever the size: no question for it.
    pilot = _judged("cn-sme-dx-pilot-city-2023", nothing)
    assert facts_worth_asking(["size"], [pilot], nothing) == []
    # Before the place is known, nothing can be judged yet: the size is asked as before.
    assert facts_worth_asking(["region", "size"], [], CompanyProfile(industry="C")) == ["region", "size"]


def test_the_missing_facts_sentence_names_only_what_is_missing():
    kind = ("数据集/语料采购", "dataset or corpus purchase")
    both = open_purchase_reason("从数据交易所采购行业语料", kind, "从数据交易所采购行业语料，预算50万", False)
    assert "还没有" not in both.zh and "amount" not in both.en
    no_amount = open_purchase_reason("从数据交易所采购行业语料", kind, "打算从数据交易所采购行业语料", False)
    assert "还没有金额" in no_amount.zh and "采购方式" not in no_amount.zh
    no_where = open_purchase_reason("采购行业语料", kind, "采购行业语料，合同30万", False)
    assert "还没说在哪里采购" in no_where.zh and "金额" not in no_where.zh
    neither = open_purchase_reason("采购行业语料", kind, "想采购行业语料", False)
    assert "还没有金额和采购方式" in neither.zh


def test_a_province_said_alone_names_its_own_voucher_not_a_citys():
    shandong, qingdao = (
        CATALOGUE.program("sd-compute-voucher-2025"),
        CATALOGUE.program("qd-compute-voucher-opc-2026"),
    )
    assert shandong is not None and qingdao is not None
    yantai_asking_shandong = [Place("山东", "烟台"), Place("山东", None)]
    assert provinces_own_first([shandong, qingdao], yantai_asking_shandong) == [shandong]
    # The client in Qingdao: its own city's voucher is meant too.
    assert provinces_own_first([shandong, qingdao], [Place("山东", "青岛"), Place("山东", None)]) == [
        shandong,
        qingdao,
    ]


def test_an_unasked_pilot_gets_no_if_selected_amount():
    wuqing = CompanyProfile(province="天津", city="天津", district="武清区", employees=30, industry="C")
    message = "想上一套云MES，大概20万"
    client = named_purchases(message)
    programs = [_judged("cn-new-tech-retrofit-city-pilot", wuqing, message)]
    for line in unpaid_client_items(client, programs, "en"):
        assert "If selected" not in line


def test_a_correction_names_the_voucher_it_withdrew():
    dongguan = CompanyProfile(province="广东", city="东莞", employees=20, industry="F")
    earlier = [_judged("sz-model-voucher-2024", dongguan)]
    (line,) = withdrawn_after_correction(earlier, [], "zh")
    assert "深圳市模型券" in line and "东莞" in line
    assert withdrawn_after_correction(earlier, earlier, "zh") == []  # listed anyway: its own line says why


def test_a_voucher_question_with_no_business_gets_no_size_question(advisor: AdvisorService):
    answer = advisor.ask(
        "成都开了3家火锅店，备菜老是浪费，想用AI做备货预测，预算1w左右，有没有政府补贴可以拿？"
    )
    assert "大概有多少员工" not in answer.answer
    assert not any("员工" in q for q in answer.clarifying_questions)
