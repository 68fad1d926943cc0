"""The English-question dictionaries of an index, built at ingest and stored beside it.

An English question is translated into the Chinese words the index holds (app.components.dictionary):
CC-CEDICT's senses and the catalogue's own bilingual lexicon (app.components.parallel_lexicon). Parsing
CC-CEDICT's 120,000 entries and learning the lexicon took one to three seconds idle (ten to twenty under
load) on the first English question of every new process: the first English `ask` of a fresh CLI call, a
restarted server or a UI reload waited for it. Both depend only on the index (its words and the catalogue
it was built from), so the ingest builds them while the model copies embed, keeps only the senses whose
Chinese the index holds (what translation keeps anyway), and stores them with the build's fingerprint;
a process loads them in milliseconds. A missing or stale file (an index built by an older version, a
replica whose index lives on a Chroma server) falls back to building them on the first English question.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.components.dictionary import dictionary_senses
from app.components.parallel_lexicon import learn

FILE_NAME = "query_dictionary.json"

Senses = Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class QueryDictionaries:
    senses: Senses  # English sense -> indexed Chinese words (CC-CEDICT)
    lexicon: Senses  # English word or pair -> Chinese (learnt from the catalogue)


def build(
    vocabulary: Iterable[str], pairs: Iterable[tuple[str, str]], tokenize: Callable[[str], list[str]]
) -> QueryDictionaries:
    """The dictionaries for an index holding the BM25 words `vocabulary`, whose catalogue gives `pairs`."""
    words = frozenset(vocabulary)
    senses = {
        sense: kept
        for sense, chinese in dictionary_senses().items()
        if (kept := tuple(zh for zh in chinese if zh in words))
    }
    return QueryDictionaries(senses, learn(pairs, tokenize))


def store(path: Path, fingerprint: str, dictionaries: QueryDictionaries) -> None:
    """Written atomically before the manifest: a reader never sees half a file."""
    payload = {"fingerprint": fingerprint, "senses": dictionaries.senses, "lexicon": dictionaries.lexicon}
    fd, tmp = tempfile.mkstemp(prefix=".query-dictionary-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(payload, out, ensure_ascii=False, separators=(",", ":"))
    Path(tmp).replace(path)


def load(path: Path, fingerprint: Any) -> QueryDictionaries | None:
    """The stored dictionaries if they were built with the index of `fingerprint`, else None."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or not fingerprint or payload.get("fingerprint") != fingerprint:
        return None
    return QueryDictionaries(
        {k: tuple(v) for k, v in payload.get("senses", {}).items()},
        {k: tuple(v) for k, v in payload.get("lexicon", {}).items()},
    )
