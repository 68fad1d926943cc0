"""A request for certainty about money comes in many shapes; each gets the no-guarantee answer (§5).

Beyond "保证/稳拿/guarantee": asking the odds or the risk, taking the money as settled, saying it needs nothing
but applying, or a tag question on the outcome — in simplified, traditional/Cantonese and English. Questions
that share the characters but ask something else ("补几成", "一定比例", "保证金") are not requests.
"""

from __future__ import annotations

import pytest

from app.advisor.understand.certainty import asks_for_certainty


@pytest.mark.parametrize(
    "message",
    [
        "算力合同40万，这个算力券申请下来应该没跑了吧？老板已经当成收入做进预算了",
        "租GPU訓練模型花了60萬，訓力券是不是十成十會批下來？",
        "要是进了试点名单，补贴是不是只要报上去就能下来，不会被卡吧？",
        "想申請科技券整AI客服，係咪包冇問題㗎？",
        "这个补贴有几成把握？",
        "Can you give me your word the training voucher will pay out? I have to tell my board.",
        "Is the compute voucher basically a formality - we submit and the money comes?",
        "What are the chances the Shanghai compute voucher gets approved for us?",
    ],
)
def test_asking_the_odds_or_taking_the_money_as_settled_is_a_request_for_certainty(message):
    assert asks_for_certainty(message)


@pytest.mark.parametrize(
    "message",
    [
        # the assurance asked last, about the clause before it
        "杭州算力券拿到12万，这个你能保证吗？",
        "我们能拿到的100万，你敢保证吗？",
        # Cantonese: the owner is 我哋, getting is 攞
        "訓力券你保唔保證我哋攞到50萬？",
        # the thing assured between the modal and its outcome
        "你可以同我保證科技券會批落嚟嗎？",
        "Could you confirm in advance that the model voucher will pay us RMB 1 million for certain?",
    ],
)
def test_the_assurance_asked_in_any_order_or_dialect_is_a_request_for_certainty(message):
    assert asks_for_certainty(message)


@pytest.mark.parametrize(
    "message",
    [
        "补贴比例确定吗？",
        "这个系统能保证质检准确率吗？有补贴吗",
        "确保数据安全的系统有补贴吗",
        "杭州的算力券补几成？",
        "是按一定比例补贴吗",
        "申请要交保证金吗",
        "How likely is AI to help my restaurant?",
        "What are the chances of rain tomorrow?",
        "老板说要上AI客服，有补贴吗",
    ],
)
def test_the_same_characters_asking_something_else_are_not(message):
    assert not asks_for_certainty(message)
