"""A chunk of the loaded table as a search hit: the passage it quotes and the catalogued programs it speaks for.

A program's official text and its catalogue entry are one document (ChunkTable.document_of), and the search may
give the entry's place to the text's clause (app.services.ranking.order_passages). Whoever reads programs from
hits (the advisor's place filter, a test asking "is 上海模型券 among the hits") reads `SearchHit.programs`, which
names the same programs for the text's clause as for the entry: one text can be the wording of several programs
(上海's compute, model and corpus vouchers are articles 1-3 of one notice).
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from app.components.vector_store import CollectionName
from app.services.chunk_table import ChunkTable
from app.services.search_results import INTERNAL_FIELDS, SearchHit, context_text

_programs: WeakKeyDictionary[ChunkTable, dict[str, tuple[str, ...]]] = WeakKeyDictionary()
_lock = threading.Lock()


def hit_of(table: ChunkTable, chunk_id: str, score: float) -> SearchHit:
    row = table.rows[table.position[chunk_id]]
    meta = row.metadata
    return SearchHit(
        source=str(meta.get("source", "")),
        chunk_id=chunk_id,
        title=str(meta.get("title", "")),
        text=context_text(meta, row.document),
        score=score,
        collection=row.collection.value,
        metadata={k: v for k, v in meta.items() if k not in INTERNAL_FIELDS},
        programs=programs_by_document(table).get(table.document_of(chunk_id), ()),
    )


def programs_by_document(table: ChunkTable) -> dict[str, tuple[str, ...]]:
    """Each document's catalogued programs (the ids of the catalogue entries that are passages of it), once
    per loaded table."""
    with _lock:
        found = _programs.get(table)
        if found is None:
            lists: dict[str, list[str]] = {}
            for row in table.rows:
                if row.collection is CollectionName.funding:
                    lists.setdefault(table.document_of(row.chunk_id), []).append(
                        str(row.metadata.get("source"))
                    )
            found = _programs[table] = {document: tuple(sorted(ids)) for document, ids in lists.items()}
        return found
