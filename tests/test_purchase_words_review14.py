"""Review14's purchases that cost a client money, read as the client said them: a voucher's name asked about is no
purchase kind (r14-27: "算力服务券" made the API fee compute, and the compute voucher paid for it), "under an 800k
RMB contract" is the contract's amount (r14-57: dropped as a ceiling), and corpora are a dataset (r14-56)."""

from __future__ import annotations

import pytest

from app.advisor.understand.purchases import stated_purchases
from app.text.normalize import normalize


@pytest.mark.parametrize(
    ("said", "kind", "amount"),
    [
        ("我们每个月API调用费大概2000元，算力服务券能用吗？", "model_service", 24_000),
        (
            "Nanjing software company, 40 staff, renting GPU compute under an 800k RMB contract.",
            "compute",
            800_000,
        ),
        ("What about the corpus voucher if we buy 300k RMB of marine corpora?", "data_corpus", 300_000),
    ],
)
def test_the_purchase_is_what_the_client_buys_at_their_figure(said: str, kind: str, amount: float) -> None:
    assert [(str(p.kind), p.amount_cny) for p in stated_purchases(normalize(said))] == [(kind, amount)]


def test_under_an_amount_without_a_contract_is_still_a_ceiling() -> None:
    assert stated_purchases(normalize("We want GPU rental, budget under 50k RMB.")) == []
