"""The conversation policy of issue #12 (session 17): ask back when nothing is stated, however long the message;
answer at once when a need is; refuse a private-life question whatever trade word it holds.

Held-out blind10/11 had long openers that named nothing ("老板天天转人工智能的文章…到底有没有什么扶持政策") answered
with a digest of other provinces' texts, because the ask-back stopped at 30 characters; and a question about a sick
dog was read as a clinic's need because "医院" is a trade.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


@pytest.mark.parametrize(
    "message",
    [
        "您好，老板最近总在群里转人工智能的文章，让我打听一下国家或者地方上现在到底有哪些扶持，具体又该怎么申请",
        "Good morning, the director asked me to look into whether the government offers any support or grants to a "
        "company like ours that starts using AI, and how one would apply.",
    ],
)
def test_a_long_opener_that_names_nothing_is_asked_back(advisor: AdvisorService, message: str) -> None:
    reply = advisor.ask(message)
    assert reply.clarifying_questions, reply.answer
    assert not reply.solutions and len({f.region for f in reply.funding}) <= 1


def test_a_long_message_with_a_need_gets_the_pack_not_a_question_back(advisor: AdvisorService) -> None:
    reply = advisor.ask(
        "店里一到饭点电话就接不过来，经常漏掉外卖单，听说现在AI很厉害，有没有办法帮帮我们，政府给不给补贴"
    )
    assert reply.solutions, reply.answer


def test_the_answer_to_the_question_back_gets_the_pack(advisor: AdvisorService) -> None:
    session = "asked-back-then-answered"
    opener = "想问下现在政府对中小企业用人工智能这方面到底都有些什么补贴和优惠，具体需要怎么去申请呢，麻烦您介绍介绍"
    assert advisor.ask(opener, session_id=session).clarifying_questions
    answer = advisor.ask("我们在昆明开了两家米线店，20个人，备料老是浪费", session_id=session)
    assert answer.solutions and answer.profile.city == "昆明"


@pytest.mark.parametrize(
    "message",
    [
        "我家猫这几天老是吐，是不是病了，要不要送去医院看看",
        "How do I get my baby son to sleep through the night?",
    ],
)
def test_a_private_life_question_is_refused_whatever_trade_word_it_holds(
    advisor: AdvisorService, message: str
) -> None:
    reply = advisor.ask(message)
    assert reply.intent == "out_of_scope", reply.answer
    assert not reply.solutions and not reply.funding


def test_a_family_business_is_still_a_business(advisor: AdvisorService) -> None:
    reply = advisor.ask("我家是开饭店的，后厨备料老是浪费")
    assert reply.intent != "out_of_scope" and reply.solutions


@pytest.mark.parametrize(
    "message",
    ["Any AI grants out there?", "Is there any AI funding on offer at the moment?", "有没有AI补贴可以申请"],
)
def test_any_grants_with_nothing_known_is_asked_back(advisor: AdvisorService, message: str) -> None:
    """Nothing of the firm is known: ask where, what trade and what for, instead of listing some county's award."""
    reply = advisor.ask(message)
    assert reply.clarifying_questions, reply.answer
    assert not reply.solutions and not [f for f in reply.funding if f.listed]


def test_a_policy_question_about_a_named_program_is_still_answered(advisor: AdvisorService) -> None:
    reply = advisor.ask("深圳的模型券是怎么补的？")
    assert not reply.clarifying_questions and "模型券" in reply.answer


@pytest.mark.parametrize(
    ("message", "city"),
    [("开麻辣烫连锁的，郑州12家店", "郑州"), ("做五金批发的，东莞，三家门店", "东莞")],
)
def test_a_business_described_before_any_question_is_taken_as_facts(
    advisor: AdvisorService, message: str, city: str
) -> None:
    """The owner drops the subject ("开…的", "N家店"): a description of their own firm, never out of scope."""
    reply = advisor.ask(message)
    assert reply.intent != "out_of_scope", reply.answer
    assert reply.profile.city == city and "超出了我的服务范围" not in reply.answer


@pytest.mark.parametrize(
    ("message", "abroad"),
    [
        ("We're a Dubai trading firm — can we get Shenzhen's model voucher?", "Dubai"),
        ("雅加达的公司能申请深圳的券吗", "雅加达"),
        ("A Berlin software startup here: does Hangzhou's compute voucher cover us?", "Berlin"),
    ],
)
def test_a_firm_abroad_is_not_moved_to_the_city_of_the_program_it_names(
    advisor: AdvisorService, message: str, abroad: str
) -> None:
    """Where the client is wins over a place named only as a program's: no Chinese place, nothing eligible."""
    reply = advisor.ask(message)
    assert reply.profile.province is None and reply.profile.city is None
    assert all(f.verdict != "eligible" for f in reply.funding)


def test_a_firm_said_to_be_abroad_stays_abroad_when_it_then_names_a_program(advisor: AdvisorService) -> None:
    session = "abroad-then-program"
    advisor.ask("We're a trading company registered in Dubai, 12 people.", session_id=session)
    reply = advisor.ask("Can we get Shenzhen's model voucher?", session_id=session)
    assert reply.profile.province is None and all(f.verdict != "eligible" for f in reply.funding)


@pytest.mark.parametrize(
    ("message", "city"),
    [
        ("我们是兰州的AI初创，庆阳集群的算力券我们能用吗", "兰州"),
        ("我们做出口日本的，深圳的模型券能用吗", "深圳"),
    ],
)
def test_a_client_in_china_or_selling_abroad_keeps_its_place(
    advisor: AdvisorService, message: str, city: str
) -> None:
    """A place of China named for the client stays the client's; a market abroad ("出口日本") is not where it is."""
    assert advisor.ask(message).profile.city == city


@pytest.mark.parametrize(
    "message",
    [
        "We're moving from Vancouver and will open a hotpot restaurant in Chengdu with 15 staff",
        "我们从温哥华搬回来，准备在成都开火锅店，15个人",
    ],
)
def test_a_place_the_owner_is_leaving_is_not_the_business_place(
    advisor: AdvisorService, message: str
) -> None:
    """review17: the business moving to Chengdu was placed in Vancouver, the city it is leaving."""
    assert advisor.ask(message).profile.city == "成都"


def test_a_firm_staying_abroad_that_plans_a_china_office_is_still_abroad(advisor: AdvisorService) -> None:
    reply = advisor.ask(
        "We are based in Singapore and plan to open a Shenzhen office next year; we want an AI chatbot for "
        "customer questions"
    )
    assert reply.profile.province is None and all(f.verdict != "eligible" for f in reply.funding)


@pytest.mark.parametrize(
    ("message", "city"),
    [
        ("我现在住在温哥华，明年回成都开火锅店，15个人，想用AI点餐", "成都"),
        ("人在悉尼，打算回深圳开一家跨境电商公司，10个人，想用AI客服", "深圳"),
        ("我而家住喺多倫多，準備返廣州開間茶餐廳，12個人", "广州"),
        ("I live in Vancouver but I'm opening a hotpot place in Chengdu next year, 15 staff", "成都"),
    ],
)
def test_an_owner_living_abroad_who_plans_a_business_in_china_is_placed_there(
    advisor: AdvisorService, message: str, city: str
) -> None:
    """Session 20: a plan was blanked as a firm abroad's office, so the owner's home abroad became the business's
    place and the city was asked again. Where the owner lives is a person's place; the business planned is theirs."""
    reply = advisor.ask(message)
    assert reply.profile.city == city
    assert "覆盖范围" not in reply.answer and "outside the programs" not in reply.answer


def test_an_owner_living_abroad_with_no_business_place_in_china_is_abroad(advisor: AdvisorService) -> None:
    reply = advisor.ask("I live in Vancouver and run an online shop, 5 people, want AI customer service")
    assert reply.profile.province is None and "outside the programs' coverage" in reply.answer
