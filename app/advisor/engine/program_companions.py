"""The programs answered beside the one the client names: the same spend at another level of government, and the
program meant for a purchase the client states.

A consultant answers the program named and says which other one pays for the same purchase where the client is
(a province's beside a city's); the same spend is claimed once (spend_notes.same_spend_twice says so). A purchase
the client states in the same message is answered too, by the programs of their place that pay for it.
"""

from __future__ import annotations

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.programs import VERDICT_ORDER, local_to_client
from app.advisor.engine.purchases import Purchase, pays_for
from app.catalogue.models import ScopeLevel

# How the money arrives for a program the client claims themselves: a pilot city's or a selection's money is not
# a second channel for the client's own purchase, so it is no companion.
_NOT_A_CHANNEL = frozenset({"via_pilot_city", "competitive_selection"})


def same_spend_elsewhere(judged: list[Assessment], named: list[Assessment]) -> list[Assessment]:
    """The programs at another level of government (a province's beside a city's) that pay for the same kind of
    spend the named program pays for and cover the client's place (review10 r10-04: "青岛的企业算力补贴" was
    answered alone, so 山东省算力券, which also pays for compute bought in Shandong, was never judged).

    A consultant answers the program named and says which other one pays for the same purchase; the same spend is
    claimed once (spend_notes.same_spend_twice says so)."""
    out: list[Assessment] = []
    for one in named:
        program = one.program
        if program.how_to_apply.mechanism.value in _NOT_A_CHANNEL or not local_to_client(one):
            continue
        for other in judged:
            candidate = other.program
            if (
                other in named
                or other in out
                or candidate.type is not program.type
                or candidate.scope_level is program.scope_level
                or candidate.how_to_apply.mechanism.value in _NOT_A_CHANNEL
                or not set(candidate.eligibility.spend_scope) & set(program.eligibility.spend_scope)
                or not _covers_client(other)
                or other.reached_through is not None
            ):
                continue
            other.companion_of = program.id
            out.append(other)
    return out


def _covers_client(assessment: Assessment) -> bool:
    """Local to the client's place, or a national program whose region rule the client meets: the central
    equipment-renewal loan subsidy is the other level beside 苏州's own loan subsidy (review15 r15-08: "贷款1000万搞
    智能化改造，贴息怎么算" named 苏州's by its place and kind, and the national one, ending in 31 days, was never
    judged)."""
    if local_to_client(assessment):
        return True
    return assessment.program.scope_level is ScopeLevel.national and any(
        c.name == "region" and c.status is Status.met for c in assessment.conditions
    )


def paying_stated_purchases(
    judged: list[Assessment], answered: list[Assessment], client: list[Purchase]
) -> list[Assessment]:
    """The programs of the client's place that pay for a purchase the client states, beside those `answered`
    (review14 r14-12: "要研发电力行业专用大模型，另外租算力合同100万，南京有哪些补助" read the title of 南京's
    model R&D award in the message and answered it alone, so 南京市算力券, which pays for exactly that compute
    contract, was never judged, and the answer said only the award could pay for it).

    Each open to the client (not ❌) and local to their place; a claim program before a selection, ✅ first."""
    out = [
        a
        for a in judged
        if a not in answered
        and a.verdict is not Verdict.ineligible
        and local_to_client(a)
        and a.reached_through is None
        and any(pays_for(a.program, item) for item in client)
    ]
    return sorted(out, key=lambda a: (a.selection_only, VERDICT_ORDER[a.verdict]))[:_MOST_STATED]


_MOST_STATED = 3  # the answer stays about the program named; three more lines at most
