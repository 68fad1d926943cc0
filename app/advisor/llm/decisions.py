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
from app.advisor.llm.guard import mentioned_programs
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
# Verdict words, most specific first: "不符合" must not also read as "符合".
_VERDICT_WORDS = (
    (
        Verdict.ineligible,
        re.compile(
            r"不符合|不满足|不能申请|无法申请|不可申请|不具备|不适用|not eligible|ineligible|"
            r"(?:does|do)(?: not|n't) qualify|cannot apply|can't apply|not qualify",
            re.IGNORECASE,
        ),
    ),
    (
        Verdict.unknown,
        re.compile(
            r"待确认|待核实|需确认|需要确认|尚不确定|不确定|尚不清楚|有待|是否符合|能否申请|是否可以申请|"
            r"需遴选|须.{0,8}入选|only if|selection required|"
            r"to be confirmed|unclear|unknown|whether|"
            r"not (?:yet )?(?:known|clear|sure)|needs? (?:to be )?confirm|cannot tell|depends on",
            re.IGNORECASE,
        ),
    ),
    (
        Verdict.eligible,
        re.compile(
            r"基本符合|符合条件|符合申请条件|符合要求|可以申请|能申请|可申请|有资格|可享受|eligible|qualif|can apply",
            re.IGNORECASE,
        ),
    ),
)
# "Confirm with the issuing authority" is a reminder, not a verdict.
_REMINDER = re.compile(
    r"(向|与|请).{0,12}(主管部门|发文单位|主管机关).{0,6}(确认|核实)|confirm with|check with", re.IGNORECASE
)


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
            programs=tuple((a.program, a.verdict) for a in turn.programs),
            net_costs=net_costs,
            amounts=tuple(stated + money_amounts(context)),
        )


def money_amounts(text: str) -> list[float]:
    values = []
    for match in _MONEY.finditer(normalize(text)):
        number = match.group(1) or match.group(3) or match.group(5)
        unit = match.group(2) or match.group(4) or match.group(6)
        value = parse_amount(number, unit)
        if value is not None:
            values.append(value)
    return values


def _known(value: float, amounts: list[float] | tuple[float, ...]) -> bool:
    return any(abs(value - a) <= max(1.0, 0.005 * a) for a in amounts)


def verdicts_in(sentence: str) -> set[Verdict]:
    text = _REMINDER.sub("", normalize(sentence))
    found = set()
    for verdict, words in _VERDICT_WORDS:
        if words.search(text):
            found.add(verdict)
            text = words.sub(" ", text)
    return found


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
        alone = set().union(*(verdicts_in(s) for s, found in naming if len(found) == 1))
        # Hedging ("to be verified") next to an eligible program is harmless; a promise is not.
        if (verdict is not Verdict.eligible and Verdict.eligible in alone) or (
            verdict is Verdict.eligible and Verdict.ineligible in alone
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
            or _REMINDER.search(norm)
        )

    return degeneracy(answer, offline, carries)


def _strip_marks(text: str) -> str:
    return re.sub(r"\[\d+\]", "", text)
