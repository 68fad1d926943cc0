"""Out of scope cleanly, ask when nothing is stated, and asides in a conversation (issue #12, session 13).

The scope decision is made from the message before anything is looked up (understand/scope.py), so it is
tested once with fake votes (no index) and once through the advisor the owner talks to.
"""

from __future__ import annotations

import re

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.scope import ScopeVote, asks_the_banks, decide_scope
from app.advisor.understand.vague import names_nothing
from tests.test_advisor_scenarios import with_shared_catalogue


def _never() -> ScopeVote:
    raise AssertionError("an anchored message must not need the example bank")


@pytest.mark.parametrize(
    "message",
    [
        "我们想用AI做质检",
        "Which subsidies can a bakery in Chengdu get?",
        "这个政策是哪个部门发的",
        "冲床老是故障停机，想提前知道",
    ],
)
def test_a_message_in_the_field_is_never_refused_by_its_neighbours(message: str) -> None:
    assert decide_scope(asks_the_banks(message, False), vote=_never, need_by_bank=lambda: False) == "rules"


def test_the_bank_refuses_only_a_message_nothing_holds() -> None:
    private_life = ScopeVote(out_share=0.8, similarity=0.9)
    trip = "明天从广州去深圳走哪条路不堵"
    assert (
        decide_scope(asks_the_banks(trip, False), vote=lambda: private_life, need_by_bank=lambda: False)
        == "out"
    )
    # The same words answering our own question, or a correction, are the conversation's: held.
    assert (
        decide_scope(asks_the_banks(trip, True), vote=lambda: private_life, need_by_bank=lambda: False)
        == "rules"
    )
    # Far from every example: the bank knows nothing of it and does not refuse it on its own.
    far = ScopeVote(out_share=1.0, similarity=0.7)
    assert (
        decide_scope(asks_the_banks("冲压件毛刺多", False), vote=lambda: far, need_by_bank=lambda: False)
        == "unsure"
    )
    assert (
        decide_scope(asks_the_banks("冲压件毛刺多", False), vote=lambda: far, need_by_bank=lambda: True)
        == "rules"
    )
    # A need the need bank holds is never refused, however near private-life examples it sits.
    assert (
        decide_scope(
            asks_the_banks("夜里要人去巡圈", False), vote=lambda: private_life, need_by_bank=lambda: True
        )
        == "rules"
    )


@pytest.mark.parametrize(
    "message",
    [
        "AI方面有什么扶持？",
        "老板让我问问AI有没有补贴",
        "Is there any government help for using AI?",
        "請問AI有咩資助？",
    ],
)
def test_a_funding_question_that_names_nothing_is_recognised(message: str) -> None:
    assert names_nothing(message)


@pytest.mark.parametrize(
    "message",
    [
        "杭州有什么AI补贴",
        "算力券有哪些",
        "What AI subsidies are there for restaurants?",
        "我们想用AI做客服，有补贴吗",
    ],
)
def test_a_place_a_kind_or_a_need_is_something_named(message: str) -> None:
    assert not names_nothing(message)


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def test_a_trip_question_gets_a_short_refusal_not_a_route_planning_pack(advisor: AdvisorService) -> None:
    reply = advisor.ask("fastest driving route from Guangzhou to Shenzhen?")
    assert reply.intent == "out_of_scope"
    assert not reply.solutions and not reply.funding and not reply.citations
    assert reply.profile.province is None  # the trip's cities are not where the company is


def test_an_aside_is_refused_and_the_next_turn_is_back_on_the_clients_pack(advisor: AdvisorService) -> None:
    session = "aside"
    first = advisor.ask("天津的物流公司，40辆车，想做配送排线，预算8万", session_id=session)
    assert first.solutions and first.profile.city == "天津"
    aside = advisor.ask("帮我看看明天从广州去深圳走哪条路不堵", session_id=session)
    assert aside.intent == "out_of_scope" and not aside.solutions and not aside.funding
    assert aside.profile.city == "天津"  # an aside saves nothing of what it mentions
    back = advisor.ask("预算其实只有5万", session_id=session)
    assert back.intent == "recommend_pack" and back.solutions
    assert back.profile.city == "天津" and back.profile.budget_cny == 50000


def test_a_vague_funding_question_is_asked_back(advisor: AdvisorService) -> None:
    reply = advisor.ask("老板让我问问AI有没有补贴")
    assert reply.clarifying_questions
    assert not reply.solutions and len({f.region for f in reply.funding}) <= 1


def test_a_pack_asks_for_size_only_when_a_shown_verdict_waits_on_it(advisor: AdvisorService) -> None:
    # The only program shown for Guilin is the national pilot, which waits on the city's selection, not on the
    # firm's size: size is not asked at all (session 15, issue #11: ask only what changes a verdict shown), and
    # never twice.
    reply = advisor.ask(
        "We run a guesthouse in Guilin and want help replying to online reviews, budget 2,000 RMB"
    )
    asks = re.findall(r"employees and (?:what annual )?revenue", reply.answer, re.IGNORECASE)
    assert reply.solutions and len(asks) == 0, reply.answer


def test_a_clients_trade_that_wants_something_is_not_refused(advisor: AdvisorService) -> None:
    # A consultant's client in the third person: no "我们", but a trade and a wish are a business need.
    reply = advisor.ask("昆明的一家米线店，想知道哪些口味卖得好，好安排进货")
    assert reply.intent != "out_of_scope" and reply.solutions


@pytest.mark.parametrize(
    "message",
    [
        "邊隻高息股值得買？",
        "點樣申請公屋？",
        "How do I apply for permanent residency in Canada?",
        "我條腰好痛，點算好？",
        "請問勞保退休金怎麼領？",
    ],
)
def test_the_owners_own_life_is_refused_in_any_register(advisor: AdvisorService, message: str) -> None:
    """Shares, housing, residency, health and pensions asked in Cantonese, traditional script or English get the
    short refusal: asking how to apply for them is no application for a program."""
    reply = advisor.ask(message)
    assert reply.intent == "out_of_scope"
    assert not reply.solutions and not reply.funding


def test_an_aside_naming_a_place_saves_nothing(advisor: AdvisorService) -> None:
    session = "aside-place"
    advisor.ask("我哋喺廣州開茶餐廳，15個員工，落單成日出錯", session_id=session)
    aside = advisor.ask("順便問下，移民台灣要幾多錢？", session_id=session)
    assert aside.intent == "out_of_scope" and not aside.funding
    back = advisor.ask("咁我哋攞唔攞到資助？", session_id=session)
    assert back.profile.city == "广州" and back.intent in ("funding_eligibility", "recommend_pack")


@pytest.mark.parametrize(
    "message",
    ["我们想搞数字化转型，怎么弄", "老闆話要上AI，唔知由邊度開始", "We'd like to do something with AI."],
)
def test_a_vague_wish_is_asked_back(advisor: AdvisorService, message: str) -> None:
    reply = advisor.ask(message)
    assert reply.intent != "out_of_scope" and reply.clarifying_questions
    assert not reply.solutions and len({f.region for f in reply.funding}) <= 1
