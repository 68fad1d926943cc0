"""What an LLM answer must carry: the engine's decisions, unchanged, in the user's language.

The guard's other checks reject what an answer adds (an unknown program, a stray rate);
these reject what it drops or bends. An answer that leaves out a recommended solution, a
program or its verdict, that turns a "to be confirmed" into "eligible", that states an
amount the engine did not compute, or that is written in another language, is no more
trustworthy than one that invents a program, and is rejected the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Verdict
from app.advisor.engine.programs import listed_programs
from app.advisor.engine.voucher_mentions import mentioned_programs
from app.advisor.llm.verdicts import REMINDER, promises_eligibility, verdicts_in
from app.advisor.turn import Turn
from app.advisor.understand.gazetteer import RegionGazetteer
from app.advisor.understand.numbers import NUMBER, parse_amount
from app.catalogue.models import Catalogue, FundingProgram, Solution
from app.text.degenerate import degeneracy, sentences
from app.text.normalize import detect_language, normalize

_UNIT = r"(亿|千万|百万|万|千|million|billion|bn|mn|m|k)"
# A money amount needs a currency or a 万/亿 unit; "5 employees" is not one.
_MONEY = re.compile(
    rf"(?:cny|rmb|¥|￥)\s*({NUMBER})\s*{_UNIT}?\b"
    rf"|({NUMBER})\s*{_UNIT}?\s*(?:元|yuan|cny|rmb)"
    rf"|({NUMBER})\s*(亿|万)",
    re.IGNORECASE,
)
# A range shares its unit and currency: "0.12–1.26万元" is 1,200 to 12,600, "CNY 1,200–12,600" both CNY.
_RANGE = re.compile(
    rf"((?:cny|rmb|¥|￥)\s*)?({NUMBER})\s*(?:–|—|-|~|～|至|到|to)\s*(?:cny|rmb|¥|￥)?\s*({NUMBER})\s*"
    rf"(?:{_UNIT}(?![a-z]))?\s*(元|yuan|cny|rmb)?",
    re.IGNORECASE,
)
_LARGE_UNITS = {"亿", "千万", "百万", "万"}


@dataclass(frozen=True)
class Decisions:
    language: Lang
    solutions: tuple[Solution, ...]
    programs: tuple[tuple[FundingProgram, Verdict], ...]
    net_costs: tuple[tuple[str, float, float], ...]  # solution id, min, max the offline answer states
    amounts: tuple[float, ...]  # every CNY amount the offline answer and the passages state

    @classmethod
    def of(cls, turn: Turn, offline: str, context: str) -> Decisions:
        stated = money_amounts(offline)
        net_costs = tuple(
            (c.pick.solution.id, c.net.min, c.net.max)
            for c in turn.costed
            if _known(c.net.min, stated) or _known(c.net.max, stated)
        )
        return cls(
            language=turn.language,
            solutions=tuple(c.pick.solution for c in turn.costed),
            # The programs the offline answer writes out (the rest are judged but not listed).
            programs=tuple((a.program, a.verdict) for a in listed_programs(turn.programs)),
            net_costs=net_costs,
            amounts=tuple(stated + money_amounts(context)),
        )


def money_amounts(text: str) -> list[float]:
    """Every CNY amount in `text`, both ends of a range included."""
    values: list[float] = []

    def take_range(match: re.Match[str]) -> str:
        prefix, low, high, unit, currency = match.groups()
        if not (prefix or currency or unit in _LARGE_UNITS):
            return match.group(0)  # "2022—2025年", "5-10人": not money
        values.extend(v for v in (parse_amount(low, unit), parse_amount(high, unit)) if v is not None)
        return " "

    rest = _RANGE.sub(take_range, normalize(text))
    for match in _MONEY.finditer(rest):
        number = match.group(1) or match.group(3) or match.group(5)
        unit = match.group(2) or match.group(4) or match.group(6)
        value = parse_amount(number, unit)
        if value is not None:
            values.append(value)
    return values


def _known(value: float, amounts: list[float] | tuple[float, ...]) -> bool:
    return any(abs(value - a) <= max(1.0, 0.005 * a) for a in amounts)


def _names(solution: Solution) -> tuple[str, ...]:
    return (normalize(solution.name_zh), solution.name_en.lower())


def missing_decisions(
    answer: str, decisions: Decisions, catalogue: Catalogue, places: RegionGazetteer
) -> list[str]:
    """The decisions `answer` drops or changes, each as '<kind>: <id>' (never quoting the model)."""
    problems = []
    text = normalize(answer)
    if decisions.language != detect_language(answer):
        problems.append(f"wrong language: not {decisions.language}")
    for solution in decisions.solutions:
        if not any(name in text for name in _names(solution)):
            problems.append(f"missing solution: {solution.id}")
    parts = [(s, mentioned_programs(s, catalogue, places)) for s in sentences(answer)]
    for program, verdict in decisions.programs:
        naming = [(s, found) for s, found in parts if program in found]
        if not naming:
            problems.append(f"missing program: {program.id}")
            continue
        said = set().union(*(verdicts_in(s) for s, _ in naming))
        # Only a sentence about this program alone can contradict its verdict.
        alone = [s for s, found in naming if len(found) == 1]
        # Hedging ("to be verified") next to an eligible program is harmless; a promise is not.
        if (verdict is not Verdict.eligible and any(promises_eligibility(s) for s in alone)) or (
            verdict is Verdict.eligible and any(Verdict.ineligible in verdicts_in(s) for s in alone)
        ):
            problems.append(f"verdict changed: {program.id}")
        elif verdict not in said:
            problems.append(f"verdict not stated: {program.id}")
    answered = money_amounts(answer)
    for solution_id, low, high in decisions.net_costs:
        if not (_known(low, answered) or _known(high, answered)):
            problems.append(f"missing amount: net cost of {solution_id}")
    if wrong := [a for a in answered if not _known(a, decisions.amounts)]:
        problems.append(f"amounts not the engine's: {len(wrong)}")
    return problems


def degenerate(
    answer: str, offline: str, decisions: Decisions, catalogue: Catalogue, places: RegionGazetteer
) -> list[str]:
    def carries(sentence: str) -> bool:
        norm = normalize(sentence)
        return bool(
            mentioned_programs(sentence, catalogue, places)
            or any(name in norm for s in decisions.solutions for name in _names(s))
            or re.search(r"\d", _strip_marks(norm))
            or REMINDER.search(norm)
        )

    return degeneracy(answer, offline, carries)


def _strip_marks(text: str) -> str:
    return re.sub(r"\[\d+\]", "", text)
