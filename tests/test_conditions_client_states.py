"""Conditions the client's own statement settles (session 11, advice_rules.md §3).

- "我们调用第三方大模型API" is the purchase the Shanghai model voucher pays for: its condition is met, not ❔
  (review8 r8-05); a model of their own is not a third party's, so the voucher is ❌;
- a stated legal form settles a one-person-company (OPC) voucher: a limited company of several people gets ❌
  with the reason and no figure (review8 r8-19), a one-person company is not ruled out by its form;
- work the client does themselves ("我哋自己做模型微調") is no purchase: no model-voucher subsidy on the
  pack's API item (review8 v53), while the compute they rent still is one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.legal_form import legal_form_in
from app.advisor.understand.plans import said_purchases, self_done
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)


def _judged(program_id: str, message: str, **facts: Any) -> Assessment:
    profile = CompanyProfile(**facts, legal_form=legal_form_in(message))
    return judged(CATALOGUE, program_id, profile, message, TODAY)


def _status(assessment: Assessment, name: str) -> list[str]:
    return [c.status.value for c in assessment.conditions if c.name == name]


SHANGHAI = {"province": "上海", "city": "上海", "industry": "I", "employees": 30}
WUHAN = {"province": "湖北", "city": "武汉", "industry": "I"}


@pytest.mark.parametrize(
    "message",
    [
        "我们调用第三方大模型API做客服机器人，一年大概20万，模型券能申请吗？",
        "准备把通义千问私有化部署到内网做知识库，部署合同大概40万",
        "We call a third-party LLM API for our chatbot, roughly RMB 80k a year.",
    ],
)
def test_a_third_party_model_the_client_uses_meets_the_model_vouchers_condition(message):
    voucher = _judged("sh-model-voucher-2025", message, **SHANGHAI)
    assert _status(voucher, "special") == ["met"]
    assert not any("须确认" in c.reason.zh for c in voucher.conditions if c.name == "special")


def test_a_model_the_client_trains_themselves_is_not_a_third_partys():
    voucher = _judged(
        "sh-model-voucher-2025",
        "大模型是我们自己训练的，不调别人的API，主要是租算力，一年大概50万",
        **SHANGHAI,
    )
    assert voucher.verdict is Verdict.ineligible
    assert "我们自己训练的" in voucher.reasons[0].zh
    # "不调别人的API" says what they don't buy: it is never quoted back as a purchase
    assert not any("不调别人的api" in c.reason.zh.lower() for c in voucher.conditions)


@pytest.mark.parametrize(
    ("message", "employees"),
    [
        ("武汉一家6个人的有限公司，做AI应用开发的，每年租GPU算力大概8万，OPC那个算力券我们能用吗？", 6),
        (
            "We are a limited company in Wuhan, 4 people, building AI apps. We rent GPUs for about RMB 60k a year.",
            4,
        ),
        ("武汉一家合伙企业，三个合伙人，做AI视频剪辑，租算力一年5万左右", 3),
    ],
)
def test_a_firm_that_is_no_one_person_company_by_its_form_is_ruled_out_of_the_opc_voucher(message, employees):
    opc = _judged("wh-opc-compute-voucher-2026", message, employees=employees, **WUHAN)
    assert opc.verdict is Verdict.ineligible
    assert _status(opc, "legal_form") == ["unmet"]
    assert any("只面向一人有限公司" in r.zh for r in opc.reasons)


def test_a_one_person_company_is_not_ruled_out_by_its_form():
    message = "我就一个人，注册的是一人有限公司，在武汉做AI绘图接单，一年租算力大概3万"
    opc = _judged("wh-opc-compute-voucher-2026", message, employees=1, **WUHAN)
    assert opc.verdict is not Verdict.ineligible
    assert _status(opc, "legal_form") == ["met"]


def test_work_done_in_house_leaves_the_model_voucher_without_a_purchase():
    message = "深圳一家25人的AI初创，我们自己做模型微调，租用算力合约大约六十万"
    shenzhen = {"province": "广东", "city": "深圳", "industry": "I", "employees": 25}
    voucher = _judged("sz-model-voucher-2024", message, **shenzhen)
    assert voucher.verdict is not Verdict.eligible
    training = _judged("sz-training-voucher-2024", message, **shenzhen)
    assert _status(training, "purchase") == ["met"]  # the compute they rent still is a purchase


def test_the_legal_form_read_from_the_clients_words():
    assert legal_form_in("我们是一人有限公司") == "one_person_company"
    assert legal_form_in("We are a single-member LLC") == "one_person_company"
    assert legal_form_in("武汉一家5个人的有限公司") == "company"
    assert legal_form_in("不是一人公司，是普通的有限公司") == "company"
    assert legal_form_in("我们公司是有限责任公司，就我和合伙人两个人") == "company"  # a co-founder
    assert legal_form_in("我们是有限合伙企业") == "partnership"


def test_in_house_work_and_denied_purchases_are_not_bought():
    assert [p.kind for p in self_done("We fine-tune our models in-house; we only buy GPU time")] == [
        SpendKind.model_service
    ]
    assert self_done("自己没有技术人员，想找服务商做模型微调") == ()
    assert SpendKind.model_service not in {p.kind for p in said_purchases("不调别人的API，主要是租算力")}


def _subsidised(response: dict[str, Any]) -> set[str]:
    return {s["program_id"] for s in response["subsidies"] if s["amount_cny"]["max"] > 0}


def test_the_answer_gives_no_figure_for_a_voucher_the_form_or_in_house_work_rules_out(advisor):
    limited = advisor.ask(
        "武汉一家6个人的有限公司，做AI应用开发的，每年租GPU算力大概8万，OPC那个算力券我们能用吗？"
    )
    assert "wh-opc-compute-voucher-2026" not in _subsidised(limited.model_dump(mode="json"))
    own = advisor.ask(
        "深圳南山一間25人嘅AI初創，我哋自己做模型微調，租用算力合約大約六十萬，訓力券可以補幾多？"
    )
    subsidised = _subsidised(own.model_dump(mode="json"))
    assert "sz-model-voucher-2024" not in subsidised
    assert "sz-training-voucher-2024" in subsidised


def test_a_model_api_named_with_the_cloud_it_runs_on_is_a_model_service():
    """The Shanghai model voucher pays for the API contract: "(Qwen on Alibaba Cloud)" says where it runs."""
    said = "We call a third-party LLM API (Qwen on Alibaba Cloud) for copywriting, roughly RMB 80k a year."
    assert [(p.kind, p.amount_cny) for p in stated_purchases(said)] == [(SpendKind.model_service, 80000.0)]
    assert [p.kind for p in stated_purchases("ERP迁到阿里云上，一年3万")] == [SpendKind.cloud_service]


HAIZHU = {"province": "广东", "city": "广州", "district": "海珠区", "industry": "L", "employees": 20}


@pytest.mark.parametrize(
    ("message", "unmet"),
    [
        # review10 r10-10: a marketing agency that uses LLMs is a user, not a 大模型企业.
        (
            "广州海珠区一家美妆营销公司，我们用大模型写营销文案和短视频脚本，海珠区的示范项目奖励能拿多少？",
            True,
        ),
        ("We are a marketing agency in Haizhu; we use ChatGPT and other LLMs to write copy.", True),
        ("海珠区一家自研行业大模型的科技公司，50人，做医疗问诊模型，示范项目奖励怎么申请？", False),
        ("海珠区的大模型示范项目奖励怎么申请", False),  # nothing said about models: still to confirm
        # review12 r12-16: a shop adopting an AI tool for its own customers is a user too
        (
            "广州海珠区一家服装电商，15个人，售前咨询太多想上AI客服，海珠区那个大模型应用示范项目我们能申请吗？",
            True,
        ),
    ],
)
def test_a_program_for_model_makers_rules_out_a_client_who_says_they_use_models(
    message: str, unmet: bool
) -> None:
    assessment = _judged("gz-haizhu-ai-demo-award-2024", message, **HAIZHU)
    maker = [c for c in assessment.conditions if c.name == "special" and "大模型企业" in c.reason.zh]
    assert [c.status.value for c in maker] == (["unmet"] if unmet else ["unknown"])
    if unmet:
        assert assessment.verdict is Verdict.ineligible
        assert "不是大模型企业" in maker[0].reason.zh and "not making them" in maker[0].reason.en


@pytest.mark.parametrize(
    "message",
    [
        "Chengdu food processing plant, 220 staff. We want AI visual inspection on the packaging line, budget 150k.",
        "成都一家电子厂，想上AI质检，预算20万",
    ],
)
def test_a_client_adopting_ai_for_its_own_line_is_no_developer(message: str) -> None:
    """review11 r11-45: Sichuan's R&D grant pays for developing smart software or hardware, not buying it."""
    facts = {"province": "四川", "city": "成都", "industry": "C", "employees": 220}
    assessment = _judged("sc-ai-industrialization-tech-2025", message, **facts)
    assert _status(assessment, "developer") == ["unmet"]
    assert assessment.verdict is Verdict.ineligible


def test_own_rnd_keeps_the_rnd_grant_to_confirm() -> None:
    message = "成都一家做工业相机的公司，我们自研视觉算法，想申请技术攻关项目"
    facts = {"province": "四川", "city": "成都", "industry": "C", "employees": 80}
    assert _status(_judged("sc-ai-industrialization-tech-2025", message, **facts), "developer") == ["unknown"]
