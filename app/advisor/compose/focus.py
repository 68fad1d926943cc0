"""The first line of a funding answer answers the question that was asked.

"这些补贴能叠加吗" gets yes or no for the programs shown, with the combined cap the catalogue states;
"能补多少" gets the rate and the cap ("还来得及吗" is answered by the engine's date notes). Everything
comes from the engine's assessments and the catalogue entries behind them; nothing is estimated here.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations
from typing import Literal

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Assessment
from app.advisor.understand.classify import AMOUNT, DEADLINE, STACKING
from app.catalogue.render import format_cny, format_ratio
from app.text.normalize import normalize

Asked = Literal["stacking", "amount", "deadline"]


def asked(question: str) -> Asked | None:
    text = normalize(question)
    if STACKING.search(text):
        return "stacking"
    if DEADLINE.search(text):
        return "deadline"
    if AMOUNT.search(text):
        return "amount"
    return None


def _stacking(programs: list[Assessment], language: Lang) -> str:
    shown = programs[:4]
    names = [a.program.name_en if language == "en" else a.program.name for a in shown]
    pairs = []
    for a, b in combinations(shown, 2):
        rule_a, rule_b = a.program.benefit.stacking, b.program.benefit.stacking
        if b.program.id in rule_a.stackable_with or a.program.id in rule_b.stackable_with:
            cap = rule_a.combined_ratio_cap or rule_b.combined_ratio_cap
            pairs.append((a, b, cap))
    notes = [a.program.benefit.stacking.note for a in shown if a.program.benefit.stacking.note]
    if language == "en":
        if not pairs:
            head = (
                f"Can they be stacked? No: the catalogue does not say that {', '.join(names)} can be combined, "
                "so count on one of them per expense."
            )
        else:
            parts = [
                f"{a.program.name_en} and {b.program.name_en} can be combined"
                + (f", together at most {format_ratio(cap)} of the cost" if cap else "")
                for a, b, cap in pairs
            ]
            head = "Can they be stacked? Yes, in part: " + "; ".join(parts) + "."
        return head + (f" Note: {'; '.join(notes)}." if notes else "")
    if not pairs:
        head = f"能否叠加：不能。目录未写明{'、'.join(names)}可以叠加，同一笔支出按只能申请其中一项处理。"
    else:
        parts = [
            f"{a.program.name}与{b.program.name}可以叠加"
            + (f"，合计不超过费用的{format_ratio(cap)}" if cap else "")
            for a, b, cap in pairs
        ]
        head = "能否叠加：部分可以。" + "；".join(parts) + "。"
    return head + (f"（原文说明：{'；'.join(notes)}）" if notes else "")


def _amount(programs: list[Assessment], language: Lang) -> str:
    lines = []
    for a in programs[:3]:
        benefit = a.program.benefit
        name = a.program.name_en if language == "en" else a.program.name
        ratio = f"{format_ratio(a.ratio)}" if a.ratio else None
        cap = format_cny(benefit.cap, benefit.currency) if benefit.cap else None
        if language == "en":
            bits = [f"rate {ratio}" if ratio else "", f"capped at {cap}" if cap else ""]
            lines.append(f"{name}: " + (", ".join(b for b in bits if b) or benefit.summary))
        else:
            bits = [f"按{ratio}补贴" if ratio else "", f"最高{cap}" if cap else ""]
            lines.append(f"{name}：" + ("，".join(b for b in bits if b) or benefit.summary))
    head = "How much: " if language == "en" else "能补多少："
    return head + ("; " if language == "en" else "；").join(lines) + ("." if language == "en" else "。")


def focus_line(question: str, programs: list[Assessment], today: date, language: Lang) -> str | None:
    """The direct answer to a stacking, amount or deadline question, or None for other questions."""
    kind = asked(question)
    if kind is None or not programs:
        return None
    if kind == "stacking":
        return _stacking(programs, language)
    if kind == "amount":
        return _amount(programs, language)
    return None  # deadlines: the engine's date notes lead the answer (date and days left)
