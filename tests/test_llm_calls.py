"""The LLM component over real HTTP to the scripted server: deadlines, capability fallbacks, self-description."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel

from app.components.llm import build_chat_model
from app.components.llm_calls import Deadline, DeadlineExceeded, stream_before, structured
from app.components.llm_endpoint import capabilities
from app.settings import LLMSettings
from tests.fake_llm_server import Endless, Error, FakeLLMServer, Hang, Reply, StructuredReply
from tests.helpers import fresh_fake_llm


class Facts(BaseModel):
    city: str | None = None
    employees: int | None = None


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with fresh_fake_llm() as fake:
        yield fake


def llm_settings(server: FakeLLMServer, **overrides: object) -> LLMSettings:
    values: dict[str, object] = {
        "mode": "openai",
        "base_url": server.base_url,
        "model": "fake-model",
        "api_key": "sk-test",
        "timeout_s": 5.0,
        "max_retries": 0,
    }
    return LLMSettings.model_validate(values | overrides)


def collect(server: FakeLLMServer, *, deadline_s: float = 5.0, first_token_s: float = 5.0) -> str:
    settings = llm_settings(server)
    model = build_chat_model(settings, streaming=True)
    chunks = stream_before(
        model,
        [HumanMessage("hi")],
        capabilities(settings),
        deadline=Deadline.after(deadline_s),
        first_token_s=first_token_s,
        max_tokens=50,
    )
    return "".join(str(c.content) for c in chunks)


def test_a_stream_that_never_ends_is_cut_at_the_deadline(server):
    server.enqueue(Endless("again and again ", delay_s=0.02))
    with pytest.raises(DeadlineExceeded) as caught:
        collect(server, deadline_s=1.0)
    assert caught.value.which == "deadline"


def test_a_slow_trickle_is_cut_at_the_deadline_not_at_the_read_timeout(server):
    server.enqueue(Reply("word " * 200, chunk_size=2, delay_s=0.3))  # each read is quick, the whole is not
    with pytest.raises(DeadlineExceeded):
        collect(server, deadline_s=1.0)


def test_a_silent_server_fails_at_the_first_token_deadline(server):
    server.enqueue(Hang(10))
    with pytest.raises(DeadlineExceeded) as caught:
        collect(server, deadline_s=10.0, first_token_s=0.5)
    assert caught.value.which == "first token"


def test_max_tokens_goes_out_under_the_name_compatible_servers_read(server):
    server.enqueue(Reply("short answer"))
    assert collect(server) == "short answer"
    body = server.requests[-1]["json"]
    assert body["max_tokens"] == 50 and "max_completion_tokens" not in body


def test_stream_options_refused_once_are_not_sent_again(server):
    server.refuse = {"stream_options"}
    server.enqueue(Reply("first"), Reply("second"))
    assert collect(server) == "first"
    assert collect(server) == "second"
    assert server.refused == 1
    assert "stream_options" not in server.requests[-1]["json"]


def test_structured_output_falls_back_from_json_schema_and_remembers(server):
    server.refuse = {"json_schema"}
    settings = llm_settings(server)
    model = build_chat_model(settings)
    caps = capabilities(settings)
    methods = settings.structured_methods
    server.enqueue(StructuredReply({"city": "杭州", "employees": 20}), StructuredReply({"employees": 7}))
    assert structured(model, Facts, "我们在杭州，20人", caps, methods) == Facts(city="杭州", employees=20)
    assert structured(model, Facts, "7人", caps, methods) == Facts(employees=7)
    assert server.refused == 1  # only the first turn paid for the refusal
    formats = [c.get("response_format", {}).get("type") for c in chat_calls(server)]
    assert formats == ["json_schema", "json_object", "json_object"]


def test_structured_output_falls_back_to_a_plain_prompt(server):
    server.refuse = {"json_schema", "json_object"}
    settings = llm_settings(server)
    caps = capabilities(settings)
    server.enqueue(Reply('Sure: {"city": "深圳"}'))
    assert structured(build_chat_model(settings), Facts, "深圳", caps, settings.structured_methods) == Facts(
        city="深圳"
    )
    assert "response_format" not in server.requests[-1]["json"]


def test_a_failing_server_is_not_marked_picky_nor_asked_again_on_the_same_turn(server):
    server.enqueue(Error(500), Reply("the answer's reply"))  # a bare 500 names no feature: a failure
    settings = llm_settings(server)
    caps = capabilities(settings)
    with pytest.raises(Exception, match="500"):
        structured(build_chat_model(settings), Facts, "x", caps, settings.structured_methods)
    assert caps.allows("json_schema")  # the next turn tries the best method again
    assert len(chat_calls(server)) == 1 and server.pending == 1  # the next call's reply is left for it


def test_a_refusal_naming_the_method_is_remembered_even_when_the_next_method_times_out(server):
    server.refuse = {"json_schema"}
    server.enqueue(Hang(5), StructuredReply({"employees": 7}))
    settings = llm_settings(server)
    caps = capabilities(settings)
    model = build_chat_model(settings)
    with pytest.raises(DeadlineExceeded):
        structured(model, Facts, "x", caps, settings.structured_methods, first_token_s=0.5)
    assert structured(model, Facts, "7人", caps, settings.structured_methods) == Facts(employees=7)
    assert server.refused == 1  # the second turn went straight to json_object


def chat_calls(server: FakeLLMServer) -> list[dict]:
    return [r["json"] for r in server.requests if r["path"].endswith("/chat/completions")]


def test_context_size_and_tokenizer_are_read_from_the_server(server):
    server.n_ctx, server.tokenizer = 2048, True
    caps = capabilities(llm_settings(server))
    assert caps.n_ctx == 2048
    assert caps.exact_counts and caps.count("你好世界", margin=0.3) == 4  # the server's count, no margin


def test_without_a_tokenizer_counts_carry_a_margin(server):
    caps = capabilities(llm_settings(server))
    assert caps.n_ctx is None and not caps.exact_counts
    assert caps.count("hello world " * 10, margin=0.5) > 20
