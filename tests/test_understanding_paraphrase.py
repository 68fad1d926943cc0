"""Same advice however it is asked (issue #12): 20 needs x 5 phrasings over the real advisor, in two sets.

Each phrasing states the same facts. The brief's bar is the same top solution and the same eligible
programs for all five; docs/understanding.md reports that rate. This test holds what is reached today
so it cannot silently get worse, on the first set (understanding_paraphrase.yaml) and on a second one written in
session 20 with other needs, in zh-Hans, zh-Hant (Cantonese and Taiwan register) and English
(understanding_paraphrase2.yaml). The facts read from the five phrasings (place, staff, budget, industry) are
identical for every need.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.evaluation.understanding_metrics import EVAL_DIR, eligible_programs, load_paraphrases

# Needs of each set whose five phrasings give the same top solution and the same eligible programs: all 20 of each (session
# 22; before it set 1's p16 "AI产品图短视频", two jobs said back to back with no join or verb, led with the video-script
# tool, and set 2's q11 "想把经验沉淀成问答" with the general knowledge base, issue #12).
FLOORS = {"understanding_paraphrase.yaml": 20, "understanding_paraphrase2.yaml": 20}


@pytest.mark.parametrize("file", sorted(FLOORS))
def test_paraphrases_of_a_need_get_the_same_facts_and_the_same_advice(advisor: AdvisorService, file: str):
    consistent = 0
    for need_id, phrasings in load_paraphrases(EVAL_DIR / file):
        facts, advice = set(), set()
        for n, text in enumerate(phrasings):
            response = advisor.ask(text, session_id=f"{need_id}-{n}")
            p = response.profile
            facts.add((p.province, p.city, p.employees, p.budget_cny, p.industry))
            assert response.solutions, f"{need_id}: no pack for {text!r}"
            advice.add((response.solutions[0].id, eligible_programs(response)))
        assert len(facts) == 1, f"{need_id}: facts differ across phrasings: {facts}"
        consistent += len(advice) == 1
    assert consistent >= FLOORS[file]
