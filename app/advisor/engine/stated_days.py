"""When the client says they will sign or spend, read as the earliest day the words can mean (advice_rules.md §4).

A program pays for spend within its validity. Owners name a day ("12月20号签约", "十二月二十號先簽", "Dec 20",
"2026-12-20"), a month ("1月份签", "一月中", "in January", "early January") or a season ("过完年", "元旦后",
"after Chinese New Year"). Each reading is the earliest day the words allow, so a spend that starts after a
program's end is known to be outside it whatever day of the month is meant; a month that has begun is today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.advisor.engine.conditions import Condition, Reason, Status

_MONTHS_EN = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]  # fmt: skip
_MONTH_EN = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
)
_DAY = re.compile(
    r"(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})(?:\s*[日号]|(?![\d万千元块.]))|(20\d\d)-(\d{1,2})-(\d{1,2})|"
    rf"\b{_MONTH_EN}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_EN}",
    re.I,
)
# A month alone: "1月份", "1月中", "2027年1月"; not "3个月" (a duration) nor a month followed by its day.
_MONTH_ZH = re.compile(
    r"(?:(20\d\d)\s*年\s*)?(?<![\d个])(\d{1,2})\s*月(份|初|上旬|中旬?|下旬|底|末)?(?!\s*\d)"
)
_MONTH_ALONE_EN = re.compile(
    rf"\b(?:in|from|during|after|early|mid|late|end of|beginning of|start of|the start of)(?:\s+|-)"
    rf"{_MONTH_EN}(?!\s*\d)",
    re.I,
)
# The start of next year however it is said: the New Year, the Spring Festival, "年后" (not "3年后", a duration).
_NEW_YEAR = re.compile(
    r"过完年|(?<![\d一二三四五六七八九十两几个])年后|春节后|过了年|元旦后|开年后?|"
    r"after (?:the )?(?:chinese |lunar )?new year|after (?:the )?spring festival",
    re.I,
)
_NEXT_MONTH = re.compile(r"下个?月|next month", re.I)
_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = re.compile(r"[一二两三四五六七八九十]{1,3}(?=\s*[月日号])")
_PART_START = {"中": 11, "中旬": 11, "下旬": 21, "底": 21, "末": 21, "mid": 11, "late": 21, "end": 21}
_PART_EN = {"中": "mid ", "中旬": "mid ", "下旬": "late ", "底": "late ", "末": "late ", "mid": "mid ", "late": "late ",
            "end": "late "}  # fmt: skip


@dataclass(frozen=True)
class StatedDay:
    day: date  # the earliest day the words can mean
    zh: str  # as the client said it, for the reason: "12月20日", "1月", "过完年"
    en: str  # "on 2026-12-20", "in January 2027", "after the New Year (from 2027-01-01)"
    latest: date | None = None  # "12月底前", "before Dec 20": the day is a latest date, any day till then


# "12月底前签合同", "20号之前", "before December 20", "by the end of December": a latest date, not the date.
_BY_AFTER = re.compile(r"^\s*(?:之前|以前|前|为止)")
_BY_BEFORE = re.compile(r"(?:\bbefore|\bby|no later than|不晚于|最晚|最迟)\s*(?:the\s+)?$", re.I)


def stated_day(sentence: str, today: date) -> StatedDay | None:
    """The day (or the earliest day of the month or season) a sentence names; None when it names none.
    A latest date ("12月底前") can mean any day from today: `latest` keeps it."""
    text = _CN_NUMBER.sub(lambda m: str(_cn_number(m.group(0))), sentence)
    said = _a_day(text, today) or _a_month(text, today) or _a_season(text, today)
    if said is None:
        return None
    found, span = said
    if span is None:
        return found
    start, end = span
    if not (_BY_AFTER.search(text[end:]) or _BY_BEFORE.search(text[:start])):
        return found
    latest = _month_end(found.day) if re.search(r"底|末|end of", text[start:end], re.I) else found.day
    return StatedDay(today, f"{found.zh}前", f"by {latest:%Y-%m-%d}", latest=latest)


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _a_day(text: str, today: date) -> tuple[StatedDay, tuple[int, int]] | None:
    match = _DAY.search(text)
    if match is None:
        return None
    g = match.groups()
    if g[1]:
        year, month, day = g[0], int(g[1]), int(g[2])
    elif g[4]:
        year, month, day = g[3], int(g[4]), int(g[5])
    elif g[6]:
        year, month, day = None, _MONTHS_EN.index(g[6][:3].lower()) + 1, int(g[7])
    else:
        year, month, day = None, _MONTHS_EN.index(g[9][:3].lower()) + 1, int(g[8])
    try:
        found = date(int(year) if year else today.year, month, day)
        if not year and found < today:
            found = date(today.year + 1, month, day)
    except ValueError:  # "2月30号"
        return None
    return StatedDay(found, f"{found.month}月{found.day}日", f"on {found:%Y-%m-%d}"), match.span()


def _a_month(text: str, today: date) -> tuple[StatedDay, tuple[int, int] | None] | None:
    zh = _MONTH_ZH.search(text)
    en = None if zh else _MONTH_ALONE_EN.search(text)
    span: tuple[int, int] | None = None
    if zh is not None and 1 <= int(zh.group(2)) <= 12:
        year, month, part, span = zh.group(1), int(zh.group(2)), zh.group(3) or "", zh.span()
    elif en is not None:
        year, month, span = None, _MONTHS_EN.index(en.group(1)[:3].lower()) + 1, en.span()
        part = re.match(r"[a-z]*", en.group(0).lower()).group(0)  # type: ignore[union-attr]
    elif _NEXT_MONTH.search(text):
        year, month, part = None, today.month % 12 + 1, ""
    else:
        return None
    start = date(int(year) if year else today.year, month, _PART_START.get(part, 1))
    if not year and month < today.month:
        start = start.replace(year=today.year + 1)  # a month already past this year is next year's
    start = max(start, today)  # a month that has begun can mean today
    said = _PART_EN.get(part, "")
    zh_part = part if part in _PART_START and not part.isascii() else ""  # "12月底", never "12月mid"
    return StatedDay(start, f"{month}月{zh_part}", f"in {said}{_MONTH_NAMES[month - 1]} {start.year}"), span


def _a_season(text: str, today: date) -> tuple[StatedDay, None] | None:
    match = _NEW_YEAR.search(text)
    if match is None:
        return None
    start = date(today.year + 1, 1, 1)
    return StatedDay(start, match.group(0), f"after the New Year (from {start:%Y-%m-%d})"), None


def _cn_number(numeral: str) -> int:
    """ "十二" -> 12, "二十五" -> 25, "三" -> 3 (months and days only)."""
    if "十" not in numeral:
        return _CN_DIGITS.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def signed_by(when: StatedDay, until: date) -> Condition | None:
    """A latest date past the program's end ("12月底前签合同", ending 12-17): possible, not ruled out (review12
    r12-06 was told ❌ "您说12月底签约"): only what is signed and spent by the end is covered."""
    if when.latest is None or when.latest <= until:
        return None
    return Condition(
        "validity",
        Status.unknown,
        Reason(
            f"您说{when.zh}签约：须在{until}前签约并完成支出才在其内，之后的支出除非续期或出新一期不在其内",
            f"you sign {when.en}: only spend signed and made by {until} is covered; later spend only if renewed",
        ),
    )
