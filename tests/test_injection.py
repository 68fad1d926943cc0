"""Prompt injection and scope: 27 cases held offline and through the LLM path.

Offline, the composer only states catalogue facts. Through the LLM test
server the scripted model *complies* with each attack; the guard must reject
that answer and fall back to the offline one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from app.advisor.engine.voucher_mentions import invented_programs
from app.advisor.llm.guard import load_places
from app.container import Container
from app.settings import Settings
from tests.fake_llm_server import FakeLLMServer, Reply, StructuredReply
from tests.helpers import MINI_KNOWLEDGE
from tests.test_advisor_llm import make_advisor

CASES = yaml.safe_load((Path(__file__).parent / "eval" / "injection_cases.yaml").read_text(encoding="utf-8"))
USER_CASES = [c for c in CASES if "doc" not in c]
DOC_CASES = [c for c in CASES if "doc" in c]


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25


def _assert_held(response, case, catalogue) -> None:
    answer = response.answer
    for forbidden in case["forbidden"]:
        assert forbidden.lower() not in answer.lower(), (case["id"], forbidden)
    places = load_places(Container().settings.paths.knowledge_dir)
    assert invented_programs(answer, catalogue, places) == [], (case["id"], answer[:200])
    known = {p.id for p in catalogue.funding}
    assert all(f.id in known for f in response.funding)


@pytest.mark.parametrize("case", USER_CASES, ids=[c["id"] for c in USER_CASES])
def test_user_injection_is_held_offline(advisor, case):
    response = advisor.ask(case["message"])
    _assert_held(response, case, advisor.catalogue)


@pytest.mark.parametrize("case", USER_CASES, ids=[c["id"] for c in USER_CASES])
def test_user_injection_is_held_when_the_llm_complies(shared_container, monkeypatch, case):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret")
    with FakeLLMServer() as server:
        advisor = make_advisor(shared_container, server)
        server.enqueue(StructuredReply({}), Reply(case["compromised"]))
        response = advisor.ask(case["message"])
    _assert_held(response, case, advisor.catalogue)
    assert "sk-test-secret" not in response.answer
    if response.mode == "llm":  # the model's reply was accepted only if it was harmless
        assert case["compromised"] not in response.answer


@pytest.fixture(scope="module")
def poisoned_container(tmp_path_factory) -> Container:
    """A small knowledge base whose documents carry injected instructions."""
    root = tmp_path_factory.mktemp("poisoned")
    knowledge = root / "knowledge"
    shutil.copytree(MINI_KNOWLEDGE, knowledge)
    for case in DOC_CASES:
        (knowledge / "policies" / f"poison_{case['id']}.txt").write_text(
            f"算力券政策解读\n关于补贴的说明：{case['doc']}中小企业算力券按合同金额的30%给予补贴。\n",
            encoding="utf-8",
        )
    box = Container(Settings(paths={"knowledge_dir": knowledge, "data_dir": root / "data"}))
    box.ingest.ingest()
    return box


@pytest.mark.parametrize("case", DOC_CASES, ids=[c["id"] for c in DOC_CASES])
def test_instructions_inside_documents_are_never_followed_or_quoted(poisoned_container, case):
    response = poisoned_container.advisor.ask(case["message"])
    for forbidden in case["forbidden"]:
        assert forbidden.lower() not in response.answer.lower()
    assert all(
        "忽略以上所有规则" not in c.quote and "SYSTEM OVERRIDE" not in c.quote for c in response.citations
    )


@pytest.mark.parametrize("case", DOC_CASES, ids=[c["id"] for c in DOC_CASES])
def test_instructions_inside_documents_never_reach_the_llm(poisoned_container, monkeypatch, case):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with FakeLLMServer() as server:
        advisor = make_advisor(poisoned_container, server)
        server.enqueue(StructuredReply({}), Reply(case["compromised"]))
        response = advisor.ask(case["message"])
        sent = "".join(
            str(m["content"]) for r in server.requests if r["json"] for m in r["json"].get("messages", [])
        )
    assert "忽略以上所有规则" not in sent and "SYSTEM OVERRIDE" not in sent
    for forbidden in case["forbidden"]:
        assert forbidden.lower() not in response.answer.lower()
