"""The HTTP API through a real uvicorn server on loopback (and the OpenAI python client).

One server per module over the shared session index; requests go through
sockets, HTTP parsing, FastAPI validation and SSE framing exactly as an
evaluation script's would.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from click.testing import CliRunner

from app.advisor.contract import AdviceResponse
from app.api.models import MAX_MESSAGE, MODEL_ID
from app.cli import main
from app.container import Container
from app.settings import Settings
from tests.helpers import CONTRACT_KEYS, serving

TODAY = "2026-11-23"
RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"
POLICY_QUESTION = "北京算力券每年最多申领多少"
OFF_TOPIC = "红烧肉怎么做才好吃"
HIT_KEYS = {"source", "chunk_id", "title", "text", "score"}


@pytest.fixture(scope="module")
def api_container(shared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp_path_factory.mktemp("api-cwd"))  # no stray .env
        mp.setenv("AIPACK_PATHS__DATA_DIR", str(shared_data_dir))
        mp.setenv("AIPACK_ADVISOR__TODAY", TODAY)
        yield Container()


@pytest.fixture(scope="module")
def base_url(api_container: Container) -> Iterator[str]:
    with serving(api_container) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    # trust_env=False: a proxy variable in the environment must not reroute loopback traffic.
    with httpx.Client(base_url=base_url, timeout=60, trust_env=False) as http:
        yield http


def _chat(*messages: tuple[str, str], **extra: Any) -> dict[str, Any]:
    return {"model": "aipack-advisor", "messages": [{"role": r, "content": c} for r, c in messages], **extra}


def _sse_events(response: httpx.Response) -> list[str]:
    """The `data:` payloads of an SSE body, in order (blank separator lines dropped)."""
    lines = [line for line in response.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines), lines[:3]
    return [line.removeprefix("data: ") for line in lines]


def _session() -> str:
    return f"api-test-{uuid.uuid4().hex[:8]}"


# ---------------------------------------------------------------- health, docs


def test_healthz_reports_the_index(client: httpx.Client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["mode"] == "offline"
    assert set(body["index"]) == {"policies", "solutions", "funding"}
    assert all(count > 0 for count in body["index"].values()), body["index"]
    assert body["ingested_at"]


def test_openapi_lists_the_endpoints_and_docs_are_served(client: httpx.Client):
    schema = client.get("/openapi.json").json()
    assert {"/healthz", "/v1/advise", "/v1/search", "/v1/chat/completions"} <= set(schema["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()


# ---------------------------------------------------------------- /v1/advise


def test_advise_returns_the_cli_contract_and_a_session_keeps_the_profile(
    client: httpx.Client, shared_data_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    session = _session()
    first = client.post("/v1/advise", json={"message": RESTAURANT, "session_id": session})
    assert first.status_code == 200, first.text
    body = first.json()
    assert set(body) >= CONTRACT_KEYS
    assert set(body) == set(AdviceResponse.model_fields)
    assert body["intent"] == "recommend_pack"
    assert body["profile"]["size_class"] == "small"
    assert body["profile"]["employees"] == 20
    assert body["solutions"] and body["citations"]
    assert set(body["timings_ms"]) >= {"understand", "retrieve", "recommend", "compose", "total"}

    # The same keys as `aipack ask --json`.
    monkeypatch.setenv("AIPACK_PATHS__DATA_DIR", str(shared_data_dir))
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", TODAY)
    cli = CliRunner().invoke(main, ["ask", RESTAURANT, "--json"])
    assert cli.exit_code == 0, cli.output
    assert set(json.loads(cli.stdout)) == set(body)

    second = client.post("/v1/advise", json={"message": "我们能申请哪些补贴？", "session_id": session})
    assert second.status_code == 200, second.text
    profile = second.json()["profile"]
    assert (profile["city"], profile["employees"], profile["size_class"]) == ("杭州", 20, "small")
    assert second.json()["session_id"] == session

    fresh = client.post("/v1/advise", json={"message": "我们能申请哪些补贴？"}).json()
    assert fresh["profile"]["employees"] is None
    assert fresh["session_id"] is None  # a one-off turn: nothing kept


# ---------------------------------------------------------------- /v1/search


def test_search_returns_hits_and_says_whether_there_is_evidence(client: httpx.Client):
    policy = client.post("/v1/search", json={"query": POLICY_QUESTION, "k": 3})
    assert policy.status_code == 200, policy.text
    body = policy.json()
    assert body["has_evidence"] is True
    assert len(body["results"]) == 3
    assert all(set(hit) == HIT_KEYS for hit in body["results"])
    # Two Beijing compute vouchers are catalogued (city-wide and Yizhuang's); either may rank first,
    # but the city-wide yearly cap the question asks about must be among the hits.
    assert body["results"][0]["source"] in {"bj-compute-voucher-2023", "bj-etdz-compute-voucher-2024"}
    assert any(
        hit["source"] == "bj-compute-voucher-2023" and "200万元" in hit["text"] for hit in body["results"]
    )
    assert body["best_score"] == pytest.approx(max(h["score"] for h in body["results"]), abs=1e-3)

    off_topic = client.post("/v1/search", json={"query": OFF_TOPIC}).json()
    assert off_topic["has_evidence"] is False
    assert len(off_topic["results"]) == 5  # still listed: the caller decides what to do with weak hits


def test_search_filters_by_collection(client: httpx.Client, api_container: Container):
    body = client.post("/v1/search", json={"query": "算力券", "collections": ["funding"], "k": 4}).json()
    programs = {program.id for program in api_container.advisor.catalogue.funding}
    assert len(body["results"]) == 4
    assert {hit["source"] for hit in body["results"]} <= programs
    bad = client.post("/v1/search", json={"query": "算力券", "collections": ["recipes"]})
    assert bad.status_code == 400
    assert bad.json()["error"]["param"] == "collections.0"


# ---------------------------------------------------------------- /v1/chat/completions


def test_chat_completion_has_the_openai_shape_and_carries_the_contract(client: httpx.Client):
    response = client.post("/v1/chat/completions", json=_chat(("user", POLICY_QUESTION)))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "chat.completion"
    assert body["id"].startswith("chatcmpl-")
    assert body["model"] == "aipack-advisor"
    choice = body["choices"][0]
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["content"].strip()
    assert choice["finish_reason"] == "stop"
    pack = body["aipack"]
    assert set(pack) >= CONTRACT_KEYS
    assert pack["answer"] == choice["message"]["content"]
    assert pack["intent"] == "policy_question"
    assert "200万元" in pack["answer"]


def test_chat_stream_sends_chunks_that_add_up_to_the_answer(client: httpx.Client):
    with client.stream("POST", "/v1/chat/completions", json=_chat(("user", RESTAURANT), stream=True)) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        events = _sse_events(r)
    assert events[-1] == "[DONE]"
    chunks = [json.loads(event) for event in events[:-1]]
    assert len(chunks) >= 3
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    last = chunks[-1]
    assert last["choices"][0]["finish_reason"] == "stop"
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1])
    assert all("aipack" not in c for c in chunks[:-1])
    pack = last["aipack"]
    assert set(pack) >= CONTRACT_KEYS
    streamed = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    # Exactly the final answer, citation numbers included (they match pack["citations"]).
    assert streamed == pack["answer"]
    assert pack["intent"] == "recommend_pack"
    assert "[1]" in streamed and pack["citations"][0]["n"] == 1


def test_openai_client_calls_the_endpoint_both_ways(base_url: str):
    with httpx.Client(trust_env=False, timeout=60) as http:
        sdk = openai.OpenAI(base_url=f"{base_url}/v1", api_key="x", http_client=http, max_retries=0)
        completion = sdk.chat.completions.create(
            model="aipack-advisor", messages=[{"role": "user", "content": POLICY_QUESTION}]
        )
        assert completion.choices[0].message.content
        assert completion.choices[0].finish_reason == "stop"
        pack = (completion.model_extra or {})["aipack"]
        assert pack["answer"] == completion.choices[0].message.content

        stream = sdk.chat.completions.create(
            model="aipack-advisor", messages=[{"role": "user", "content": POLICY_QUESTION}], stream=True
        )
        chunks = list(stream)
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert chunks[-1].choices[0].finish_reason == "stop"
        final = (chunks[-1].model_extra or {})["aipack"]
        assert text == final["answer"]
        assert "200万元" in text


def test_stateless_multi_turn_rebuilds_the_profile_from_the_history(client: httpx.Client):
    first = client.post("/v1/chat/completions", json=_chat(("user", RESTAURANT))).json()
    history = _chat(
        ("system", "You are an SME advisor."),
        ("user", RESTAURANT),
        ("assistant", first["choices"][0]["message"]["content"]),
        ("user", "其实我们有60个员工"),
    )
    pack = client.post("/v1/chat/completions", json=history).json()["aipack"]
    assert pack["profile"]["employees"] == 60
    assert pack["profile"]["city"] == "杭州"  # the earlier turn was replayed, not lost
    assert pack["intent"] == "recommend_pack"

    streamed = client.post("/v1/chat/completions", json={**history, "stream": True})
    events = [e for e in streamed.text.splitlines() if e.startswith("data: {")]
    assert json.loads(events[-1].removeprefix("data: "))["aipack"]["profile"]["employees"] == 60


def test_chat_user_is_only_a_label_and_nothing_is_remembered(client: httpx.Client):
    user = _session()
    client.post("/v1/chat/completions", json=_chat(("user", RESTAURANT), user=user))
    pack = client.post("/v1/chat/completions", json=_chat(("user", "我们能申请哪些补贴？"), user=user)).json()
    assert pack["aipack"]["profile"]["employees"] is None  # an old conversation is not inherited
    assert pack["aipack"]["session_id"] is None


# ---------------------------------------------------------------- bad input and errors


def test_bad_input_is_refused_with_400_in_openai_shape(client: httpx.Client):
    assert client.post("/v1/chat/completions", json={"messages": []}).status_code == 400
    for path in ("/v1/chat/completions", "/v1/advise", "/v1/search"):
        not_json = client.post(path, content=b"{not json", headers={"content-type": "application/json"})
        assert not_json.status_code == 400, path
        assert set(not_json.json()["error"]) == {"message", "type", "code", "param"}
        assert not_json.json()["error"]["type"] == "invalid_request_error"
    too_long = "我" * (MAX_MESSAGE + 1)
    for path, payload in [
        ("/v1/advise", {"message": too_long}),
        ("/v1/chat/completions", _chat(("user", too_long))),
        ("/v1/search", {"query": too_long}),
    ]:
        refused = client.post(path, json=payload)
        assert refused.status_code == 400, path
        assert len(refused.content) < 2000  # the input is never echoed back
    assert client.post("/v1/advise", json={"message": "hi", "surprise": 1}).status_code == 400
    only_system = client.post("/v1/chat/completions", json=_chat(("system", "be brief")))
    assert only_system.status_code == 400
    assert "user message" in only_system.text


def test_a_long_message_is_answered_from_its_first_part_with_a_notice(client: httpx.Client):
    long_message = (RESTAURANT + "。") * (50_000 // (len(RESTAURANT) + 1))
    assert 49_000 < len(long_message) <= 50_000
    advise = client.post("/v1/advise", json={"message": long_message})
    assert advise.status_code == 200, advise.text
    assert any("4000" in notice for notice in advise.json()["notices"]), advise.json()["notices"]
    assert advise.json()["profile"]["employees"] == 20
    chat = client.post("/v1/chat/completions", json=_chat(("user", long_message)))
    assert chat.status_code == 200
    notice = chat.json()["aipack"]["notices"][0]
    assert "4000" in notice
    # A harness reads only the message content: the notice must be there, streamed or not.
    assert chat.json()["choices"][0]["message"]["content"].endswith(notice)
    streamed = client.post("/v1/chat/completions", json={**_chat(("user", long_message)), "stream": True})
    text = "".join(
        json.loads(e)["choices"][0]["delta"].get("content", "") for e in _sse_events(streamed)[:-1]
    )
    assert text.endswith(notice)
    assert text == chat.json()["choices"][0]["message"]["content"]


def test_an_unexpected_error_is_json_without_a_traceback(
    client: httpx.Client, api_container: Container, monkeypatch: pytest.MonkeyPatch
):
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret detail /srv/aipack/internal.py line 42")

    monkeypatch.setattr(api_container.advisor, "ask", boom)
    monkeypatch.setattr(api_container.advisor, "stream", boom)
    monkeypatch.setattr(api_container.retrieval, "search", boom)
    requests = [
        ("/v1/advise", {"message": RESTAURANT}),
        ("/v1/search", {"query": POLICY_QUESTION}),
        ("/v1/chat/completions", _chat(("user", POLICY_QUESTION))),
        ("/v1/chat/completions", _chat(("user", POLICY_QUESTION), stream=True)),
    ]
    for path, payload in requests:
        response = client.post(path, json=payload)
        assert response.status_code == 500, (path, response.text)
        assert response.headers["content-type"].startswith("application/json")
        error = response.json()["error"]
        assert error["message"].startswith("Internal error (RuntimeError).")
        assert (error["type"], error["code"]) == ("server_error", "internal_error")
        assert "Traceback" not in response.text
        assert "secret detail" not in response.text
    assert client.get("/healthz").status_code == 200  # the server is still up


# ---------------------------------------------------------------- bearer token


@pytest.fixture(scope="module")
def token_url(api_container: Container, shared_data_dir: Path) -> Iterator[str]:
    settings = Settings(api={"token": "s3cret-key"}, paths={"data_dir": shared_data_dir})
    box = api_container.derive(settings)
    with serving(box) as url:
        yield url


def test_bearer_token_guards_every_endpoint_but_health(token_url: str):
    with httpx.Client(base_url=token_url, timeout=60, trust_env=False) as http:
        assert http.get("/healthz").status_code == 200
        calls = [
            ("/v1/advise", {"message": POLICY_QUESTION}),
            ("/v1/search", {"query": POLICY_QUESTION}),
            ("/v1/chat/completions", _chat(("user", POLICY_QUESTION))),
        ]
        for path, payload in calls:
            assert http.post(path, json=payload).status_code == 401, path
            wrong = http.post(path, json=payload, headers={"Authorization": "Bearer s3cret-key-not"})
            assert wrong.status_code == 401, path
            assert http.post(path, json=payload, headers={"Authorization": "s3cret-key"}).status_code == 401
            right = http.post(path, json=payload, headers={"Authorization": "Bearer s3cret-key"})
            assert right.status_code == 200, (path, right.text)

        refused = openai.OpenAI(base_url=f"{token_url}/v1", api_key="wrong", http_client=http, max_retries=0)
        with pytest.raises(openai.AuthenticationError, match="Missing or wrong API key"):
            refused.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": "hi"}])
        allowed = openai.OpenAI(
            base_url=f"{token_url}/v1", api_key="s3cret-key", http_client=http, max_retries=0
        )
        reply = allowed.chat.completions.create(
            model=MODEL_ID, messages=[{"role": "user", "content": "你好"}]
        )
        assert reply.choices[0].message.content
