"""What an answer's details add to its brief: each solution and each program is named in the brief once,
and the details say only what the brief left out (what a solution does, the other conditions, how to apply).

The brief (pack.py, funding_brief.py) is what a phone shows before the folded details; the CLI, the
API and the exports read the same text, so a line repeated here would be read twice everywhere.
"""

from __future__ import annotations

from app.advisor.compose.applying import apply_steps
from app.advisor.compose.citations import CitationBook
from app.advisor.compose.funding import key_reason
from app.advisor.compose.program_labels import names_apart, short_name
from app.advisor.compose.wording import money_range, pick
from app.advisor.contract import Lang
from app.advisor.engine.costing import CostedSolution
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.programs import listed_programs
from app.catalogue.english import original
from app.catalogue.taxonomy import CATEGORY_LABELS, RELIABILITY_LABELS, Reliability


def solution_details(index: int, item: CostedSolution, language: Lang) -> str:
    """What solution `index` of the brief does and what it addresses, and its own net cost when a subsidy
    lowers it; referred to by its number in the brief, not named again."""
    solution = item.pick.solution
    category = pick(CATEGORY_LABELS[solution.category], language)
    after = money_range(item.net.min, item.net.max, language) if item.discounts else None
    if language == "en":
        line = f"{index}. {category}: {solution.summary_en.rstrip('.')}."
        line += f" After subsidies counted in net cost: {after}." if after else ""
        return line + (" Take its basic tier to stay within budget." if item.pick.basic_tier else "")
    line = f"{index}. {category}：{solution.summary_zh.rstrip('。')}。针对：{'、'.join(solution.pain_points[:3])}。"
    line += f"扣除计入净成本的补贴后约{after}。" if after else ""
    return line + ("预算内选基础档。" if item.pick.basic_tier else "")


def _source_note(assessment: Assessment, language: Lang) -> str:
    reliability = assessment.program.provenance.reliability
    if reliability is Reliability.official:
        return ""
    label = pick(RELIABILITY_LABELS[reliability], language)
    return f"Source: {label}." if language == "en" else f"来源：{label}。"


def program_details(
    assessment: Assessment, book: CitationBook, language: Lang, steps: bool, name: str | None = None
) -> str:
    """The program's issuer, the conditions the brief's one reason left out, the source's reliability, and
    with `steps` the channel and the steps; opened by the short name the brief lists it under."""
    program = assessment.program
    n = book.cite_program(program)
    shown = key_reason(assessment, language)
    # A no has one reason, the brief's: a second unmet condition here read as a different verdict (review6 c14, c39).
    others = (
        []
        if assessment.verdict is Verdict.ineligible
        else [r.text(language) for r in assessment.reasons if r.text(language) != shown]
    )
    en = language == "en"
    window = program.validity.window_note_en if en else program.validity.window_note
    if en and window is None and program.validity.window_note:
        window = original(program.validity.window_note)
    how = apply_steps(assessment, language, named=False) if steps else ""
    if en:
        issuer = program.issuer_en.split("; ")[0]
        text = f"- {name or short_name(program.name_en)} ({issuer})" + (
            ": " + "; ".join(others) + "." if others else "."
        )
        text += f" {window.rstrip('.')}." if window else ""
        return " ".join(t for t in (text, _source_note(assessment, language), how) if t) + f" [{n}]"
    text = (
        f"- {name or short_name(program.name)}（{program.issuer}）"
        + ("：" + "；".join(others) if others else "")
        + "。"
    )
    text += f"{window.rstrip('。')}。" if window else ""
    return text + _source_note(assessment, language) + how + f"[{n}]"


def funding_details(
    programs: list[Assessment], applying: list[Assessment], book: CitationBook, language: Lang
) -> list[str]:
    """One entry per program the brief lists; the steps for those `applying` (applying.to_apply)."""
    shown = listed_programs(programs)
    if not shown:
        return []
    heading = "Conditions and how to apply:" if language == "en" else "补贴条件与申请方式："
    names = names_apart([a.program for a in shown], language == "en")
    return [heading] + [
        program_details(
            a,
            book,
            language,
            any(a is b for b in applying) and a.verdict is not Verdict.ineligible,
            names[a.program.id],
        )
        for a in shown
    ]
