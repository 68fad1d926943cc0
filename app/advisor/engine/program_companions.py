"""The program at another level of government that pays for the same spend as the one the client names.

A consultant answers the program named and says which other one pays for the same purchase where the client is
(a province's beside a city's); the same spend is claimed once (spend_notes.same_spend_twice says so).
"""

from __future__ import annotations

from app.advisor.engine.eligibility import Assessment
from app.advisor.engine.programs import local_to_client

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
                or not local_to_client(other)
                or other.reached_through is not None
            ):
                continue
            other.companion_of = program.id
            out.append(other)
    return out
