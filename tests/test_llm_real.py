"""LLM mode end to end against a real model server (`make test-llm`).

The llama-cpp-python server serving SmolLM2-135M-Instruct (tests/llama_server.py) on
127.0.0.1. Skipped when its venv or the model is absent: building llama.cpp takes minutes,
so the default run and CI do without it. A 135M model rarely words an answer the guard
accepts; what must hold is that every path ends in time, with the engine's decisions,
and that the endpoint's limits are learned once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from app.advisor.service import AdvisorService
from app.components.llm_endpoint import capabilities, forget_endpoints
from app.container import Container
from tests.helpers import serving
from tests.llama_server import N_CTX, llama_server, missing

pytestmark = [pytest.mark.real_llm, pytest.mark.skipif(missing() is not None, reason=missing() or "")]

DEADLINE_S = 20.0
RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"
STARTUP = (
    "We are a 5-person AI startup in Shenzhen renting GPUs to fine-tune a model. Which vouchers can we get?"
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    forget_endpoints()
    with llama_server() as url:
        yield url
    forget_endpoints()


def llm_container(shared_container: Container, base_url: str, tmp_path, **llm: object) -> Container:
    settings = shared_container.settings
    settings = settings.model_copy(
        update={
            "llm": settings.llm.model_copy(
                update={
                    "mode": "openai",
                    "base_url": base_url,
                    "model": "smollm2",
                    "deadline_s": DEADLINE_S,
                    "context_window": N_CTX,
                    "max_retries": 0,
                    **llm,
                }
            ),
            "advisor": settings.advisor.model_copy(
                update={"today": date(2026, 11, 23), "sessions_file": tmp_path / "sessions.sqlite3"}
            ),
        }
    )
    return shared_container.derive(settings)


def offline(shared_container: Container, tmp_path, question: str):
    settings = shared_container.settings
    settings = settings.model_copy(
        update={
            "advisor": settings.advisor.model_copy(
                update={"today": date(2026, 11, 23), "sessions_file": tmp_path / "offline.sqlite3"}
            )
        }
    )
    return AdvisorService(shared_container.derive(settings)).ask(question)


@pytest.mark.parametrize("question", [RESTAURANT, STARTUP])
def test_an_answer_or_its_fallback_arrives_within_the_deadline_with_the_engines_decisions(
    shared_container, base_url, tmp_path, monkeypatch, question
):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
    advisor = AdvisorService(llm_container(shared_container, base_url, tmp_path))
    started = time.monotonic()
    response = advisor.ask(question)
    elapsed = time.monotonic() - started
    reference = offline(shared_container, tmp_path, question)
    assert elapsed <= DEADLINE_S + 5  # a few seconds of retrieval and composing on a busy machine
    assert [(f.id, f.verdict) for f in response.funding] == [(f.id, f.verdict) for f in reference.funding]
    assert [s.id for s in response.solutions] == [s.id for s in reference.solutions]
    if response.mode == "offline":
        assert response.notices and response.answer == reference.answer
    else:  # accepted: every program is named in the answer
        assert all(f.name in response.answer for f in response.funding)


def test_structured_output_learns_the_servers_limits_once(shared_container, base_url, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
    container = llm_container(shared_container, base_url, tmp_path)
    extractor = AdvisorService(container).llm_extractor
    assert extractor is not None
    caps = capabilities(container.settings.llm)
    extractor.extract(RESTAURANT)
    refusals = caps.refusals
    extractor.extract("我们在深圳，5个人，做AI模型微调")
    assert caps.refusals == refusals  # the second turn asks only in a way the server accepts
    assert caps.supported.get("json_schema") is False  # llama-cpp-python answers 500 to it
    assert any(caps.supported.get(m) for m in ("json_object", "prompt"))


def test_the_api_streams_the_real_models_turn(shared_container, base_url, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
    container = llm_container(shared_container, base_url, tmp_path)
    body = {"model": "aipack-advisor", "messages": [{"role": "user", "content": RESTAURANT}], "stream": True}
    with serving(container) as url, httpx.Client(base_url=url, timeout=120, trust_env=False) as http:
        started = time.monotonic()
        with http.stream("POST", "/v1/chat/completions", json=body) as response:
            assert response.status_code == 200
            events = [line[6:] for line in response.iter_lines() if line.startswith("data: {")]
        elapsed = time.monotonic() - started
    chunks = [json.loads(e) for e in events]
    streamed = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c.get("choices"))
    assert streamed.strip()
    assert elapsed <= DEADLINE_S + 10


def test_a_deadline_too_short_for_the_model_falls_back_with_a_notice(
    shared_container, base_url, tmp_path, monkeypatch
):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local")
    advisor = AdvisorService(llm_container(shared_container, base_url, tmp_path, deadline_s=1.0))
    response = advisor.ask(STARTUP)
    assert response.mode == "offline"
    assert response.notices and "deadline" in response.notices[-1].lower()
    assert response.answer == offline(shared_container, tmp_path, STARTUP).answer
