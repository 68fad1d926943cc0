"""The name a program goes by in one answer: its short name, and its edition where two listed share it.

Two editions of a program (成都市算力券 of 2023 and of 2025) have the same short name; listed together they read
as one program twice (review12 r12-57/58: two lines both "Chengdu compute voucher"). Where the programs of an
answer share a short name, each is told apart by the year of its edition.
"""

from __future__ import annotations

import re
from collections import Counter

from app.catalogue.models import FundingProgram


def short_name(name: str) -> str:
    """The name without its trailing parenthesis: 设备更新贷款财政贴息（…2026年优化版） -> 设备更新贷款财政贴息."""
    short = re.sub(r"\s*[（(][^（）()]*[）)]$", "", name).strip()
    return short if len(short) >= 4 else name


def _year(program: FundingProgram) -> int | None:
    validity = program.validity
    day = validity.issued_on or validity.effective_from
    if day is not None:
        return day.year
    found = re.search(r"(20\d\d)", program.id)
    return int(found.group(1)) if found else None


def names_apart(programs: list[FundingProgram], en: bool) -> dict[str, str]:
    """Each program's name in this answer, by id: the short name, with the edition's year where two share it."""
    shorts = {p.id: short_name(p.name_en if en else p.name) for p in programs}
    shared = Counter(shorts.values())
    names = {}
    for program in programs:
        short, year = shorts[program.id], _year(program)
        if shared[short] < 2 or year is None:
            names[program.id] = short
        else:
            names[program.id] = f"{short} ({year} edition)" if en else f"{short}（{year}年版）"
    return names
