"""An in-memory view of every indexed chunk, loaded from Chroma itself.

It carries what the dense search does not return for lexical-only hits: the
BM25 index over the tokens stored at ingest, each chunk's metadata, and its
embedding (so every fused hit gets a comparable cosine score). Loading from
Chroma rather than a side file keeps stateless replicas in server mode correct.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import bm25s
import numpy as np

from app.components.vector_store import CollectionName, VectorStoreComponent


@dataclass(frozen=True)
class ChunkRow:
    chunk_id: str
    collection: CollectionName
    document: str
    metadata: dict[str, Any]


class ChunkTable:
    def __init__(self, rows: list[ChunkRow], vectors: np.ndarray) -> None:
        self.rows = rows
        self.vectors = vectors
        self.position = {row.chunk_id: i for i, row in enumerate(rows)}
        self._bm25: bm25s.BM25 | None = None
        tokens = [str(row.metadata.get("bm25", "")).split() for row in rows]
        if any(tokens):
            self._bm25 = bm25s.BM25()
            self._bm25.index(tokens, show_progress=False)

    @classmethod
    def load(cls, store: VectorStoreComponent) -> ChunkTable:
        rows: list[ChunkRow] = []
        vectors: list[np.ndarray] = []
        for name in CollectionName:
            collection = store.existing(name)
            if collection is None:
                continue
            data = collection.get(include=["metadatas", "documents", "embeddings"])
            for chunk_id, document, metadata, vector in zip(
                data["ids"], data["documents"], data["metadatas"], data["embeddings"], strict=True
            ):
                rows.append(ChunkRow(chunk_id, name, document or "", dict(metadata or {})))
                vectors.append(np.asarray(vector, dtype=np.float32))
        matrix = np.vstack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)
        return cls(rows, matrix)

    def __len__(self) -> int:
        return len(self.rows)

    def cosine(self, chunk_ids: list[str], query_vector: np.ndarray) -> dict[str, float]:
        idx = [self.position[c] for c in chunk_ids if c in self.position]
        if not idx:
            return {}
        scores = self.vectors[idx] @ query_vector
        return {self.rows[i].chunk_id: float(s) for i, s in zip(idx, scores, strict=True)}

    def keyword_scores(self, tokens: list[str]) -> np.ndarray:
        if self._bm25 is None or not tokens:
            return np.zeros(len(self.rows), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def keyword_ranking(
        self, tokens: list[str], mask: np.ndarray, depth: int, min_relative: float = 0.0
    ) -> list[str]:
        """Chunk ids by BM25 score, best first, within `mask`.

        Hits below `min_relative` x the best score are dropped: they share only
        common words with the query, and ranking them would push a strong dense
        hit out of the fused top-k.
        """
        if self._bm25 is None or not tokens:
            return []
        scores = self.keyword_scores(tokens) * mask
        cutoff = max(float(scores.max()) * min_relative, 1e-9)
        order = np.argsort(-scores)[:depth]
        return [self.rows[i].chunk_id for i in order if scores[i] >= cutoff]

    def mask(
        self, collections: set[CollectionName] | None, regions: set[str] | None, kinds: set[str] | None
    ) -> np.ndarray:
        keep = np.ones(len(self.rows), dtype=np.float32)
        for i, row in enumerate(self.rows):
            if (
                (collections and row.collection not in collections)
                or (regions and row.metadata.get("region") not in regions)
                or (kinds and row.metadata.get("kind") not in kinds)
            ):
                keep[i] = 0.0
        return keep
