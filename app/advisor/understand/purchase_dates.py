"""The year a client says a purchase was made: "去年实打实付了25万的算力费" (last year), "2024年签的改造合同",
"前年买了一套MES", "three years ago", "we signed it back in 2023", "this year's contract is 220k".

A program pays for spend inside its window: a contract signed before a program started is not one it was written
for (advice_rules.md "time"), so the engine judges a purchase's year against the program's start. The year is read
only when the client says it, from the date word nearest the amount: the last one before it in its words, else the
first one after it ("we paid 300k for GPU rental last year"). A spend said as past with no year ("之前已经付了") keeps
none: guessing one would decide a verdict on a date nobody gave.
"""

from __future__ import annotations

import re
from datetime import date

_I = re.IGNORECASE
_ZH_COUNT = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
# Each pattern: a date word and how it gives the year (an offset from this year, or the year written out).
_YEARS_BACK = re.compile(r"(\d|[一两二三四五])\s*年(?:以)?前|\b(\d|one|two|three|four|five) years? ago\b", _I)
_EN_COUNT = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_RELATIVE = re.compile(
    # 旧年 is Cantonese for last year (舊年 normalised); 上年度 / 上一年 as in a firm's accounts.
    r"(?P<y3>大前年)|(?P<y2>前年|\bthe year before last\b|\btwo years back\b)|"
    r"(?P<y1>去年|旧年|上一年度?|上年度|\blast year'?s?\b|\bprevious year\b|\bprior year\b)|"
    r"(?P<y0>今年|本年度?|\bthis year'?s?\b|\bthe current year\b)",
    _I,
)
# A calendar year said as one: "2024年签的", "signed in 2025", "back in 2023"; never a bare figure ("每月2000").
_CALENDAR = re.compile(
    r"(?<![\d.,])(19[89]\d|20[0-4]\d)\s*年|\b(?:in|since|during|from)\s+(19[89]\d|20[0-4]\d)\b", _I
)
_OFFSETS = {"y3": 3, "y2": 2, "y1": 1, "y0": 0}


def _said_years(words: str, today: date) -> list[tuple[int, int]]:
    """Every year the words name, with where each is said (its end), in order."""
    found = []
    for match in _RELATIVE.finditer(words):
        offset = next(_OFFSETS[name] for name, value in match.groupdict().items() if value)
        found.append((match.end(), today.year - offset))
    for match in _YEARS_BACK.finditer(words):
        count = match.group(1) or match.group(2)
        back = int(count) if count.isdigit() else _ZH_COUNT.get(count) or _EN_COUNT.get(count.lower(), 0)
        if 0 < back < 50:
            found.append((match.end(), today.year - back))
    for match in _CALENDAR.finditer(words):
        year = int(match.group(1) or match.group(2))
        if year <= today.year:  # a year to come is a plan's, not a purchase made
            found.append((match.end(), year))
    return sorted(found)


def year_said(before: str, after: str, today: date) -> int | None:
    """The year the client puts a spend in: the date word nearest before the amount in `before` (its own words up
    to it), else the first in `after` (its words after it); None when they name no year."""
    if earlier := _said_years(before, today):
        return earlier[-1][1]
    later = _said_years(after, today)
    return later[0][1] if later else None
