"""Honest no's, districts and short lists, as an SME owner reads them (advice_rules.md §3, §4, §5, §7).

Each message goes through the real offline advisor over the shared index, with the date pinned to
2026-11-23 (conftest); assertions are on what the owner sees (the answer) and on the JSON contract.
"""

from __future__ import annotations

import pytest

from app.advisor.contract import AdviceResponse
from app.advisor.service import AdvisorService
from app.text.normalize import normalize


def verdicts(response: AdviceResponse) -> dict[str, str]:
    return {f.id: f.verdict for f in response.funding}


def said(response: AdviceResponse, *phrases: str) -> bool:
    body = normalize(response.answer).replace(" ", "")
    return any(normalize(p).replace(" ", "") in body for p in phrases)


# ------------------------------------------------------------------ districts (§3: every condition)


def test_a_district_program_is_ineligible_for_a_client_in_another_district(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "我们是广州天河区做游戏的公司，60个人，想用大模型做美术生成，海珠区的大模型示范项目奖励能申请吗？"
    )
    assert response.profile.district == "天河区"
    assert verdicts(response).get("gz-haizhu-ai-demo-award-2024") == "ineligible"
    assert said(response, "海珠区")  # asked about, so listed, with the district that rules it out
    assert not said(response, "注册地广东·广州符合")


def test_a_district_program_asks_for_the_district_when_only_the_city_is_known(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("广州的一家大模型公司，40个人，海珠区那个大模型应用示范项目奖励我们能拿吗？")
    assert response.profile.district is None  # the district named is the program's, not the client's
    haizhu = next(f for f in response.funding if f.id == "gz-haizhu-ai-demo-award-2024")
    assert haizhu.verdict == "unknown"
    region = next(c for c in haizhu.conditions if c.name == "region")
    assert region.status == "unknown" and "须注册在海珠区" in region.detail
    assert said(response, "须注册在海珠区")


def test_a_client_in_the_district_meets_the_region_condition(advisor: AdvisorService) -> None:
    response = advisor.ask("我们是上海松江区的汽车零部件厂，80个人，想做生产数字化改造，有哪些补贴？")
    funding = {f.id: f for f in response.funding}
    songjiang = funding["sj-sme-dx-pilot-2024"]
    assert next(c for c in songjiang.conditions if c.name == "region").status == "met"
    # Pudong's pilot is another district's: judged, kept in the contract, not written out.
    if "pudong-sme-dx-pilot-2023" in funding:
        assert funding["pudong-sme-dx-pilot-2023"].verdict == "ineligible"
        assert not funding["pudong-sme-dx-pilot-2023"].listed
    assert not said(response, "浦东新区中小企业数字化转型")


# ------------------------------------------------------------------ short lists


def test_the_answer_lists_what_helps_and_counts_the_rest(advisor: AdvisorService) -> None:
    response = advisor.ask("广州越秀区的牙科诊所，15个人，想用AI做预约提醒和病历整理，预算3万，有补贴吗？")
    listed = [f for f in response.funding if f.listed]
    hidden = [f for f in response.funding if not f.listed]
    assert len(listed) <= 5
    assert all(f.verdict != "ineligible" for f in listed)
    assert not said(response, "海珠区")  # another district's award is no help to a clinic in Yuexiu
    if hidden:
        assert said(response, f"另核对了{len(hidden)}项补贴")


# ------------------------------------------------------------------ not in the sources (§7)


def test_a_district_voucher_the_sources_lack_is_said_to_be_missing_without_a_quote(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("广州黄埔区的算力券比例是多少？我们在黄埔开发区")
    assert said(response, "黄埔区算力券”不在我的资料中")
    assert not said(response, "政策依据", "2000万")  # no other place's voucher quoted as if it were this one


def test_a_rate_the_catalogue_does_not_hold_is_said_to_be_missing(advisor: AdvisorService) -> None:
    response = advisor.ask("南京的算力券怎么申请？比例是多少？")
    assert said(response, "南京市算力券（促进人工智能创新发展若干政策措施）：补贴比例和上限不在我的资料中")


def test_an_unknown_program_with_a_promised_amount_is_neither_confirmed_nor_guaranteed(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("听说长沙有个“AI应用券”，买软件能报销一半，每家补20万，是真的吗？")
    assert said(response, "“ai应用券”不在我的资料中", "“AI应用券”不在我的资料中")
    assert said(response, "不能保证任何金额")
    assert not said(response, "政策依据")


def test_a_relayed_claim_without_quotes_is_said_to_be_outside_the_sources(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "群里有人说国家新出了个中小企业AI普及专项资金，每家直接补8万，月底截止，我们要抓紧吗？"
    )
    assert said(response, "不在我的资料中")
    assert not said(response, "政策依据")


# ------------------------------------------------------------------ guarantees (§5) and time (§4)


def test_a_guarantee_is_refused_with_the_spend_the_cap_implies(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "我们是深圳30人的软件公司，要买备案大模型的API，深圳模型券你能保证我们拿到200万吗？"
    )
    assert said(response, "我不能保证任何金额")
    # review9 r9-11: counted on the cap in principle (100万 a year at 30% needs about 333.33万 of eligible spend);
    # the 200万 highest is granted only by exception, named as such and never computed on.
    assert said(response, "333.33万") and said(response, "例外")
    assert not said(response, "666.67万")


# A request for certainty is a way of asking, in any words and either language, on top of any question.
CERTAINTY_REQUESTS = [
    "厦门的智能算力补贴稳不稳？我们厦门25人的软件公司，租算力一年40万",
    "深圳训力券这次包批吗？深圳20人的AI公司，一年租GPU大概300万",
    "杭州算力券给句准话，我们租了60万的算力能不能一定到账？",
    "郑州的算力券我们能不能百分之百拿到？郑州30人的软件公司",
    "Our 20-person Shenzhen startup rents GPUs. Is the Shenzhen training voucher a sure thing for us?",
    "Can we definitely get the Hangzhou compute voucher? We're a 40-person software firm in Hangzhou.",
]


@pytest.mark.parametrize("message", CERTAINTY_REQUESTS)
def test_a_request_for_certainty_in_any_wording_gets_no_guarantee_and_the_issuers_word(
    advisor: AdvisorService, message: str
) -> None:
    response = advisor.ask(message)
    assert said(response, "我不能保证任何金额", "I cannot guarantee any amount")
    assert said(response, "发文单位", "the issuer")  # who decides, and whom to ask
    assert response.intent in (
        "funding_eligibility",
        "how_to_apply",
    )  # a verdict, not a pack nobody asked for


@pytest.mark.parametrize(
    "message",
    [
        "小微企业创业担保贷款的贴息怎么申请？我们是成都10个人的餐馆",  # a loan guaranteed by a fund
        "杭州算力券按一定比例补贴，具体比例是多少？",  # "一定比例" is "a certain share"
        "我不确定我们能不能申请深圳的模型券，我们是深圳15人的电商公司",  # the owner is unsure, asks no promise
    ],
)
def test_the_same_characters_used_otherwise_are_no_request_for_certainty(
    advisor: AdvisorService, message: str
) -> None:
    assert not said(advisor.ask(message), "我不能保证任何金额")


def test_is_there_still_time_gets_the_date_of_the_closed_round(advisor: AdvisorService) -> None:
    response = advisor.ask("深圳做数据标注的公司，20个人，深圳的语料券现在还来得及申请吗？")
    assert verdicts(response).get("sz-corpus-voucher-2024") == "ineligible"
    assert said(response, "2025-09-30")


def test_a_place_without_programs_hears_so_in_one_sentence(advisor: AdvisorService) -> None:
    response = advisor.ask("海口开民宿的，8个人，想用AI自动回复客人的订房消息，有什么补贴能申请吗？")
    assert said(response, "我的资料中没有覆盖海南·海口的补贴项目")
    assert "eligible" not in verdicts(response).values()


# ------------------------------------------------------------------ what does not help is not listed


def test_another_provinces_platform_voucher_is_not_offered_unless_named(advisor: AdvisorService) -> None:
    response = advisor.ask("济南的化工厂，50个人，打算租30万的算力训练质检模型，山东的算力券能补多少？")
    ids = {f.id for f in response.funding}
    assert not ids & {"qy-compute-voucher-2024", "gz-compute-voucher-2023"}
    assert not said(response, "庆阳", "贵州")
    named = advisor.ask("济南的化工厂，50个人，租30万的算力，庆阳的“东数西算”算力券能用吗？")
    assert "qy-compute-voucher-2024" in {f.id for f in named.funding}


def test_the_national_pilot_is_closed_when_the_citys_own_pilot_rules_the_client_out(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("我们在深圳有12家便利店，90名员工，年营收4000万，想做AI补货预测，预算8万")
    funding = {f.id: f for f in response.funding}
    national = funding["cn-sme-dx-pilot-city-2023"]
    assert national.verdict == "ineligible"
    assert any("须通过当地试点" in r for r in national.reasons)
    assert not national.listed
