"""The two ends of a figure an owner gives as a range, however it is written: "两三百万" (2–3 million), "二三十人"
(20–30), "五十来个" (50–59), "十几个" (10–19), "五百到八百万", "30-50 people".

numbers.py reads every such figure at its upper end (a budget is a ceiling; the dev sets read "三四十号人" as 40).
The lower end matters where a threshold lies between the two: a headcount of "二三十" straddles no line for a
factory but "一二十" straddles its 20-person line, and then the size class is not known (asked, not guessed).
"""

from __future__ import annotations

import re

_CN_DIGIT = "一二两三四五六七八九"
# "两三", "二三十", "三五十", "七八十": two digits side by side, the first the lower end (numbers._PAIR reads the
# upper one). "十万八万" names its ends in full.
_PAIR = re.compile(rf"([{_CN_DIGIT}])([二三四五六七八九])(?=[十百千万亿]|$)")
_TWICE = re.compile(r"^([零〇一二两三四五六七八九十]+)(万|千|亿)[零〇一二两三四五六七八九十]+\2$")
# A word after a figure that makes it "N and some": 来 and 多/几/余 ("五十来个", "三十多人", "十几个", "二十余人").
APPROXIMATE_SUFFIX = re.compile(r"\s*(来|多|几|余)")
_PLACE_VALUES = (100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1000, 100, 10, 1)


def pair_lower(token: str) -> str | None:
    """The numeral at its lower end when it names a range ("两三百万" -> "两百万"), else None."""
    if twice := _TWICE.match(token):
        return twice.group(1) + twice.group(2)
    if _PAIR.search(token):
        return _PAIR.sub(lambda m: m.group(1), token, count=1)
    return None


def _step(value: float) -> int:
    """The place of the last non-zero digit: 50 -> 10, 300 -> 100, 1200 -> 100, 8 -> 1."""
    whole = round(value)
    return next((p for p in _PLACE_VALUES if whole and whole % p == 0), 1)


def approximate_range(value: float, suffix: str) -> tuple[float, float] | None:
    """ "五十来" is 50–59, "三十多" 30–39, "十几" 10–19: a figure and the word after it, as two ends (the lower end
    is the figure itself, as the single reading is). None for a figure of one digit's place or an unknown word."""
    step = _step(value)
    if step < 10 or suffix not in "来多几余":
        return None
    return value, value + step - 1
