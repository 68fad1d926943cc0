"""An off-topic question asked beside a business one gets one line saying so, then the business answer (review16
r16-50: the weather asked before a tea shop's stock question was silently dropped). A clause that wants the
off-topic thing for the business ("能根据天气预测备货吗") is the need itself, not an aside.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.out_of_scope import out_of_scope_aside
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("明天杭州会下雨吗？另外我们5个人的茶叶店想预测进货量，有补贴吗", "下雨"),
        (
            "Is it going to rain in Suzhou this weekend? Also we are a 12-person bakery wanting a sales forecast",
            "rain",
        ),
        ("我们奶茶店想用AI排班。对了，最近有什么好看的电影？", "电影"),
        ("能根据天气预测备货吗", None),
        ("下雨天客人少，怎么用AI预测客流？", None),
        ("Can weather data help our sales forecast?", None),
        ("我们是做电影院的，想用AI做排片，有补贴吗", None),
    ],
)
def test_an_off_topic_clause_is_an_aside_only_when_it_says_nothing_of_the_business(
    text: str, aside: str | None
) -> None:
    assert out_of_scope_aside(text) == aside


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def test_the_aside_is_declined_in_one_line_and_the_business_answered(advisor: AdvisorService) -> None:
    reply = advisor.ask("明天杭州会下雨吗？另外我们在杭州开了家5个人的茶叶店，想预测进货量，有补贴吗")
    assert reply.answer.startswith("（关于“下雨”的问题不在我的服务范围内"), reply.answer
    assert reply.intent != "out_of_scope" and reply.profile.city == "杭州"
