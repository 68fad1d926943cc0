"""The first line of an answer about a program the client names: what they asked about it, from its entry.

A question about one program is rarely "tell me about it". It asks whether it is for the client ("能拿东莞的算力券吗？",
"Wuhan compute voucher — is that for us?"), checks a figure ("Is the Xiamen compute subsidy 50%?", "上限多少？"),
asks how often it may be claimed ("科技券最多可以申請幾多次？"), or whether a place is on a pilot's list ("顺义是试点区吧？").
`program_question.asked_of_program` reads which; this module writes the line that answers it, before the verdicts,
the pack or the quoted texts, from the same catalogue facts every verdict uses. It never states a figure the entry
does not hold: where the text publishes none, it says so and sends the client to the issuer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.advisor.compose.funding import program_summary
from app.advisor.compose.program_figures import figure_line, times_line
from app.advisor.compose.program_labels import short_name
from app.advisor.compose.wording import verdict_icon, verdict_label
from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.program_question import ProgramAsk
from app.catalogue.eligibility_models import ScopeLevel
from app.catalogue.models import FundingProgram
from app.catalogue.taxonomy import FUNDING_TYPE_LABELS, FundingType
from app.text.normalize import normalize

MAX_PROGRAMS = 3
# The asked place's own program before the province's or the nation's ("东莞的算力券" is Dongguan's first).
_LOCAL_FIRST = {
    ScopeLevel.district: 0,
    ScopeLevel.municipal: 1,
    ScopeLevel.provincial: 2,
    ScopeLevel.national: 3,
}


def local_first(assessments: Sequence[Assessment]) -> list[Assessment]:
    return sorted(assessments, key=lambda a: _LOCAL_FIRST[a.program.scope_level])


def verdict_lines(named: Sequence[Assessment], language: Lang, today: date) -> list[str]:
    """ "能拿…吗", "is that for us": each named program's verdict with the condition deciding it, the most local
    first."""
    return [
        f"{verdict_icon(a.verdict)} {program_summary(a, language, today)}" for a in local_first(named)[:2]
    ]


def others_line(programs: Sequence[Assessment], before: Sequence[FundingProgram], language: Lang) -> str:
    """ "还有别的吗" after a question about some programs: the others the client may claim, or that none fits."""
    en = language == "en"
    asked = {p.id for p in before}
    others = [a for a in programs if a.program.id not in asked and a.verdict is not Verdict.ineligible]
    names = [short_name(p.name_en if en else p.name) for p in before][:3]
    besides = (f"Besides {', '.join(names)}" if en else f"除了{'、'.join(names)}") if names else ""
    if not others:
        return (
            f"{besides or 'Beyond these'}, no other catalogued program fits what you have told me."
            if en
            else f"{besides or '除此之外'}，资料中没有其他适合您的项目。"
        )
    listed = [
        f"{verdict_icon(a.verdict)} {short_name(a.program.name_en if en else a.program.name)} "
        f"({verdict_label(a.verdict, language)})"
        if en
        else f"{verdict_icon(a.verdict)} {short_name(a.program.name)}（{verdict_label(a.verdict, language)}）"
        for a in others[: MAX_PROGRAMS + 2]
    ]
    if en:
        return f"{besides or 'Other programs'}, you may also look at: " + "; ".join(listed) + "."
    return f"{besides + '，' if besides else ''}适合您的还有：" + "；".join(listed) + "。"


def kind_line(programs: Sequence[Assessment], kinds: set[FundingType], language: Lang) -> str | None:
    """ "有什么税收优惠？": how many programs of the kind asked there are for the client and how they stand, before
    the list that gives each one's verdict and condition."""
    en = language == "en"
    of_kind = [a for a in programs if a.program.type in kinds]
    label = (
        "、".join(FUNDING_TYPE_LABELS[k][0] for k in sorted(kinds))
        if not en
        else " and ".join(FUNDING_TYPE_LABELS[k][1].lower() + "s" for k in sorted(kinds))
    )
    if not of_kind:
        return (
            f"No catalogued {label} fits what you have told me." if en else f"资料中没有适合您的{label}项目。"
        )
    counts = {v: sum(a.verdict is v for a in of_kind) for v in Verdict}
    said = [
        (f"{n} {verdict_label(v, language)}" if en else f"{n}项{verdict_label(v, language)}")
        for v, n in counts.items()
        if n
    ]
    names = [short_name(a.program.name_en if en else a.program.name) for a in of_kind[: MAX_PROGRAMS + 1]]
    tax = FundingType.tax_incentive in kinds
    if en:
        note = (
            "; they are claimed in the annual tax filing and lower the tax, not the price of a purchase"
            if tax
            else ""
        )
        return f"{label.capitalize()} for you: {', '.join(said)} — {', '.join(names)}{note}; each one's condition is below."
    note = "；都在年度纳税申报时享受，减的是税，不抵扣采购价" if tax else ""
    return f"您问的{label}：{'，'.join(said)}（{'、'.join(names)}）{note}；各项条件见下。"


def direct_lines(
    ask: ProgramAsk | None,
    question: str,
    programs: Sequence[FundingProgram],
    language: Lang,
) -> list[str]:
    """The line answering a figure or how-often question about each program named (verdicts and pilots are
    answered from the judged programs and the catalogue: `verdict_lines`, `pilot_lines`)."""
    if not programs or len(programs) > MAX_PROGRAMS:
        return []
    norm, en = normalize(question), language == "en"
    if ask == "figure":
        return [figure_line(p, norm, en) for p in programs]
    if ask == "times":
        return [times_line(p, en) for p in programs]
    return []
