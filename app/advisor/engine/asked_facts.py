"""Which facts an answer asks for: only those that can change a verdict it shows (advice_rules.md §3, §8).

Under a pack, the advisor asked every owner who gave no headcount "大概有多少员工、年营收多少？" (review12
r12-05, 09, 17, 18, 23, 41, 47), though no program shown waited on size: a hot-pot chain whose only program
is a selection award, a data firm whose subsidy is ✅ already. A consultant asks a question when the answer
can move something on the page: a program shown ❔ with the firm's size among its open conditions. A selection or
pilot-city program stays ❔ whatever the size, so it is no reason to ask. And they ask only the part still
missing: the revenue when the headcount is known, the headcount when the revenue is.

Before the place is known nothing shown can be judged on size yet, so size is asked as before.
"""

from __future__ import annotations

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import PROFILE_FACTS, Assessment, Verdict
from app.advisor.understand.profile import CompanyProfile

SIZE_PARTS = frozenset({"size", "revenue", "employees"})  # both figures, or the one still missing


def facts_worth_asking(missing: list[str], shown: list[Assessment], profile: CompanyProfile) -> list[str]:
    """`missing` (profile.missing_for_recommendation: industry, region, size) without a size no verdict shown
    waits on, and with the one size figure still missing when a verdict waits on it and the other is known."""
    if "region" in missing:
        return missing
    kept = [fact for fact in missing if fact != "size"]
    if "size" not in settling_facts(shown):
        return kept
    return [*kept, size_part(profile)]


def size_part(profile: CompanyProfile | None) -> str:
    """The size figure still missing: both ("size"), or the one the client has not given (the MIIT thresholds
    need the revenue beside a headcount, and the reverse). None: nothing is known of the client."""
    if profile is None or (profile.employees is None and profile.annual_revenue_cny is None):
        return "size"
    return "revenue" if profile.annual_revenue_cny is None else "employees"


def settling_facts(shown: list[Assessment]) -> set[str]:
    """The profile facts a ❔ shown waits on: the open conditions of a verdict the client's answer can move. A
    selection or a pilot city's enrolment stays open whatever the client tells about the firm, so those verdicts
    ask only where the firm is (which city's pilot it could be); a ✅ or ❌ asks nothing."""
    facts: set[str] = set()
    for assessment in shown:
        if assessment.verdict is not Verdict.unknown:
            continue
        open_facts = {c.fact or c.name for c in assessment.conditions if c.status is Status.unknown}
        facts |= open_facts & _WHERE if assessment.selection_only else open_facts
    return facts & set(PROFILE_FACTS)


_WHERE = frozenset({"region", "district"})
