"""Writing an ingest's records into Chroma: reconciling what is stored with what is wanted, and adding
each group's records as soon as its vectors are in.

Kept apart from app.services.ingest, which decides when and under which lock a build runs; this module
only knows the collections it is handed.
"""

from __future__ import annotations

from typing import Any

from app.components.embeddings import EmbeddingJob
from app.components.vector_store import CollectionName
from app.services.index_records import IndexRecord, record_vectors
from app.services.ingest_report import IngestReport, ProgressCallback

_WRITE_BATCH = 1000  # rows per Chroma add: under its per-call limit


def reconcile(
    collection: Any, wanted: list[IndexRecord], preserved: set[str], report: IngestReport
) -> tuple[list[IndexRecord], list[str]]:
    """Update changed metadata in place; return (records to embed, stale ids to delete)."""
    existing = collection.get(include=["metadatas"])
    current = dict(zip(existing["ids"], existing["metadatas"], strict=True))
    wanted_ids = {r.id for r in wanted}
    new = [r for r in wanted if r.id not in current]
    changed = [r for r in wanted if r.id in current and current[r.id] != r.metadata]
    if changed:
        collection.update(ids=[r.id for r in changed], metadatas=[r.metadata for r in changed])
    report.updated += len(changed)
    report.unchanged += len(wanted) - len(new) - len(changed)
    stale = [
        chunk_id
        for chunk_id, meta in current.items()
        if chunk_id not in wanted_ids and (meta or {}).get("source") not in preserved
    ]
    return new, stale


def add_embedded(
    collections: dict[CollectionName, Any],
    jobs: list[tuple[list[IndexRecord], EmbeddingJob]],
    total: int,
    progress: ProgressCallback | None,
) -> None:
    """Write each group's records as soon as its vectors are in: the catalogue entries go to
    Chroma while the documents are still being embedded."""
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    for records, job in jobs:
        vectors = record_vectors(records, job.collect(advance))
        for name, collection in collections.items():
            part = [(r, v) for r, v in zip(records, vectors, strict=True) if r.collection is name]
            for start in range(0, len(part), _WRITE_BATCH):
                rows = part[start : start + _WRITE_BATCH]
                collection.add(
                    ids=[r.id for r, _ in rows],
                    embeddings=[v for _, v in rows],
                    documents=[r.document for r, _ in rows],
                    metadatas=[r.metadata for r, _ in rows],
                )
    if progress and total == 0:
        progress(0, 0)
