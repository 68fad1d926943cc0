"""Questions about money are told apart the way an owner means them (session 21, outside evaluators' failures).

What it costs (in Cantonese too), which of two options is cheaper, how the subsidy reaches the firm, how to claim and
cash a voucher named in a later turn, and what a voucher gives for a spend the owner names are each their own
question; a gold-price aside in a conversation is refused and the next turn is back on the client's profile.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


@pytest.mark.parametrize(
    ("message", "intents"),
    [
        ("一部AI巡檢機械人大約要幾多錢？", {"cost_estimate"}),
        (
            "Would running our own GPU box be cheaper than paying for a cloud model API?",
            {"compare_solutions"},
        ),
        ("买服务器自己部署还是租云上的大模型更便宜", {"compare_solutions"}),
        ("补贴是服务商直接在价格里折抵，还是钱拨给我们公司？", {"how_to_apply", "policy_question"}),
        (
            "We plan to rent RMB 400k of GPUs in Hangzhou this year. What does Hangzhou's compute voucher give us?",
            {"funding_eligibility"},
        ),
    ],
)
def test_a_money_question_is_the_question_asked(
    advisor: AdvisorService, message: str, intents: set[str]
) -> None:
    assert advisor.ask(message).intent in intents


def test_claiming_and_cashing_a_voucher_named_later_is_how_to_apply(advisor: AdvisorService) -> None:
    session = "claim-and-cash"
    advisor.ask("杭州一家做烘焙的连锁店，20人，想做智能点餐", session_id=session)
    later = advisor.ask("杭州智能券具体要怎么申领，又怎么兑付？", session_id=session)
    assert later.intent == "how_to_apply" and later.profile.city == "杭州"


def test_a_spend_with_how_much_is_subsidised_is_a_funding_question(advisor: AdvisorService) -> None:
    reply = advisor.ask("我们在西安租了30万的算力做模型微调，能补多少")
    assert reply.intent == "funding_eligibility"
    assert [(p.kind, p.amount_cny) for p in reply.profile.purchases] == [("compute", 300000)]


def test_a_gold_price_aside_is_refused_and_the_client_kept(advisor: AdvisorService) -> None:
    session = "gold-aside"
    advisor.ask("青岛一家做海鲜加工的厂，90人，想用AI分拣虾", session_id=session)
    aside = advisor.ask("对了，今天金价多少一克", session_id=session)
    assert aside.intent == "out_of_scope" and not aside.solutions and not aside.funding
    back = advisor.ask("那我们能申请哪些补贴", session_id=session)
    assert back.profile.city == "青岛" and back.profile.employees == 90
