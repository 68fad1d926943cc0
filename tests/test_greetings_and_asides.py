"""Greetings and asides in a conversation (issue #12, session 20), as the owner sees the reply.

A greeting in words the exact rule does not list ("哈囉", Cantonese "早晨", "anyone around?") was refused as out of
scope; it is read by the intent bank's nearest examples and answered as a greeting. An errand asked of the advisor
mid-conversation ("顺便问一下，你能帮我注册个香港公司吗？") was answered as a policy question about Hong Kong and moved
the client there; it gets the short refusal, no pack, no subsidy, and the client's place is kept.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


@pytest.mark.parametrize("message", ["哈囉", "早晨！", "Hey there, anyone around?", "哈囉，請問在嗎？"])
def test_a_greeting_in_any_register_is_greeted_not_refused(advisor: AdvisorService, message: str) -> None:
    reply = advisor.ask(message)
    assert reply.intent == "smalltalk", reply.answer
    assert "超出" not in reply.answer and "outside what" not in reply.answer
    assert not reply.solutions and not reply.funding


@pytest.mark.parametrize(
    ("opener", "aside"),
    [
        ("我们是杭州做餐饮的，20个人，想用AI接外卖电话", "顺便问一下，你能帮我注册个香港公司吗？"),
        (
            "We're a 20-person restaurant in Hangzhou and want AI to take delivery calls",
            "By the way, can you help me open a bank account in Hong Kong?",
        ),
    ],
)
def test_an_errand_asked_mid_conversation_gets_the_short_refusal_and_keeps_the_client(
    advisor: AdvisorService, opener: str, aside: str
) -> None:
    session = "errand-aside"
    assert advisor.ask(opener, session_id=session).solutions
    reply = advisor.ask(aside, session_id=session)
    assert reply.intent == "out_of_scope", reply.answer
    assert not reply.solutions and not reply.funding
    assert (reply.profile.province, reply.profile.city) == ("浙江", "杭州")


@pytest.mark.parametrize(
    "message", ["你能帮我申请杭州的算力券吗", "Can you help us set up an AI chatbot for our restaurant?"]
)
def test_asking_the_advisor_to_help_with_funding_or_ai_is_still_in_scope(
    advisor: AdvisorService, message: str
) -> None:
    assert advisor.ask(message).intent != "out_of_scope"


def test_a_county_level_city_in_traditional_script_is_its_city(advisor: AdvisorService) -> None:
    """海城 (鞍山) shares its name with 北海's 海城区 and was read as no place."""
    reply = advisor.ask("我們在海城做菱鎂製品，60個工人，設備老是壞")
    assert (reply.profile.province, reply.profile.city) == ("辽宁", "鞍山")
