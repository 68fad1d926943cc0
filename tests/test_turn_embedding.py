"""One query embedding per advisor turn (issue 15: throughput is bound by e5, so a second one halves it).

The turn embeds what the message asks for (its need, without the facts it states); the turn's retrieval,
the solution ranking and the intent vote all reuse that vector. Counted, not timed.
"""

from __future__ import annotations

import pytest

import app.services.retrieval as retrieval_module
from app.advisor.service import AdvisorService


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
    assert len(embedded) == 1, embedded
