"""The asker's own trip and an errand for it is refused, whatever trade its words name (session 19).

"我下个月去曼谷出差，酒店怎么订便宜" names a hotel, and a hotel is a trade: it got a hotel-pricing pack. What is asked
for is a booking for the asker's own trip; a hotel, a travel agency or an exhibition organiser speaking of its
guests, customers or systems is a business with a need and is never refused.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.classify import classify_intent
from app.advisor.understand.out_of_scope import refused_by_rule


@pytest.mark.parametrize(
    "message",
    [
        "我下个月去曼谷出差，酒店怎么订便宜",
        "我们下周去广交会参展，机票哪里订便宜？",
        "出差去成都，哪家酒店性价比高",
        "Can you book me a cheap hotel in Bangkok for my business trip next month?",
        "Which airline is cheapest for our sales team's trip to the Canton Fair?",
    ],
)
def test_a_booking_for_the_askers_own_trip_is_refused(message: str) -> None:
    assert refused_by_rule(message)
    assert classify_intent(message, states_profile_facts=True, has_evidence=True) == "out_of_scope"


@pytest.mark.parametrize(
    "message",
    [
        "我们是一家旅行社，想用AI帮客人订酒店和机票",
        "我们酒店想做动态定价，旺季房间卖便宜了",
        "我们是做会展的，参展商的酒店预订想用AI管理",
        "我们民宿在大理，旅游旺季房间老是订不满",
        "旅游旺季酒店房价怎么定比较好",
        "Our travel agency wants AI to help customers book cheap flights",
    ],
)
def test_a_travel_or_lodging_business_need_is_not_refused(message: str) -> None:
    assert not refused_by_rule(message)


def test_the_trip_refusal_carries_no_pack_and_no_funding(advisor: AdvisorService) -> None:
    response = advisor.ask("我下个月去曼谷出差，酒店怎么订便宜").model_dump(mode="json")
    assert response["intent"] == "out_of_scope"
    assert response["solutions"] == [] and response["funding"] == []
    assert "超出了我的服务范围" in response["answer"]
