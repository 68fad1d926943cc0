"""Taking an AI application into use is a stated plan to buy (review12 r12-14).

"上AI质检" names no one kind of purchase (equipment, software or a project), but it says what the client will
buy: a program that pays for such kinds asks which and for how much, never "you have not said what you will buy".
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.plans import adopted
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.mark.parametrize(
    ("said", "plan"),
    [
        ("想申请试点补贴，上AI质检，能拿多少？", "上AI质检"),
        ("准备引入视觉检测查布面瑕疵", "引入视觉检测查布面瑕疵"),
        ("We plan to deploy AI inspection on two lines", "deploy AI inspection"),
        ("上个月营收两千万", None),  # 上个月 is last month
        ("我们上海的厂，200人", None),
    ],
)
def test_an_application_taken_into_use_is_read_in_the_clients_words(said: str, plan: str | None) -> None:
    assert adopted(said) == plan


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def test_the_retrofit_pilot_asks_which_kind_not_whether_anything_is_bought(advisor: AdvisorService) -> None:
    reply = advisor.ask(
        "苏州一家电子厂，1800人，年营收10亿，准备申请中小企业数字化转型试点，上AI质检，能补多少"
    )
    assert "您还没说要买什么" not in reply.answer
    # "上AI质检" names a catalogued tool: a need (answering/need_named.py), so the pack buys the inspection kit
    # and the retrofit pilot is judged on that purchase, never "what will you buy".
    assert [s.id for s in reply.solutions] == ["visual-defect-inspection-edge"], reply.answer[:400]
    assert "❔ 制造业新型技术改造城市试点" in reply.answer
