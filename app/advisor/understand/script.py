"""Which Chinese script to answer in: the one the owner writes (繁體 questions get 繁體 answers).

The advisor reads everything in simplified (`normalize`), and its catalogue and wording are simplified;
a question in traditional script is answered in traditional by converting what the owner reads
(answer, questions back, next steps, solution and program wording) character by character with
OpenCC's s2tw. Identifiers, the profile's canonical place names and quotes in `citations` stay as they are.
A message with no script-specific character ("好的", "3万") keeps the script of the owner's earlier messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

import opencc

from app.advisor.contract import AdviceResponse
from app.text.normalize import to_simplified, to_traditional

Script = Literal["hans", "hant"]


def _script_of(text: str) -> Script | None:
    marks = [_char_script(ch) for ch in text]
    traditional = sum(1 for is_traditional, _ in marks if is_traditional)
    simplified = sum(1 for _, is_simplified in marks if is_simplified)
    if traditional == simplified:
        return None  # no evidence either way (or a mix that cancels out)
    return "hant" if traditional > simplified else "hans"


@lru_cache(maxsize=8192)
def _char_script(ch: str) -> tuple[bool, bool]:
    """(only traditional writes it so, only simplified does): OpenCC per character is pure Python, so
    every character is looked up once per process, not once per message."""
    return to_simplified(ch) != ch, to_traditional(ch) != ch


def reply_script(text: str, earlier: Iterable[str] = ()) -> Script:
    """The script of `text`, or of the latest earlier message that shows one; simplified by default."""
    for candidate in (text, *reversed(list(earlier))):
        if (script := _script_of(candidate)) is not None:
            return script
    return "hans"


@lru_cache(maxsize=1)
def _s2tw() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")  # character variants as Taiwan and Hong Kong readers write them (為, 裡)


@lru_cache(maxsize=512)
def traditional(text: str) -> str:
    """`text` in traditional script; remembered, since a streamed answer is converted again in the
    response, and solution and program wording repeats from answer to answer."""
    converted: str = _s2tw().convert(text)
    return converted


def for_reader(text: str, script: Script) -> str:
    """`text` in the owner's script. A 简体 reader gets the quotes from the traditional-script sources
    (three of the five articles are 繁體 reprints) converted too, so an answer never mixes scripts;
    `citations` keep every quote as published. Text without a traditional-only character is returned
    as is (the usual case, and OpenCC is slow)."""
    if script == "hant":
        return traditional(text)
    return to_simplified(text) if any(_char_script(ch)[0] for ch in text) else text


def in_traditional(response: AdviceResponse) -> AdviceResponse:
    """The response with everything the owner reads in traditional script."""
    t = traditional
    return response.model_copy(
        update={
            "answer": t(response.answer),
            "clarifying_questions": [t(q) for q in response.clarifying_questions],
            "notices": [t(n) for n in response.notices],
            "next_steps": [t(s) for s in response.next_steps],
            "arithmetic": [t(a) for a in response.arithmetic],
            "solutions": [
                s.model_copy(update={"name": t(s.name), "why": t(s.why)}) for s in response.solutions
            ],
            "funding": [
                f.model_copy(
                    update={"name": t(f.name), "reasons": [t(r) for r in f.reasons], "benefit": t(f.benefit)}
                )
                for f in response.funding
            ],
        }
    )
