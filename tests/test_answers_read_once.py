"""Answers a consultant reads once: each thing said once, no lead-in over nothing, time and money said plainly.

Through the real offline advisor over the shared index, the date pinned to 2026-11-23 (conftest); assertions are
on what the owner reads and on the JSON contract (review10 r10-16/35, the partnership's five ❌ lines, an ended
program's date said twice, a post-award voucher read as a discount at payment, a guarantee not refused).
"""

from __future__ import annotations

from app.advisor.contract import AdviceResponse
from app.advisor.service import AdvisorService
from app.text.normalize import normalize


def _body(response: AdviceResponse) -> str:
    return normalize(response.answer).replace(" ", "")


def said(response: AdviceResponse, *phrases: str) -> bool:
    return any(normalize(p).replace(" ", "") in _body(response) for p in phrases)


def times(response: AdviceResponse, phrase: str) -> int:
    return _body(response).count(normalize(phrase).replace(" ", ""))


def test_one_reason_over_several_programs_is_said_once_with_the_programs_under_it(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("深圳一家30人的设计合伙企业（普通合伙），想买AI设备和软件，有哪些税收优惠可以用？")
    ruled_out = [f for f in response.funding if f.listed and f.verdict == "ineligible"]
    assert len(ruled_out) >= 3  # the tax benefits a partnership cannot use are all written out
    assert times(response, "不缴企业所得税") == 1
    assert said(response, f"以下{len(ruled_out)}项不符合")
    for program in ruled_out:  # each still named under the reason, with its citation
        assert normalize(program.name.split("（")[0]) in normalize(response.answer)


def test_an_ended_program_the_client_names_is_said_ended_once(advisor: AdvisorService) -> None:
    response = advisor.ask("南京一家40人的机械厂，南京的中小企业数字化转型试点现在还能报吗？")
    assert "结束" in response.answer.splitlines()[0]
    assert times(response, "2026-10-31") == 1
    assert {f.id: f.verdict for f in response.funding}["nj-sme-dx-pilot-2024"] == "ineligible"


def test_a_post_award_voucher_ending_soon_says_the_money_comes_after_review_not_at_payment(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask(
        "深圳一家25人的跨境电商公司，准备签一年20万的大模型API，模型券是不是付款的时候直接少付30%？"
    )
    assert said(response, "2026-12-17", "24天")
    assert said(response, "先全额付款")
    assert said(response, "不是付款时抵扣")


def test_a_guarantee_asked_in_cantonese_is_refused_with_the_arithmetic(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "深圳一間40人嘅軟件公司，同算力商簽咗150萬嘅GPU訓練合同，訓力券你保唔保證我哋攞到50萬？"
    )
    assert said(response, "不能保证")
    assert said(response, "50万元需要约100万元")  # the amount hoped for against the rate


def test_a_guarantee_on_a_voucher_capped_in_another_currency_gives_the_cap_as_published(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("香港一間20人嘅貿易公司，想用科技券做ERP系統，你可以同我保證科技券會批落嚟嗎？")
    assert said(response, "不能保证")
    assert said(response, "60万港元")
    assert not said(response, "原文未公布上限")


def test_a_tax_rule_named_in_the_question_is_not_a_purchase(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "苏州一家做跨境电商的有限公司，20人，只用了一个AI客服SaaS，每年1.5万，设备一次性税前扣除跟我们有关系吗？"
    )
    assert [(p.kind, p.amount_cny) for p in response.profile.purchases] == [("software", 15000)]
    assert {f.id: f.verdict for f in response.funding}["cn-equipment-one-off-deduction-2027"] == "ineligible"
    assert not said(response, "您提到“设备一次性税前扣除")


def test_only_local_programs_listed_is_said_only_over_an_open_local_program(advisor: AdvisorService) -> None:
    response = advisor.ask("台中一家手搖飲料店，兩家分店共14人，想用AI排班跟預測叫貨，有什麼補助可以申請嗎？")
    open_listed = [f for f in response.funding if f.listed and f.verdict != "ineligible"]
    if not open_listed:
        assert not said(response, "下面只列当地的项目")
        assert said(response, "对您也不适用")


# ------------------------------------------------------------------ no end date: what the catalogue knows (fast)


def _program(program_id: str):
    from app.catalogue.loader import load_catalogue
    from app.settings import PROJECT_ROOT

    program = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue").program(program_id)
    assert program is not None
    return program


def test_a_program_with_no_end_date_is_said_as_the_catalogue_knows_it() -> None:
    from app.advisor.engine.program_terms import open_ended

    # a standing programme has no deadline, a tax rule no rounds: "check for a new batch" misleads (r11-33, r10-50)
    assert open_ended(_program("hk-tvp")).zh == "常设计划，没有截止日期"
    assert "没有申报批次" in open_ended(_program("cn-rd-super-deduction-2023")).zh
    assert "no application rounds" in open_ended(_program("cn-rd-super-deduction-2023")).en
    # the research says it may have ended: passed on, not softened to "a new batch" (r11-34)
    may_have_ended = open_ended(_program("tw-retail-store-dx-subsidy"))
    assert "可能已结束" in may_have_ended.zh and "新一批" not in may_have_ended.zh
    assert "may have ended" in may_have_ended.en
    assert (
        "新一批" in open_ended(_program("sh-compute-voucher-2025")).zh
    )  # nothing known: ask for the next one


def test_asking_how_long_approval_takes_hears_that_no_source_says_it(advisor: AdvisorService) -> None:
    response = advisor.ask("香港一間15人嘅物流公司想用科技券做倉存系統，科技券要等幾耐先批到？")
    assert said(response, "审批需要多长时间，我的资料中没有写明")
    assert not said(response, "新一批")
