"""Signs that generated text is degenerate: loops, filler, citation marks standing for nothing.

Small models that lose the thread repeat a phrase until `max_tokens`, or write fluent
sentences that carry no fact at all ("A company can use a small model to fine-tune their
product, which is an industry-wide platform…") and decorate them with [1]. Repetition is
measured against a reference text (the offline answer the model rewords): a phrase the
reference itself repeats per program ("Source: reprint") is not a loop.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from app.text.normalize import normalize

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+")
_MARK = re.compile(r"\[\d+\]")
_EMPTY_MARK = re.compile(r"\[\s*\]|【\s*】|\[\s*,?\s*\]|\[n\]|\[\?\]", re.IGNORECASE)
SENTENCE = re.compile(r"[^。！？!?\n]+?(?:[。！？!?\n]|\.(?=\s|$)|$)")

_REPEAT_SHARE = 0.2  # share of the answer's n-grams that repeat beyond the reference
_FILLER_SHARE = 0.5  # share of the answer's characters in sentences that carry nothing


def _bare(text: str) -> bool:
    """Citation marks with no statement: "[1][2]" alone."""
    return bool(_MARK.search(text)) and len(_MARK.sub("", text).strip(" .。,，;；:：-—*")) < 2


def sentences(text: str) -> list[str]:
    """Sentences, a trailing "[1]" kept with the sentence it cites ("… text. [1]")."""
    out: list[str] = []
    for piece in (s.strip() for s in SENTENCE.findall(text)):
        if out and _bare(piece) and not out[-1].endswith("\n"):
            out[-1] = f"{out[-1]} {piece}"
        elif piece:
            out.append(piece)
    return out


def _grams(text: str) -> list[str]:
    """Overlapping 8-character runs of Chinese, or 5-word runs of other text."""
    norm = normalize(text)
    han = "".join(_HAN.findall(norm))
    words = _WORD.findall(norm)
    if len(han) * 3 >= len(words) * 5:
        return [han[i : i + 8] for i in range(max(0, len(han) - 7))]
    return [" ".join(words[i : i + 5]) for i in range(max(0, len(words) - 4))]


def repeated_share(text: str, reference: str = "") -> float:
    """Share of n-gram occurrences beyond the first, not explained by the reference repeating them."""
    grams = Counter(_grams(text))
    allowed = Counter(_grams(reference))
    total = sum(grams.values())
    if total < 10:
        return 0.0
    extra = sum(max(0, n - max(1, allowed[g])) for g, n in grams.items())
    return extra / total


def repeated_sentences(text: str, reference: str = "") -> list[str]:
    seen = Counter(normalize(s) for s in sentences(text) if len(_MARK.sub("", s).strip()) >= 12)
    known = Counter(normalize(s) for s in sentences(reference))
    return [s for s, n in seen.items() if n > max(1, known[s])]


def degeneracy(text: str, reference: str, carries: Callable[[str], bool]) -> list[str]:
    """Problems that make `text` unfit to show; `carries(sentence)` tells a sentence with content.

    A sentence carries content when it names something the engine decided or states a
    number; "filler" is the share of text that does neither.
    """
    problems = []
    if _EMPTY_MARK.search(text):
        problems.append("degenerate: empty citation marks")
    if any(_bare(line) for line in text.splitlines()):
        problems.append("degenerate: citation marks citing no statement")
    if repeats := repeated_sentences(text, reference):
        problems.append(f"degenerate: {len(repeats)} repeated sentence(s)")
    elif (share := repeated_share(text, reference)) > _REPEAT_SHARE:
        problems.append(f"degenerate: {share:.0%} repeated phrases")
    parts = sentences(text)
    total = sum(len(s) for s in parts)
    empty = sum(len(s) for s in parts if not carries(s))
    if total and empty / total > _FILLER_SHARE:
        problems.append(f"degenerate: {empty / total:.0%} filler")
    return problems
