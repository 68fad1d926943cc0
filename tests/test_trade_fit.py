"""A tool made for some trades reaches another trade's client only when the need names what it works on, and a reply
tool picked for a channel its entry does not describe says so (issue 11, s20 brief).

The catalogue's `industries` say whom a tool is sold to, `works_on` what it works on: a food factory's "原材料备货" says
备货 like a shop's and a restaurant's forecasting tools and none of their objects (商品, 菜品), so neither is offered; a
sewage plant's 电费 is what the factory energy monitor meters, so it is. One vocabulary of channels (channel_fit.py)
chooses the reply tool and writes the caveat, for WhatsApp and LINE as for e-mail and the phone.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from app.advisor.engine.channel_fit import described_channels, named_channels, unlisted_channels
from app.advisor.engine.solution_fit import names_its_object, objects_of, serves_trade
from app.advisor.service import AdvisorService
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Solution
from app.settings import PROJECT_ROOT
from bench.trade_fit import BUSINESSES, NEEDS, contradicts

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
BY_ID = {s.id: s for s in CATALOGUE.solutions}
BOT, EXPORT = "chat-customer-reply-bot", "foreign-trade-inquiry-assistant"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.sampled_from(BUSINESSES), st.sampled_from(NEEDS))
def test_no_pack_line_is_a_tool_made_for_another_trade_the_need_does_not_name(
    advisor: AdvisorService, business: tuple[str, str], need: str
) -> None:
    text, section = business
    response = advisor.ask(f"我们是{text}，{need}")
    entries = {s.id: BY_ID[s.id].model_dump() for s in response.solutions}
    assert not [sid for sid, entry in entries.items() if contradicts(entry, section, need)], response.answer


@pytest.mark.parametrize(
    ("message", "unwanted"),
    [
        # a shared job word (备货, over-ordering) names the kind of tool, not a shop's or a restaurant's for a factory
        (
            "我们是佛山一家做速冻水饺的食品厂，80人，原材料备货老是不准，想用AI预测下个月要备多少面粉和肉",
            {"restaurant-prep-forecast", "retail-demand-forecast"},
        ),
        (
            "We are a 60-person bakery factory in Suzhou supplying supermarkets. We keep over-ordering flour and "
            "butter; can AI forecast what raw materials to buy each week?",
            {"restaurant-prep-forecast", "retail-demand-forecast"},
        ),
        # the 温湿度 of a reefer truck is no greenhouse's
        (
            "我们是郑州一家冷链运输公司，35辆冷藏车，车厢温湿度出问题经常发现不了，想做个实时报警",
            {"greenhouse-climate-control"},
        ),
    ],
)
def test_a_word_shared_with_another_trades_tool_does_not_bring_that_tool(
    advisor: AdvisorService, message: str, unwanted: set[str]
) -> None:
    ids = {s.id for s in advisor.ask(message).solutions}
    assert not ids & unwanted, ids


def test_a_factory_need_no_tool_answers_is_said_plainly(advisor: AdvisorService) -> None:
    """The food factory hears that no catalogued tool answers its raw-material forecasting, not a restaurant's."""
    restaurant = BY_ID["restaurant-prep-forecast"]
    assert not serves_trade(restaurant, "C", "原材料备货老是不准")
    assert serves_trade(restaurant, "H", "原材料备货老是不准")  # its own trade, whatever the words
    response = advisor.ask("我们是一家食品厂，60人，原材料备货老是不准")
    assert response.solutions == [] and "目录中没有" in response.answer, response.answer
    assert (
        "原材料备货老是不准" in response.answer
    )  # the need is named back, not swapped for another trade's tool


def test_a_need_naming_what_a_tool_works_on_reaches_it_from_another_trade() -> None:
    energy, sensors = BY_ID["energy-monitoring-peak-shaving"], BY_ID["vibration-predictive-maintenance"]
    assert serves_trade(
        energy, "N", "电费太高"
    )  # a sewage plant's power bill is what the factory meter meters
    assert names_its_object(objects_of(sensors), "猪舍的风机和水泵经常突然坏")
    assert not names_its_object(objects_of(sensors), "浇水和打药全靠人工")
    # made for its trades alone: never, however its objects are named
    assert not serves_trade(BY_ID["ecommerce-cs-bot"], "C", "客服回复不过来")


def test_a_trade_tool_without_its_objects_is_refused_by_the_catalogue() -> None:
    entry = BY_ID["restaurant-prep-forecast"].model_dump()
    entry["works_on"] = []
    with pytest.raises(ValidationError, match="works_on"):
        Solution.model_validate(entry)


def test_one_channel_vocabulary_reads_clients_and_tool_entries() -> None:
    assert named_channels("采购商基本都是发邮件来询价") == ["邮件"]
    assert named_channels("Our buyers email us all day") == ["邮件"]
    assert named_channels("每天很多客户打電話來問價格") == ["电话"]
    assert named_channels("客人用LINE和WhatsApp問價") == ["WhatsApp", "LINE"]
    assert "邮件" in described_channels(BY_ID[EXPORT])  # it reads the inquiry e-mails
    assert described_channels(BY_ID[BOT]) == {"微信", "网站"}
    assert unlisted_channels(BY_ID[BOT], "客户都发邮件和打电话问") == ("电话", "邮件")
    assert unlisted_channels(BY_ID[BOT], "顾客在微信和官网上问") == ()
    assert unlisted_channels(BY_ID["short-video-script-gen"], "发到抖音和小红书") == ()  # no reply tool


def test_customers_phone_calls_get_the_reply_bot_with_the_phone_to_confirm(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "我们是佛山做全屋定制家具的，50人，每天很多客户打电话来问价格和工期，业务员接不过来"
    )
    assert [s.id for s in response.solutions] == [BOT]
    assert "确认能否接入电话" in response.answer


def test_buyers_emails_get_the_tool_that_reads_inquiry_emails(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "Our buyers email us all day and we can't keep up. We're a machinery wholesaler in Shanghai."
    )
    assert [s.id for s in response.solutions] == [EXPORT]
    assert "No solution in our catalogue addresses" not in response.answer  # the complaint is the same need
    export = advisor.ask("我们是做外贸的工厂，买家都是发邮件询价，想用AI帮忙回邮件")
    assert [s.id for s in export.solutions] == [EXPORT]


def test_what_the_business_sells_is_no_need(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "我们是杭州一家做智能客服SaaS的软件公司，40人，想用AI帮研发写代码和做测试，提高开发效率"
    )
    ids = {s.id for s in response.solutions}
    assert not ids & {BOT, "ecommerce-cs-bot"}, ids
