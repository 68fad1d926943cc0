"""The conversation policy of issue #12 (session 17): ask back when nothing is stated, however long the message;
answer at once when a need is; refuse a private-life question whatever trade word it holds.

Held-out blind10/11 had long openers that named nothing ("老板天天转人工智能的文章…到底有没有什么扶持政策") answered
with a digest of other provinces' texts, because the ask-back stopped at 30 characters; and a question about a sick
dog was read as a clinic's need because "医院" is a trade.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


@pytest.mark.parametrize(
    "message",
    [
        "您好，老板最近总在群里转人工智能的文章，让我打听一下国家或者地方上现在到底有哪些扶持，具体又该怎么申请",
        "Good morning, the director asked me to look into whether the government offers any support or grants to a "
        "company like ours that starts using AI, and how one would apply.",
    ],
)
def test_a_long_opener_that_names_nothing_is_asked_back(advisor: AdvisorService, message: str) -> None:
    reply = advisor.ask(message)
    assert reply.clarifying_questions, reply.answer
    assert not reply.solutions and len({f.region for f in reply.funding}) <= 1


def test_a_long_message_with_a_need_gets_the_pack_not_a_question_back(advisor: AdvisorService) -> None:
    reply = advisor.ask(
        "店里一到饭点电话就接不过来，经常漏掉外卖单，听说现在AI很厉害，有没有办法帮帮我们，政府给不给补贴"
    )
    assert reply.solutions, reply.answer


def test_the_answer_to_the_question_back_gets_the_pack(advisor: AdvisorService) -> None:
    session = "asked-back-then-answered"
    opener = "想问下现在政府对中小企业用人工智能这方面到底都有些什么补贴和优惠，具体需要怎么去申请呢，麻烦您介绍介绍"
    assert advisor.ask(opener, session_id=session).clarifying_questions
    answer = advisor.ask("我们在昆明开了两家米线店，20个人，备料老是浪费", session_id=session)
    assert answer.solutions and answer.profile.city == "昆明"


@pytest.mark.parametrize(
    "message",
    [
        "我家猫这几天老是吐，是不是病了，要不要送去医院看看",
        "How do I get my baby son to sleep through the night?",
    ],
)
def test_a_private_life_question_is_refused_whatever_trade_word_it_holds(
    advisor: AdvisorService, message: str
) -> None:
    reply = advisor.ask(message)
    assert reply.intent == "out_of_scope", reply.answer
    assert not reply.solutions and not reply.funding


def test_a_family_business_is_still_a_business(advisor: AdvisorService) -> None:
    reply = advisor.ask("我家是开饭店的，后厨备料老是浪费")
    assert reply.intent != "out_of_scope" and reply.solutions
