"""A program's name said with a word of it left out, as owners and accountants say it.

"研发费用加计扣除" is the catalogue's "研发费用税前加计扣除"; "高新企业的所得税" the "高新技术企业…企业所得税";
"the R&D super deduction" the "R&D expense super-deduction". No contiguous stretch of the name is long enough to
name it (program_names.MIN_STRETCH), but its pieces are all there, in the name's order, close together in the
message. These functions find such pieces; program_names decides whether they are distinctive enough.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.text.normalize import normalize

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


def without_name(text: str, name: str, name_words: Sequence[Sequence[str]] = ()) -> str:
    """The text with what says this program's name blanked out: its longest stretch of the name (4+ Han
    characters), its pieces said in order ("设备…一次性税前扣除") and a run of its English words in order
    (`name_words`: the name's words, in each order an owner may say them, "equipment deduction"). The client who
    asks whether "设备一次性税前扣除" applies has named a tax rule, not a purchase of equipment (en12-14)."""
    out = text
    pieces = han_pieces_in_order(name, out)
    for piece in pieces:
        out = out.replace(piece, " " * len(piece), 1)
    stretch = _longest_stretch(name, out)
    if len(_HAN.findall(stretch)) >= MIN_STRETCH_HAN:
        out = out.replace(stretch, " " * len(stretch), 1)
    tokens = list(_LATIN.finditer(out))
    for words in name_words:
        run = words_in_order(words, [t.group(0) for t in tokens])
        if not run:
            continue
        first = next(i for i in range(len(tokens)) if _same(tokens[i : i + len(run)], run))
        start, end = tokens[first].start(), tokens[first + len(run) - 1].end()
        return out[:start] + " " * (end - start) + out[end:]
    return out


_LATIN = re.compile(r"[a-z0-9]+")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def of_swapped(words: Sequence[str]) -> list[str]:
    """The name with "X of Y" said as "Y X", as owners say it: "deduction of equipment" is the "equipment
    deduction" ("the one-off equipment deduction"); the name as it is when it has no "of"."""
    out = list(words)
    for k in range(1, len(out) - 1):
        if out[k] == "of":
            out[k - 1 : k + 2] = [out[k + 1], out[k - 1]]
            break
    return out


def english_orders(name_en: str) -> list[list[str]]:
    """An English name's words, in its own order and with its "X of Y" swapped."""
    words = _LATIN.findall(normalize(_BRACKETED.sub("", name_en)))
    return [words, of_swapped(words)]


def _same(tokens: Sequence[re.Match[str]], words: Sequence[str]) -> bool:
    return [t.group(0) for t in tokens] == list(words)


MIN_STRETCH_HAN = 4  # "税前扣除", "加计扣除": fewer Han characters are words any sentence may share


def _longest_stretch(name: str, text: str) -> str:
    best = ""
    for start in range(len(text)):
        end = start + len(best) + 1
        while end <= len(text) and text[start:end] in name:
            best, end = text[start:end], end + 1
    return best
