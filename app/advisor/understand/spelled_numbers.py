"""English amounts written in words, as digits: "half a million" is 0.5 million, "two hundred thousand" 200
thousand, "one and a half million" 1.5 million, "a quarter of a million" 0.25 million.

cn2an reads Chinese numerals (numbers.py); nothing read these, so "a budget of half a million yuan" had no
budget at all (issue #12's held-out misses). The rewrite keeps the text's length (the digits, then spaces), so
every reader's positions stay those of the normalised text, as spoken_magnitudes.py does for "上百人".
"""

from __future__ import annotations

import re

_ONES = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    word: 10 * (i + 2)
    for i, word in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mil": 1_000_000,
    "billion": 1_000_000_000,
}
_FRACTIONS = {"half": 0.5, "quarter": 0.25}
_WORD = "|".join(
    sorted([*_ONES, *_TENS, *_SCALES, *_FRACTIONS, "a", "an", "and", "of"], key=len, reverse=True)
)
# A run of number words holding a scale word ("two hundred thousand", "half a million"), in lower case (the
# normalised text is). Hyphens join tens and ones ("twenty-five thousand").
_RUN = re.compile(rf"(?<![a-z])(?:(?:{_WORD})[ -]+)*(?:hundred|thousand|million|mil|billion)(?![a-z])")


# "half a million", "a quarter of a million"; "one and a half million", "two and a half thousand".
_FRACTION_OF = re.compile(
    r"(?:(?:a|one) )?(half|quarter)(?: of)? (?:a|an|one) (thousand|million|mil|billion)"
)
_AND_A_FRACTION = re.compile(r"(.+?) and (?:a|one) (half|quarter) (thousand|million|mil|billion)")


def _whole(words: list[str]) -> float:
    """Whole number words: "two hundred thousand" = 200,000, "a million" = 1,000,000."""
    total, group = 0.0, 0.0
    for word in words:
        if word in ("a", "an"):
            group = group or 1.0
        elif word in _ONES:
            group += _ONES[word]
        elif word in _TENS:
            group += _TENS[word]
        elif word == "hundred":
            group = (group or 1.0) * 100
        elif word in _SCALES:
            total += (group or 1.0) * _SCALES[word]
            group = 0.0
    return total + group


def _value(words: list[str]) -> float | None:
    said = " ".join(words)
    if fraction := _FRACTION_OF.fullmatch(said):
        return _FRACTIONS[fraction.group(1)] * _SCALES[fraction.group(2)]
    if mixed := _AND_A_FRACTION.fullmatch(said):
        head = _whole(mixed.group(1).split())
        return (head + _FRACTIONS[mixed.group(2)]) * _SCALES[mixed.group(3)]
    if any(w in _FRACTIONS for w in words):
        return None  # a fraction said some other way: not guessed
    return _whole(words) or None


def _trim(words: list[str]) -> list[str]:
    """The run without filler at its start ("of", "and"): "budget of half a million" begins at "half"."""
    while words and words[0] in ("of", "and"):
        words = words[1:]
    return words


def spelled_numbers(text: str) -> str:
    """`text` (normalised, lower case) with English amounts in words written as digits, same length."""

    def digits(match: re.Match[str]) -> str:
        said = match.group(0)
        words = _trim(re.split(r"[ -]+", said))
        if not words or not any(
            w in _ONES or w in _TENS or w in _FRACTIONS or w in ("a", "an") for w in words
        ):
            return said  # "hundreds", "thousands of": no amount
        value = _value(words)
        if value is None or value < 100:
            return said
        scale = next((w for w in reversed(words) if w in ("thousand", "million", "mil", "billion")), None)
        unit = "m" if scale == "mil" else scale  # "half a mil": the reader's unit for a million
        written = f"{value / _SCALES[scale]:g} {unit}" if scale else f"{value:g}"
        lead = said[: len(said) - len(" ".join(words))] if said.endswith(" ".join(words)) else ""
        out = lead + written
        return out.ljust(len(said)) if len(out) <= len(said) else said

    return _RUN.sub(digits, text)
