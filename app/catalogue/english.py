"""What counts as English in an English answer: Chinese only where the reader is told it is an original.

Two marks are allowed. A passage the catalogue holds only in Chinese (a quote, a note) is labelled
"(original text, in Chinese): …" up to the line's end. A proper name may keep its Chinese original in ASCII
parentheses right after the English rendering — "Hangzhou Municipal Bureau of Economy and Information Technology
(杭州市经信局)" — because that is the name the owner will have to find on a government site or a letterhead.
The catalogue lint, the advisor's tests and the UI tests all read English through these two rules.
"""

from __future__ import annotations

import re

ORIGINAL_LABEL = "(original text, in Chinese)"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Full-width punctuation (（）、；：。，) gives a Chinese clause away even without a character.
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
# The original name inside ASCII parentheses: characters, optionally joined by 、 or ·, nothing else.
ORIGINAL_NAME = re.compile(r"\((?:[\u3400-\u9fff]+[、·]?)*[\u3400-\u9fff]+\)")
_LABELLED = re.compile(re.escape(ORIGINAL_LABEL) + r"[^\n]*")


def original(text: str) -> str:
    """Chinese catalogue text an English answer has no translation for, labelled as such."""
    return f"{ORIGINAL_LABEL}: {text}"


def quoted(text: str) -> str:
    """A source sentence in an English answer: as it is when English, labelled as the original when Chinese."""
    return original(text) if HAN.search(text) else text


def chinese_outside_originals(text: str) -> list[str]:
    """Lines of English text that carry Chinese the reader was not told is an original (labelled or a name)."""
    bare = ORIGINAL_NAME.sub("", _LABELLED.sub("", text))
    return [line for line in bare.splitlines() if HAN.search(line)]


def english_field_problem(text: str) -> str | None:
    """Why a catalogue English field is not English, or None: Chinese only inside an original name."""
    stray = CHINESE.findall(ORIGINAL_NAME.sub("", text))
    return f"Chinese outside a parenthesised original name: {''.join(stray)!r}" if stray else None
