"""A verdict is only as good as the condition it checks (review9 r9-18, r9-02, r9-39, r9-11).

The client's role in the purchase (a buyer of an API is not the developer a developers-only program pays), the
program's own condition on the purchase (a filed model for model services, a city's scheduling platform), the
legal form's tax status (a partnership pays no enterprise income tax), a tax benefit tied to buying something,
and the cap in principle against the exceptional one.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict, assess
from app.advisor.engine.guarantee import guarantee_note
from app.advisor.engine.purchase_terms import unjudged
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
QINGDAO_SOFTWARE = CompanyProfile(province="山东", city="青岛", employees=50, industry="I")
HANGZHOU_FIRM = CompanyProfile(province="浙江", city="杭州", employees=20, industry="I")
ZHENGZHOU_FIRM = CompanyProfile(province="河南", city="郑州", employees=40, industry="I")


def _judged(program_id: str, profile: CompanyProfile, message: str) -> Assessment:
    return judged(CATALOGUE, program_id, profile, message, TODAY)


def _detail(assessment: Assessment, name: str) -> str:
    return " ".join(c.reason.zh for c in assessment.conditions if c.name == name)


@pytest.mark.parametrize(
    "message",
    [
        "青岛一家做工业软件的公司，买了一家备案大模型的API服务，合同60万，模型券能补多少？",
        "我们是青岛的软件公司，接了通义千问的接口做客服，一年API费用大概30万，青岛的模型券能报吗",
        "Qingdao software firm: we pay a domestic LLM provider for API access, about RMB 200k a year. "
        "Can the Qingdao model voucher pay part of it?",
    ],
)
def test_a_software_firm_buying_an_api_is_no_developer_for_a_developers_only_voucher(message):
    """review9 r9-18: shown ❔ 需遴选 as 'the only program that can pay for' the API the client bought."""
    voucher = _judged("qd-model-voucher-2025", QINGDAO_SOFTWARE, message)
    assert voucher.verdict is Verdict.ineligible
    reason = _detail(voucher, "developer")
    assert "这是采购，不是自主研发" in reason
    assert "api" in reason.lower() or "接口" in reason  # their own words


def test_a_firm_developing_its_own_model_stays_to_confirm_for_the_developers_voucher():
    program = CATALOGUE.program("qd-model-voucher-2025")
    assert program is not None
    said = normalize(
        "青岛一家做AI的公司，我们自己研发了一个纺织质检的垂直大模型，打算参加揭榜挂帅，模型券能拿多少？"
    )
    assert assess(program, QINGDAO_SOFTWARE, TODAY, None, said).verdict is Verdict.unknown
    # Asking whether R&D is needed is no statement of developing.
    asking = "模型券是不是只给研发的？我们只是买了通义千问的API，合同20万"
    assert _judged("qd-model-voucher-2025", QINGDAO_SOFTWARE, asking).verdict is Verdict.ineligible


def test_the_hangzhou_compute_voucher_asks_for_a_filed_model_behind_an_api_purchase():
    """review9 r9-02: ✅ '各项已知条件均符合' for API calls with no filed model named."""
    voucher = _judged(
        "hz-compute-voucher-2025", HANGZHOU_FIRM, "打算调用大模型API写商品文案，一年8万，杭州算力券能补吗"
    )
    assert voucher.verdict is Verdict.unknown
    assert "备案" in _detail(voucher, "special")
    filed = _judged(
        "hz-compute-voucher-2025", HANGZHOU_FIRM, "调用已备案的通义千问API，合同12万，杭州算力券能补多少"
    )
    assert filed.verdict is Verdict.eligible
    foreign = _judged(
        "hz-compute-voucher-2025", HANGZHOU_FIRM, "用ChatGPT的API写开发信，合同5万，杭州算力券能报吗"
    )
    assert foreign.verdict is Verdict.ineligible and "chatgpt" in _detail(foreign, "special").lower()


def test_renting_gpus_needs_no_filed_model_for_the_hangzhou_compute_voucher():
    """The filed-model rule is about model services: a compute rental meets the voucher without it."""
    voucher = _judged(
        "hz-compute-voucher-2025", HANGZHOU_FIRM, "租GPU训练我们自己的模型，合同40万，杭州算力券能补多少"
    )
    assert voucher.verdict is Verdict.eligible
    assert not _detail(voucher, "special")


def test_the_zhengzhou_compute_voucher_pays_only_through_the_city_platform():
    elsewhere = _judged(
        "zhengzhou-compute-voucher-2024",
        ZHENGZHOU_FIRM,
        "在阿里云上租了GPU做模型训练，合同30万，郑州的算力券能补多少",
    )
    assert elsewhere.verdict is Verdict.unknown and "调度平台" in _detail(elsewhere, "special")
    platform = _judged(
        "zhengzhou-compute-voucher-2024",
        ZHENGZHOU_FIRM,
        "通过市里的统一算力调度平台租GPU训练模型，合同30万，郑州的算力券能补多少",
    )
    assert platform.verdict is Verdict.eligible


def test_every_condition_on_the_purchase_in_a_programs_text_is_judged():
    """A rule in `requirements` only is shown but never judged (the way 杭州算力券's filed model escaped):
    each filed-model or buy-on-this-platform rule is a special condition (or the venue)."""
    escaped = {p.id: unjudged(p) for p in CATALOGUE.funding if unjudged(p)}
    assert escaped == {}


BEIJING_LAW_PARTNERSHIP = CompanyProfile(
    province="北京", city="北京", employees=30, industry="L", legal_form="partnership"
)


@pytest.mark.parametrize("program_id", ["cn-equipment-one-off-deduction-2027", "cn-tech-sme-evaluation"])
def test_a_partnership_is_refused_income_tax_benefits_with_the_reason(program_id):
    """review9 r9-39: a law partnership was shown ❔ for the equipment deduction and the tech-SME registry."""
    program = CATALOGUE.program(program_id)
    assert program is not None
    said = normalize("We're a law firm partnership in Beijing, 30 lawyers. Which tax incentives can we use?")
    verdict = assess(program, BEIJING_LAW_PARTNERSHIP, TODAY, [], said)
    assert verdict.verdict is Verdict.ineligible
    assert "不缴企业所得税" in _detail(verdict, "legal_form")


def test_the_equipment_deduction_needs_equipment_bought():
    company = CompanyProfile(province="浙江", city="杭州", employees=30, industry="L", legal_form="company")
    saas = _judged("cn-equipment-one-off-deduction-2027", company, "我们只订阅了一个AI财税SaaS，一年2万")
    assert saas.verdict is Verdict.ineligible
    assert any(c.name == "purchase" and c.status is Status.unmet for c in saas.conditions)
    assert "只适用于" in _detail(saas, "purchase")  # a deduction, which pays for nothing
    cameras = _judged(
        "cn-equipment-one-off-deduction-2027", company, "买两台工业相机和一台边缘服务器，合同30万"
    )
    assert cameras.verdict is Verdict.unknown  # claimed in the tax filing, under tax-law conditions


def test_a_guarantee_is_counted_on_the_cap_in_principle_not_the_exceptional_one():
    """review9 r9-11: '上限200万元按最高30%计算，需要约666.67万元' — the cap is 100万 a year in principle."""
    shenzhen = CompanyProfile(province="广东", city="深圳", employees=50, industry="I")
    question = "我们深圳的公司申请模型券，肯定能拿到200万吧？要花多少才能拿满？"
    program = CATALOGUE.program("sz-model-voucher-2024")
    assert program is not None
    voucher = assess(program, shenzhen, TODAY, None, normalize(question))
    voucher.asked = True
    text = "\n".join(guarantee_note(True, [voucher], "zh", question))
    assert "原则上限100万元按最高30%计算，需要约333.33万元" in text
    assert "666.67万" not in text and "上限200万元按" not in text
    assert "例外" in text
    english = "\n".join(guarantee_note(True, [voucher], "en", "Can you guarantee we receive 2 million?"))
    assert "CNY 3,333,333" in english and "6,666,667" not in english


@pytest.mark.parametrize(
    ("message", "status"),
    [
        ("准备向银行贷款200万更新织机，同时上AI验布", Status.met),  # a machine named by its name
        ("向金融机构贷款买原材料", Status.unknown),  # 机构 is the lender, and raw material no equipment
        ("全款买织机，不贷款", Status.unmet),
    ],
)
def test_a_bank_loan_for_the_machines_the_client_names_meets_the_equipment_loan_condition(message, status):
    """review10 (dev v113): '向银行贷款200万更新织机' stayed ❔ '须用银行的设备更新项目固定资产贷款购置设备'."""
    textile = CompanyProfile(province="浙江", city="嘉兴", employees=80, industry="C")
    program = _judged("cn-equipment-renewal-loan-subsidy-2026", textile, message)
    loans = [c.status for c in program.conditions if c.name == "special" and "贷款" in c.reason.zh]
    assert loans and loans[0] is status, program.conditions
