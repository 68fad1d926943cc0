"""A figure corrected in the same breath: "每月3000，不对，是8000", "about 5,000 a month, sorry, I mean 15,000",
"20人，哦不，35人". The second figure is the one meant; read as two, the first (and smaller) was the one priced and
a threshold the corrected figure crosses was missed (s21 c21-07).

`corrected_figures` rewrites the text so that only the corrected figure stands, where the first stood, with the
magnitude the first was said in when the correction gives none ("3万，不对，是8" is 8万): every reader after it
(headcount, revenue, budget, purchases) sees one figure. Positions of everything outside the correction stay.
A figure corrected in a later message is merged by the conversation (restated_contract.py, later_facts.py).
"""

from __future__ import annotations

import re

# A number as owners type it: digits with separators, or Chinese numerals.
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|[零一二两三四五六七八九十百千]+)"
# Its magnitude, part of the figure ("3万", "5k", "1.2m"); a unit word (元, 人, a month) is what it counts.
_MAGNITUDE = r"(?:\s*(?:万|千|百万|亿|w|k|m)(?![a-z]))?"
# The words that take a figure back, between two figures. Not "不是": "是8万，不是5万" keeps the first.
_TAKE_BACK = (
    r"不对|说错了?|讲错了?|打错了?|写错了?|口误|哦不|噢不|呃不|更正一下|纠正一下|应该是|"
    r"sorry|i mean(?:t)?|correction|no wait|i mis-?typed|make that|scratch that"
)
# The first figure, up to sixteen characters of what it counts ("块钱", " a month"), the take-back, a 是/is, the
# figure meant. No sentence ends in between.
CORRECTED = re.compile(
    rf"(?P<old>{_NUMBER})(?P<old_mag>{_MAGNITUDE})(?P<gap>[^\d。.；;!?！？]{{0,16}}?)"
    rf"[\s，,、—\-–]*(?:(?:{_TAKE_BACK})[\s，,、:：—\-–]*)+(?:其实|实际)?(?:是|应该是|为|is|it'?s|was)?\s*"
    rf"(?P<new>{_NUMBER})(?P<new_mag>{_MAGNITUDE})",
    re.I,
)


def corrected_figures(text: str) -> str:
    """`text` with each figure taken back replaced by the one meant; same length, other positions unchanged."""
    out = text
    for match in reversed(list(CORRECTED.finditer(text))):
        magnitude = match.group("new_mag") or match.group("old_mag")
        meant = match.group("new") + magnitude + match.group("gap")
        span = match.end() - match.start()
        if len(meant) > span:
            continue  # cannot happen (the take-back is at least two characters); kept safe for positions
        out = out[: match.start()] + meant.ljust(span) + out[match.end() :]
    return out
