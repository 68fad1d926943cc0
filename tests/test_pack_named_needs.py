"""The pack answers the need the client named (issue #11, review14 r14-51 and r14-05, session 17).

Through the real advisor: customers' questions on a chat channel get a customer-facing reply bot (never the staff's
knowledge base), with a caveat when the channel is one its sources do not describe; staff looking for documents still
get the knowledge base; over-ordering and over-preparing food get the forecasting tool, never an empty pack; running an
open-source model on one's own equipment gets the appliance that buys equipment, so Tongxiang's open-source award is
left to confirm rather than refused for want of a matching purchase.
"""

from __future__ import annotations

import pytest

from app.advisor.engine.channel_fit import named_channels, unlisted_channels
from app.advisor.service import AdvisorService
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
BY_ID = {s.id: s for s in CATALOGUE.solutions}
REPLY_BOTS = {"chat-customer-reply-bot", "ecommerce-cs-bot", "ai-phone-booking-reception"}
FORECASTS = {"restaurant-prep-forecast", "retail-demand-forecast"}


@pytest.mark.parametrize(
    "message",
    [
        "Small nut trading company in Xining, 10 staff. We want AI to reply to our WeChat customers, budget 8k yuan.",
        "昆明一家做花卉批发的公司，12个人，客户天天在微信上问价格和发货时间，回复不过来，想用AI自动回复",
    ],
)
def test_customers_asking_on_wechat_get_a_customer_facing_bot_not_the_staff_knowledge_base(
    advisor: AdvisorService, message: str
) -> None:
    ids = [s.id for s in advisor.ask(message).solutions]
    assert ids and ids[0] in REPLY_BOTS, ids
    assert "internal-kb-qa-assistant" not in ids


def test_staff_looking_for_documents_still_get_the_knowledge_base(advisor: AdvisorService) -> None:
    ids = [
        s.id
        for s in advisor.ask("无锡一家机械厂，70人，员工找制度和操作手册太难，想做个内部知识库问答").solutions
    ]
    assert ids[:1] == ["internal-kb-qa-assistant"], ids
    assert "chat-customer-reply-bot" not in ids


def test_a_channel_the_sources_do_not_describe_gets_the_nearest_bot_with_a_caveat(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask(
        "Tea shop in Kowloon, Hong Kong, 4 staff. Customers send WhatsApp questions all day."
    )
    assert [s.id for s in response.solutions][:1] == ["chat-customer-reply-bot"]
    assert "ask the vendor whether it works with WhatsApp" in response.answer


def test_the_caveat_names_only_channels_the_tool_is_not_described_for() -> None:
    bot = BY_ID["chat-customer-reply-bot"]
    assert named_channels("客人用LINE和WhatsApp問價") == ["WhatsApp", "LINE"]
    assert unlisted_channels(bot, "customers ask on WeChat and WhatsApp") == ("WhatsApp",)
    assert unlisted_channels(bot, "顾客都在企业微信上问") == ()
    assert named_channels("our production line stops") == []  # everyday "line" is no channel
    # a content tool's Instagram is its audience, not a channel it must reply on
    assert unlisted_channels(BY_ID["short-video-script-gen"], "reels for Instagram") == ()


@pytest.mark.parametrize(
    "message",
    [
        "Corner bakery in Nanjing, 7 staff. We keep over-ordering pastries and binning half of them.",
        "We over-prepare rice and curry every day at our Xi'an canteen, 12 staff.",
        "成都一家面馆，8个人，每天备料都备多了，收摊全倒掉，有没有AI能帮忙",
    ],
)
def test_over_ordering_and_over_preparing_food_get_the_forecasting_tool(
    advisor: AdvisorService, message: str
) -> None:
    ids = [s.id for s in advisor.ask(message).solutions]
    assert ids and ids[0] in FORECASTS, ids
    assert "restaurant-ordering-menu-analytics" not in ids and "employee-ai-training-coach" not in ids


def test_an_open_source_model_run_in_house_buys_equipment_so_tongxiang_is_to_confirm(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask(
        "桐乡一家做羊毛衫的工厂，90人，想用开源大模型做款式设计辅助，桐乡的开源AI项目奖励能拿吗？"
    )
    assert [s.id for s in response.solutions] == ["private-llm-appliance"]
    award = next(f for f in response.funding if f.id == "tongxiang-open-source-ai-award-2025")
    assert award.verdict == "unknown"
    assert "您的方案里没有这类采购" not in response.answer
