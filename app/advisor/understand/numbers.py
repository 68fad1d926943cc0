"""Numbers as owners write them: 20人, 二十来个人, 年营收3000万, 1.2亿, 预算3万以内, 50k, RMB 2 million."""

from __future__ import annotations

import math
import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_CN_NUMBER = "[零〇一二两三四五六七八九十百千万亿]+"
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_CN_NUMBER})"


def chinese_to_number(text: str) -> float | None:
    """二十 -> 20, 三千五百 -> 3500, 一亿二千万 -> 120000000; None if not a numeral."""
    if not text or any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit if digit is not None else 1) * _SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += section * _BIG_UNITS[ch] if section else _BIG_UNITS[ch]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def parse_number(token: str) -> float | None:
    token = token.strip().replace(",", "")
    try:
        value: float | None = float(token)
    except ValueError:
        value = chinese_to_number(token)
    # "9" * 400 parses to inf: no business has that many anything.
    return value if value is not None and math.isfinite(value) else None


_UNIT_FACTORS = {
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "千": 1e3,
    "k": 1e3,
    "m": 1e6,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
}
AMOUNT = rf"({NUMBER})\s*(?:个)?\s*(亿|千万|百万|万|千|k\b|m\b|mn\b|million|billion|bn\b)?\s*(?:元|块|人民币|rmb|cny|yuan)?"
_AMOUNT_RE = re.compile(AMOUNT, re.IGNORECASE)


def parse_amount(number: str, unit: str | None) -> float | None:
    """An amount in CNY from a number and an optional unit; 3万 -> 30000."""
    value = parse_number(number)
    if value is None:
        return None
    # 3千5 style numerals already carry their unit; 一亿二千万 parsed whole above.
    return value * _UNIT_FACTORS.get((unit or "").lower(), 1.0)


def first_amount(text: str) -> float | None:
    match = _AMOUNT_RE.search(text)
    return parse_amount(match.group(1), match.group(2)) if match else None
