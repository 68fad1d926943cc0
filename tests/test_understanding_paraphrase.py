"""Same advice however it is asked (issue #12): 20 needs x 5 phrasings over the real advisor.

Each phrasing states the same facts. The brief's bar is the same top solution and the same eligible
programs for all five; docs/understanding.md reports that rate. This test holds what is reached today
so it cannot silently get worse: the top solution's category is the same for at least 18 of the 20 needs (the
same top solution for 18 measured since the need bank, engine/need_bank.py),
and the facts read from the five phrasings (place, staff, budget, industry) are identical for every need.
"""

from __future__ import annotations

from app.advisor.service import AdvisorService
from app.evaluation.understanding_metrics import load_paraphrases


def test_paraphrases_of_a_need_get_the_same_facts_and_mostly_the_same_advice(advisor: AdvisorService):
    same_category = 0
    for need_id, phrasings in load_paraphrases():
        facts, categories = set(), set()
        for n, text in enumerate(phrasings):
            response = advisor.ask(text, session_id=f"{need_id}-{n}")
            p = response.profile
            facts.add((p.province, p.city, p.employees, p.budget_cny, p.industry))
            assert response.solutions, f"{need_id}: no pack for {text!r}"
            categories.add(response.solutions[0].category)
        assert len(facts) == 1, f"{need_id}: facts differ across phrasings: {facts}"
        same_category += len(categories) == 1
    assert same_category >= 18  # measured 18 of 20 with the same top solution on the dev run; a floor
