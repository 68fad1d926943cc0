"""English completeness of the catalogue: every text an English answer shows has an English field.

An English answer reads a program's name, issuer, benefit, channel, steps, conditions, special rates,
stacking note, validity and window notes and the source's caveats, and a solution's name, summary, purchase items, risks and cost note. Each must have its English
wording (lists in the same order as the Chinese), and that wording may hold Chinese only as a parenthesised
original name (app/catalogue/english.py), so a new entry cannot slip Chinese into an English answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.catalogue.english import english_field_problem
from app.catalogue.models import FundingProgram, Solution


def _pairs(program: FundingProgram) -> Iterator[tuple[str, object, object]]:
    """(field, Chinese, English) for every text of a program an English answer shows."""
    rules, benefit, how = program.eligibility, program.benefit, program.how_to_apply
    yield "name_en", program.name, program.name_en
    yield "issuer_en", program.issuer, program.issuer_en
    yield "benefit.summary_en", benefit.summary, benefit.summary_en
    yield "benefit.per_firm_en", benefit.per_firm, benefit.per_firm_en
    yield "how_to_apply.channel_en", how.channel, how.channel_en
    yield "how_to_apply.steps_en", how.steps, how.steps_en
    yield "eligibility.requirements_en", rules.requirements, rules.requirements_en
    yield "eligibility.special_conditions_en", rules.special_conditions, rules.special_conditions_en
    for n, rate in enumerate(benefit.special_rates):
        yield f"benefit.special_rates[{n}].condition_en", rate.condition, rate.condition_en
    if benefit.stacking.note:
        yield "benefit.stacking.note_en", benefit.stacking.note, benefit.stacking.note_en
    validity = program.validity
    yield "validity.note_en", validity.note, validity.note_en
    yield "validity.window_note_en", validity.window_note, validity.window_note_en
    yield "provenance.caveats_en", program.provenance.caveats, program.provenance.caveats_en


def _solution_pairs(solution: Solution) -> Iterator[tuple[str, object, object]]:
    yield "name_en", solution.name_zh, solution.name_en
    yield "summary_en", solution.summary_zh, solution.summary_en
    yield "risks_en", solution.risks, solution.risks_en
    if solution.cost.note:
        yield "cost.note_en", solution.cost.note, solution.cost.note_en
    for n, item in enumerate(solution.purchase_items):
        yield f"purchase_items[{n}].name_en", item.name_zh, item.name_en


def _problems(pairs: Iterator[tuple[str, object, object]]) -> Iterator[tuple[str, str]]:
    for field, zh, en in pairs:
        if isinstance(zh, list):
            english = en if isinstance(en, list) else []
            if len(english) != len(zh):
                yield field, f"{len(english)} English items for {len(zh)} Chinese ones"
                continue
        else:
            english = [en] if en else []
            if zh and not english:
                yield field, "missing"
                continue
        for text in english:
            if (problem := english_field_problem(str(text))) is not None:
                yield field, problem


def english_gaps(program: FundingProgram) -> list[tuple[str, str]]:
    """(field, problem) for every English text of a program that is missing or not English."""
    return list(_problems(_pairs(program)))


def solution_english_gaps(solution: Solution) -> list[tuple[str, str]]:
    return list(_problems(_solution_pairs(solution)))
