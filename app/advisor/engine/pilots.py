"""Pilot-city programs read as one channel per city (advice_rules.md §2).

The national SME digital-transformation pilot pays through the cities selected for it; the catalogue holds
each selected city's own entry (funding_cities.yaml, funding_pilot_cities.yaml) with its sub-industries and
enrolment list. So, for one client:

- a pilot entry whose region names the client's own city (or district) settles "is my city a pilot?": yes.
  The open question left is the enrolment list, and the answer says that rather than "only if your city is
  a selected pilot";
- the national program is the same money as that city entry: it is reached through it, not a second line;
- where every local entry rules the client out (a manufacturing-only pilot for a restaurant), the national
  channel does too, for the first one's reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.pilot_lists import PILOT_CITY, judge_lists
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import ApplicationMechanism, FundingProgram, Region, ScopeLevel

__all__ = ["PILOT_CITY", "local_channels", "pilot_channels", "pilot_city_confirmed"]


def pilot_city_confirmed(assessment: Assessment) -> bool:
    return any(c.name == PILOT_CITY and c.status is Status.met for c in assessment.conditions)


def _names_client_place(region: Region, profile: CompanyProfile) -> bool:
    """The region is the client's own city or district by name, not a province that may contain it."""
    if not region.city or region.city != profile.city or region.province != profile.province:
        return False
    return not region.district or region.district == profile.district


def _is_pilot(assessment: Assessment) -> bool:
    return assessment.program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city


def _confirm(assessment: Assessment, profile: CompanyProfile) -> None:
    """Record that the client's place is a selected pilot: what stays open is the enrolment list."""
    region = next(r for r in assessment.program.eligibility.regions if _names_client_place(r, profile))
    place_zh, place_en = region.district or region.city, region.label_en.split(",")[0]
    confirmed = Reason(f"{place_zh}在试点之列", f"{place_en} is a selected pilot")
    enrolment = Reason(
        "企业须属于试点行业并进入当地改造名单",
        "your firm must be in its pilot sectors and on its enrolment list",
    )
    generic = {c.reason for c in assessment.conditions if c.name == "selection"}
    assessment.conditions = [
        Condition("selection", Status.unknown, enrolment) if c.reason in generic else c
        for c in assessment.conditions
    ]
    assessment.conditions.append(Condition(PILOT_CITY, Status.met, confirmed))
    reasons = [enrolment if r in generic else r for r in assessment.reasons]
    if assessment.verdict is Verdict.unknown:
        reasons.insert(0, confirmed)
    assessment.reasons = list(dict.fromkeys(reasons))


def _local_pilot(program: FundingProgram, profile: CompanyProfile) -> bool:
    """A pilot of the client's city, including a district's (上海: 浦东, 松江) that rules out another district."""
    return (
        program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city
        and bool(profile.city)
        and any(r.city and r.covers(profile.province, profile.city) for r in program.eligibility.regions)
    )


def channel_programs(programs: Sequence[FundingProgram], profile: CompanyProfile) -> list[FundingProgram]:
    """The programs `pilot_channels` reads for this client: its city's pilots and the national ones. Judged
    with the programs a turn may show, they give those the same verdicts as when every program is judged."""
    return [
        p
        for p in programs
        if p.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city
        and (p.scope_level is ScopeLevel.national or _local_pilot(p, profile))
    ]


def pilot_channels(judged: list[Assessment], profile: CompanyProfile) -> list[Assessment]:
    for assessment in judged:  # a national pilot's published city lists (pilot_lists.py)
        if _is_pilot(assessment):
            judge_lists(assessment, profile)
    local = [a for a in judged if _local_pilot(a.program, profile)]
    named = [a for a in local if any(_names_client_place(r, profile) for r in a.program.eligibility.regions)]
    for assessment in named:
        _confirm(assessment, profile)
    national = [
        a
        for a in judged
        if _is_pilot(a) and a.program.scope_level is ScopeLevel.national and a.verdict is Verdict.unknown
    ]
    for assessment in national:
        same_money = [
            a
            for a in named
            if a.verdict is not Verdict.ineligible and a.program.type is assessment.program.type
        ]
        # Only a local pilot of the same program rules the national one out: 无锡's SME pilot round closing says
        # nothing about the manufacturing retrofit pilot, another program (review11 r11-20).
        same_kind = [a for a in local if a.program.type is assessment.program.type]
        if same_money:
            _reached_through(assessment, same_money[0])
        elif same_kind and all(a.verdict is Verdict.ineligible for a in same_kind):
            _ruled_out_locally(assessment, same_kind[0])
    return judged


def _reached_through(assessment: Assessment, local: Assessment) -> None:
    """The national money is the city's entry: one line for the client, the national one kept unlisted."""
    reason = Reason(
        f"中央资金经本地试点（{local.program.name}）下达，按其要求申请",
        f"the central funds reach you through your local pilot ({local.program.name_en}); apply there",
    )
    assessment.conditions.append(Condition(PILOT_CITY, Status.met, reason))
    assessment.reasons.insert(0, reason)
    assessment.reached_through = local.program.id


def _ruled_out_locally(assessment: Assessment, first: Assessment) -> None:
    unmet = next(c for c in first.conditions if c.status is Status.unmet)
    reason = Reason(
        f"须通过当地试点（{first.program.name}）申请，而它不适用：{unmet.reason.zh}",
        f"reached only through your city's pilot ({first.program.name_en}), which rules you out: {unmet.reason.en}",
    )
    assessment.conditions.append(Condition("selection", Status.unmet, reason))
    assessment.verdict, assessment.reasons, assessment.missing = Verdict.ineligible, [reason], []


def local_channels(
    judged: Sequence[Assessment], named: Sequence[Assessment], profile: CompanyProfile
) -> list[Assessment]:
    """The pilots of the client's own place that a national pilot the client names pays through ("中小企业数字化转型
    城市试点我们行业在不在里面" from a 成都 firm asks about 成都's pilot and its sectors, not only the national text):
    each province's or city's entry of the same program covering the client, judged beside it."""
    kinds = {a.program.type for a in named if _is_pilot(a) and a.program.scope_level is ScopeLevel.national}
    return [
        a
        for a in judged
        if kinds
        and a not in named
        and _is_pilot(a)
        and a.program.type in kinds
        and a.program.scope_level is not ScopeLevel.national
        and any(
            r.province
            and r.covers(profile.province, profile.city, profile.district)
            and (profile.city or not r.city)
            for r in a.program.eligibility.regions
        )
    ]
