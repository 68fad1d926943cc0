"""A program's name said with a word of it left out, as owners and accountants say it.

"研发费用加计扣除" is the catalogue's "研发费用税前加计扣除"; "高新企业的所得税" the "高新技术企业…企业所得税";
"the R&D super deduction" the "R&D expense super-deduction". No contiguous stretch of the name is long enough to
name it (program_names.MIN_STRETCH), but its pieces are all there, in the name's order, close together in the
message. These functions find such pieces; program_names decides whether they are distinctive enough.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_HAN = 7  # Han characters the pieces hold together: one more than a contiguous stretch needs
MIN_LONGEST = 3  # one piece is a word, not two generic syllables ("企业" + "补贴" + "项目")
MAX_PIECES = 3
MAX_GAP = 3  # message characters between two pieces: "高新企业的所得税" has "的"
MIN_WORDS = 3  # English words in order ("r d super deduction")
MAX_SKIP = 2  # name words left out between two words the message says ("expense")


def han_pieces_in_order(name: str, text: str) -> list[str]:
    """The longest run of the message made of pieces of `name` (2+ Han characters each) in the name's order,
    at most MAX_GAP characters apart; [] when it is not long enough to name anything."""
    best: list[str] = []
    for start in range(len(text) - 1):
        if text[start : start + 2] not in name:
            continue  # a run starts with a piece of the name
        pieces = _pieces_from(name, text, start)
        if _enough(pieces) and _han(pieces) > _han(best):
            best = pieces
    return best


def holds_in_order(name: str, pieces: Sequence[str]) -> bool:
    """Whether `name` holds every piece, in that order."""
    position = 0
    for piece in pieces:
        found = name.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def words_in_order(name: Sequence[str], text: Sequence[str]) -> list[str]:
    """The longest run of message words that are the name's words in order, some name words left out
    (at most MAX_SKIP at a time); [] when shorter than MIN_WORDS."""
    best: list[str] = []
    for start in range(len(text)):
        run: list[str] = []
        position = -1
        for word in text[start:]:
            found = _index(name, word, position + 1)
            if found < 0 or (run and found - position - 1 > MAX_SKIP):
                break
            run.append(word)
            position = found
        if len(run) >= MIN_WORDS and len(run) > len(best):
            best = run
    return best


def holds_words_in_order(name: Sequence[str], words: Sequence[str]) -> bool:
    """Whether the name's words hold `words` in order, with at most MAX_SKIP left out between two."""
    for first in (i for i, w in enumerate(name) if words and w == words[0]):
        position, ok = first, True
        for word in words[1:]:
            found = _index(name, word, position + 1)
            if found < 0 or found - position - 1 > MAX_SKIP:
                ok = False
                break
            position = found
        if ok:
            return True
    return False


def _pieces_from(name: str, text: str, start: int) -> list[str]:
    pieces: list[str] = []
    position, t, gap = 0, start, 0
    while t < len(text):
        end = t + 2
        while end <= len(text) and name.find(text[t:end], position) >= 0:
            end += 1
        piece = text[t : end - 1]
        if len(piece) >= 2 and len(_HAN.findall(piece)) >= 2:
            pieces.append(piece)
            if len(pieces) == MAX_PIECES:
                break
            position = name.find(piece, position) + len(piece)
            t, gap = end - 1, 0
            continue
        gap += 1
        t += 1
        if gap > MAX_GAP:
            break
    return pieces


def _enough(pieces: list[str]) -> bool:
    return (
        2 <= len(pieces) <= MAX_PIECES
        and _han(pieces) >= MIN_HAN
        and max(len(_HAN.findall(p)) for p in pieces) >= MIN_LONGEST
    )


def _han(pieces: list[str]) -> int:
    return sum(len(_HAN.findall(p)) for p in pieces)


def _index(words: Sequence[str], word: str, start: int) -> int:
    for i in range(start, len(words)):
        if words[i] == word:
            return i
    return -1
