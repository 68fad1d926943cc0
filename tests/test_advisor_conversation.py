"""Multi-turn behaviour: clarifying, follow-ups, corrections, sessions, refusals and odd input.

All through `AdvisorService.ask` over the shared real index (date pinned to 2026-11-23); every test
gets a fresh advisor, so conversation state never leaks between tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.advisor.contract import AdviceResponse
from app.advisor.service import AdvisorService
from app.evaluation.golden import load_retrieval_cases
from app.text.normalize import compact, detect_language, normalize
from tests.test_advisor_scenarios import assert_citations_resolve, assert_pack, with_shared_catalogue

UNDER_SPECIFIED = {
    "zh": "我想用AI，帮我推荐一下",
    "zh-Hant": "我們公司想導入AI，有什麼方案可以推薦？",
    "en": "Recommend an AI pack for my business",
}
DETAILS = {
    "zh": "我们是杭州的一家餐厅，20个员工，年营收800万，备货不准",
    "zh-Hant": "我們是杭州的餐廳，20名員工，年營收800萬，備貨不準",
    "en": "We're a restaurant in Hangzhou with 20 staff and 8 million yuan revenue; stock planning is a mess",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\ufeff]")


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    """conftest's fresh advisor (own sessions, pinned date), without re-parsing the YAML catalogue."""
    return with_shared_catalogue(advisor)


def funding_region(advisor: AdvisorService, source: str) -> list[tuple[str | None, str | None]] | None:
    """(province, city) pairs a funding catalogue entry is for; None when `source` is not a program."""
    program = advisor.catalogue.program(source)
    if program is None:
        return None
    regions = program.eligibility.regions or [program.region]
    return [(r.province, r.city) for r in regions]


def assert_no_pack(response: AdviceResponse) -> None:
    assert not response.solutions
    assert not response.funding
    assert not response.arithmetic


# ------------------------------------------------------------------------------ clarifying questions


@pytest.mark.parametrize("lang", ["zh", "zh-Hant", "en"])
def test_under_specified_request_gets_at_most_two_questions_then_a_pack(advisor: AdvisorService, lang: str):
    first = advisor.ask(UNDER_SPECIFIED[lang], session_id="owner")
    assert first.intent == "recommend_pack"
    assert 1 <= len(first.clarifying_questions) <= 2
    assert_no_pack(first)
    for question in first.clarifying_questions:
        assert question in first.answer
    assert first.language == ("en" if lang == "en" else "zh")
    assert_citations_resolve(first, advisor)  # a preview of the closest solution may be cited

    second = advisor.ask(DETAILS[lang], session_id="owner")
    assert_pack(second)
    assert (second.profile.province, second.profile.city) == ("浙江", "杭州")
    assert second.profile.employees == 20
    assert second.profile.size_class == "small"
    assert_citations_resolve(second, advisor)


@pytest.mark.parametrize(
    "reply",
    ["我想用AI，帮我推荐一下", "不方便透露，直接推荐吧"],
    ids=["asks-again", "declines-and-asks"],
)
def test_second_under_specified_turn_proceeds_instead_of_asking_again(advisor: AdvisorService, reply: str):
    first = advisor.ask("我想用AI，帮我推荐一下", session_id="shy")
    assert first.clarifying_questions
    second = advisor.ask(reply, session_id="shy")
    assert second.intent == "recommend_pack"
    assert not second.clarifying_questions
    assert_pack(second)
    # Without a region the verdicts stay open, and the answer says what would settle them.
    assert all(
        f.verdict != "eligible" or not advisor.catalogue.program(f.id).eligibility.regions
        for f in second.funding
    )
    assert "补充以下信息" in second.answer


def test_english_owner_who_declines_still_gets_a_pack(advisor: AdvisorService):
    advisor.ask(UNDER_SPECIFIED["en"], session_id="shy-en")
    second = advisor.ask("I'd rather not say, just recommend something", session_id="shy-en")
    assert_pack(second)
    assert second.language == "en"
    assert "To settle the open verdicts" in second.answer


@pytest.mark.parametrize("reply", ["不想说", "保密", "I prefer not to share that."])
def test_bare_decline_after_clarifying_proceeds_with_the_pack(advisor: AdvisorService, reply: str):
    opening = UNDER_SPECIFIED["en" if reply.isascii() else "zh"]
    advisor.ask(opening, session_id="decline")
    second = advisor.ask(reply, session_id="decline")
    assert second.intent == "recommend_pack"
    assert not second.clarifying_questions
    assert_pack(second)


def test_answering_the_questions_with_a_size_also_gives_a_pack(advisor: AdvisorService):
    advisor.ask("我想用AI，帮我推荐一下", session_id="terse")
    second = advisor.ask("餐饮，杭州，20人", session_id="terse")
    assert_pack(second)
    assert (second.profile.industry, second.profile.city) == ("H", "杭州")


@pytest.mark.parametrize("reply", ["餐饮，杭州", "做餐饮的，在杭州"])
def test_terse_answer_to_the_clarifying_questions_gives_a_pack(advisor: AdvisorService, reply: str):
    advisor.ask("我想用AI，帮我推荐一下", session_id="terse")
    second = advisor.ask(reply, session_id="terse")
    assert second.intent == "recommend_pack"
    assert_pack(second)


# ------------------------------------------------------------------------------------ follow-ups


def test_follow_up_about_another_city_is_rewritten_and_answered_for_that_city(advisor: AdvisorService):
    first = advisor.ask("上海的算力券补贴比例是多少？", session_id="f")
    assert first.intent == "policy_question"
    assert any(c.source == "sh-compute-voucher-2025" for c in first.citations)

    second = advisor.ask("那杭州呢？", session_id="f")
    assert second.intent == "policy_question"
    assert second.has_evidence and second.citations
    assert_citations_resolve(second, advisor)
    regions = [funding_region(advisor, c.source) for c in second.citations]
    programs = [r for r in regions if r is not None]
    assert programs, "a voucher question is answered from the funding catalogue"
    assert all(("浙江", "杭州") in r for r in programs), [c.source for c in second.citations]
    assert not any(c.source.startswith("sh-") for c in second.citations)
    assert "上海" not in second.answer
    assert second.profile.city == "杭州"


def test_english_follow_up_about_another_city_answers_for_that_city(advisor: AdvisorService):
    advisor.ask("What does Chengdu's compute voucher cover?", session_id="f-en")
    second = advisor.ask("And what about Wuhan?", session_id="f-en")
    assert second.intent == "policy_question"
    sources = [c.source for c in second.citations]
    assert any(s.startswith("wh-") for s in sources), sources
    assert not any(s.startswith("cd-") for s in sources), sources


@pytest.mark.parametrize(
    ("turns", "place"),
    [
        (["上海的算力券补贴比例是多少？"], ("上海", "上海")),
        (["上海的模型券最高补贴多少？", "那深圳呢？"], ("广东", "深圳")),
    ],
    ids=["shanghai-compute", "shenzhen-model-follow-up"],
)
def test_policy_answer_about_one_city_quotes_no_other_citys_program(
    advisor: AdvisorService, turns: list[str], place: tuple[str, str]
):
    for message in turns:
        response = advisor.ask(message, session_id="place")
    for citation in response.citations:
        regions = funding_region(advisor, citation.source)
        if regions is None:
            continue
        province, _ = place
        assert any(p is None or (p == province and c in (None, place[1])) for p, c in regions), (
            f"[{citation.n}] {citation.source} ({citation.title}) answers a question about {place[1]}"
        )


# ---------------------------------------------------------------------------- profile and sessions


def test_correction_wins_over_the_earlier_figure_and_changes_the_size(advisor: AdvisorService):
    first = advisor.ask(
        "我在杭州开了一家中餐厅，8个员工，年营收300万，高峰期备菜总是不够，收工时又剩很多，预算1万",
        session_id="c",
    )
    assert first.profile.employees == 8
    assert first.profile.size_class == "micro"

    second = advisor.ask("其实我们有60个员工", session_id="c")
    assert second.intent == "recommend_pack"
    assert second.profile.employees == 60
    assert second.profile.size_class == "small"
    # Everything the owner did not correct is kept.
    assert (second.profile.city, second.profile.industry) == ("杭州", "H")
    assert second.profile.annual_revenue_cny == 3_000_000
    assert second.profile.budget_cny == 10_000
    assert "60人" in second.answer and "8人" not in second.answer
    assert "demand_forecasting" in [s.category for s in second.solutions[:3]]


@pytest.mark.parametrize(
    ("opening", "budget_turn"),
    [
        (DETAILS["zh"] + "，推荐AI方案", "我们预算只有5000元"),
        (DETAILS["en"] + ". Recommend AI tools.", "Our budget is 50k yuan."),
    ],
    ids=["zh", "en"],
)
def test_budget_given_after_the_pack_re_plans_it(advisor: AdvisorService, opening: str, budget_turn: str):
    advisor.ask(opening, session_id="budget")
    response = advisor.ask(budget_turn, session_id="budget")
    assert response.intent == "recommend_pack"
    assert_pack(response)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("这些方案一年下来大概要花多少钱？", "cost_estimate"),
        ("扣除补贴后实际要花多少？", "cost_estimate"),
        ("这几个方案怎么选？", "compare_solutions"),
    ],
)
def test_question_about_the_pack_just_shown_is_answered_for_that_pack(
    advisor: AdvisorService, question: str, intent: str
):
    pack = advisor.ask(
        "成都一家串串香火锅店，25个员工，年营收600万，排班老是乱，食材浪费也多，预算2万，推荐点AI方案",
        session_id="p",
    )
    assert_pack(pack)
    follow_up = advisor.ask(question, session_id="p")
    assert follow_up.intent == intent
    assert [s.id for s in follow_up.solutions] == [s.id for s in pack.solutions]
    for solution in pack.solutions:
        assert solution.name in follow_up.answer
    if intent == "cost_estimate":
        assert [s.net_first_year_cost_cny for s in follow_up.solutions] == [
            s.net_first_year_cost_cny for s in pack.solutions
        ]
    assert_citations_resolve(follow_up, advisor)


def test_a_new_need_after_the_pack_is_costed_on_its_own(advisor: AdvisorService):
    pack = advisor.ask(DETAILS["zh"] + "，推荐AI方案", session_id="p2")
    follow_up = advisor.ask("如果再加一个智能客服，大概要花多少钱？", session_id="p2")
    assert follow_up.intent == "cost_estimate"
    assert "customer_service" in [s.category for s in follow_up.solutions]
    assert [s.id for s in follow_up.solutions] != [s.id for s in pack.solutions]


def test_correcting_the_city_replaces_it(advisor: AdvisorService):
    advisor.ask(
        "我們是蘇州一家做五金件的工廠，80個工人，年產值6000萬，設備老壞，想用AI做預測性維護，預算10萬左右",
        session_id="c2",
    )
    second = advisor.ask("更正一下，我們工廠其實在無錫，不在蘇州", session_id="c2")
    assert (second.profile.province, second.profile.city) == ("江苏", "无锡")
    assert second.profile.employees == 80
    assert_pack(second)


def test_sessions_do_not_share_the_profile(advisor: AdvisorService):
    a = advisor.ask(DETAILS["zh"] + "，推荐AI方案", session_id="alice")
    assert a.profile.city == "杭州"
    b = advisor.ask(UNDER_SPECIFIED["zh"], session_id="bob")
    assert b.profile.city is None and b.profile.employees is None
    assert b.clarifying_questions, "bob's session knows nothing about alice's restaurant"
    anonymous = advisor.ask(UNDER_SPECIFIED["zh"])
    assert anonymous.profile.city is None
    assert anonymous.session_id not in ("alice", "bob")
    again = advisor.ask("预算3万", session_id="alice")
    assert (again.profile.city, again.profile.employees) == ("杭州", 20)
    assert a.session_id == "alice" and b.session_id == "bob"


# ---------------------------------------------------------------------------- refusals and smalltalk

OUT_OF_SCOPE = [
    ("明天杭州天气怎么样？", "zh"),
    ("帮我写一首关于春天的诗", "zh"),
    ("昨晚英超曼城对阿森纳的比分是多少？", "zh"),
    ("最近哪支股票值得買？給我幾個明牌", "zh"),
    ("What's the weather like in Shanghai tomorrow?", "en"),
    ("Write me a short poem about autumn leaves falling.", "en"),
    ("Who do you think will win the Champions League this season?", "en"),
    ("Any stock tips for next week?", "en"),
    # A place only catalogue programs are for is no question about them (a retrieval route once made it one).
    ("顺便问一句，青岛哪家海鲜馆好吃？", "zh"),
]


@pytest.mark.parametrize(("message", "lang"), OUT_OF_SCOPE, ids=[m[:16] for m, _ in OUT_OF_SCOPE])
def test_out_of_scope_is_declined_politely_with_what_the_advisor_can_do(
    advisor: AdvisorService, message: str, lang: str
):
    response = advisor.ask(message)
    assert response.intent == "out_of_scope"
    assert response.language == lang
    assert_no_pack(response)
    assert not response.citations and not response.clarifying_questions
    assert response.has_evidence  # a short refusal: no "no reliable evidence" banner under it
    if lang == "en":
        assert response.answer.startswith("Sorry")
        assert "I can recommend" in response.answer and "subsid" in response.answer
    else:
        answer = normalize(response.answer)  # a traditional question is answered in traditional script
        assert answer.startswith("抱歉")
        assert "我可以" in answer and "补贴" in answer


def test_a_visa_question_naming_a_country_is_refused_without_a_coverage_notice(advisor: AdvisorService):
    session = "visa-after-pack"
    advisor.ask("我们是杭州一家30人的餐厅，备菜老是浪费", session_id=session)
    response = advisor.ask("帮我看看怎么办美国B1/B2签证，需要准备哪些材料？", session_id=session)
    assert response.intent == "out_of_scope"
    assert_no_pack(response)
    assert "覆盖" not in response.answer  # not "美国不在这些补贴项目的覆盖范围内"
    assert response.profile.city == "杭州"  # a trip abroad does not move the company


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        (
            "厦门思明区的奶茶店，3家店18个人，想用AI做小红书文案，预算1万。另外顺便问下，最近哪只AI概念股值得买？",
            "概念股",
        ),
        (
            "广州白云区的社区诊所，8个人，想用AI做病历和随访，预算一万。另外医保飞行检查要怎么应对？",
            "飞行检查",
        ),
        (
            "We're a 40-person logistics company in Tianjin and want route optimisation. Also, which crypto should I buy?",
            "crypto",
        ),
    ],
)
def test_an_out_of_scope_aside_is_declined_in_one_line_and_the_business_is_answered(
    advisor: AdvisorService, message: str, topic: str
):
    response = advisor.ask(message)
    assert response.intent == "recommend_pack" and response.solutions
    decline = response.answer.split("\n\n")[0]
    assert topic in decline and ("服务范围" in decline or "outside what I can help" in decline)


def test_a_follow_up_is_not_told_a_program_it_never_named_is_unknown(advisor: AdvisorService):
    session = "model-voucher-then-suzhou"
    advisor.ask(
        "我们在深圳南山做跨境电商，30个人，想用AI做多语言客服。听说深圳有模型券，现在还能申请吗？",
        session_id=session,
    )
    response = advisor.ask("那苏州呢？我们在苏州也有个分公司", session_id=session)
    assert "苏州模型券" not in response.answer.replace(
        "市", ""
    )  # review4 c02: the user named no such program


def test_a_bare_budget_after_a_subsidy_question_is_not_out_of_scope(advisor: AdvisorService):
    session = "subsidies-then-budget"
    advisor.ask("我们是杭州的餐厅，想了解能申请什么补贴", session_id=session)
    response = advisor.ask("十五六万", session_id=session)
    assert response.intent != "out_of_scope"
    assert response.profile.budget_cny == 160000 and response.profile.city == "杭州"


@pytest.mark.parametrize(
    ("opening", "follow_up"),
    [
        ("郑州一家25人的物流公司，想租算力训练调度模型，合同30万", "说错了，合同是一年50万"),
        (
            "I run a 12-person bubble tea chain in Mong Kok, Hong Kong. We want AI to forecast stock ordering.",
            "What if we register a subsidiary in Shenzhen instead?",
        ),
    ],
)
def test_a_follow_up_without_business_words_continues_the_conversation(
    advisor: AdvisorService, opening: str, follow_up: str
):
    session = f"continue-{opening[:6]}"
    advisor.ask(opening, session_id=session)
    assert advisor.ask(follow_up, session_id=session).intent != "out_of_scope"


def test_a_personal_errand_after_a_business_question_is_still_refused(advisor: AdvisorService):
    session = "errand-after-pack"
    advisor.ask("武汉光谷一家一人公司，做AI短视频，每个月算力费用1.5万", session_id=session)
    response = advisor.ask("顺便帮我写一封给房东的退租信", session_id=session)
    assert response.intent == "out_of_scope"
    assert_no_pack(response)


@pytest.mark.parametrize(
    "question", ["顺便问下，港币兑人民币现在多少", "What's the exchange rate to the dollar today?"]
)
def test_an_exchange_rate_question_after_a_pack_is_refused_without_subsidies(
    advisor: AdvisorService, question: str
):
    """We hold no exchange rates and advise on none: a rate asked mid-conversation is no policy question."""
    session = f"rate-after-pack-{len(question)}"
    advisor.ask("温州一家做鞋的工厂，90人，订单排产很乱，预算15万", session_id=session)
    response = advisor.ask(question, session_id=session)
    assert response.intent == "out_of_scope"
    assert_no_pack(response)


def test_a_business_whose_trade_is_an_out_of_scope_word_is_not_declined(advisor: AdvisorService):
    response = advisor.ask("我们是做签证代办的旅行社，12个人，客户咨询回不过来，想上AI客服")
    assert response.intent == "recommend_pack"
    assert "服务范围" not in response.answer


@pytest.mark.parametrize(
    ("message", "lang"), [("你好", "zh"), ("謝謝你，很有幫助！", "zh"), ("hello", "en"), ("Thanks!", "en")]
)
def test_smalltalk_gets_a_short_friendly_reply(advisor: AdvisorService, message: str, lang: str):
    response = advisor.ask(message)
    assert response.intent == "smalltalk"
    assert response.language == lang
    assert_no_pack(response)
    assert not response.clarifying_questions
    assert detect_language(response.answer) == lang
    assert ("AI" in response.answer) and len(response.answer) < 400


# ---------------------------------------------------------------------------------- policy questions

GOLDEN = {c.id: c for c in load_retrieval_cases()}
POLICY_FACTS = [
    "p12",
    "p24",
    "p08",
    "p15",
    "p18",
    "f04",
    "f02",
    "f12",
    "f14",
]  # p18: "哪几条建议" needs the enumeration


@pytest.mark.parametrize("case_id", POLICY_FACTS)
def test_policy_question_is_answered_with_citations_that_hold_the_fact(advisor: AdvisorService, case_id: str):
    case = GOLDEN[case_id]
    assert case.fact is not None
    response = advisor.ask(case.question)
    assert response.has_evidence
    assert_citations_resolve(response, advisor)
    if response.intent == "funding_eligibility":
        # A question naming one program's figure is answered about that program: its published figure in the
        # opening line, its verdict listed, the program's entry cited, no pack nobody asked for.
        amount = re.search(r"\d+(?:\.\d+)?万", case.fact)
        assert amount, case.fact
        assert re.search(rf"{amount.group(0)[:-1]}[万萬]", response.answer.splitlines()[0]), response.answer
        assert case.expected_source in {c.source for c in response.citations}
        assert [f.id for f in response.funding if f.listed][:1] == [case.expected_source]
        assert not response.solutions
        return
    assert response.intent == "policy_question"
    assert_citations_resolve(response, advisor)
    needle = compact(case.fact)
    holding = [c for c in response.citations if needle in compact(c.quote)]
    assert holding, f"no citation quote contains {case.fact!r}"
    assert any(f"[{c.n}]" in response.answer for c in holding)
    assert case.expected_source in {c.source for c in response.citations}
    assert response.language == ("en" if case.lang == "en" else "zh")
    assert not response.solutions and not response.arithmetic
    # A question naming one program ("上海的模型券…最高能补贴多少", f02) is answered on its first line from that
    # program's entry (compose/direct_answer.py, s20), so that program alone is listed; any other lists none.
    assert [f.id for f in response.funding] in ([], [case.expected_source]), response.funding
    if response.funding:
        assert (
            case.expected_source in response.answer.splitlines()[0]
            or response.funding[0].name in (response.answer.splitlines()[0])
        )


def test_a_sentence_cut_by_a_chunk_boundary_is_quoted_whole(advisor: AdvisorService):
    response = advisor.ask("贺晗关于拓展大模型应用场景提了哪几条建议？")
    line = next(line for line in response.answer.splitlines() if "四则建议" in line)
    for point in ("一是", "二是", "三是", "四是"):
        assert point in line, line  # all four suggestions, not the first one and a cut
    for suggestion in ("供需对接平台", "示范应用推进计划", "应用生态建设", "人才培养"):
        assert response.answer.count(suggestion) == 1, response.answer  # overlapping chunks quoted once
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
    quotes = {c.n: compact(c.quote) for c in response.citations}
    assert 1 <= len(numbers) <= 2  # one chunk holds it whole, or each part cites the chunk it came from
    assert "一是" in quotes[numbers[0]] and "四是" in quotes[numbers[-1]]
    assert_citations_resolve(response, advisor)


def test_a_simplified_question_reads_quotes_from_traditional_articles_in_simplified(advisor: AdvisorService):
    response = advisor.ask("全国政协委员贺晗提了哪些建议？")
    assert "贺晗提出四则建议" in response.answer  # the 繁體 reprint, read in the asker's script
    assert not re.search("[賀則議臺範圍]", response.answer), response.answer
    assert any("賀晗" in c.quote for c in response.citations)  # the quote as published, to check


@pytest.mark.parametrize(
    ("message", "lang"),
    [
        ("我们公司在拉萨，数据标注券怎么申请？", "zh"),
        ("Our company is in Lhasa, how do we apply for the data labelling voucher?", "en"),
    ],
)
def test_question_without_evidence_says_so_instead_of_guessing(
    advisor: AdvisorService, message: str, lang: str
):
    response = advisor.ask(message)
    assert response.has_evidence is False
    assert not response.citations and not response.funding
    if lang == "en":
        assert "no reliable evidence" in response.answer
    else:
        # The place and the kind name a voucher no program carries (session 15, review12): said to be absent,
        # with what the sources hold of that kind and for that place, not the generic "no evidence" line.
        assert "“拉萨标注券”不在我的资料中" in response.answer
        assert "漳州市标注券" in response.answer and "没有适用于拉萨的项目" in response.answer
    assert response.intent != "out_of_scope"


@pytest.mark.parametrize(
    "message", ["請問有什麼AI補助可以申請？", "听说用AI能领补贴，具体都有哪些？", "Are there any AI grants?"]
)
def test_a_funding_question_naming_nothing_is_asked_back_however_ai_is_written(
    advisor: AdvisorService, message: str
):
    # "AI" glued to Chinese ("AI補助") is no English name, and "用AI能领补贴" is a clause, not a program's name: both
    # once turned this into a quote digest or a "not in my sources" line instead of asking where and what.
    response = advisor.ask(message)
    assert response.clarifying_questions and not response.funding
    assert "不在我的资料中" not in response.answer


@pytest.mark.parametrize(
    "message", ["想了解一下人工智能方面的事情", "I'd like some advice about AI, please."]
)
def test_a_request_to_talk_about_ai_naming_nothing_is_asked_back(advisor: AdvisorService, message: str):
    """No need, no trade, no place: the answer asks what the business does and needs, not a quote digest."""
    response = advisor.ask(message)
    assert response.clarifying_questions and not response.solutions and not response.funding


@pytest.mark.parametrize(
    "message",
    ["美国各州对中小企业使用AI有什么税收抵免政策？", "What subsidies does the EU AI Act give to SMEs?"],
)
def test_in_scope_question_without_evidence_is_not_refused_as_out_of_scope(
    advisor: AdvisorService, message: str
):
    response = advisor.ask(message)
    assert response.intent != "out_of_scope"
    assert not [f for f in response.funding if f.verdict == "eligible"]
    # Either no evidence is said, or (a foreign place read, s20) that the catalogue's programs do not cover it.
    honest = ("没有找到", "no reliable evidence", "不在这些补贴项目的覆盖范围", "outside the")
    assert any(h in response.answer for h in honest), response.answer


@pytest.mark.parametrize(
    "message", ["What AI policies has Beijing announced?", "Which AI subsidies does Shanghai offer?"]
)
def test_english_policy_question_is_not_mistaken_for_a_pack_request(advisor: AdvisorService, message: str):
    response = advisor.ask(message)
    assert response.intent != "recommend_pack"
    assert not response.clarifying_questions


# ---------------------------------------------------------------------------------------- odd input


def test_fifty_thousand_character_message_is_answered_from_its_start_with_a_notice(advisor: AdvisorService):
    head = "我们是杭州的一家餐厅，20个员工，年营收800万，备货不准，推荐AI方案。以下是我们的日常记录："
    message = head + ("今天备菜太多，剩了很多。" * 5000)[: 50_000 - len(head)]
    assert len(message) == 50_000
    response = advisor.ask(message)
    assert response.notices, "the owner is told that only part of the message was read"
    assert any("50000" in n and "4000" in n for n in response.notices), response.notices
    assert_pack(response)
    assert response.profile.city == "杭州"
    assert len(response.answer) < 10_000


@pytest.mark.parametrize("message", ["", "   ", " \n\t\u3000 "])
def test_empty_message_gets_a_polite_prompt(advisor: AdvisorService, message: str):
    response = advisor.ask(message)
    assert response.answer.strip()
    assert "请输入" in response.answer
    assert response.intent == "smalltalk"
    assert_no_pack(response)
    assert not response.clarifying_questions


@pytest.mark.parametrize(
    "message",
    ["😀😀🎉", "🍜🏭🚚", "\x00\x01\x02\x1b[31m\x7f", "\u200b\ufeff", "\ud7ff\U0010ffff", "[1] [2] [99]"],
    ids=["emoji", "emoji-business", "control", "zero-width", "odd-codepoints", "fake-citations"],
)
def test_emoji_and_control_characters_are_handled(advisor: AdvisorService, message: str):
    response = advisor.ask(message)
    assert response.answer.strip()
    assert not _CONTROL.search(response.answer)
    assert_no_pack(response)
    assert_citations_resolve(response, advisor)
    AdviceResponse.model_validate_json(response.model_dump_json())


def test_control_characters_inside_a_real_message_are_ignored(advisor: AdvisorService):
    response = advisor.ask("我们是\x00杭州\x07的餐厅\u200b，20人，\x1b年营收800万，推荐AI方案")
    assert (response.profile.city, response.profile.employees) == ("杭州", 20)
    assert response.profile.annual_revenue_cny == 8_000_000
    assert_pack(response)
    assert not _CONTROL.search(response.answer)


def test_public_import_builds_the_advisor_service(tmp_path: Path):
    from app import Advisor
    from app.advisor.service import AdvisorService as Service
    from app.settings import PathSettings, Settings

    assert isinstance(Advisor(Settings(paths=PathSettings(data_dir=tmp_path))), Service)
    import app

    with pytest.raises(AttributeError):
        _ = app.NotAThing  # type: ignore[attr-defined]


def test_what_about_another_city_rejudges_the_pack_without_moving_the_client(advisor: AdvisorService):
    session = "what-if-suzhou"
    first = advisor.ask("我们在杭州开了一家20人的餐厅，预算3万，想解决备货不准的问题", session_id=session)
    what_if = advisor.ask("那苏州呢", session_id=session)
    assert what_if.intent == "recommend_pack" and what_if.profile.city == "苏州"
    assert [s.id for s in what_if.solutions] == [s.id for s in first.solutions]  # the same pack, judged there
    assert what_if.answer.startswith("换成江苏·苏州（原为浙江·杭州）")
    assert advisor.ask("预算改成5万", session_id=session).profile.city == "杭州"  # the saved profile stayed


def test_a_traditional_question_is_answered_in_traditional_script(advisor: AdvisorService):
    session = "hant-stacking"
    advisor.ask("我們在杭州開了一家二十人的餐廳，預算三萬，想解決備貨不準的問題", session_id=session)
    answer = advisor.ask("這些補貼可以疊加嗎？", session_id=session).answer
    assert answer.startswith("能否疊加")
    assert "补贴" not in answer and "補貼" in answer


def test_a_corrected_contract_amount_re_plans_on_the_new_figure(advisor: AdvisorService):
    """review5 s2: "说错了，合同是一年50万" named no kind; it was answered with a dump of another city's
    voucher quotes and the old 30万 stayed in the arithmetic."""
    advisor.ask("郑州一家25人的物流公司，想租算力训练调度模型，合同30万", session_id="zz-contract")
    response = advisor.ask("说错了，合同是一年50万", session_id="zz-contract")
    assert response.intent == "recommend_pack"
    assert [(p.kind, p.amount_cny) for p in response.profile.purchases] == [("compute", 500000.0)]
    assert "50万元 × 最高20%" in response.answer, response.answer
    assert "30万元 ×" not in response.answer
    assert not any("contract" in s.id for s in response.solutions)  # the paper it buys on, not a need


def test_suggested_follow_ups_fit_the_conversation(advisor: AdvisorService):
    """No "那杭州呢？" offered to a Hangzhou business, no "compare these solutions" under a one-solution pack."""
    from app.ui.follow_ups import follow_ups

    policy = advisor.ask("上海的算力券补贴比例是多少？")
    assert "那杭州呢？" in follow_ups(policy, "上海的算力券补贴比例是多少？")
    in_hangzhou = policy.model_copy(
        update={"profile": policy.profile.model_copy(update={"province": "浙江", "city": "杭州"})}
    )
    offered = follow_ups(in_hangzhou, "算力券补贴比例是多少？")
    assert "那杭州呢？" not in offered and "那上海呢？" in offered
    pack = advisor.ask("深圳一家15人的软件公司，想租GPU训练模型，合同30万")
    assert len(pack.solutions) == 1 and pack.intent == "recommend_pack"
    assert "对比一下这几个方案" not in follow_ups(pack, "深圳一家15人的软件公司，想租GPU训练模型，合同30万")
    assert "这些补贴怎么申请？" in follow_ups(pack, "深圳一家15人的软件公司，想租GPU训练模型，合同30万")


def test_an_exchange_rate_aside_is_refused_and_the_business_is_picked_up_again(advisor: AdvisorService):
    advisor.ask("嘉兴一家做箱包的，45个人，想用AI做客服自动回复，预算4万", session_id="rate")
    aside = advisor.ask("对了，问一下现在港币汇率多少", session_id="rate")
    assert aside.intent == "out_of_scope" and not aside.funding and not aside.solutions
    back = advisor.ask("好的，那我们这个情况能补多少", session_id="rate")
    assert back.intent == "funding_eligibility"
    assert (back.profile.city, back.profile.employees, back.profile.budget_cny) == ("嘉兴", 45, 40_000)


def test_saying_the_firm_is_not_a_one_person_company_rules_out_the_opc_voucher(advisor: AdvisorService):
    """Held-out blind11: "…三个股东，不是一人公司" was read as one employee, and the OPC voucher stayed to confirm."""
    session = "not-an-opc"
    advisor.ask(
        "武汉光谷做AI写真小程序的，就3个人，一年租算力大概6万。武汉那个OPC算力服务券能申请吗？",
        session_id=session,
    )
    response = advisor.ask(
        "补充一下，我们注册的是普通的有限责任公司，三个股东，不是一人公司", session_id=session
    )
    assert response.profile.employees == 3
    verdicts = {f.id: f.verdict for f in response.funding}
    assert verdicts.get("wh-opc-compute-voucher-2026") == "ineligible"
