"""Requests plainly outside the product are refused cleanly; owners' needs on the same topics never are;
a fact given later re-plans the question already asked (issue #12, session 16).

Held-out sets still gave a pack or a funding list for an event host's script, a border-crossing queue asked in
Cantonese, a share named without the word 股, a medicine: the need bank read them as needs and spoke first.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.classify import classify_intent
from app.advisor.understand.out_of_scope import refused_by_rule
from app.advisor.understand.vague import names_nothing
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.mark.parametrize(
    "message",
    [
        "公司年会的主持词帮忙写一段",
        "周年庆晚会的串场词能写吗",
        "幫我寫段尾牙嘅開場致辭",
        "Please draft a speech for my parents' 40th anniversary",
        "Any ideas for a toast at my colleague's farewell dinner?",
        "皇岗口岸现在过关要排多久",
        "落馬洲過關而家人多唔多？",
        "Which border crossing into Shenzhen is quickest on a Sunday?",
        "比亚迪这个位置要不要加仓",
        "台積電現在適合進場嗎",
        "头孢和布洛芬能一起吃吗",
        "Can I take ibuprofen after a coffee?",
        "国庆的高铁票怎么抢",
    ],
)
def test_an_occasion_a_crossing_a_share_a_medicine_or_a_ticket_is_refused(message: str) -> None:
    assert refused_by_rule(message)
    assert classify_intent(message, states_profile_facts=False, has_evidence=True) == "out_of_scope"


@pytest.mark.parametrize(
    "message",
    [
        "我们是婚庆公司，每场婚礼的主持稿都要现写，想用AI帮忙出初稿",
        "我们是做报关的，口岸排队太久，想用AI提前预约和分流",
        "我哋做跨境物流，司機成日喺口岸塞車，想用AI排線",
        "我们是连锁药店，顾客老问布洛芬能不能和别的药一起吃，店员答不过来",
        "Our trucks wait hours at the border crossing and we want better routing",
    ],
)
def test_an_owners_need_on_the_same_topics_is_not_refused(message: str) -> None:
    assert classify_intent(message, states_profile_facts=True, has_evidence=True) != "out_of_scope"


def test_a_firm_that_makes_or_sells_the_thing_is_described_not_refused() -> None:
    assert not refused_by_rule("我们厂生产感冒药，80人")
    assert not refused_by_rule("我们是做船票代售的旅行社")


@pytest.mark.parametrize(
    "message", ["想問下而家有咩AI資助可以攞", "听说有个什么券可以领，我们能领吗", "有哪些AI相关的补贴政策"]
)
def test_a_funding_question_in_these_words_names_nothing(message: str) -> None:
    assert names_nothing(message)


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


@pytest.mark.parametrize(
    "message",
    ["下周六公司周年庆，主持人的串词你能帮忙写吗", "Is it safe to take ibuprofen with coffee?"],
)
def test_the_refusal_carries_no_pack_and_no_funding(advisor: AdvisorService, message: str) -> None:
    reply = advisor.ask(message)
    assert reply.intent == "out_of_scope"
    assert not reply.solutions and not reply.funding and reply.has_evidence


def test_a_funding_question_naming_nothing_is_asked_back_not_answered_blind(advisor: AdvisorService) -> None:
    reply = advisor.ask("有哪些AI相关的补贴政策")
    assert reply.clarifying_questions and not reply.solutions
    assert len({f.region for f in reply.funding}) <= 1


def test_a_legal_form_given_later_re_judges_the_tax_question_asked_first(advisor: AdvisorService) -> None:
    session = "later-form"
    first = advisor.ask("我们是苏州一家做工业软件的，研发费用能加计扣除吗", session_id=session)
    assert "加计扣除" in first.answer and not first.solutions
    later = advisor.ask("补充一下，我们登记的是有限合伙企业", session_id=session)
    assert later.profile.legal_form == "partnership" and later.profile.city == "苏州"
    assert not later.solutions  # the tax question again, not the trade's pack
    super_deduction = [f for f in later.funding if "加计扣除" in f.name]
    assert super_deduction and all(f.verdict == "ineligible" for f in super_deduction)
    assert "合伙企业" in later.answer
