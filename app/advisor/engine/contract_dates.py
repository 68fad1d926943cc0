"""A contract the client dates before a program began (advice_rules.md §4; review15 r15-53).

"We signed our retrofit contract back in 2022. Can the Dalian DX pilot still reimburse us?": the Dalian pilot is the
2023 first batch, so the project predates it. No catalogued program states a retroactive rule, so a consultant says
the dates, tells the client to confirm with the issuer and not to count on it: to confirm (❔), never ✅.

The client's year is read in the clause that names the signing or buying ("合同是2022年签的", "去年签的合同", "2024年
就签了…算力合同", "signed in 2022", "bought it last year"); the program's start is its issue or start date, else
the year its own title names ("（第一批，2023年）").
"""

from __future__ import annotations

import re
from datetime import date

from app.advisor.engine.conditions import Condition, Reason, Status
from app.catalogue.models import FundingProgram
from app.text.clauses import clauses

# A clause of its own: the year binds to the verb beside it, not to a founding year in the next clause.
# Signing, buying or installing, done: what a program would pay for.
_DONE = re.compile(
    r"签|买|购|采购|合同|上了|装了|上的|花了|付了|"
    r"\bsigned\b|\bbought\b|\bpurchased\b|\bcontract\w*|\binstalled\b|\bspent\b|\bpaid\b|\bordered\b",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)\s*年|\b(?:in|back in|since|during)\s+(20\d\d)\b", re.I)
_RELATIVE = [
    (re.compile(r"前年|the year before last", re.I), 2),
    (re.compile(r"(?<!前)去年|\blast year\b", re.I), 1),
]
_YEARS_AGO = re.compile(r"([两二三四五1-5])\s*年前|\b([2-5]|two|three|four|five) years ago\b", re.I)
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "two": 2, "three": 3, "four": 4, "five": 5}
# A title's year: "（第一批，2023年）", "（2025年）", "（2024—2026年）" (the first year is the start).
_TITLE_YEAR = re.compile(r"[（(][^（）()]*?(20\d\d)\s*(?:年|[—–-])")


def _said_year(clause: str, today: date) -> int | None:
    """The past year the clause dates its signing or buying in, or None."""
    found = _YEAR.search(clause)
    if found:
        year = int(found.group(1) or found.group(2))
        return year if year < today.year else None
    for pattern, back in _RELATIVE:
        if pattern.search(clause):
            return today.year - back
    ago = _YEARS_AGO.search(clause)
    if ago:
        count = (ago.group(1) or ago.group(2)).lower()
        return today.year - (int(count) if count.isdigit() else _COUNTS[count])
    return None


def program_start(program: FundingProgram) -> int | None:
    """The year a program began: its issue or start date, else the year its own title names."""
    validity = program.validity
    start = validity.issued_on or validity.effective_from
    if start is not None:
        return start.year
    found = _TITLE_YEAR.search(program.name)
    return int(found.group(1)) if found else None


def signed_year(said: str, today: date) -> int | None:
    """The earliest past year the client says they signed or bought in, or None."""
    years = [
        year
        for clause in clauses(said)
        if _DONE.search(clause) and (year := _said_year(clause, today)) is not None
    ]
    return min(years) if years else None


def signed_before_start(program: FundingProgram, said: str, today: date) -> Condition | None:
    """To confirm, with both dates, when the client's contract predates the program; None otherwise."""
    start = program_start(program)
    year = signed_year(said, today)
    if start is None or year is None or year >= start:
        return None
    issuer, issuer_en = program.issuer, program.issuer_en
    return Condition(
        "timing",
        Status.unknown,
        Reason(
            f"您说合同{year}年就已签订，早于这个项目（{start}年起）：所读原文没有写明可以追溯支持之前签的合同，"
            f"请向{issuer}确认，不要指望这笔钱",
            f"you signed in {year}, before this program began ({start}): the text read holds no rule that it "
            f"covers contracts signed before it, so confirm with {issuer_en} and do not count on it",
        ),
    )
