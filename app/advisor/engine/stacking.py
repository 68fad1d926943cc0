"""What a stacking question is about, and how each pair of its programs relates (advice_rules.md §5).

"能一起拿吗" is about the programs the client holds or names: those named, the ones their words name by kind
("试点" is their city's pilot), and, when that is fewer than two, the ones paying for what they buy. So:

- an ended program, or one of another place, pairs with nothing the client can claim: it is left out (its ❌
  line below says why), however it came to be listed (review7 rev7-34 paired 佛山 with 东莞's ended pilot);
- the levels of one city's pilot (佛山 · 广东 · 国家) are one channel, not a pair: the local fund is the central
  and provincial money for firms on its list, claimed once for one project;
- two editions of one program (成都算力券 2023 and 2025) are one choice; the newer or more certain one speaks
  for both (review7 rev7-s4-3 compared the two editions instead of the voucher with the pilot);
- each remaining pair is judged once: the catalogue lets them combine (with the combined cap of the tier
  applied), they pay for different purchases, or they pay for the same one: one claim where the catalogue says so
  (two editions of one program, an entry's rule against a second claim), else a question for the issuers, never a
  confident no the texts do not hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.pilots import pilot_city_confirmed
from app.catalogue.models import ApplicationMechanism, ScopeLevel

# The client's words naming a pilot by its kind: their own city's pilot is meant ("佛山的试点和省里的试点").
PILOT_WORDS = re.compile(r"试点|pilot", re.I)
_RULED_OUT = ("region", "validity")
_LOCAL_FIRST = {
    ScopeLevel.district: 0,
    ScopeLevel.municipal: 1,
    ScopeLevel.provincial: 2,
    ScopeLevel.national: 3,
}


class Relation(StrEnum):
    combined = "combined"  # the catalogue lets them be claimed together
    separate = "separate"  # they pay for different purchases
    one_claim = "one_claim"  # the same purchase, and the catalogue says one of them (FundingProgram.claimed_once_with)
    ask_issuer = "ask_issuer"  # the same purchase, and the catalogue does not say


@dataclass
class Unit:
    """One thing the client can claim: a program, or the levels of one pilot channel (the local one first)."""

    programs: list[Assessment]

    @property
    def lead(self) -> Assessment:
        return self.programs[0]

    @property
    def channel(self) -> bool:
        return len(self.programs) > 1


def ruled_out(assessment: Assessment) -> bool:
    """Ended, or for another place: nothing to stack with (a district award elsewhere, 东莞's pilot for 佛山)."""
    return any(c.name in _RULED_OUT and c.status is Status.unmet for c in assessment.conditions)


def _city_pilot(assessment: Assessment) -> bool:
    """Their own city's pilot, or money reached through it, whatever its verdict."""
    if assessment.program.how_to_apply.mechanism is not ApplicationMechanism.via_pilot_city:
        return False
    return assessment.reached_through is not None or pilot_city_confirmed(assessment)


def _in_channel(assessment: Assessment) -> bool:
    """A pilot level the client's city pays through them (an industry outside the list rules the firm out)."""
    return _city_pilot(assessment) and assessment.verdict is not Verdict.ineligible


def _edition_key(assessment: Assessment) -> tuple[str, str, str | None, str | None, str | None]:
    program = assessment.program
    region = program.region
    return (program.type, program.scope_level, region.province, region.city, region.district)


def units(programs: list[Assessment]) -> list[Unit]:
    """The claimable things among `programs`, in their order: ruled-out programs left out, a city's pilot
    levels as one channel, one edition of each program where something else is left to pair it with (two
    editions asked about alone are the pair: one claim)."""
    collapsed = _units(programs, editions=False)
    return collapsed if len(collapsed) >= 2 else _units(programs, editions=True)


def _units(programs: list[Assessment], editions: bool) -> list[Unit]:
    kept = [a for a in programs if not ruled_out(a)]
    channel = sorted((a for a in kept if _in_channel(a)), key=lambda a: _LOCAL_FIRST[a.program.scope_level])
    found: list[Unit] = []
    seen: dict[tuple[str, str, str | None, str | None, str | None], Unit] = {}
    for assessment in kept:
        if assessment in channel:
            if assessment is channel[0]:
                found.append(Unit(channel))
            continue
        key = _edition_key(assessment)
        if editions:
            found.append(Unit([assessment]))
            continue
        if key in seen:  # another edition of a program already in: the better verdict stays
            other = seen[key]
            if _rank(assessment) < _rank(other.lead):
                other.programs = [assessment]
            continue
        seen[key] = Unit([assessment])
        found.append(seen[key])
    return found


def _rank(assessment: Assessment) -> tuple[int, str]:
    order = {Verdict.eligible: 0, Verdict.unknown: 1, Verdict.ineligible: 2}
    issued = assessment.program.validity.issued_on
    return order[assessment.verdict], "" if issued is None else str(-issued.toordinal())


def relation(one: Unit, other: Unit) -> tuple[Relation, float | None]:
    """How two claimable things relate, with the combined cap of the tier applied where they combine."""
    for a in one.programs:
        for b in other.programs:
            if a.program.stacks_with(b.program):
                tiered = a if a.program.benefit.stacking.tiers else b
                cap = tiered.program.benefit.stacking.combined_cap(tiered.ratio)
                rule_a, rule_b = a.program.benefit.stacking, b.program.benefit.stacking
                return Relation.combined, cap or rule_a.combined_ratio_cap or rule_b.combined_ratio_cap
    scope_one = {k for a in one.programs for k in a.program.eligibility.spend_scope}
    scope_other = {k for a in other.programs for k in a.program.eligibility.spend_scope}
    if not scope_one & scope_other:
        return Relation.separate, None
    if any(a.program.claimed_once_with(b.program) for a in one.programs for b in other.programs):
        return Relation.one_claim, None
    return Relation.ask_issuer, None  # the texts are silent, at one level or two: the issuers say


def question_programs(judged: list[Assessment], named: list[str], question: str) -> list[Assessment]:
    """The programs a stacking question is about: those it names, and its city's pilot channel when its words
    name a pilot; empty when it names neither (the programs for the client's purchases are then used)."""
    chosen = [a for a in judged if a.program.id in named]
    if PILOT_WORDS.search(question):  # even one ruling them out: the answer then says why it is no pair
        chosen += [a for a in judged if _city_pilot(a) and not ruled_out(a) and a not in chosen]
    return chosen
