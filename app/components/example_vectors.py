"""Vectors of a labelled example bank, embedded once and kept on disk beside the index.

An example bank (need phrasings, intent phrasings) is a few hundred short sentences: embedding them takes
seconds on a loaded 2-core machine, which a one-shot `aipack ask` would pay on every call. The vectors
are stored under the data directory, keyed by the model and the exact texts, so an edited bank or
another model is embedded afresh and a stale file is never read.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from app.components.embeddings import embed_queries


def example_vectors(texts: list[str], cache_dir: Path | None, model: str) -> np.ndarray:
    """Query embeddings of `texts` (one row each), from `cache_dir` when they were embedded before."""
    digest = hashlib.sha1("\n".join([model, *texts]).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / "examples" / f"{digest}.npy" if cache_dir else None
    if path and path.exists():
        try:
            cached: np.ndarray = np.load(path)
            if cached.shape[0] == len(texts):
                return cached
        except (OSError, ValueError):
            pass  # a torn or foreign file: embed again and overwrite it
    vectors = embed_queries(texts)
    if path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as out:
                np.save(out, vectors)
            partial.replace(path)  # atomic: a concurrent reader sees the old file or the whole new one
        except OSError:
            pass  # a read-only data dir only costs the embedding next time
    return vectors
