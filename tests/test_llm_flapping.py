"""A flapping LLM endpoint (503, ok, 429, 500, ok …) never breaks an ask.

Each ask returns either the checked LLM answer or the offline answer with the
fallback notice; retries stop at `llm.max_retries`; a Retry-After is waited out
when it is short and ends the call at once when it is longer than
`llm.max_retry_wait_s`, so a busy endpoint never stalls the user. Every ask makes
two calls (profile extraction, then the streamed answer); the fake server counts
the chat-completion attempts (the endpoint's one-off probes of /props and /tokenize
are not among them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from app.advisor.contract import AdviceResponse
from app.advisor.service import AdvisorService
from app.container import Container
from tests.fake_llm_server import Error, FakeLLMServer, Reply, StructuredReply
from tests.helpers import fresh_fake_llm
from tests.test_advisor_llm import QUESTION, chat_requests, is_answer_call, make_advisor, offline_answer

GOOD = "上海模型券最高50% [1]。请向主管部门确认。"
NOTICE = "大模型服务暂时不可用"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLLMServer]:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with fresh_fake_llm() as fake:
        yield fake


def ask(advisor: AdvisorService, n: int) -> AdviceResponse:
    return advisor.ask(QUESTION, session_id=f"flap-{n}")  # own session: no follow-up rewriting


def assert_llm(response: AdviceResponse) -> None:
    assert response.mode == "llm", response.notices
    assert response.notices == [] and "最高50%" in response.answer


def assert_fallback(response: AdviceResponse, offline: str, reason: str) -> None:
    assert response.mode == "offline"
    assert NOTICE in response.notices[0] and reason in response.notices[0]
    assert response.answer == offline


def answer_calls(server: FakeLLMServer) -> list[dict]:
    return [
        r for r in server.requests if r["path"].endswith("/chat/completions") and is_answer_call(r["json"])
    ]


def test_without_retries_each_ask_is_the_llm_answer_or_the_fallback(shared_container: Container, server):
    advisor = make_advisor(shared_container, server, max_retries=0)
    offline = offline_answer(shared_container, QUESTION)
    server.enqueue(
        *(StructuredReply({}), Error(503)),
        *(StructuredReply({}), Reply(GOOD)),
        *(Error(503), Reply(GOOD)),  # a failed extraction is invisible: the rules' profile stands
        *(StructuredReply({}), Error(429, headers={"Retry-After": "0"})),
        *(Error(500), Reply(GOOD)),  # a bare 500 is a failure, not json_schema refused: no other method tried
    )
    responses = [ask(advisor, n) for n in range(5)]
    assert_fallback(responses[0], offline, "HTTP 503")
    assert_llm(responses[1])
    assert_llm(responses[2])
    assert_fallback(responses[3], offline, "429")
    assert_llm(responses[4])
    assert len(chat_requests(server)) == 10 and server.pending == 0  # not one retry


def test_retries_ride_out_one_failure_and_stop_at_the_budget(shared_container: Container, server):
    advisor = make_advisor(shared_container, server, max_retries=1)
    offline = offline_answer(shared_container, QUESTION)
    server.enqueue(
        *(StructuredReply({}), Error(503), Reply(GOOD)),  # one failure: retried, the user never sees it
        *(Error(503), StructuredReply({})),
        *(Error(429, headers={"Retry-After": "0.2"}), Error(500)),  # two in a row: over the budget
        *(StructuredReply({}), Reply(GOOD)),  # the endpoint is back
    )
    first, second, third = (ask(advisor, n) for n in range(3))
    assert_llm(first)
    assert_fallback(second, offline, "HTTP 500")
    assert_llm(third)
    assert len(chat_requests(server)) == 3 + 4 + 2 and server.pending == 0


@pytest.mark.parametrize("max_retries", [0, 2])
def test_an_endpoint_that_stays_down_gets_max_retries_more_attempts_per_call(
    shared_container: Container, server, max_retries: int
):
    server.default = Error(500, headers={"Retry-After-Ms": "10"})
    advisor = make_advisor(shared_container, server, max_retries=max_retries)
    response = ask(advisor, 0)
    assert_fallback(response, offline_answer(shared_container, QUESTION), "HTTP 500")
    assert len(chat_requests(server)) == 2 * (1 + max_retries)


def test_a_short_retry_after_is_waited_out(shared_container: Container, server):
    advisor = make_advisor(shared_container, server, max_retries=1, max_retry_wait_s=5)
    server.enqueue(StructuredReply({}), Error(429, headers={"Retry-After": "1"}), Reply(GOOD))
    assert_llm(ask(advisor, 0))
    refused, retried = answer_calls(server)
    assert retried["at"] - refused["at"] >= 0.95  # not retried before the server said


@pytest.mark.parametrize("retry_after", ["30", "3600"])
def test_a_long_retry_after_falls_back_at_once(shared_container: Container, server, retry_after: str):
    advisor = make_advisor(shared_container, server, max_retries=3, max_retry_wait_s=2)
    server.enqueue(
        *(StructuredReply({}), Error(429, headers={"Retry-After": retry_after})),
        *(StructuredReply({}), Reply(GOOD)),
    )
    started = time.monotonic()
    response = ask(advisor, 0)
    assert time.monotonic() - started < 10  # the user is not kept waiting for the endpoint to recover
    assert_fallback(response, offline_answer(shared_container, QUESTION), "429")
    assert len(answer_calls(server)) == 1  # given up on, not retried early against the server's word
    assert_llm(ask(advisor, 1))  # and the next ask uses the LLM again
