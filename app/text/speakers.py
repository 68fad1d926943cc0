"""Who is speaking in each chunk of an article, so a quote keeps its speaker across chunk boundaries.

News and interview articles name a speaker once ("全国政协委员、上海应用技术大学校长汪小帆认为…")
and go on with "他建议…" for several sentences; the chunk holding the recommendation then never
says whose it is, and a "谁建议…" question cannot find it. Speakers are the person names
(jieba part-of-speech `nr`) that directly precede a speech verb or open an interview answer
("贺晗：…"); the speaker in effect when a chunk starts is the last one named before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# A speech verb right after a name: 表示, 认为, 建议, 透露, 看来 ("在赵志国看来"), or an interview colon.
_SPEECH = re.compile(r"(?:表示|认为|建议|指出|称|介绍|透露|提到|强调|坦言|看来|说|也持有|[:：])")
_NAME_SPAN = 6  # characters before the verb that may hold the name (Chinese names are 2-4 characters)

PersonTagger = Callable[[str], list[tuple[str, str]]]  # text -> [(word, part-of-speech flag)]


def speaker_names(text: str, tag: PersonTagger) -> list[str]:
    """Person names that speak in `text` (normalised), in order of first appearance."""
    names: dict[str, None] = {}
    for match in _SPEECH.finditer(text):
        window = text[max(0, match.start() - _NAME_SPAN) : match.start()]
        words = tag(window)
        if words and words[-1][1] == "nr" and 2 <= len(words[-1][0]) <= 4:
            names.setdefault(words[-1][0], None)
    return list(names)


def carried_speakers(chunks: Sequence[str], names: Sequence[str]) -> list[str]:
    """For each chunk (normalised), the speaker named before it when the chunk itself names none first.

    "" when no speaker is in effect, or when the chunk names its speaker before any of its text
    could be attributed to someone else (its first speaker mention is the one in effect anyway).
    """
    if not names:
        return [""] * len(chunks)
    pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))
    current = ""
    carried: list[str] = []
    for chunk in chunks:
        mentions = [m.group(0) for m in pattern.finditer(chunk)]
        carried.append(current if current and current not in mentions else "")
        if mentions:
            current = mentions[-1]
    return carried
