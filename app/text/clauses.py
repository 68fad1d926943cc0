"""The client's message cut into sentences or clauses: the one reader every recogniser uses.

Owners write Chinese, Cantonese and English, often mixed, on a phone: full-width and half-width marks (after
`normalize` every mark but 。 and 、 is half-width), figures with a decimal point or a thousands separator
("1.5万", "$1,500,000"), English abbreviations ("e.g.", "Inc.") and the odd "." typed as a Chinese full stop
("买了GPU.预算50万"). Before this module about twenty modules each had a regex of their own, and those that cut at
every "." read "1.5万" as two clauses ("1" and "5万"); one reader keeps the rule in one place.

Granularities (each reads the same marks, so a recogniser that moves from one to another sees the same cuts):
- `sentences`: what a client says in one breath; a condition, a date or a rumour is read inside one.
- `clauses`: a sentence cut at its commas and semicolons too; a claim, a need or an owned thing sits in one.
- `clause_spans`: the clauses with their offsets (and, on request, their closing mark, so a question keeps its
  "?"), for recognisers that already hold a match's position in the text.
- `span_around`: the clause (or sentence) holding a figure or a name found elsewhere in the text.

Options are the real differences between callers, named: `colon` (a colon opens a list or an answer: "需求：质检，
排产" is two needs, but some readers keep "预算：50万" whole), `listing` (、 separates listed items, which most
readers keep together as one object: "质检、排产系统"), `semicolon` at sentence level (some readers treat ";" as a
sentence end, others as a clause mark inside one sentence).
"""

from __future__ import annotations

import re
from functools import cache

# A "." ends a sentence unless it sits inside a figure, a web address or a version ("1.5万", "deepseek.com",
# "v2.5": an ASCII letter or digit on both sides) or closes a common abbreviation ("e.g.", "Inc.", "etc.").
_ABBREVIATIONS = (
    "e.g",
    "i.e",
    "inc",
    "co",
    "ltd",
    "corp",
    "etc",
    "vs",
    "no",
    "approx",
    "a.i",
    "u.s",
    "mr",
    "dr",
)
_FULL_STOP = (
    "".join(rf"(?<!\b{re.escape(a)})" for a in _ABBREVIATIONS) + r"(?:(?<![0-9A-Za-z])\.|\.(?![0-9A-Za-z]))"
)
_SENTENCE_MARKS = "。！？!?\n"
# A comma inside a figure ("1,500,000") is a thousands separator, not a clause mark.
_COMMA = r"(?:，|(?<!\d),|,(?!\d{3}(?!\d)))"


@cache
def mark(
    *, level: str = "clause", semicolon: bool = True, colon: bool = False, listing: bool = False
) -> re.Pattern[str]:
    """One mark that ends a sentence (`level="sentence"`) or a clause: a single character each time, so a cut's
    position is the mark's start."""
    if level not in ("sentence", "clause"):
        raise ValueError(f"level is 'sentence' or 'clause', not {level!r}")
    chars = _SENTENCE_MARKS + ("；;" if semicolon or level == "clause" else "")
    chars += ("：:" if colon else "") + ("、" if listing else "")
    alternatives = [f"[{re.escape(chars)}]", _FULL_STOP] + ([_COMMA] if level == "clause" else [])
    return re.compile("|".join(alternatives), re.IGNORECASE)


def spans(
    text: str,
    *,
    level: str = "clause",
    semicolon: bool = True,
    colon: bool = False,
    listing: bool = False,
    with_mark: bool = False,
) -> list[tuple[int, int]]:
    """The (start, end) of each non-blank piece between marks; with `with_mark`, a piece's end takes in the one
    mark that closes it."""
    found, begin = [], 0
    for cut in mark(level=level, semicolon=semicolon, colon=colon, listing=listing).finditer(text):
        if text[begin : cut.start()].strip():
            found.append((begin, cut.end() if with_mark else cut.start()))
        begin = cut.end()
    if text[begin:].strip():
        found.append((begin, len(text)))
    return found


def sentences(text: str, *, semicolon: bool = True) -> list[str]:
    """The non-blank sentences of `text`, unstripped; with `semicolon=False` a ";" stays inside its sentence."""
    return [text[a:b] for a, b in spans(text, level="sentence", semicolon=semicolon)]


def clauses(text: str, *, colon: bool = False, listing: bool = False) -> list[str]:
    """The non-blank clauses of `text`, unstripped."""
    return [text[a:b] for a, b in spans(text, colon=colon, listing=listing)]


def clause_spans(text: str, *, colon: bool = False, with_mark: bool = False) -> list[tuple[int, int]]:
    """The (start, end) of each non-blank clause of `text`, with its closing mark when `with_mark`."""
    return spans(text, colon=colon, with_mark=with_mark)


def span_around(
    text: str, start: int, end: int, *, level: str = "clause", semicolon: bool = True, colon: bool = False
) -> tuple[int, int]:
    """The (begin, finish) of the piece holding text[start:end]: from just after the last mark before `start` to the
    first mark at or after `end` (a mark inside the span, as in "1,500", does not cut it)."""
    cuts = mark(level=level, semicolon=semicolon, colon=colon).finditer(text)
    begin, finish = 0, len(text)
    for cut in cuts:
        if cut.end() <= start:
            begin = cut.end()
        elif cut.start() >= end:
            finish = cut.start()
            break
    return begin, finish
