"""LLM mode over real HTTP against the scripted OpenAI-compatible server on 127.0.0.1.

Each LLM-mode turn makes two requests: structured profile extraction, then the
streamed answer. Tests script both with `server.enqueue(...)`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.advisor.contract import AdviceResponse
from app.advisor.service import AdvisorService
from app.catalogue.render import format_cny, format_cny_range
from app.container import Container
from tests.fake_llm_server import (
    CutStream,
    Endless,
    Error,
    FakeLLMServer,
    Garbage,
    Hang,
    Reply,
    StructuredReply,
)
from tests.helpers import fresh_fake_llm

QUESTION = "上海的模型券最高补贴多少？"
RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，想解决备货不准"


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with fresh_fake_llm() as fake:
        yield fake


def chat_requests(server: FakeLLMServer) -> list[dict]:
    return [r["json"] for r in server.requests if r["path"].endswith("/chat/completions")]


def is_answer_call(body: dict | None) -> bool:
    """A call to the answer model (its system prompt), not profile extraction, which streams too."""
    messages = (body or {}).get("messages") or []
    return any("AI enablement-pack advisor" in str(m.get("content", "")) for m in messages)


def answer_requests(server: FakeLLMServer) -> list[dict]:
    return [r for r in chat_requests(server) if is_answer_call(r)]


def make_advisor(shared_container: Container, server: FakeLLMServer, **llm: object) -> AdvisorService:
    settings = shared_container.settings.model_copy(
        update={
            "llm": shared_container.settings.llm.model_copy(
                update={
                    "mode": "openai",
                    "base_url": server.base_url,
                    "model": "fake-model",
                    "timeout_s": 2.0,
                    "max_retries": 0,
                    **llm,
                }
            ),
            # This test's own sessions file (conftest runs each test in its tmp_path): the shared
            # container's is the first test's, and a session id reused later would continue its talk.
            "advisor": shared_container.settings.advisor.model_copy(
                update={"today": date(2026, 11, 23), "sessions_file": Path.cwd() / "llm-sessions.sqlite3"}
            ),
        }
    )
    box = shared_container.derive(settings)
    return AdvisorService(box)


@pytest.fixture
def llm_advisor(shared_container, server, monkeypatch) -> AdvisorService:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    return make_advisor(shared_container, server)


def offline_response(shared_container, question: str) -> AdviceResponse:
    from tests.conftest import TODAY

    settings = shared_container.settings.model_copy(
        update={
            "advisor": shared_container.settings.advisor.model_copy(
                update={"today": date.fromisoformat(TODAY)}
            )
        }
    )
    box = shared_container.derive(settings)
    # A session of its own: asked twice in one test session, the question would read as a follow-up.
    return AdvisorService(box).ask(question, session_id=f"offline-{uuid.uuid4().hex}")


def offline_answer(shared_container, question: str) -> str:
    return offline_response(shared_container, question).answer


_LABELS = {"eligible": "基本符合条件", "unknown": "是否符合待确认", "ineligible": "不符合条件"}


def reworded(
    response: AdviceResponse,
    verdicts: dict[str, str] | None = None,
    drop: int | None = None,
    ranges: bool = False,
) -> str:
    """Every decision of `response` in other words than the offline answer's (or with one changed).

    Net costs as two amounts ("1,200元–1.26万元"), or with `ranges` in one unit ("0.12–1.26万元").
    """
    lines = ["建议的方案如下："]
    for n, solution in enumerate(response.solutions):
        if n != drop:
            net = solution.net_first_year_cost_cny
            cost = (
                format_cny_range(net.min, net.max)
                if ranges
                else f"{format_cny(net.min)}–{format_cny(net.max)}"
            )
            lines.append(f"{solution.name}：扣除补贴后首年约{cost} [1]。")
    for program in response.funding:
        verdict = (verdicts or {}).get(program.verdict, program.verdict)
        lines.append(f"{program.name}：{_LABELS[verdict]} [2]。")
    lines.append("申请前请向主管部门确认最新通知。")
    return "\n".join(lines)


def test_streamed_llm_answer_is_used_when_it_cites_known_passages(llm_advisor, server):
    text = "根据资料，上海模型券按核定合同额最高50%、最高500万元补贴 [1]。申请前请向主管部门确认。"
    server.enqueue(StructuredReply({}), Reply(text, chunk_size=3))
    events = list(llm_advisor.stream(QUESTION))
    response = events[-1]
    assert isinstance(response, AdviceResponse)
    deltas = [e for e in events[:-1] if isinstance(e, str)]
    assert len(deltas) > 5  # really streamed, not one block
    assert response.mode == "llm"
    assert "最高50%" in response.answer and "[1]" in response.answer
    assert response.citations and response.citations[0].n == 1
    answer_request = server.requests[-1]["json"]
    assert answer_request["stream"] is True
    assert answer_request["model"] == "fake-model"
    system, user = answer_request["messages"][0]["content"], answer_request["messages"][1]["content"]
    assert "Use ONLY the facts in the CONTEXT" in system and "<passage" in user
    assert server.requests[-1]["headers"]["authorization"] == "Bearer sk-test"


def test_structured_output_fills_the_profile(llm_advisor, server):
    server.enqueue(
        StructuredReply(
            {
                "industry": "H",
                "province": "浙江",
                "city": "杭州",
                "employees": 65,
                "annual_revenue_cny": 9000000,
                "pain_points": ["备货不准"],
            }
        ),
        Reply("建议先上备菜量预测 [1]。请向主管部门确认补贴。"),
    )
    response = llm_advisor.ask("我们是杭州一家做本帮菜的馆子，大概六七十号人，流水九百来万，备货老是不准")
    assert response.profile.employees == 65
    assert response.profile.industry == "H"
    assert response.profile.city == "杭州"
    extraction = chat_requests(server)[0]
    assert extraction.get("response_format", {}).get("type") == "json_schema"


def test_structured_output_that_fails_validation_keeps_rule_based_facts(llm_advisor, server):
    server.enqueue(StructuredReply({"industry": "Z", "province": "火星", "employees": -5}), Reply("OK [1]"))
    response = llm_advisor.ask("我在杭州开了一家20人的餐厅，年营收800万，想解决备货不准")
    assert response.profile.industry == "H"
    assert response.profile.employees == 20
    assert response.profile.city == "杭州"


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (Error(500), "HTTP 500"),
        (Error(429, headers={"Retry-After": "0"}), "429"),
        (Hang(3), "timeout"),
        (CutStream("根据资料，上海模型券最高补贴", after_chunks=2), "connection lost"),
        (Garbage(b"data: {not json\n\n", content_type="text/event-stream"), ""),
    ],
)
def test_llm_failures_fall_back_to_the_offline_answer_with_a_notice(
    shared_container, llm_advisor, server, failure, reason
):
    server.enqueue(StructuredReply({}), failure)
    llm_advisor.settings.llm.timeout_s  # noqa: B018 - documents that the 2 s timeout applies
    response = llm_advisor.ask(QUESTION)
    assert response.mode == "offline"
    assert response.notices and ("大模型服务暂时不可用" in response.notices[0])
    assert reason in response.notices[0]
    assert response.answer == offline_answer(shared_container, QUESTION)


def test_rate_limit_is_retried_honouring_retry_after(shared_container, server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    advisor = make_advisor(shared_container, server, max_retries=1)
    server.enqueue(
        StructuredReply({}),
        Error(429, headers={"Retry-After": "0.2"}),
        Reply("上海模型券最高50% [1]。请向主管部门确认。"),
    )
    response = advisor.ask(QUESTION)
    assert response.mode == "llm"
    assert len(answer_requests(server)) == 2


def test_unreachable_endpoint_falls_back(shared_container, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")

    class Closed:
        base_url = "http://127.0.0.1:9/v1"  # discard port: connection refused at once

    advisor = make_advisor(shared_container, Closed())  # type: ignore[arg-type]
    response = advisor.ask(QUESTION)
    assert response.mode == "offline"
    assert "大模型服务暂时不可用" in response.notices[0]


def test_invented_program_in_llm_output_is_rejected(llm_advisor, server):
    server.enqueue(StructuredReply({}), Reply("重庆算力券可以补贴80% [1]，请向主管部门确认。"))
    response = llm_advisor.ask(QUESTION)
    assert response.mode == "offline"
    assert "重庆算力券" not in response.answer
    assert "programs not in the catalogue" in response.notices[0]
    assert "重庆算力券" not in " ".join(response.notices)  # the notice names the problem, not the invention
    assert "未通过来源核对" in response.notices[0]


def test_unknown_citations_are_dropped_after_generation(llm_advisor, server):
    server.enqueue(StructuredReply({}), Reply("上海模型券最高补贴50% [1][99]。请向主管部门确认。"))
    response = llm_advisor.ask(QUESTION)
    assert response.mode == "llm"
    assert "[99]" not in response.answer
    assert {c.n for c in response.citations} == {1}


def test_llm_answer_without_citations_is_not_trusted(llm_advisor, server):
    server.enqueue(StructuredReply({}), Reply("上海模型券最高补贴50%，请向主管部门确认。"))
    response = llm_advisor.ask(QUESTION)
    assert response.mode == "offline"
    assert "no citations" in response.notices[0]


def test_smalltalk_and_refusals_never_call_the_answer_model(llm_advisor, server):
    server.enqueue(StructuredReply({}), StructuredReply({}))
    assert llm_advisor.ask("你好").intent == "smalltalk"
    assert llm_advisor.ask("今天天气怎么样").intent == "out_of_scope"
    assert not answer_requests(server)


@pytest.mark.parametrize("ranges", [False, True], ids=["two-amounts", "one-unit-range"])
def test_an_answer_carrying_every_decision_is_used(shared_container, llm_advisor, server, ranges):
    reference = offline_response(shared_container, RESTAURANT)
    assert reference.solutions and any(f.verdict == "unknown" for f in reference.funding)
    assert any(f.verdict == "ineligible" for f in reference.funding)  # "不符合条件" is no eligibility claim
    server.enqueue(StructuredReply({}), Reply(reworded(reference, ranges=ranges)))
    response = llm_advisor.ask(RESTAURANT)
    assert response.mode == "llm", response.notices
    assert "是否符合待确认" in response.answer


def test_an_answer_repeating_the_offline_answer_is_accepted(shared_container, llm_advisor, server):
    reference = offline_answer(shared_container, RESTAURANT)
    server.enqueue(StructuredReply({}), Reply(reference, chunk_size=40))
    response = llm_advisor.ask(RESTAURANT)
    assert response.mode == "llm", response.notices


def _bent_range(response: AdviceResponse) -> str:
    """The first net cost's range with its lower end changed (its unit is shared with the upper end)."""
    net = response.solutions[0].net_first_year_cost_cny
    answer = reworded(response, ranges=True)
    bent = answer.replace(
        format_cny_range(net.min, net.max), format_cny_range(round(net.max * 0.37), net.max), 1
    )
    assert bent != answer
    return bent


FILLER = (
    "A restaurant can use a small model to improve its business, which is an industry-wide platform [1]. "
)
LOOP = "餐饮企业可以利用大模型提升效率，这是行业通用的平台。[1]"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda r: reworded(r, verdicts={"unknown": "eligible"}), "verdict changed"),
        (
            lambda r: reworded(r, verdicts={"unknown": "ineligible", "eligible": "ineligible"}),
            "verdict not stated",
        ),
        # The last program the answer lists (funding[] also keeps programs judged but not listed).
        (
            lambda r: reworded(r).replace([f for f in r.funding if f.listed][-1].name, "另一项政策"),
            "missing program",
        ),
        (lambda r: reworded(r, drop=0), "missing solution"),
        (
            lambda r: reworded(r).replace(format_cny(r.solutions[0].net_first_year_cost_cny.max), "99万元"),
            "amount",
        ),
        (_bent_range, "amount"),
        (lambda r: FILLER * 3, "degenerate"),
        (lambda r: reworded(r) + "\n" + LOOP * 4, "degenerate"),
        (lambda r: reworded(r) + "\n[3][4]", "degenerate"),
    ],
    ids=[
        "unknown-turned-eligible",
        "verdicts-flipped",
        "program-dropped",
        "solution-dropped",
        "amount-changed",
        "range-end-changed",
        "filler",
        "loop",
        "empty-citations",
    ],
)
def test_an_answer_dropping_or_bending_a_decision_is_rejected(
    shared_container, llm_advisor, server, change, problem
):
    reference = offline_response(shared_container, RESTAURANT)
    server.enqueue(StructuredReply({}), Reply(change(reference)))
    response = llm_advisor.ask(RESTAURANT)
    assert response.mode == "offline"
    assert response.answer == reference.answer
    assert "未通过来源核对" in response.notices[-1]
    assert problem in response.notices[-1]


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (
            Reply("根据资料，" * 400, chunk_size=2, delay_s=0.05),
            "deadline",
        ),  # every read quick, the whole slow
        (Endless("上海模型券 ", delay_s=0.01), "deadline"),
        (Hang(30), "first token"),
    ],
    ids=["slow-trickle", "endless", "silent"],
)
def test_a_stream_past_the_deadline_falls_back_in_time(
    shared_container, server, monkeypatch, failure, reason
):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    advisor = make_advisor(shared_container, server, timeout_s=60.0, deadline_s=8.0, first_token_s=4.0)
    # The failure twice: profile extraction may meet the first (or, on a busy machine, spend its
    # share of the deadline before sending anything); the answer meets one either way.
    server.enqueue(failure, failure)
    response = advisor.ask(QUESTION)
    assert response.mode == "offline"
    assert reason in response.notices[-1]
    assert response.answer == offline_answer(shared_container, QUESTION)
    assert chat_requests(server)[-1]["max_tokens"] > 0  # the server was told where to stop, too


def test_a_server_refusing_json_schema_is_asked_for_json_object_from_then_on(llm_advisor, server):
    server.refuse = {"json_schema"}
    server.enqueue(
        StructuredReply({"industry": "H", "province": "浙江", "city": "杭州", "employees": 65}),
        Reply("OK [1]"),
        StructuredReply({"employees": 70}),
        Reply("OK [1]"),
    )
    first = llm_advisor.ask("我们是杭州一家做本帮菜的馆子，大概六七十号人，流水九百来万，备货老是不准")
    assert first.profile.employees == 65 and first.profile.industry == "H"
    llm_advisor.ask("其实有七十人")
    assert server.refused == 1  # one failing call, on the first turn only
    formats = [r["response_format"]["type"] for r in chat_requests(server) if r.get("response_format")]
    assert formats == ["json_schema", "json_object", "json_object"]
