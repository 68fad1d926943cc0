"""Session 18 conversation policy (issue #12): a stated fact is said as fact, a what-if only where the owner supposes;
a question about funding that names nothing is asked back, whatever its own words were read as.

review15 r15-23: a factory's later turn "预算30万左右，主要是仓库管理乱、排产靠人工" was answered "假如仓库管理乱、排产
靠人工：下列补贴的结论不变": the 要是 inside 主要是 was read as "if". "政府有没有钱给小企业搞AI" was answered with a
digest of quotes because "搞AI" was read as the firm's trade; "看了新闻说有AI补贴" because "新闻" was.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.conversation import hypothetical_spans, supposition_words
from app.advisor.understand.vague import names_nothing
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


@pytest.mark.parametrize(
    "text",
    [
        "预算30万左右，主要是仓库管理乱、排产靠人工",
        "只要是能省人工的都行",
        "最重要是把质检做好",
        "建设想法还没定",
    ],
)
def test_a_word_holding_a_supposing_marker_supposes_nothing(text: str) -> None:
    assert hypothetical_spans(text) == [] and supposition_words(text) == ""


@pytest.mark.parametrize(
    ("text", "supposed"),
    [
        ("要是预算只有5万呢", "预算只有5万"),
        ("我们要是搬到苏州呢", "搬到苏州"),
        ("假如12月20号签约", "12月20号签约"),
    ],
)
def test_a_supposition_is_still_one(text: str, supposed: str) -> None:
    assert supposed in supposition_words(text)


def test_a_later_pain_point_is_said_as_fact_not_as_a_what_if(advisor: AdvisorService) -> None:
    session = "stated-not-supposed"
    advisor.ask("我们是温州乐清的电气开关厂，150人", session_id=session)
    reply = advisor.ask("预算30万左右，主要是仓库管理乱、排产靠人工", session_id=session)
    assert "假如" not in reply.answer and "如果" not in reply.answer.split("\n")[0]
    assert reply.solutions and reply.profile.budget_cny == 300000


@pytest.mark.parametrize(
    "message",
    [
        "政府有没有钱给小企业搞AI",
        "看了新闻说有AI补贴，我们能申请吗",
        "朋友说现在搞智能化有补助，我们小公司也有份吗",
        "請問而家有冇政府資助畀中小企用AI？",
        "Are there any government grants a small company like ours could get for adopting AI?",
    ],
)
def test_a_funding_question_naming_nothing_is_asked_back(advisor: AdvisorService, message: str) -> None:
    reply = advisor.ask(message)
    assert reply.clarifying_questions, reply.answer
    assert not reply.solutions and len({f.region for f in reply.funding}) <= 1


def test_once_the_firm_is_known_the_same_question_is_answered(advisor: AdvisorService) -> None:
    session = "known-then-vague"
    advisor.ask("我们是东莞的五金厂，50人，设备老是坏", session_id=session)
    reply = advisor.ask("政府有没有钱给小企业搞AI", session_id=session)
    assert not reply.clarifying_questions or reply.funding, reply.answer


@pytest.mark.parametrize(
    "message",
    ["有没有AI方面的补贴？我们客服每天回消息回到半夜", "政府有没有补贴帮我们上个AI质检？产品划痕老是漏检"],
)
def test_a_funding_question_with_a_need_is_never_asked_back(advisor: AdvisorService, message: str) -> None:
    reply = advisor.ask(message)
    # Recommend first: the questions the verdicts need may come with the answer, never instead of it.
    assert "我先问清楚" not in reply.answer, reply.answer
    assert reply.solutions or "质检" not in message, reply.answer


@pytest.mark.parametrize(
    ("message", "vague"),
    [
        ("看新闻说国家现在对搞人工智能的企业有补贴，我们这种能不能申请？", True),
        ("刷到视频说中小企业上AI政府给报一半，真的假的，我们能拿吗", True),
        ("聽說申請AI補助很麻煩，到底要準備些什麼？", True),
        ("看新闻说杭州有AI补贴", False),
        ("朋友说做餐饮的有补贴，我们能拿吗", False),
        ("同行说上MES有补助", False),
        ("News says there are AI grants for factories, true?", False),
    ],
)
def test_hearsay_names_nothing_but_what_it_reports_may(message: str, vague: bool) -> None:
    assert names_nothing(message) is vague


def test_a_later_pain_point_re_plans_the_pack(advisor: AdvisorService) -> None:
    """A pain point said on its own after a pack asks nothing new: the pack again with it, never a digest of texts."""
    session = "pain-after-pack"
    advisor.ask("无锡的纺织厂，100人，想做布面瑕疵检测，预算20万", session_id=session)
    reply = advisor.ask("主要是漏检太多，客户老退货", session_id=session)
    assert reply.intent == "recommend_pack" and reply.solutions, reply.answer
    assert "假如" not in reply.answer
