"""Issue 15 through a real uvicorn server: bounded work, sessions owned by their key, the OpenAI contract.

Clients are what deployments use: httpx for raw HTTP, the official `openai` SDK and
LangChain's `ChatOpenAI`. Each test names the numbered problem of the issue it covers.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from click.testing import CliRunner
from langchain_openai import ChatOpenAI

from app.api.models import MODEL_ID
from app.cli import main
from app.container import Container
from app.settings import Settings
from tests.helpers import serving

TODAY = "2026-11-23"
RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"
QUESTION = "北京算力券每年最多申领多少"
KEYS = {"alice": "alice-key-0123456789", "bob": "bob-key-0123456789"}
LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def keyed(shared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Container]]:
    """A server with two named keys, a 64 KB body limit, a 20,000-character history and its own session file."""
    sessions = tmp_path_factory.mktemp("keyed") / "sessions.sqlite3"
    settings = Settings(
        paths={"data_dir": shared_data_dir},
        advisor={"today": TODAY, "sessions_file": sessions},
        api={"keys": KEYS, "max_body_bytes": LIMIT, "max_history_messages": 60, "max_history_chars": 20_000},
    )
    box = Container(settings)
    with serving(box) as url:
        yield url, box


@pytest.fixture
def alice(keyed: tuple[str, Container]) -> Iterator[httpx.Client]:
    with _client(keyed[0], KEYS["alice"]) as http:
        yield http


@pytest.fixture
def bob(keyed: tuple[str, Container]) -> Iterator[httpx.Client]:
    with _client(keyed[0], KEYS["bob"]) as http:
        yield http


def _client(url: str, key: str | None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(base_url=url, timeout=120, trust_env=False, headers=headers)


def _sdk(url: str, key: str, http: httpx.Client) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key=key, http_client=http, max_retries=0)


def _chat(*messages: tuple[str, str], **extra: Any) -> dict[str, Any]:
    return {"model": MODEL_ID, "messages": [{"role": r, "content": c} for r, c in messages], **extra}


def _rows(box: Container) -> list[tuple[str, str]]:
    path = box.settings.advisor.sessions_file
    assert path is not None
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        return [(str(i), str(s)) for i, s in db.execute("SELECT id, state FROM sessions")]


# ---------------------------------------------------------------- 1. bounded history work


def test_1_a_long_history_is_read_not_replayed(
    alice: httpx.Client, keyed: tuple[str, Container], monkeypatch
):
    box = keyed[1]
    searches: list[str] = []
    real_search = box.retrieval.search

    def counting(query: str, *args: Any, **kwargs: Any) -> Any:
        searches.append(query)
        return real_search(query, *args, **kwargs)

    monkeypatch.setattr(box.retrieval, "search", counting)
    filler = [
        turn for n in range(25) for turn in (("user", f"我们还在考虑第{n}件事"), ("assistant", "好的。"))
    ]
    history = [
        ("user", RESTAURANT),
        ("assistant", "推荐如下…"),
        *filler,
        ("user", "其实我们有60个员工"),
    ]
    response = alice.post("/v1/chat/completions", json=_chat(*history))
    assert response.status_code == 200, response.text
    pack = response.json()["aipack"]
    assert pack["profile"]["employees"] == 60 and pack["profile"]["city"] == "杭州"
    assert len(searches) <= 4  # one ask's worth, not one per earlier turn (27 of them)

    too_many = alice.post("/v1/chat/completions", json=_chat(*filler, *filler, ("user", "hi")))
    assert too_many.status_code == 400
    assert too_many.json()["error"]["code"] == "context_length_exceeded"
    assert "at most 60" in too_many.json()["error"]["message"]

    # Few messages but long ones: the characters are bounded too (within the body limit, so 400 not 413).
    long = [("user", "设备老坏" * 2_000), ("assistant", "好的。"), ("user", "预算多少合适" * 2_000)]
    too_long = alice.post("/v1/chat/completions", json=_chat(*long))
    assert too_long.status_code == 400
    assert too_long.json()["error"]["code"] == "context_length_exceeded"
    assert "at most 20,000" in too_long.json()["error"]["message"]


def _hold_asks(box: Container, monkeypatch) -> tuple[list[str], threading.Event]:
    """Replace the advisor's ask by one that records its message and holds its slot until released."""
    release = threading.Event()
    started: list[str] = []

    def slow_ask(message: str, **_: Any) -> Any:
        started.append(message)
        release.wait(30)
        raise RuntimeError("held")

    monkeypatch.setattr(box.advisor, "ask", slow_ask)
    return started, release


def test_1_a_request_whose_client_left_while_queued_is_never_run(shared_data_dir: Path, monkeypatch):
    settings = Settings(paths={"data_dir": shared_data_dir}, api={"concurrent_asks": 1})
    box = Container(settings)
    started, release = _hold_asks(box, monkeypatch)
    with serving(box) as url:
        holder = threading.Thread(
            target=lambda: httpx.post(
                f"{url}/v1/advise", json={"message": "first"}, timeout=60, trust_env=False
            )
        )
        holder.start()
        while not started:
            time.sleep(0.02)
        with pytest.raises(httpx.TimeoutException):  # gives up while queued behind "first"
            httpx.post(f"{url}/v1/advise", json={"message": "second"}, timeout=0.5, trust_env=False)
        time.sleep(1.0)  # the server notices the disconnect within its poll interval
        # /healthz is async: it answers while every ask slot is taken.
        assert httpx.get(f"{url}/healthz", timeout=5, trust_env=False).status_code == 200
        release.set()
        holder.join(30)
        time.sleep(0.5)
    assert started == ["first"]


def test_1_a_full_queue_is_refused_at_once_and_the_sdk_reads_a_rate_limit(shared_data_dir: Path, monkeypatch):
    """Beyond `max_waiting` queued asks the server answers 429 at once (OpenAI's rate-limit shape)."""
    settings = Settings(paths={"data_dir": shared_data_dir}, api={"concurrent_asks": 1, "max_waiting": 1})
    box = Container(settings)
    started, release = _hold_asks(box, monkeypatch)
    with serving(box) as url:
        post = lambda text: httpx.post(  # noqa: E731
            f"{url}/v1/advise", json={"message": text}, timeout=60, trust_env=False
        )
        holder = threading.Thread(target=post, args=("holds the slot",))
        holder.start()
        while not started:
            time.sleep(0.02)
        waiter = threading.Thread(target=post, args=("waits",))
        waiter.start()
        time.sleep(0.5)  # queued behind the holder: the queue is now full
        with httpx.Client(trust_env=False, timeout=30) as http:
            sdk = openai.OpenAI(base_url=f"{url}/v1", api_key="none", http_client=http, max_retries=0)
            # Refused at once: queued, it would wait for the holder, which is released only afterwards.
            with pytest.raises(openai.RateLimitError) as caught:
                sdk.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
        assert caught.value.status_code == 429
        assert "busy" in caught.value.message
        release.set()
        holder.join(30)
        waiter.join(30)
    assert started == ["holds the slot", "waits"]


# ---------------------------------------------------------------- 2. body size before auth; bounded echoes


def test_2_oversize_bodies_are_refused_before_auth_and_before_reading(keyed: tuple[str, Container]):
    url = keyed[0]
    big = b'{"message": "' + b"x" * (LIMIT * 4) + b'"}'
    with _client(url, None) as anonymous:
        refused = anonymous.post("/v1/advise", content=big, headers={"content-type": "application/json"})
        assert refused.status_code == 413  # not 401: the size is checked first, from Content-Length
        assert refused.json()["error"]["code"] == "request_too_large"
        assert anonymous.post("/v1/advise", json={"message": "hi"}).status_code == 401

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"message": "'
        for _ in range(16):
            yield b"y" * (LIMIT // 4)
        yield b'"}'

    with _client(url, KEYS["alice"]) as http:
        streamed = http.post("/v1/advise", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        invalid = http.post("/v1/advise", json={"message": 12345, "session_id": "z" * 20_000})
        assert invalid.status_code == 400
        assert len(invalid.content) < 2000  # an excerpt at most, never the input


# ---------------------------------------------------------------- 3. sessions belong to their key


def test_3_one_key_cannot_read_or_change_another_keys_session(alice: httpx.Client, bob: httpx.Client):
    session = "shop-1"  # a guessable id, on purpose
    first = alice.post("/v1/advise", json={"message": RESTAURANT, "session_id": session}).json()
    assert first["profile"]["city"] == "杭州" and first["session_id"] == session

    peek = bob.post("/v1/advise", json={"message": "我们能申请哪些补贴？", "session_id": session}).json()
    assert peek["profile"]["city"] is None and peek["profile"]["employees"] is None
    bob.post("/v1/advise", json={"message": "我们是上海的工厂，500人", "session_id": session})

    again = alice.post("/v1/advise", json={"message": "我们能申请哪些补贴？", "session_id": session}).json()
    assert (again["profile"]["city"], again["profile"]["employees"]) == ("杭州", 20)

    issued = {alice.post("/v1/sessions").json()["session_id"] for _ in range(3)}
    assert len(issued) == 3 and all(len(s) >= 20 for s in issued)
    assert alice.delete(f"/v1/sessions/{session}").status_code == 204
    forgotten = alice.post(
        "/v1/advise", json={"message": "我们能申请哪些补贴？", "session_id": session}
    ).json()
    assert forgotten["profile"]["city"] is None


# ---------------------------------------------------------------- 4. stored hashed and redacted; stateless writes nothing


def test_4_sessions_are_stored_hashed_and_redacted_and_stateless_calls_store_nothing(
    alice: httpx.Client, keyed: tuple[str, Container]
):
    box = keyed[1]
    session = "owner@example.com"
    message = RESTAURANT + "，痛点是客户电话13812345678总打不通，邮箱boss@example.com"
    assert alice.post("/v1/advise", json={"message": message, "session_id": session}).status_code == 200
    stored = json.dumps(_rows(box), ensure_ascii=False)
    assert "杭州" in stored
    for secret in (session, "13812345678", "boss@example.com"):
        assert secret not in stored
    assert all(len(row_id) == 64 for row_id, _ in _rows(box))

    before = len(_rows(box))
    assert alice.post("/v1/advise", json={"message": RESTAURANT}).json()["session_id"] is None
    alice.post("/v1/chat/completions", json=_chat(("user", RESTAURANT), user="someone@example.com"))
    alice.post(
        "/v1/chat/completions", json=_chat(("user", RESTAURANT), ("assistant", "…"), ("user", "预算5万"))
    )
    assert len(_rows(box)) == before


# ---------------------------------------------------------------- 5. safe defaults


def test_5_docs_need_the_key_and_an_open_bind_needs_a_key_or_insecure(
    keyed: tuple[str, Container], alice: httpx.Client
):
    with _client(keyed[0], None) as anonymous:
        for path in ("/docs", "/openapi.json", "/v1/models"):
            assert anonymous.get(path).status_code == 401, path
        assert anonymous.get("/readyz").status_code == 200
    assert alice.get("/openapi.json").status_code == 200

    refused = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "9"])
    assert refused.exit_code != 0
    assert "without an API key" in refused.output and "--insecure" in refused.output


# ---------------------------------------------------------------- 6. lone surrogates


@pytest.mark.parametrize(
    ("path", "raw"),
    [
        ("/v1/advise", '{"message": "hi \\ud800"}'),
        ("/v1/advise", '{"message": "hi", "session_id": "s\\udfff"}'),
        ("/v1/search", '{"query": "\\ud800"}'),
        (
            "/v1/chat/completions",
            '{"model": "aipack-advisor", "messages": [{"role": "user", "content": "\\ud800"}]}',
        ),
        ("/v1/chat/completions", '{"messages": [{"role": "user", "content": "hi"}], "user": "\\ud800"}'),
        ("/v1/chat/completions", '{"model": "\\ud800", "messages": [{"role": "user", "content": "hi"}]}'),
        (
            "/v1/chat/completions",
            '{"messages": [{"role": "user", "content": "\\ud800"}], "stream": true}',
        ),
    ],
)
def test_6_lone_surrogates_are_a_clean_400(alice: httpx.Client, path: str, raw: str):
    response = alice.post(path, content=raw.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 400, response.text
    assert "surrogate" in response.json()["error"]["message"]


# ---------------------------------------------------------------- 7. the OpenAI contract as the SDK and LangChain see it


def test_7_models_errors_and_parameters_through_the_openai_sdk(keyed: tuple[str, Container]):
    url = keyed[0]
    with httpx.Client(trust_env=False, timeout=120) as http:
        sdk = _sdk(url, KEYS["alice"], http)
        assert [m.id for m in sdk.models.list()] == [MODEL_ID]
        ask = [{"role": "user", "content": QUESTION}]
        with pytest.raises(openai.NotFoundError, match="does not exist"):
            sdk.chat.completions.create(model="gpt-4o", messages=ask)  # type: ignore[arg-type]
        refused: list[dict[str, Any]] = [
            {"n": 2},
            {"temperature": 99},
            {"tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}]},
            {"response_format": {"type": "json_object"}},
            {"logprobs": True},
            {"extra_body": {"frobnicate": 1}},
        ]
        for extra in refused:
            with pytest.raises(openai.BadRequestError) as caught:
                sdk.chat.completions.create(model=MODEL_ID, messages=ask, **extra)  # type: ignore[arg-type]
            assert caught.value.status_code == 400
            assert caught.value.body and caught.value.body["message"], extra  # type: ignore[index]
        with pytest.raises(openai.AuthenticationError, match="API key"):
            _sdk(url, "not-a-key-at-all", http).models.list()

        full = sdk.chat.completions.create(model=MODEL_ID, messages=ask, temperature=0.2, user="crm-42")  # type: ignore[arg-type]
        assert full.usage and full.usage.prompt_tokens > 5 and full.usage.completion_tokens > 20
        cut = sdk.chat.completions.create(model=MODEL_ID, messages=ask, max_tokens=8)  # type: ignore[arg-type]
        assert cut.choices[0].finish_reason == "length"
        assert cut.usage and cut.usage.completion_tokens <= 8
        assert full.choices[0].message.content and cut.choices[0].message.content
        assert full.choices[0].message.content.startswith(cut.choices[0].message.content)

        chunks = list(
            sdk.chat.completions.create(
                model=MODEL_ID,
                messages=ask,  # type: ignore[arg-type]
                stream=True,
                stream_options={"include_usage": True},
            )
        )
        assert chunks[-1].choices == [] and chunks[-1].usage is not None
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert chunks[-1].usage.completion_tokens == full.usage.completion_tokens
        assert text == full.choices[0].message.content


def test_7_user_is_a_label_the_history_is_still_read(alice: httpx.Client):
    history = [("user", RESTAURANT), ("assistant", "推荐如下…"), ("user", "其实我们有60个员工")]
    labelled = alice.post("/v1/chat/completions", json=_chat(*history, user="crm-user-7")).json()["aipack"]
    assert (labelled["profile"]["city"], labelled["profile"]["employees"]) == ("杭州", 60)
    assert labelled["intent"] == "recommend_pack"
    # A later conversation under the same label starts afresh: it inherits no earlier profile.
    later = alice.post(
        "/v1/chat/completions", json=_chat(("user", "我们能申请哪些补贴？"), user="crm-user-7")
    )
    assert later.json()["aipack"]["profile"]["city"] is None


def test_7_langchain_chat_openai_invokes_streams_and_sees_error_messages(keyed: tuple[str, Container]):
    url = keyed[0]
    with httpx.Client(trust_env=False, timeout=120) as http:
        llm = ChatOpenAI(
            model=MODEL_ID, base_url=f"{url}/v1", api_key=KEYS["bob"], http_client=http, max_retries=0
        )
        reply = llm.invoke(QUESTION)
        assert "200万元" in str(reply.content)
        assert reply.usage_metadata and reply.usage_metadata["output_tokens"] > 0
        streamed = "".join(str(chunk.content) for chunk in llm.stream(QUESTION))
        assert streamed == reply.content
        wrong = ChatOpenAI(
            model=MODEL_ID, base_url=f"{url}/v1", api_key="wrong-key-000", http_client=http, max_retries=0
        )
        with pytest.raises(openai.AuthenticationError, match="Missing or wrong API key"):
            wrong.invoke(QUESTION)


# ---------------------------------------------------------------- 8. health that tells the truth


def test_8_readyz_checks_the_index_the_data_dir_and_the_session_store(
    alice: httpx.Client, tmp_path: Path, shared_data_dir: Path
):
    ready = alice.get("/readyz")
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    assert set(ready.json()["checks"]) == {"index", "data_dir", "sessions"}

    empty = Container(Settings(paths={"data_dir": tmp_path / "empty"}))
    (tmp_path / "empty").mkdir()
    with serving(empty) as url:
        not_ready = httpx.get(f"{url}/readyz", trust_env=False, timeout=30)
        assert not_ready.status_code == 503
        assert not_ready.json()["checks"]["index"] != "ok"
        asked = httpx.post(f"{url}/v1/advise", json={"message": QUESTION}, trust_env=False, timeout=30)
        assert asked.status_code == 503 and asked.json()["error"]["code"] == "index_not_ready"
        assert str(tmp_path) not in not_ready.text + asked.text  # no server paths in bodies

    broken = Settings(paths={"data_dir": shared_data_dir}, advisor={"sessions_file": tmp_path})  # a folder
    with serving(Container(broken)) as url:
        sessions = httpx.get(f"{url}/readyz", trust_env=False, timeout=30)
        assert sessions.status_code == 503 and sessions.json()["checks"]["sessions"] != "ok"
