"""The indexes of the scale bench: 10x really ingested, 100x through the real ingest path with derived embeddings.

100x would take about an hour of e5 on 2 cores, so `build_derived` embeds a sample to measure the rate and
writes the remaining chunks with embeddings derived from real ones (a real embedding of the same source
passage, a small random perturbation, renormalised). Everything else is the real ingest path: the same
records, ids and BM25 tokens (`IngestService._desired_records`), the same reconcile, the same manifest.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.components.vector_store import CollectionName
from app.settings import Settings

# Noise per dimension for derived embeddings: |noise| ~ 0.2, so cosine to the source ~ 0.98,
# about as close as two real variants of one passage.
NOISE_SIGMA = 0.2 / np.sqrt(384)


@dataclass
class Build:
    factor: int
    chunks: dict[str, int]
    seconds: float  # wall time of what ran
    embedded: int  # chunks embedded for real
    derived: int = 0  # chunks written with derived embeddings
    rate: float = 0.0  # measured chunks/s of e5 passage embedding
    extrapolated_s: float = 0.0  # derived / rate: the embedding time that was not spent
    note: str = ""

    @property
    def build_s(self) -> float:
        return self.seconds + self.extrapolated_s


def scale_settings(data_dir: Path, knowledge: Path) -> Settings:
    return Settings(paths={"data_dir": data_dir, "knowledge_dir": knowledge})


def build_real(data_dir: Path, knowledge: Path, factor: int, base: Path | None = None) -> Build:
    """A real `aipack ingest`, incremental over a copy of `base` when given."""
    from app.container import Container

    if base is not None:
        shutil.copytree(base, data_dir)
    service = Container(scale_settings(data_dir, knowledge)).ingest
    started = time.perf_counter()
    report = service.ingest()
    seconds = time.perf_counter() - started
    note = f"incremental over the 1x index: +{report.added} chunks" if base else "cold"
    return Build(factor, report.counts, seconds, report.added, note=note)


def build_derived(data_dir: Path, knowledge: Path, factor: int, base: Path, sample: int = 48) -> Build:
    """The real ingest path over a copy of `base`, except that only `sample` new chunks are
    embedded (to measure the rate); the others get embeddings derived from real ones."""
    from app.container import Container
    from app.services.index_manifest import fingerprint, write_manifest
    from app.services.ingest_report import IngestReport
    from app.services.ingest_sources import desired_records
    from app.services.ingest_writes import reconcile
    from app.settings import INDEX_SCHEMA_VERSION

    shutil.copytree(base, data_dir)
    settings = scale_settings(data_dir, knowledge)
    service = Container(settings).ingest
    started = time.perf_counter()
    report = IngestReport()
    records, preserved = desired_records(
        settings, service.segmenter, report
    )  # chunking + BM25 tokens: the real code
    collection = service.store.collection(CollectionName.policies)
    wanted = [r for r in records if r.collection is CollectionName.policies]
    new, stale = reconcile(collection, wanted, preserved, report)
    assert not stale, "the 100x corpus contains the base corpus"

    # Real embeddings of the base index, by (source document, position), to derive from.
    existing = collection.get(include=["metadatas", "embeddings"])
    by_place: dict[tuple[str, int], list[np.ndarray]] = {}
    for meta, vector in zip(existing["metadatas"], existing["embeddings"], strict=True):
        root = _root_document(str(meta["source"]))
        by_place.setdefault((root, int(meta["position"])), []).append(np.asarray(vector, np.float32))
    by_root: dict[str, list[np.ndarray]] = {}
    for (root, _), vectors in by_place.items():
        by_root.setdefault(root, []).extend(vectors)

    t0 = time.perf_counter()
    measured = service.embeddings.embed_in_batches([r.document for r in new[:sample]], None)
    embed_s = time.perf_counter() - t0
    rate = len(measured) / embed_s if embed_s else 0.0
    rng = np.random.default_rng(0)
    vectors = [measured[i] for i in range(len(measured))]
    for record in new[sample:]:
        root = _root_document(str(record.metadata["source"]))
        candidates = by_place.get((root, int(record.metadata["position"]))) or by_root[root]
        base_vector = candidates[int(rng.integers(len(candidates)))]
        derived = base_vector + rng.normal(0.0, NOISE_SIGMA, base_vector.shape).astype(np.float32)
        vectors.append(derived / np.linalg.norm(derived))
    for begin in range(0, len(new), 1000):  # as IngestService._embed_and_add writes them
        part = new[begin : begin + 1000]
        collection.add(
            ids=[r.id for r in part],
            embeddings=np.vstack(vectors[begin : begin + len(part)]),
            documents=[r.document for r in part],
            metadatas=[r.metadata for r in part],
        )
    counts = {name.value: service.store.collection(name).count() for name in CollectionName}
    write_manifest(
        settings,
        {
            "schema_version": INDEX_SCHEMA_VERSION,
            "fingerprint": fingerprint(settings),
            "embedding_model": settings.embedding.model_name,
            "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "counts": counts,
            "failed": report.failed,
            "synthetic_derived_embeddings": len(new) - len(measured),
        },
    )
    seconds = time.perf_counter() - started
    derived_count = len(new) - len(measured)
    return Build(
        factor,
        counts,
        seconds,
        len(measured),
        derived=derived_count,
        rate=rate,
        extrapolated_s=derived_count / rate if rate else 0.0,
        note=f"+{len(new)} chunks over the 10x index; {len(measured)} embedded, {derived_count} derived",
    )


def _root_document(source: str) -> str:
    """The real document a synthetic one was made from ("syn-000_92d68ac8b5-v037" -> "000_92d68ac8b5")."""
    return source[4:].rsplit("-v", 1)[0] if source.startswith("syn-") else source[:12]
