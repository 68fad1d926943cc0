"""Incremental ingest of policies and catalogues into Chroma.

Order matters for safety: the catalogue is validated before anything is
written; new chunks are added before stale ones are deleted; the manifest is
written last and atomically. An interrupted run therefore leaves an index that
still answers, and the next run reconciles it (and drops what a killed rebuild
half-built). One ingest runs at a time per data dir, across processes (a file
lock), and one that waited finds the index already current instead of redoing it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from filelock import FileLock, Timeout

from app.catalogue.models import Catalogue
from app.components.embeddings import E5Embeddings, EmbeddingJob
from app.components.parallel_lexicon import bilingual_pairs
from app.components.vector_store import CollectionName, VectorStoreComponent
from app.errors import IndexNotReadyError, ReadOnlyDataError
from app.services import query_dictionary
from app.services.index_manifest import (
    fingerprint,
    other_version_error,
    read_manifest,
    require_writable,
    write_manifest,
)
from app.services.index_records import IndexRecord, embedding_texts
from app.services.ingest_report import IngestReport, ProgressCallback
from app.services.ingest_sources import PROGRAM_TEXT_SUFFIX, desired_records
from app.services.ingest_writes import add_embedded, reconcile
from app.settings import INDEX_SCHEMA_VERSION, Settings
from app.text.segment import Glossary, Segmenter

# Kept importable from here: the service's callers read the manifest and the report through this module.
__all__ = [
    "PROGRAM_TEXT_SUFFIX",
    "IngestReport",
    "IngestService",
    "ProgressCallback",
    "read_manifest",
    "require_writable",
]

_BUILD_SUFFIX = "_rebuild"
_REBUILD_MARKER = ".rebuild-pending"  # exists from a rebuild's start to its end: a killed one leaves it
INGEST_LOCK_WAIT_S = 900


class IngestService:
    def __init__(self, settings: Settings, store: VectorStoreComponent | None = None) -> None:
        self.settings = settings
        self._store = store
        self.glossary = Glossary.load(settings.paths.glossary_file)
        self.segmenter = Segmenter(self.glossary, settings.paths.data_dir / "jieba")
        self.embeddings = E5Embeddings(settings.embedding)

    @property
    def store(self) -> VectorStoreComponent:
        if self._store is None:
            self._store = VectorStoreComponent(self.settings)
        return self._store

    def is_current(self) -> bool:
        manifest = read_manifest(self.settings)
        return bool(
            not (self.settings.paths.data_dir / _REBUILD_MARKER).exists()  # a rebuild running or killed
            and manifest
            and manifest.get("schema_version") == INDEX_SCHEMA_VERSION
            and manifest.get("fingerprint") == fingerprint(self.settings)
            and (self.settings.vectorstore.mode == "server" or self.settings.paths.chroma_dir.exists())
        )

    def ensure_ready(self, progress: ProgressCallback | None = None) -> IngestReport | None:
        """Build the index on first use; afterwards only pick up changed files."""
        return None if self.is_current() else self.ingest(progress=progress)

    def planned_records(self) -> list[IndexRecord]:
        """Every record a full build would embed (bench/: the texts behind the pure-embedding floor)."""
        return desired_records(self.settings, self.segmenter, IngestReport())[0]

    def ingest(self, *, rebuild: bool = False, progress: ProgressCallback | None = None) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        manifest = read_manifest(self.settings)
        if not rebuild and manifest is not None and manifest.get("schema_version") != INDEX_SCHEMA_VERSION:
            # Chunks of another layout must not be reconciled in place; only a rebuild replaces them.
            raise other_version_error(manifest)
        if not rebuild and self.is_current():
            return self._up_to_date(report)
        require_writable(self.settings.paths.data_dir)
        with self._exclusive():
            if not rebuild and self.is_current():  # another process just brought it up to date
                return self._up_to_date(report)
            self._build(report, rebuild, progress)
        report.seconds = time.perf_counter() - started
        return report

    def _up_to_date(self, report: IngestReport) -> IngestReport:
        report.skipped = True
        report.counts = dict(read_manifest(self.settings) or {}).get("counts", {})
        return report

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """One ingest at a time per data dir, across processes (CLI, UI, API workers)."""
        lock = FileLock(self.settings.paths.data_dir / ".ingest.lock")
        try:
            lock.acquire(timeout=INGEST_LOCK_WAIT_S)
        except Timeout as exc:
            raise IndexNotReadyError(
                f"Another ingest has held the index for over {INGEST_LOCK_WAIT_S // 60} minutes.",
                "Wait for it to finish (or stop it), then run `aipack ingest` again.",
            ) from exc
        try:
            yield
        finally:
            lock.release()

    def _build(self, report: IngestReport, rebuild: bool, progress: ProgressCallback | None) -> None:
        suffix = _BUILD_SUFFIX if rebuild else ""
        pending = self.settings.paths.data_dir / _REBUILD_MARKER
        collections: dict[CollectionName, Any] = {}
        stored: dict[CollectionName, set[str]] = {}
        jobs: list[tuple[list[IndexRecord], EmbeddingJob]] = []

        def open_collections() -> None:
            """The first write: only once the catalogue has been validated."""
            if rebuild:
                self._open_or_set_aside(report)
                pending.touch()
            elif pending.exists():
                for name in CollectionName:  # a rebuild was killed: its half-built copies only take space
                    self.store.drop(name, _BUILD_SUFFIX)
            for name in CollectionName:
                if rebuild:
                    self.store.drop(name, suffix)  # leftovers of an interrupted rebuild
                collections[name] = self.store.collection(name, suffix)
                stored[name] = set(collections[name].get(include=[])["ids"])

        def embed_new(group: list[IndexRecord]) -> None:
            if not collections:
                open_collections()
            new = [r for r in group if r.id not in stored[r.collection]]
            if new:
                jobs.append((new, self.embeddings.start(embedding_texts(new))))

        catalogues: list[Catalogue] = []
        try:
            records, preserved = desired_records(
                self.settings, self.segmenter, report, embed_new, catalogues.append
            )
            stale: list[tuple[Any, list[str]]] = []
            for name, collection in collections.items():
                wanted = [r for r in records if r.collection is name]
                new, old = reconcile(collection, wanted, preserved, report)
                report.added += len(new)
                stale.append((collection, old))
            # While the model copies embed: what the first English question of each process used to wait for.
            dictionaries = query_dictionary.build(
                (w for r in records for w in str(r.metadata.get("bm25", "")).split()),
                bilingual_pairs([c.funding for c in catalogues] + [c.solutions for c in catalogues]),
                self.segmenter.tokens,
            )
        except BaseException:  # preparing failed: stop the model copies before the error propagates
            for _, job in jobs:
                job.cancel()
            raise
        # Progress counts texts embedded: an article's chunk is embedded twice (index_records.record_vectors).
        add_embedded(collections, jobs, sum(len(embedding_texts(records)) for records, _ in jobs), progress)
        for name, (collection, old_ids) in zip(CollectionName, stale, strict=True):
            if old_ids:
                collection.delete(ids=old_ids)
            report.removed += len(old_ids)
            if rebuild:
                self.store.promote(name, suffix)
        report.counts = {name.value: self.store.collection(name).count() for name in CollectionName}
        built_from = fingerprint(self.settings)
        query_dictionary.store(
            self.settings.paths.data_dir / query_dictionary.FILE_NAME, built_from, dictionaries
        )
        write_manifest(
            self.settings,
            {
                "schema_version": INDEX_SCHEMA_VERSION,
                "fingerprint": built_from,
                "embedding_model": self.settings.embedding.model_name,
                "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                "counts": report.counts,
                "failed": report.failed,
            },
        )
        pending.unlink(missing_ok=True)

    def _open_or_set_aside(self, report: IngestReport) -> None:
        """Open the local index for a rebuild, setting an unreadable one aside.

        `aipack ingest --rebuild` is the fix printed for a corrupt index, so it must work when
        the old files cannot even be opened: they are moved next to it, not deleted.
        """
        if self._store is not None or self.settings.vectorstore.mode == "server":
            return
        try:
            self._store = VectorStoreComponent(self.settings)
        except ReadOnlyDataError:
            raise  # not damage: a healthy index is never set aside for its permissions
        except IndexNotReadyError:
            chroma = self.settings.paths.chroma_dir
            aside = chroma.with_name(
                f"{chroma.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
            )
            chroma.rename(aside)
            report.moved_aside = aside
            self._store = VectorStoreComponent(self.settings)

    def server_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for name in CollectionName:
            collection = self.store.existing(name)
            counts[name.value] = collection.count() if collection is not None else 0
        return counts

    def require_index(self) -> None:
        manifest = read_manifest(self.settings)
        if (
            manifest is None
            and self.settings.vectorstore.mode == "server"
            and any(self.server_counts().values())
        ):
            return  # a stateless replica: the index lives on the Chroma server
        if manifest is None:
            raise IndexNotReadyError("There is no index yet.", "Run `aipack ingest` to build it.")
        if manifest.get("schema_version") != INDEX_SCHEMA_VERSION:
            raise other_version_error(manifest)
        counts = manifest.get("counts") or {}
        expected = sum(n for n in counts.values() if isinstance(n, int)) if isinstance(counts, dict) else 0
        if expected and not any(self.server_counts().values()):
            # Chroma re-creates an empty database over a truncated or deleted chroma.sqlite3:
            # searching it would quietly find nothing.
            raise IndexNotReadyError(
                f"The index is empty, but the last ingest stored {expected} chunks: "
                "its files were lost or damaged.",
                "Rebuild it with `aipack ingest --rebuild`.",
            )
