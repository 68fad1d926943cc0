"""A business description with a question is the question's intent, its facts read all the same (issue #12, s20).

"我们是杭州做餐饮的，20个人，想用AI接外卖电话，我们符合条件吗" asks whether the firm qualifies: the verdict leads and
the pack its need calls for comes with it. "…请问要准备哪些文件" asks how to apply. An open "有什么补贴可以申请" beside
a need is answered by the pack, whose verdicts are the list asked for.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.classify import classify_intent

_ASKED = [
    # yes or no on qualifying, in the owners' words and a consultant's
    ("我们是杭州一家做餐饮的，20个人，想用AI接外卖电话，我们符合条件吗", "funding_eligibility"),
    ("我们在东莞做模具，60人，想上AI质检，这些补贴我们够不够条件？", "funding_eligibility"),
    ("宁波做注塑的，120人，想上排产系统，宁波的数字化改造补贴我们能不能申请？", "funding_eligibility"),
    ("我們在高雄開餐廳，20人，想做AI點餐，請問我們有資格申請補助嗎？", "funding_eligibility"),
    ("We're a 30-person bakery in Shenzhen and want demand forecasting. Am I eligible for the compute voucher?",
     "funding_eligibility"),
    ("We run a 12-person dental clinic in Xi'an and want an AI pre-consultation tool. Do we qualify?",
     "funding_eligibility"),
    ("Is my client eligible? They're a 40-person textile mill in Wuxi wanting AI defect detection.",
     "funding_eligibility"),
    # how to apply, by any name of what is handed in
    ("我們是台中的機械加工廠，45人，想導入AI瑕疵檢測，請問要準備哪些文件？", "how_to_apply"),
    ("我们是成都的火锅店，30人，想做备菜预测，申请补贴要走什么流程", "how_to_apply"),
    ("温州的养老院，护工20人，想装跌倒监测，申请补贴需要提供哪些证明", "how_to_apply"),
    ("We are a 50-person plastics factory in Ningbo and want AI quality inspection. Which documents do we need?",
     "how_to_apply"),
    # an open question with a need: the pack carries the verdicts
    ("二十五人的餐厅在杭州，备料老是不准，有什么补贴可以申请", "recommend_pack"),
    ("我们是佛山的家具厂，150人，想用AI做产品图，有哪些补贴能拿？", "recommend_pack"),
]  # fmt: skip


@pytest.mark.parametrize(("message", "intent"), _ASKED)
def test_a_description_with_a_question_is_the_questions_intent(message: str, intent: str):
    assert classify_intent(message, states_profile_facts=True, has_evidence=True) == intent


def test_asked_whether_they_qualify_the_owner_gets_the_verdict_the_pack_and_their_facts(
    advisor: AdvisorService,
):
    response = advisor.ask(
        "我们是杭州一家做餐饮的，20个人，想用AI接外卖电话，我们符合条件吗", session_id="s20-elig"
    )
    assert response.intent == "funding_eligibility"
    assert response.solutions  # the need is still answered
    assert response.funding  # with the programs judged for it
    assert (response.profile.city, response.profile.employees, response.profile.industry) == ("杭州", 20, "H")


def test_asked_for_the_documents_the_owner_gets_the_steps_and_their_facts(advisor: AdvisorService):
    response = advisor.ask(
        "我們是台中的機械加工廠，45人，想導入AI瑕疵檢測，請問要準備哪些文件？", session_id="s20-docs"
    )
    assert response.intent == "how_to_apply"
    assert (response.profile.province, response.profile.employees, response.profile.industry) == (
        "台湾",
        45,
        "C",
    )
