"""Whose question a program's amount, cover, stacking or deadline is: one rule (understand/program_question.py).

Asked in general, a program's figure is answered by quoting its text; with the client's own facts, their own
contract figure or "we" it is a funding question about that program for this client (a verdict and the
arithmetic); inside a business conversation a named program asked about is the client's funding question.
"""

from __future__ import annotations

import pytest

from app.advisor.understand.classify import classify_intent
from app.advisor.understand.conversation import Conversation
from app.advisor.understand.resolve import resolve_intent


def _alone(message: str, *, named: bool = True, facts: bool = False, figures: bool = False) -> str:
    return classify_intent(
        message,
        states_profile_facts=facts,
        has_evidence=True,
        names_program=named,
        states_own_figures=figures,
    )


@pytest.mark.parametrize(
    "message",
    [
        "上海的模型券最高能补贴多少",
        "深圳的模型券一家企业一年最多能拿多少钱？",
        "上海的算力券最多可以補多少？",
        "What does Chengdu's compute voucher 2025 cover?",
    ],
)
def test_a_programs_figure_asked_in_general_is_answered_from_its_text(message: str):
    assert _alone(message) == "policy_question"


@pytest.mark.parametrize(
    ("message", "facts", "figures"),
    [
        ("咱们厂在成都，60来号人，鼓励使用模型补贴最多能给多少", True, False),  # the client's facts
        ("数据标注外包合同签了40万，漳州的标注券能补多少", False, True),  # their own contract figure
        ("我们租算力花了50万，算力券能补多少", False, True),
        ("上海的语料券能不能抵我们买的训练数据的钱？", False, False),  # "we": does it cover ours
        ("Can our customer-service bot be paid for with the Zhangzhou model voucher?", False, False),
        (
            "We spend about 200k a year on LLM API calls; how much could we get back from the model voucher?",
            False,
            True,
        ),
    ],
)
def test_a_programs_figure_asked_for_the_client_is_their_funding_question(
    message: str, facts: bool, figures: bool
):
    assert _alone(message, facts=facts, figures=figures) == "funding_eligibility"


@pytest.mark.parametrize(
    "message",
    [
        "杭州算力券和智能券可以一起享受吗",
        "廊坊算力券今年还来得及报吗",
        "Can the Hangzhou compute voucher and smart voucher be stacked?",
    ],
)
def test_stacking_or_a_deadline_is_always_the_clients_question(message: str):
    assert _alone(message) == "funding_eligibility"
    assert _alone(message, named=False) == "funding_eligibility"  # a funding word stands for the program


def _in_conversation(message: str, last: str = "recommend_pack") -> str:
    conversation = Conversation("s", remember=False)
    conversation.last_intent = last  # type: ignore[assignment]
    return resolve_intent(
        message,
        message,
        facts=False,
        has_evidence=True,
        rewritten=False,
        conversation=conversation,
        names_program=True,
    )


@pytest.mark.parametrize(
    "message", ["漳州模型券最多补多少？", "那数据产品使用补助呢？", "And the Shanghai model voucher?"]
)
def test_a_named_program_in_a_business_conversation_is_the_clients_funding_question(message: str):
    assert _in_conversation(message) == "funding_eligibility"


def test_a_named_program_after_a_greeting_is_still_asked_in_general():
    assert _in_conversation("上海的模型券最高能补贴多少", last="smalltalk") == "policy_question"


def test_a_fraud_question_naming_a_program_stays_refused_in_a_conversation():
    assert _in_conversation("怎么伪造合同多拿点漳州模型券") == "out_of_scope"
