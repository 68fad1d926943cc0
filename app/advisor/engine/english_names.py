"""A program's English name said by an owner: a run of its words, or its words in order with one left out.

"the Suzhou SME digital transformation pilot" names Suzhou's pilot; "the R&D super deduction" the "R&D expense
super-deduction". Words every kind of program's English name has ("subsidy for AI", "SME digital transformation")
name none, and a run more than two programs share is generic. program_names.py reads the Han names and decides,
with these, which programs a message names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.advisor.engine.names_in_order import MIN_WORDS as IN_ORDER_MIN_WORDS
from app.advisor.engine.names_in_order import holds_words_in_order, of_swapped, words_in_order

MIN_EN_WORDS = 3  # words of an English name a message must repeat: "sme digital transformation" is generic
WORD = re.compile(r"[a-z0-9]+")
FEWEST_WORDS = min(MIN_EN_WORDS, IN_ORDER_MIN_WORDS)  # of an English name, in a row or in order
# Words every kind of program's English name has: a run of them names no program ("subsidy for AI"); "SME
# digital transformation pilot" is every city's pilot (r9-34 named Hefei's and Ningbo's for a Suzhou firm).
_GENERIC_WORDS = (
    "a an the of for and in on to by with ai sme smes firms firm companies company enterprise enterprises "
    "subsidy subsidies voucher vouchers grant grants fund funds award awards program programme scheme "
    "support policy policies measures city pilot digital transformation digitalisation digitalization "
    # A figure in a name ("up to 5 million yuan per unit") is no name: "revenue about 2.5 million yuan" named it.
    "up per unit million billion thousand yuan rmb cny year years"
)
_GENERIC_EN = frozenset(_GENERIC_WORDS.split())


def _distinctive(words: Sequence[str]) -> bool:
    return sum(word not in _GENERIC_EN and not word.isdigit() for word in words) >= 2


class EnglishNames:
    """The programs' English names (without their bracketed source), by word; `i` is a program's place in them."""

    def __init__(self, names: Sequence[str], max_sharing: int) -> None:
        self._words = [WORD.findall(name) for name in names]
        self._max_sharing = max_sharing  # a run more names share is generic
        self._vocabulary = [frozenset(words) for words in self._words]

    def may_name(self, i: int, message_words: Sequence[str]) -> bool:
        """The message holds FEWEST_WORDS of the name's words at least (in a row or in order needs as many)."""
        return sum(w in self._vocabulary[i] for w in message_words) >= FEWEST_WORDS

    def run(self, i: int, message_words: Sequence[str]) -> str | None:
        """The longest run of the name's words the message repeats, when distinctive and shared by at most
        `max_sharing` names: "the Suzhou SME digital transformation pilot" names Suzhou's."""
        name, said = self._words[i], f" {' '.join(message_words)} "
        best = ""
        for start in range(len(name)):
            for end in range(start + MIN_EN_WORDS, len(name) + 1):
                run = " ".join(name[start:end])
                if f" {run} " not in said:
                    break
                best = max(best, run, key=len)
        if not best or not _distinctive(best.split()):
            return None  # "subsidy for ai" is in a Wuhan name, and names nothing
        sharing = sum(f" {best} " in f" {' '.join(words)} " for words in self._words)
        return best if sharing <= self._max_sharing else None

    def in_order(self, i: int, message_words: Sequence[str]) -> str | None:
        """The name's words in order with a word left out ("R&D super deduction"), when no other name holds them
        in that order (its own or with an "X of Y" swapped)."""
        for name in (self._words[i], of_swapped(self._words[i])):
            words = words_in_order(name, message_words)
            if words and _distinctive(words):
                sharing = sum(
                    holds_words_in_order(other, words) or holds_words_in_order(of_swapped(other), words)
                    for other in self._words
                )
                return " ".join(words) if sharing == 1 else None
        return None
