"""The brief's funding lines: each program once, one line each, and the city pilots in one line.

The city pilots (review4 §4: a factory answer listed the same pilot channel three or four times — the
national, the provincial and the city pilot, then the new-type retrofit) are one line:

For the owner they are one errand: ask the city's industry bureau whether the firm can get onto the pilot's
enrolment list. So the brief says it once: where the client's place is a selected pilot, the levels that pay
through it as one list ("国家 · 广东 · 佛山"); each pilot whose city is not yet known to be selected, by name
with its published rate. Every program keeps its citation, and the details still give each one's conditions
and steps. Only the wording is grouped: verdicts and which programs are listed are the engine's.
"""

from __future__ import annotations

from app.advisor.compose.citations import CitationBook
from app.advisor.compose.funding import (
    benefit_line,
    brief_verdict_line,
    funding_section,
    key_reason,
    not_listed_line,
)
from app.advisor.compose.program_labels import names_apart, short_name
from app.advisor.compose.wording import MISSING_FACTS, pick
from app.advisor.contract import Lang
from app.advisor.engine.asked_facts import SIZE_PARTS, settling_facts, size_part
from app.advisor.engine.conditions import outside_mainland
from app.advisor.engine.eligibility import Assessment, Verdict, selection_open_reason
from app.advisor.engine.pilots import PILOT_CITY, pilot_city_confirmed
from app.advisor.engine.programs import listed_programs
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import ApplicationMechanism, ScopeLevel

_LEVEL_ORDER = {
    ScopeLevel.national: 0,
    ScopeLevel.provincial: 1,
    ScopeLevel.municipal: 2,
    ScopeLevel.district: 3,
}


def is_pilot_to_confirm(assessment: Assessment) -> bool:
    """A to-confirm program paid through a selected pilot city (its selection label says so)."""
    mechanism = assessment.program.how_to_apply.mechanism
    return mechanism is ApplicationMechanism.via_pilot_city and assessment.verdict is Verdict.unknown


def _level(assessment: Assessment, language: Lang) -> str:
    program = assessment.program
    if program.scope_level is ScopeLevel.national:
        return "national" if language == "en" else "国家"
    region = program.region
    if language == "en":
        return region.label_en.split(",")[0]
    return region.district or region.city or region.province or region.label


def _cites(assessments: list[Assessment], book: CitationBook) -> str:
    return "".join(f"[{book.cite_program(a.program)}]" for a in assessments)


def pilot_channel_line(
    shown: list[Assessment], through: list[Assessment], book: CitationBook, language: Lang
) -> str | None:
    """One brief line for the pilots in `shown` and the national money reached `through` them; None when
    there is only one pilot to name (its own verdict line says it)."""
    pilots = [a for a in shown if is_pilot_to_confirm(a)]
    if len(pilots) + bool(through) < 2:
        return None
    en = language == "en"
    # The client's own place first, up to the national money paid through it: 佛山[3] · 广东[4] · 国家.
    confirmed = sorted(
        (a for a in pilots if pilot_city_confirmed(a)), key=lambda a: -_LEVEL_ORDER[a.program.scope_level]
    )
    parts: list[str] = []
    if confirmed:
        place = next(c.reason.text(language) for c in confirmed[0].conditions if c.name == PILOT_CITY)
        levels = [f"{_level(a, language)}{' ' * en}{_cites([a], book)}" for a in confirmed]
        if through and all(a.program.scope_level is not ScopeLevel.national for a in confirmed):
            # Cited like the other levels: the answer names it, so the contract lists it (`listed`).
            levels.append(
                ("national, paid through it " if en else "国家（经本地下达）") + _cites(through, book)
            )
        # A level that publishes its rate or cap says it (天台N+X: 50%以内, 50万 per firm); only the rest is
        # "set by the local notice" (review6 c26 hid a published 50万 cap behind that phrase).
        published = [a for a in confirmed if a.ratio or a.program.benefit.cap is not None]
        said = (", " if en else "；").join(
            f"{short_name(a.program.name_en if en else a.program.name)} {benefit_line(a, language)}"
            if en
            else f"{short_name(a.program.name)}{benefit_line(a, language)}"
            for a in published
        )
        amounts_en = f"as published, {said}" if published else "amounts set by the local notice"
        amounts_zh = f"公布口径：{said}" if published else "金额以当地通知为准"
        # A level open to listed sub-sectors only names them where the verdict is read (review15 r15-37).
        bound = next((a for a in confirmed if selection_open_reason(a)), None)
        sector = selection_open_reason(bound) if bound else None
        sector_en = f"; {short_name(bound.program.name_en)}: {sector.en}" if bound and sector else ""
        sector_zh = f"；{short_name(bound.program.name)}：{sector.zh}" if bound and sector else ""
        parts.append(
            f"{place}; your firm must be on its enrolment list{sector_en}, {amounts_en}; levels: {' · '.join(levels)}"
            if en
            else f"{place}，须进入当地改造名单{sector_zh}，{amounts_zh}；层级：{' · '.join(levels)}"
        )
    names = []
    for a in (a for a in pilots if not pilot_city_confirmed(a)):
        rate = benefit_line(a, language) if a.ratio or a.program.benefit.cap is not None else ""
        name = short_name(a.program.name_en if en else a.program.name)
        names.append(f"{name}" + (f" ({rate})" if en else f"（{rate}）") * bool(rate) + _cites([a], book))
    if names and en:
        parts.append(
            f"also {', '.join(names)}, only if your city is selected"
            if confirmed
            else f"only if your city is a selected pilot: {', '.join(names)}"
        )
    elif names:
        parts.append(
            f"另有{'、'.join(names)}，须所在城市入选"
            if confirmed
            else f"须所在城市入选试点：{'、'.join(names)}"
        )
    if en:
        return "- ❔ City pilots (not counted in net cost): " + "; ".join(parts) + "."
    return "- ❔ 城市试点（不计入净成本）：" + "；".join(parts) + "。"


def shared_reasons(shown: list[Assessment], language: Lang) -> dict[str, list[Assessment]]:
    """The ❌ reasons two or more listed programs share ("合伙企业…不缴企业所得税" rules out four tax benefits):
    each is said once with its programs under it (review10: a partnership read the same reason five times)."""
    by_reason: dict[str, list[Assessment]] = {}
    for assessment in shown:
        reason = key_reason(assessment, language)
        if assessment.verdict is Verdict.ineligible and reason:
            by_reason.setdefault(reason, []).append(assessment)
    return {reason: group for reason, group in by_reason.items() if len(group) >= 2}


def ruled_out_together(group: list[Assessment], reason: str, book: CitationBook, language: Lang) -> list[str]:
    """One ❌ line with the shared reason, then each program with what it would have given and its citation."""
    en = language == "en"
    head = (
        f"- ❌ Not eligible ({len(group)} programs) — {reason}:"
        if en
        else f"- ❌ 以下{len(group)}项不符合，{reason}："
    )
    items = [
        f"  - {short_name(a.program.name_en)}: {benefit_line(a, language)}. [{book.cite_program(a.program)}]"
        if en
        else f"  - {short_name(a.program.name)}：{benefit_line(a, language)}。[{book.cite_program(a.program)}]"
        for a in group
    ]
    return [head, *items]


def funding_brief(
    programs: list[Assessment],
    book: CitationBook,
    language: Lang,
    province: str | None = None,
    abroad: bool = False,
    asking: frozenset[str] = frozenset(),
    place_known: bool = True,
    profile: CompanyProfile | None = None,
) -> list[str]:
    """Each program once, one line: icon, verdict, the deciding reason, the amount; then what would settle it.

    `asking`: the facts the answer asks for in its own questions right after (canned.pack_questions); they are not
    asked a second time here (review10 r10-47/55: "employees and revenue" was requested twice in one answer).

    `place_known`: whether the client's place is known; with none, the place is what the open verdicts wait on.

    `profile`: the client's, when known: a size still missing is asked as the figure not yet given (the revenue
    beside a headcount), never "employees and revenue" again.

    `province`: the client's; outside the mainland (or `abroad`: registered outside China) an empty list adds
    nothing (the place note has said no program covers them, and a mainland bureau is no one for them to ask).
    """
    en = language == "en"
    if not programs:
        return (
            []
            if abroad or outside_mainland(province)
            else funding_section(programs, book, language, province)
        )
    shown = listed_programs(programs)
    # A heading only over lines: with every program ruled out, "补贴政策：" stood alone (review7 rev7-06, review8
    # r8-28).
    lines = (["Funding programs:" if en else "补贴政策："]) if shown else []
    listed_ids = {a.program.id for a in shown}
    said_reasons: set[str] = set()
    through = [a for a in programs if a.reached_through in listed_ids]
    pilots = pilot_channel_line(shown, through, book, language)
    shared = shared_reasons(shown, language)
    names = names_apart(
        [a.program for a in shown], en
    )  # two editions listed together are told apart (review12 r12-57/58)
    for assessment in shown:
        reason = key_reason(assessment, language)
        if assessment.verdict is Verdict.ineligible and reason in shared:
            if reason not in said_reasons:  # where the first of them would be
                said_reasons.add(reason)
                lines += ruled_out_together(shared[reason], reason, book, language)
        elif pilots is None or not is_pilot_to_confirm(assessment):
            lines.append(brief_verdict_line(assessment, book, language, names[assessment.program.id]))
        elif pilots not in lines:  # where the first pilot would be
            lines.append(pilots)
    # A paragraph of its own, or Markdown reads it as part of the last program's line.
    said = [*shown, *through] if pilots else shown
    if rest := not_listed_line(programs, said, language):
        lines += ["", *rest] if lines else rest
    # Only what would settle a verdict shown (engine/asked_facts.py); half the size asked is the size asked.
    asked = asking | ({"size"} if asking & SIZE_PARTS else set())
    open_ = [a for a in shown if a.verdict is Verdict.unknown]
    settling = settling_facts(shown) & {m for a in open_ for m in a.missing}
    # With no place known every ❔ waits on it, a pilot's too (whether its city is on the list): it is asked.
    settling |= {"region"} if open_ and not place_known and not abroad else set()
    missing = sorted(settling - asked)
    missing = [size_part(profile) if m == "size" else m for m in missing]
    if missing:
        wanted = (", " if en else "、").join(pick(MISSING_FACTS[m], language) for m in missing)
        lines.append("")
        lines.append(
            f"To settle the open verdicts, tell me: {wanted}."
            if en
            else f"补充以下信息可确定待确认项：{wanted}。"
        )
    return lines
