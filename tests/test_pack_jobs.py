"""The pack follows what the tool must do, and holds nothing the stated need does not call for (issues #11, #12; s19).

Customer-facing tools answer the phone or WeChat alike, so the channel cannot choose between them: a need to answer
customers' questions gets the reply bot and a need to take bookings the booking receptionist, whatever the trade (the
receptionist is listed for salons and restaurants), the script (simplified, traditional, Cantonese) or the language.
The job is read from the owner's words and from each tool's own catalogue description by one rule (message_jobs.py).
A bookkeeping agency's vouchers and reconciliation are its trade's own tool's work; a clinic's records and waiting are
needs however the complaint is said; a word of the business's own description ("社区诊所") adds no tool; a need the
catalogue's words name is answered at once even when no rule knows the business ("安老院").
"""

from __future__ import annotations

import itertools

import pytest

from app.advisor.engine.channel_fit import unlisted_channels
from app.advisor.engine.message_jobs import BOOKINGS, QUESTIONS, MessageTools, answers_messages, customer_jobs
from app.advisor.engine.need_items import states_or_wishes
from app.advisor.service import AdvisorService
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
BOT, DESK = "chat-customer-reply-bot", "ai-phone-booking-reception"

# Trades the booking receptionist is listed for (salons, restaurants), where its trade fit outranked the generic bot.
BUSINESSES = ["深圳一家美容院，8个人", "成都一家火锅店，30个人", "香港一間茶餐廳，12個人"]
QUESTION_NEEDS = [
    "想做个客服机器人帮忙回复客人的问题",
    "想做個客服機械人幫手覆客人嘅查詢",
    "客人常常傳訊息來問價錢跟營業時間，想找AI自動回覆",
]
BOOKING_NEEDS = [
    "客人打电话订位、预约太多接不过来",
    "想用AI幫手接預約，成日漏接電話",
]


def test_each_customer_facing_tool_does_the_job_its_own_description_says() -> None:
    tools = MessageTools(CATALOGUE)
    assert tools.jobs[DESK] == {BOOKINGS}
    assert QUESTIONS in tools.jobs[BOT] and BOOKINGS not in tools.jobs[BOT]
    assert tools.for_client("客人问营业时间", frozenset({QUESTIONS})) >= {BOT}
    assert DESK not in tools.for_client("客人问营业时间", frozenset({QUESTIONS}))
    assert tools.for_client("订位电话", frozenset({BOOKINGS})) == {DESK}


@pytest.mark.parametrize(
    ("need", "jobs"),
    [
        ("想做個客服機械人", {QUESTIONS}),
        ("想要个能自动回复客人问题的", {QUESTIONS}),
        ("客人打电话订位太多接不过来", {BOOKINGS}),
        ("we want an AI to take table reservations", {BOOKINGS}),
        ("answer guests' questions and take their bookings", {QUESTIONS, BOOKINGS}),
        ("员工找操作手册太难，想做个内部问答", set()),  # staff's questions: no customer's job
        ("前台电话和微信消息多到回不过来", set()),  # no job named: the channels decide
    ],
)
def test_the_job_a_customer_need_asks_is_read_in_any_script_or_english(need: str, jobs: set[str]) -> None:
    assert customer_jobs(need) == jobs


@pytest.mark.parametrize(("business", "need"), list(itertools.product(BUSINESSES, QUESTION_NEEDS))[::2])
def test_customers_questions_get_the_reply_bot_not_the_booking_receptionist(
    advisor: AdvisorService, business: str, need: str
) -> None:
    ids = [s.id for s in advisor.ask(f"{business}，{need}").solutions]
    assert ids[:1] == [BOT], ids
    assert DESK not in ids


@pytest.mark.parametrize(("business", "need"), list(itertools.product(BUSINESSES, BOOKING_NEEDS))[::2])
def test_bookings_get_the_booking_receptionist_and_no_reply_bot_beside_it(
    advisor: AdvisorService, business: str, need: str
) -> None:
    ids = [s.id for s in advisor.ask(f"{business}，{need}").solutions]
    assert ids == [DESK], ids


def test_a_front_desk_swamped_on_the_phone_and_wechat_gets_the_tool_working_on_both(
    advisor: AdvisorService,
) -> None:
    ids = [s.id for s in advisor.ask("广州一家美容院，前台电话和微信消息多到回不过来，8个人").solutions]
    assert ids[:1] == [DESK], ids


def test_a_bookkeeping_agency_gets_its_trades_own_tool_once_for_vouchers_and_reconciliation(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("我们是苏州一家代账公司，15个人，想让AI帮忙录凭证、对账")
    assert [s.id for s in response.solutions] == ["bookkeeping-firm-ai"]
    # a trading firm's own finance desk is no agency: the generic OCR tool, never the agencies' one
    ids = [s.id for s in advisor.ask("东莞一家五金贸易公司，40人，财务每个月手工录发票做凭证太慢").solutions]
    assert "invoice-ocr-bookkeeping" in ids and "bookkeeping-firm-ai" not in ids, ids


def test_a_word_of_the_business_description_adds_no_tool_beside_the_stated_need(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("杭州一家社区诊所，5个医生，病人排队等很久")
    assert [s.id for s in response.solutions] == ["clinic-pre-consultation"]
    assert "私域" not in response.answer


def test_a_need_the_catalogue_words_name_is_recommended_at_once_for_an_unknown_business(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("香港一間安老院想用AI做跌倒偵測")
    assert [s.id for s in response.solutions] == ["elderly-care-fall-detection"]


@pytest.mark.parametrize(
    ("clause", "states"),
    [
        ("医生写病历太花时间", True),
        ("病人候诊要等很久", True),
        ("排队等好耐", True),
        ("reconciling the bank statements takes forever", True),
        ("太原一家五金店", False),  # a place, no complaint
        ("这台机器很耐用", False),
    ],
)
def test_a_complaint_of_excess_states_a_need_whatever_its_words(clause: str, states: bool) -> None:
    assert states_or_wishes(clause) is states


def test_a_travel_platform_the_bot_is_not_described_for_gets_the_caveat() -> None:
    bot = next(s for s in CATALOGUE.solutions if s.id == BOT)
    reviews = next(s for s in CATALOGUE.solutions if s.id == "hotel-review-reply-agent")
    assert unlisted_channels(bot, "携程和美团上客人的消息回不过来") == ("携程", "美团")
    assert unlisted_channels(reviews, "携程上的差评") == ()  # its own description names Ctrip


def test_foreign_buyers_emails_are_messages_answered_by_the_export_enquiry_tool(
    advisor: AdvisorService,
) -> None:
    assert answers_messages("foreign buyers' e-mails pile up and nobody answers them")
    response = advisor.ask(
        "Export firm in Ningbo selling kitchenware, 10 staff. Answering foreign buyers' e-mails takes us all day."
    )
    ids = [s.id for s in response.solutions]
    assert ids[:1] == ["foreign-trade-inquiry-assistant"], ids
    assert BOT not in ids


def test_guests_on_travel_platforms_get_the_reply_bot_with_the_channel_to_confirm(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("大理一家民宿，5个人，携程和美团上客人的消息回不过来，想找AI帮忙回")
    assert [s.id for s in response.solutions] == [BOT]
    assert "确认能否接入携程、美团" in response.answer
