"""The fake LLM server speaks enough OpenAI for the real clients, over real HTTP."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import openai
import pytest
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from tests.fake_llm_server import (
    CutStream,
    Error,
    FakeLLMServer,
    Garbage,
    Hang,
    Reply,
    StructuredReply,
)

MESSAGES = [{"role": "user", "content": "hi there"}]


class Verdict(BaseModel):
    label: str
    score: int


@pytest.fixture
def server() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as fake:
        yield fake


@pytest.fixture
def client(server: FakeLLMServer) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0, timeout=2)


@pytest.fixture
def chat(server: FakeLLMServer) -> ChatOpenAI:
    return ChatOpenAI(
        model="fake-model",
        base_url=server.base_url,
        api_key="sk-test",
        max_retries=0,
        timeout=2,
        use_responses_api=False,
    )


def _stream_text(client: openai.OpenAI) -> tuple[str, list[str | None]]:
    stream = client.chat.completions.create(model="fake-model", messages=MESSAGES, stream=True)
    text, finish = [], []
    for chunk in stream:
        for choice in chunk.choices:
            text.append(choice.delta.content or "")
            finish.append(choice.finish_reason)
    return "".join(text), finish


# --------------------------------------------------------------------------- server basics


def test_base_url_is_loopback_with_ephemeral_port(server: FakeLLMServer) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.base_url.endswith("/v1")
    assert int(server.base_url.split(":")[2].split("/")[0]) > 0


def test_models_endpoint(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["fake-model"]


def test_stop_is_prompt_even_with_a_hanging_request() -> None:
    server = FakeLLMServer().start()
    slow = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0, timeout=0.2)
    server.enqueue(Hang(30))
    try:
        with pytest.raises(openai.APITimeoutError):
            slow.chat.completions.create(model="fake-model", messages=MESSAGES)
    finally:
        started = time.monotonic()
        server.stop()
    assert time.monotonic() - started < 1


# --------------------------------------------------------------------------- openai client


def test_openai_non_stream_reply(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.enqueue(Reply("Hello from the fake"))
    completion = client.chat.completions.create(model="fake-model", messages=MESSAGES)
    assert completion.choices[0].message.content == "Hello from the fake"
    assert completion.choices[0].message.role == "assistant"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.model == "fake-model"
    assert completion.usage is not None
    assert (
        completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )


def test_default_step_answers_when_queue_is_empty(server: FakeLLMServer, client: openai.OpenAI) -> None:
    assert client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "OK"
    server.default = Reply("fallback")
    assert (
        client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "fallback"
    )


def test_openai_stream_reassembles_text(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.enqueue(Reply("Streaming works, chunk by chunk.", chunk_size=5, delay_s=0.01))
    text, finish = _stream_text(client)
    assert text == "Streaming works, chunk by chunk."
    assert finish[-1] == "stop"
    assert len(finish) == 8  # 7 content chunks of <= 5 chars + the finish chunk


def test_openai_stream_usage_chunk(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.enqueue(Reply("one two three"))
    chunks = list(
        client.chat.completions.create(
            model="fake-model", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
    )
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == 3
    assert {c.id for c in chunks} == {chunks[0].id}


def test_openai_error_500(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.enqueue(Error(500))
    with pytest.raises(openai.InternalServerError) as excinfo:
        client.chat.completions.create(model="fake-model", messages=MESSAGES)
    assert excinfo.value.status_code == 500
    assert excinfo.value.body == {
        "message": "fake error 500",
        "type": "server_error",
        "param": None,
        "code": None,
    }


def test_openai_error_429(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.enqueue(Error(429, headers={"Retry-After": "0"}))
    with pytest.raises(openai.RateLimitError) as excinfo:
        client.chat.completions.create(model="fake-model", messages=MESSAGES)
    assert excinfo.value.response.headers["retry-after"] == "0"
    assert excinfo.value.code == "rate_limit_exceeded"


def test_openai_retries_honour_retry_after(server: FakeLLMServer) -> None:
    # openai retries 408/409/429/5xx and waits exactly the server's delay when 0 < delay <= 120 s
    # (retry-after-ms wins over retry-after). "Retry-After: 0" or no header falls back to jittered
    # exponential backoff (0.375-0.5 s, then 0.75-1 s, ...), so the two 10 ms waits below would
    # take >= 1.1 s if the headers were ignored.
    retrying = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=2, timeout=2)
    server.enqueue(
        Error(429, headers={"Retry-After-Ms": "10"}),
        Error(503, headers={"Retry-After": "0.01"}),
        Reply("third time lucky"),
    )
    started = time.monotonic()
    completion = retrying.chat.completions.create(model="fake-model", messages=MESSAGES)
    assert time.monotonic() - started < 0.35
    assert completion.choices[0].message.content == "third time lucky"
    assert [r["headers"]["x-stainless-retry-count"] for r in server.requests] == ["0", "1", "2"]


def test_openai_timeout(server: FakeLLMServer, client: openai.OpenAI) -> None:
    server.enqueue(Hang(3))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client.with_options(timeout=0.5).chat.completions.create(model="fake-model", messages=MESSAGES)
    assert time.monotonic() - started < 1.5
    # the hanging handler does not block the next request
    assert client.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "OK"


def test_openai_cut_stream_raises_connection_error(server: FakeLLMServer, client: openai.OpenAI) -> None:
    # The fake streams with chunked encoding, so dropping the socket before the final zero-length
    # chunk is an incomplete body: httpx raises RemoteProtocolError, which openai's Stream wraps
    # in APIConnectionError, *after* the chunks that did arrive were yielded. (Were the body
    # delimited by connection close instead, the client would end silently, no finish_reason.)
    server.enqueue(CutStream("Hello world, this is cut", after_chunks=2))
    stream = client.chat.completions.create(model="fake-model", messages=MESSAGES, stream=True)
    received: list[str] = []

    def consume() -> None:
        for chunk in stream:
            received.append(chunk.choices[0].delta.content or "")
            assert chunk.choices[0].finish_reason is None

    with pytest.raises(openai.APIConnectionError) as excinfo:
        consume()
    assert received == ["Hell", "o wo"]
    assert "incomplete chunked read" in str(excinfo.value.__cause__)


def test_openai_garbage_body_raises_json_error(server: FakeLLMServer, client: openai.OpenAI) -> None:
    # openai 3.54 does not wrap this: a 200 application/json body that is not JSON surfaces as a
    # bare json.JSONDecodeError (not APIResponseValidationError, not an APIError).
    server.enqueue(Garbage(b"{not json"))
    with pytest.raises(json.JSONDecodeError):
        client.chat.completions.create(model="fake-model", messages=MESSAGES)


def test_openai_garbage_with_wrong_shape_is_not_validated(
    server: FakeLLMServer, client: openai.OpenAI
) -> None:
    # Valid JSON of the wrong shape is not rejected either (the client is lenient by default).
    server.enqueue(Garbage(b'{"unexpected": true}'))
    completion = client.chat.completions.create(model="fake-model", messages=MESSAGES)
    assert completion.choices is None


def test_requests_are_recorded_with_auth_header(server: FakeLLMServer, client: openai.OpenAI) -> None:
    client.chat.completions.create(model="fake-model", messages=MESSAGES, temperature=0)
    (request,) = server.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["authorization"] == "Bearer sk-test"
    assert request["json"]["messages"] == MESSAGES
    assert request["json"]["temperature"] == 0


# --------------------------------------------------------------------------- langchain ChatOpenAI


def test_langchain_invoke(server: FakeLLMServer, chat: ChatOpenAI) -> None:
    server.enqueue(Reply("Hi from LangChain"))
    assert chat.invoke("hi").content == "Hi from LangChain"
    (request,) = server.requests
    assert request["headers"]["authorization"] == "Bearer sk-test"
    assert request["json"]["messages"] == [{"role": "user", "content": "hi"}]


def test_langchain_stream(server: FakeLLMServer, chat: ChatOpenAI) -> None:
    server.enqueue(Reply("Streamed through LangChain", chunk_size=3))
    assert "".join(str(chunk.content) for chunk in chat.stream("hi")) == "Streamed through LangChain"
    assert server.requests[0]["json"]["stream"] is True


def test_langchain_structured_output_json_schema(server: FakeLLMServer, chat: ChatOpenAI) -> None:
    server.enqueue(StructuredReply({"label": "eligible", "score": 7}))
    result = chat.with_structured_output(Verdict, method="json_schema").invoke("judge this")
    assert result == Verdict(label="eligible", score=7)
    sent = server.requests[0]["json"]
    assert sent["response_format"]["type"] == "json_schema"
    assert "tools" not in sent


def test_langchain_structured_output_function_calling(server: FakeLLMServer, chat: ChatOpenAI) -> None:
    server.enqueue(StructuredReply({"label": "ineligible", "score": 2}))
    result = chat.with_structured_output(Verdict, method="function_calling").invoke("judge this")
    assert result == Verdict(label="ineligible", score=2)
    sent = server.requests[0]["json"]
    assert sent["tools"][0]["function"]["name"] == "Verdict"
    assert sent["tool_choice"]["function"]["name"] == "Verdict"


def test_langchain_structured_output_function_calling_streamed(
    server: FakeLLMServer, chat: ChatOpenAI
) -> None:
    server.enqueue(StructuredReply({"label": "maybe", "score": 5}))
    chunks = list(chat.with_structured_output(Verdict, method="function_calling").stream("judge this"))
    assert chunks[-1] == Verdict(label="maybe", score=5)
    assert server.requests[0]["json"]["stream"] is True


def test_langchain_surfaces_openai_errors(server: FakeLLMServer, chat: ChatOpenAI) -> None:
    server.enqueue(Error(500))
    with pytest.raises(openai.InternalServerError):
        chat.invoke("hi")
