"""The names each indexed document goes by, read from its chunks' metadata once per loaded table.

Two uses, kept together because both read the same speaker and publisher fields:
- `sources_by_name`: naming an article's speaker or publisher routes a question to the articles, that
  article first (app.services.routing);
- `naming_words`: the BM25 words of a document's own names, which say which document a question is
  about but not which of its passages answers (ChunkTable.passage_keyword_scores).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app.components.vector_store import CollectionName
from app.services.routing import Group
from app.text.normalize import normalize

if TYPE_CHECKING:
    from app.services.chunk_table import ChunkRow


def sources_by_name(rows: Sequence[ChunkRow], groups: Sequence[Group]) -> dict[str, frozenset[str]]:
    """Speakers and publishers of the indexed articles (normalised), with the articles each is named in.

    Not a program text's issuer: "厦门市财政局" asks about the program, which an article-first ordering
    would push down.
    """
    named_in: dict[str, set[str]] = {}
    for row, group in zip(rows, groups, strict=True):
        if group != "articles":
            continue
        for field in ("speaker", "publisher"):
            name = normalize(re.split(r"[（(]", str(row.metadata.get(field) or ""))[0]).strip()
            if name:
                named_in.setdefault(name, set()).add(str(row.metadata.get("source", "")))
    return {name: frozenset(sources) for name, sources in named_in.items()}


def naming_words(
    rows: Sequence[ChunkRow], tokenize: Callable[[str], list[str]] | None
) -> dict[str, frozenset[str]]:
    """The BM25 words (`tokenize`: the index's own tokenizer) of the names each document goes by: its
    publisher (a program text's issuer too), and its speaker when it has only one.

    Where several people speak (the two-sessions round-up), a name tells their passages apart: "钱锋觉得…"
    asks for Qian Feng's passage, not for whichever passage matches the question's other words best.
    """
    policy_rows = [row for row in rows if row.collection is CollectionName.policies]
    speakers: dict[str, set[str]] = {}
    for row in policy_rows:
        if speaker := normalize(str(row.metadata.get("speaker") or "")).strip():
            speakers.setdefault(str(row.metadata.get("source", "")), set()).add(speaker)
    naming: dict[str, set[str]] = {}
    for row in policy_rows:
        source = str(row.metadata.get("source", ""))
        names = [str(row.metadata.get("publisher") or "")]
        if len(speakers.get(source, ())) == 1:
            names.append(str(row.metadata.get("speaker") or ""))
        for name in filter(None, (normalize(n).strip() for n in names)):
            naming.setdefault(source, set()).update(tokenize(name) if tokenize else [name])
    return {source: frozenset(words) for source, words in naming.items()}
