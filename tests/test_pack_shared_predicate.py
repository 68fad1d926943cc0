"""Two nouns joined under one predicate are one need (session 20, issue #12 paraphrase consistency).

"冷氣同照明電費太貴" (Cantonese: air-conditioning and lighting bills are too high) is one need, energy, said of two
things; read apart, the bare 冷氣 went to its nearest examples alone and led a hotel's pack with a cold-room alarm,
while the mainland "空调和照明电费太高" got the energy tool only. A noun that names a job of its own stays a need of
its own: "想用AI做排班和大众点评差评回复" is two.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService


@pytest.mark.parametrize(
    "message",
    [
        "桂林的連鎖酒店，100人，冷氣同照明電費太貴，預算10萬",
        "桂林的连锁酒店，100人，冷气和照明电费太贵，预算10万",
        "桂林的连锁酒店，100人，空调和照明电费太贵，预算10万",
    ],
)
def test_two_things_of_one_complaint_get_one_tool(advisor: AdvisorService, message: str):
    response = advisor.ask(message, session_id="s20-shared")
    assert [s.id for s in response.solutions] == ["store-hotel-smart-energy"]


def test_two_jobs_joined_are_still_two_needs(advisor: AdvisorService):
    response = advisor.ask("杭州的火锅店，30人，想用AI做排班和大众点评差评回复", session_id="s20-two")
    assert {s.id for s in response.solutions} >= {"store-shift-scheduling", "hotel-review-reply-agent"}
