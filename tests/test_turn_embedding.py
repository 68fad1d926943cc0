"""One query embedding per advisor turn, plus one for each stated need the catalogue's words don't name
(issue 15: throughput is bound by e5, so every extra embedding costs; per-need matching, engine/need_parts.py,
asks each such need's nearest examples on the need's own words, so the work stays bounded by the needs stated).

The turn embeds what it asks for (a first message: its need, without the facts it states; a later one,
once a need was stated: the conversation's needs, its own last); the turn's retrieval, the solution
ranking and the votes all reuse that vector. Counted, not timed.
"""

from __future__ import annotations

import pytest

import app.services.retrieval as retrieval_module
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts e5 embeds from now on (the vector cache is emptied first, so nothing is a hit by luck)."""
    texts: list[str] = []
    real = retrieval_module.embed_query

    def counting(text: str):  # type: ignore[no-untyped-def]
        texts.append(text)
        return real(text)

    retrieval_module.query_vector.cache_clear()
    monkeypatch.setattr(retrieval_module, "embed_query", counting)
    yield texts
    retrieval_module.query_vector.cache_clear()


@pytest.mark.parametrize(
    "message",
    [
        "我们是苏州一家80人的五金厂，设备老坏，预算10万",  # facts and a need: the pack
        "我們在杭州開了一家二十人的餐廳，預算三萬，想解決備貨不準的問題",  # traditional script
        "We're a software firm in Shanghai, 25 people, want to use LLM APIs for support, budget 50k RMB",
        "我们公司想用AI，不知道从哪开始",  # a goal and no facts: asked back, with a preview
        "杭州的餐厅能申请什么补贴？",  # a funding question
    ],
)
def test_a_first_message_costs_one_query_embedding(
    advisor: AdvisorService, embedded: list[str], message: str
) -> None:
    advisor.warm_up()  # the fixed policy-basis search and the intent bank are embedded once per process
    advisor.intent_bank.vote("预热")
    embedded.clear()
    response = advisor.ask(message)
    assert response.answer
    assert len(embedded) <= 1 + _needs_voted(advisor, message), embedded


def _needs_voted(advisor: AdvisorService, message: str, history: str = "") -> int:
    """An upper bound on the needs matched by their nearest examples (each embeds its own words)."""
    return len(advisor.recommender.stated_needs(CompanyProfile(), message, history))


@pytest.mark.parametrize(
    "dialogue",
    [
        # a need, then facts only: the pack is re-ranked for the stated need
        ["我们是苏州一家80人的五金厂，设备老坏，预算10万", "不对，我们在合肥", "其实有150人"],
        # a funding follow-up and a cost follow-up after a pack
        ["深圳一家20人的AI公司，要租GPU训练模型", "预算在三五万", "能补多少", "扣掉补贴以后实际要掏多少"],
        # facts first, the need later in words no rule knows, then a what-if place
        ["我们是武汉一家20人的物流公司", "司机跑的线路太绕了，油钱吃不消", "那长沙呢"],
        [
            "Furniture factory in Foshan, 90 workers, we want AI product renders, budget 40k",
            "Actually 130 staff",
        ],
    ],
)
def test_every_later_turn_of_a_conversation_costs_one_query_embedding(
    advisor: AdvisorService, embedded: list[str], dialogue: list[str]
) -> None:
    advisor.warm_up()
    advisor.intent_bank.vote("预热")
    per_turn = []
    for message in dialogue:
        retrieval_module.query_vector.cache_clear()  # a new process could answer any turn: no luck from the cache
        embedded.clear()
        assert advisor.ask(message, session_id="one-embedding").answer
        per_turn.append(len(embedded))
    assert all(n >= 1 for n in per_turn), per_turn
    assert all(
        n <= 1 + _needs_voted(advisor, m, " ".join(dialogue)) for n, m in zip(per_turn, dialogue, strict=True)
    ), per_turn


def test_a_later_turn_keeps_the_need_stated_before(advisor: AdvisorService) -> None:
    """Facts alone after a need ("其实我们在广州") re-rank the pack for that need, not for the facts' words."""
    advisor.ask("深圳做跨境电商的，20个人，海外客户的邮件回不过来，预算5万", session_id="need-kept")
    first = advisor.ask("其实我们在广州", session_id="need-kept")
    assert first.profile.city == "广州" and first.intent == "recommend_pack"
    assert first.solutions and first.solutions[0].id == "foreign-trade-inquiry-assistant"
