"""A funding question gets funding: no unrequested pack, a named program defined, a pilot written out (issue #11,
review14 r14-04/13/45/48/49/52/55).

- A pure funding question ("有没有补贴", "can we get the X voucher") that names no need gets no solutions, and one
  line offering a pack once the owner says what AI should do; a question that names a need keeps its pack.
- "What exactly is the Langfang compute voucher?" is answered with the program's definition from the catalogue.
- After "X is not in my sources" the pilot of the client's own place is named, not "no program matches".
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.advisor.answering.need_named import names_need
from app.advisor.compose.program_definitions import asks_what_it_is
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile


def _reads(text: str, *, tools: set[str] | None = None) -> bool:
    """`names_need` with the recommender's readers faked: no catalogue word or example reads a need."""
    return names_need(
        CompanyProfile(),
        text,
        program_stretches=lambda clause: [s for s in ("大模型应用示范项目",) if s in clause],
        states_needs=lambda _profile, _clause: False,
        named_tools=lambda clause: tools or set() if "质检" in clause else set(),
    )


def test_a_funding_question_names_no_need_by_its_program_or_business() -> None:
    assert not _reads("大同一家做数据标注的公司，40人，我们做了一个煤矿安全的高质量数据集，大同有没有奖励？")
    assert not _reads("广州海珠区一家做服装电商的公司，30人，想申报大模型应用示范项目，奖励有多少？")
    assert not _reads(
        "Qingdao: we're a 12-person startup developing a marine-industry large model. Can we get the Qingdao "
        "model voucher?"
    )
    # A wish or a problem of its own is a need; so is a tool named beside the funding word.
    assert _reads("杭州一家奶茶店，想用AI做会员营销，有什么补贴？")
    assert _reads("餐厅备货老是不准，杭州有补贴吗")
    assert _reads("AI质检有补贴吗？我们是苏州的五金厂", tools={"visual-defect-inspection-edge"})


def test_a_what_is_question_is_told_from_a_how_much_question() -> None:
    assert asks_what_it_is("Also what exactly is the Langfang compute voucher?")
    assert asks_what_it_is("天津市算力券是怎么回事？具体补什么")
    assert asks_what_it_is("武汉的算力服务券是啥？")
    assert not asks_what_it_is("What's the maximum total of the two vouchers?")
    assert not asks_what_it_is("模型券是什么时候截止的？")
    assert not asks_what_it_is("杭州算力券能补多少？")


def test_a_pure_funding_question_gets_funding_and_an_offer_not_a_pack(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "大同一家做数据标注的公司，40人，我们做了一个煤矿安全的高质量数据集，大同有没有奖励？大概能给多少钱？"
    )
    assert response.solutions == []
    assert "datong-dataset-award-2025" in [f.id for f in response.funding if f.listed]
    assert "想用AI解决什么问题" in response.answer
    english = advisor.ask(
        "We're a 3,000-employee textile group in Shaoxing with revenue of RMB 4bn. Any SME digital transformation funds for us?"
    )
    assert english.solutions == []
    assert "not for you" in english.answer
    assert (
        "nearest national channel is National SME" not in english.answer
    )  # the SME pilot is not for it either
    # A stated need keeps its pack, judged with the programs.
    need = advisor.ask("杭州一家奶茶店，8个人，想用AI做会员营销和私域运营，预算2万，有什么补贴？")
    assert need.solutions and "想用AI解决什么问题" not in need.answer


def test_a_named_program_asked_about_is_defined(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "Can you recommend a good lawyer for a divorce case? Also what exactly is the Langfang compute voucher?"
    )
    assert response.solutions == []
    assert "up to 50% of compute rental" in response.answer and "CNY 1,000,000 a year" in response.answer
    assert "not eligible" not in response.answer
    assert "what you plan to rent or buy" in response.answer
    chinese = advisor.ask("天津市算力券是怎么回事？具体补什么")
    assert chinese.answer.startswith("天津市算力券")
    assert "根据知识库中的资料" not in chinese.answer


def test_a_pilot_question_gets_the_pilot_not_a_cost_list(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "Auto parts maker in Shunyi district, Beijing, 100 staff, revenue RMB 150m. Can we join the digital "
        "transformation pilot, and how much would it pay?"
    )
    assert response.solutions == []
    assert "Typical first-year cost" not in response.answer
    assert "shunyi-sme-dx-pilot-2024" in [f.id for f in response.funding]


def test_after_not_in_my_sources_the_own_place_pilot_is_named(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "Is there an EU-style AI Act compliance grant in China that my Suzhou electronics factory could apply for?"
    )
    assert "is not in my sources" in response.answer
    assert response.solutions == []
    assert "su-sme-dx-pilot-2023" in [f.id for f in response.funding if f.listed]
    assert "No program in our catalogue matches your region" not in response.answer


def test_the_headline_is_said_once(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "Shanghai Pudong SaaS company, 30 staff. We're about to sign a RMB 2m contract for API calls to a filed "
        "(registered) large model. How much does the Shanghai model voucher pay back, and when does the money arrive?"
    )
    brief = response.answer.split("Details:")[0]
    assert brief.count("no end date published") == 1, brief


_CITIES = ["厦门", "武汉", "成都", "南京", "青岛", "佛山", "郑州", "苏州", "廊坊", "昆明"]
_TRADES = [
    "做外贸服装的公司",
    "物流公司",
    "做灯具的厂",
    "软件公司",
    "做火锅底料的厂",
    "连锁药店",
    "装修设计工作室",
]
_ASKS = [
    "有没有什么补贴能申请？",
    "这边有哪些AI方面的扶持政策？",
    "能申请算力券吗？",
    "政府有什么奖励没有？",
    "数字化转型试点我们能参加吗？",
]


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    city=st.sampled_from(_CITIES),
    trade=st.sampled_from(_TRADES),
    staff=st.integers(min_value=3, max_value=800),
    ask=st.sampled_from(_ASKS),
)
def test_a_funding_question_naming_no_need_never_gets_solutions(
    advisor: AdvisorService, city: str, trade: str, staff: int, ask: str
) -> None:
    """Any place, trade and size, asked any plain funding question: never a pack nobody asked for."""
    response = advisor.ask(f"我们是{city}一家{trade}，{staff}人，{ask}")
    assert response.solutions == [], response.answer[:200]
