"""A need said in the trade's own words, whose nearest examples belong to other trades' tools, is asked again of
the tools that fit the client (engine/fitting_vote.py): the owner gets a pack, not "nothing fits this company"."""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService


@pytest.mark.parametrize(
    ("message", "category"),
    [
        # nearest examples: a shop's reconciliation; the lender's own job is reading applicants' papers
        ("我们是温州一家小额贷款公司，20人，贷前资料审核太慢", "document_processing"),
        ("我们是五常的一家大米加工厂，40人，想用AI把碎米和黄粒米挑出来", "quality_inspection"),
        (
            "We are a 30-person engineering design firm in Suzhou; checking drawings against the design codes is slow",
            "knowledge_assistant",
        ),
    ],
)
def test_a_need_in_the_trades_words_gets_a_tool_that_fits(
    advisor: AdvisorService, message: str, category: str
) -> None:
    response = advisor.ask(message)
    assert [s.category for s in response.solutions][:1] == [category], [s.id for s in response.solutions]
