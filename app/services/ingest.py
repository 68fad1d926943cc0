"""Incremental ingest of policies and catalogues into Chroma.

Order matters for safety: the catalogue is validated before anything is
written; new chunks are added before stale ones are deleted; the manifest is
written last and atomically. An interrupted run therefore leaves an index that
still answers, and the next run reconciles it (and drops what a killed rebuild
half-built). One ingest runs at a time per data dir, across processes (a file
lock), and one that waited finds the index already current instead of redoing it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from app.catalogue.loader import catalogue_files, load_catalogue
from app.components.embeddings import E5Embeddings, EmbeddingJob
from app.components.vector_store import CollectionName, VectorStoreComponent
from app.corpus.documents import file_hash, load_metadata, policy_files, read_document
from app.errors import DocumentReadError, IndexNotReadyError, ReadOnlyDataError
from app.services.index_records import (
    IndexRecord,
    attach_tokens,
    funding_record,
    policy_records,
    solution_record,
)
from app.settings import INDEX_SCHEMA_VERSION, Settings
from app.text.segment import Glossary, Segmenter

ProgressCallback = Callable[[int, int], None]
_BUILD_SUFFIX = "_rebuild"
_REBUILD_MARKER = ".rebuild-pending"  # exists from a rebuild's start to its end: a killed one leaves it
INGEST_LOCK_WAIT_S = 900
PROGRAM_TEXT_SUFFIX = "-text"


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: bool = False  # fast path: nothing changed on disk
    failed: dict[str, str] = field(default_factory=dict)  # file name -> message
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    moved_aside: Path | None = None  # an unreadable index, set aside by a rebuild

    def summary(self, language: str = "en") -> str:
        if language != "en":
            return self._summary_zh()
        if self.skipped:
            return f"Index is up to date ({sum(self.counts.values())} chunks); nothing to embed."
        text = (
            f"Added {self.added}, updated {self.updated}, removed {self.removed}, "
            f"unchanged {self.unchanged} chunks in {self.seconds:.1f}s. "
            + ", ".join(f"{name}: {n}" for name, n in self.counts.items())
        )
        for name, message in self.failed.items():
            text += f"\n  ! {name} skipped: {message}"
        if self.moved_aside is not None:
            text += (
                f"\n  ! The old index could not be opened; it was moved to {self.moved_aside} "
                "(delete it once you no longer need it)."
            )
        return text

    def _summary_zh(self) -> str:
        """For the app's Chinese interface; the CLI and logs keep the English line."""
        if self.skipped:
            return f"索引已是最新（共{sum(self.counts.values())}段），无需重新向量化。"
        text = (
            f"新增{self.added}段、更新{self.updated}段、删除{self.removed}段、未变{self.unchanged}段，"
            f"用时{self.seconds:.1f}秒。" + "，".join(f"{name}：{n}" for name, n in self.counts.items())
        )
        for name, message in self.failed.items():
            text += f"\n  ! 已跳过 {name}：{message}"
        if self.moved_aside is not None:
            text += f"\n  ! 旧索引无法打开，已移至 {self.moved_aside}（确认不再需要后可删除）。"
        return text


# Code that decides what is stored per chunk (text, ids, BM25 tokens). Any edit
# to it invalidates the fast path, so a stopword change is never left stale;
# unchanged chunk texts keep their ids and are not embedded again.
_INDEXING_CODE = [
    Path(__file__).parent / "index_records.py",
    Path(__file__).parents[1] / "catalogue" / "render.py",
    *sorted((Path(__file__).parents[1] / "text").glob("*.py")),
]


def _fingerprint(settings: Settings) -> str:
    paths = settings.paths
    parts: list[str] = [f"schema={INDEX_SCHEMA_VERSION}", settings.embedding.model_name]
    parts += [f"code:{p.name}:{file_hash(p)}" for p in _INDEXING_CODE if p.exists()]
    parts.append(settings.chunking.model_dump_json())
    tracked: list[Path] = [*policy_files(paths.policies_dir), *catalogue_files(paths.catalogue_dir)]
    tracked += [p for p in (paths.policies_dir / "metadata.yaml", paths.glossary_file) if p.exists()]
    parts += [f"{p.name}:{file_hash(p)}" for p in tracked]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def read_manifest(settings: Settings) -> dict[str, Any] | None:
    path = settings.paths.manifest_file
    if not path.exists():
        return None
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def _other_version_error(manifest: dict[str, Any]) -> IndexNotReadyError:
    return IndexNotReadyError(
        f"The index was built by a different version of aipack (index schema "
        f"{manifest.get('schema_version')}; this version uses {INDEX_SCHEMA_VERSION}).",
        "Run `aipack ingest --rebuild`.",
    )


def require_writable(folder: Path) -> None:
    """Raise ReadOnlyDataError unless `folder` exists (or can be made) and takes a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise ReadOnlyDataError(folder) from exc


def _write_manifest(settings: Settings, payload: dict[str, Any]) -> None:
    path = settings.paths.manifest_file
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


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
            and manifest.get("fingerprint") == _fingerprint(self.settings)
            and (self.settings.vectorstore.mode == "server" or self.settings.paths.chroma_dir.exists())
        )

    def ensure_ready(self, progress: ProgressCallback | None = None) -> IngestReport | None:
        """Build the index on first use; afterwards only pick up changed files."""
        return None if self.is_current() else self.ingest(progress=progress)

    def _desired_records(
        self, report: IngestReport, on_ready: Callable[[list[IndexRecord]], None] | None = None
    ) -> tuple[list[IndexRecord], set[str]]:
        """All records the index should hold, plus sources whose old chunks must be kept.

        `on_ready` gets each group of records as soon as their indexed text is final (catalogue
        entries first, then the documents), before the BM25 tokens: a build starts embedding them
        while the rest is prepared.
        """
        paths = self.settings.paths
        catalogue = load_catalogue(paths.catalogue_dir)  # raises before any write
        entries = [solution_record(s) for s in catalogue.solutions]
        entries += [funding_record(p) for p in catalogue.funding]
        if on_ready:
            on_ready(entries)
        metadata = load_metadata(paths.policies_dir)
        records: list[IndexRecord] = []
        preserved: set[str] = set()
        programs = {p.id for p in catalogue.funding}
        for path in policy_files(paths.policies_dir):
            try:
                document = read_document(path, metadata.get(path.stem))
            except DocumentReadError as exc:
                report.failed[path.name] = f"{exc.problem} → {exc.fix}" if exc.fix else exc.problem
                preserved.add(path.stem)  # a file that broke keeps its last good chunks
                continue
            # A program's official wording is filed as "<program id>-text" (knowledge/policies/metadata.yaml).
            program = path.stem.removesuffix(PROGRAM_TEXT_SUFFIX)
            program = program if path.stem.endswith(PROGRAM_TEXT_SUFFIX) and program in programs else ""
            records += policy_records(document, self.settings.chunking, self.segmenter.tag, program)
        if on_ready:
            on_ready(records)
        records += entries
        attach_tokens(records, self.segmenter)
        return records, preserved

    def planned_records(self) -> list[IndexRecord]:
        """Every record a full build would embed (bench/: the texts behind the pure-embedding floor)."""
        return self._desired_records(IngestReport())[0]

    def ingest(self, *, rebuild: bool = False, progress: ProgressCallback | None = None) -> IngestReport:
        started = time.perf_counter()
        report = IngestReport()
        manifest = read_manifest(self.settings)
        if not rebuild and manifest is not None and manifest.get("schema_version") != INDEX_SCHEMA_VERSION:
            # Chunks of another layout must not be reconciled in place; only a rebuild replaces them.
            raise _other_version_error(manifest)
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
                jobs.append((new, self.embeddings.start([r.document for r in new])))

        try:
            records, preserved = self._desired_records(report, on_ready=embed_new)
            stale: list[tuple[Any, list[str]]] = []
            for name, collection in collections.items():
                wanted = [r for r in records if r.collection is name]
                new, old = self._reconcile(collection, wanted, preserved, report)
                report.added += len(new)
                stale.append((collection, old))
        except BaseException:  # preparing failed: stop the model copies before the error propagates
            for _, job in jobs:
                job.cancel()
            raise
        self._add(collections, jobs, report.added, progress)
        for name, (collection, old_ids) in zip(CollectionName, stale, strict=True):
            if old_ids:
                collection.delete(ids=old_ids)
            report.removed += len(old_ids)
            if rebuild:
                self.store.promote(name, suffix)
        report.counts = {name.value: self.store.collection(name).count() for name in CollectionName}
        _write_manifest(
            self.settings,
            {
                "schema_version": INDEX_SCHEMA_VERSION,
                "fingerprint": _fingerprint(self.settings),
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

    def _reconcile(
        self, collection: Any, wanted: list[IndexRecord], preserved: set[str], report: IngestReport
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

    def _add(
        self,
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
            vectors = job.collect(advance)
            for name, collection in collections.items():
                part = [(r, v) for r, v in zip(records, vectors, strict=True) if r.collection is name]
                for start in range(0, len(part), 1000):
                    rows = part[start : start + 1000]
                    collection.add(
                        ids=[r.id for r, _ in rows],
                        embeddings=[v for _, v in rows],
                        documents=[r.document for r, _ in rows],
                        metadatas=[r.metadata for r, _ in rows],
                    )
        if progress and total == 0:
            progress(0, 0)

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
            raise _other_version_error(manifest)
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
