"""An in-memory view of every indexed chunk, loaded from Chroma itself.

It carries what the dense search does not return for lexical-only hits: the
BM25 index over the tokens stored at ingest, each chunk's metadata, and its
embedding (so every fused hit gets a comparable cosine score). Loading from
Chroma rather than a side file keeps stateless replicas in server mode correct.

Per-query work is numpy over arrays built once per load (filter masks from
integer-coded metadata, BM25 scores memoised per token list), so a search does
not loop over every chunk in Python: the cost stays flat as the corpus grows.
"""

from __future__ import annotations

import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import bm25s
import numpy as np

from app.components.dictionary import QueryTranslator, dictionary_senses
from app.components.vector_store import CollectionName, VectorStoreComponent
from app.services.chunk_names import naming_words, sources_by_name
from app.services.routing import Group, coined_terms, program_places
from app.text.normalize import normalize

_LATIN_WORD = re.compile(r"[a-z]+")
_MEMO_SIZE = 256  # masks and BM25 score vectors kept per table (a few KB each per 1,000 chunks)


@dataclass(frozen=True)
class ChunkRow:
    chunk_id: str
    collection: CollectionName
    document: str
    metadata: dict[str, Any]


class _Codes:
    """One metadata column as integer codes, so "value in set" is a vectorised lookup."""

    def __init__(self, values: list[Any]) -> None:
        self.index: dict[Any, int] = {}
        self.codes = np.fromiter(
            (self.index.setdefault(v, len(self.index)) for v in values), dtype=np.int32, count=len(values)
        )

    def within(self, allowed: set[Any]) -> np.ndarray:
        wanted = [self.index[v] for v in allowed if v in self.index]
        return np.isin(self.codes, wanted)


def _group(row: ChunkRow) -> Group:
    if row.collection is CollectionName.solutions:
        return "solutions"
    if row.collection is CollectionName.funding or row.metadata.get("program"):
        return "programs"
    return "articles"


class ChunkTable:
    def __init__(
        self,
        rows: list[ChunkRow],
        vectors: np.ndarray,
        vocabulary: Iterable[str] = (),
        tokenize: Callable[[str], list[str]] | None = None,
        parallel: Callable[[], Mapping[str, tuple[str, ...]]] = dict,
        senses: Callable[[], Mapping[str, tuple[str, ...]]] = dictionary_senses,
    ) -> None:
        self.rows = rows
        self.vectors = vectors
        self.position = {row.chunk_id: i for i, row in enumerate(rows)}
        # (document, chunk position) -> chunk id: a quote cut at a chunk boundary reads on in the next one.
        self.by_place = {
            (row.metadata.get("source"), row.metadata["position"]): row.chunk_id
            for row in rows
            if isinstance(row.metadata.get("position"), int)
        }
        self._groups: list[Group] = [_group(row) for row in rows]
        # Who each document is named by: naming an article routes to it; its own names do not order its passages.
        self.sources_by_name = sources_by_name(rows, self._groups)
        self._naming_words = naming_words(rows, tokenize)
        self.names = frozenset(self.sources_by_name)
        # Funding terms only the articles use ("AI专项资金"): naming one asks about the article (routing).
        self.coined = coined_terms(
            (row.document for row, group in zip(rows, self._groups, strict=True) if group == "articles"),
            (row.document for row, group in zip(rows, self._groups, strict=True) if group != "articles"),
            (normalize(term) for term in vocabulary),
        )
        # Places only programs are for: with one, a coined term asks about that place's fund (routing.route).
        self.places = program_places(
            (row.document for row in rows if row.collection is CollectionName.funding),
            (row.document for row, group in zip(rows, self._groups, strict=True) if group == "articles"),
        )
        self._bm25: bm25s.BM25 | None = None
        tokens = [str(row.metadata.get("bm25", "")).split() for row in rows]
        # Latin-script words the articles themselves use (ai, openai, sora): see `lexical_query`.
        self._article_latin = frozenset(
            word
            for words, group in zip(tokens, self._groups, strict=True)
            if group == "articles"
            for word in words
            if _LATIN_WORD.fullmatch(word)
        )
        # Chunks per word: English questions are translated only into words the index holds.
        self.translator = QueryTranslator(
            Counter(word for words in tokens for word in set(words)), parallel, senses
        )
        if any(tokens):
            self._bm25 = bm25s.BM25()
            self._bm25.index(tokens, show_progress=False)
        self._collections = _Codes([row.collection for row in rows])
        self._regions = _Codes([row.metadata.get("region") for row in rows])
        self._kinds = _Codes([row.metadata.get("kind") for row in rows])
        self._lock = threading.Lock()
        self._masks: OrderedDict[tuple[Any, ...], np.ndarray] = OrderedDict()
        self._scores: OrderedDict[tuple[str, ...], np.ndarray] = OrderedDict()

    @classmethod
    def load(
        cls,
        store: VectorStoreComponent,
        vocabulary: Iterable[str] = (),
        tokenize: Callable[[str], list[str]] | None = None,
        parallel: Callable[[], Mapping[str, tuple[str, ...]]] = dict,
        senses: Callable[[], Mapping[str, tuple[str, ...]]] = dictionary_senses,
    ) -> ChunkTable:
        """Every chunk of `store`; `vocabulary`: the glossary's terms, candidates for the articles' coinages;
        `tokenize`: the BM25 tokenizer, which cuts the articles' names into the words a question matches."""
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
        return cls(rows, matrix, vocabulary, tokenize, parallel, senses)

    def lexical_query(self, tokens: list[str], language: str) -> list[str]:
        """The BM25 tokens of a question: an English question keeps its Chinese translations and only
        those English words the articles use as is.

        The other English words of an English question ("data", "computing", "power") match nothing
        but the English names inside catalogue entries, which pulled those entries above the
        article passage the question was about.
        """
        if language != "en":
            return tokens
        return [w for w in tokens if not _LATIN_WORD.fullmatch(w) or w in self._article_latin]

    def collection_of(self, chunk_id: str) -> str:
        return self.rows[self.position[chunk_id]].collection.value

    def source_of(self, chunk_id: str) -> str:
        return str(self.rows[self.position[chunk_id]].metadata.get("source", ""))

    def document_of(self, chunk_id: str) -> str:
        """The document a chunk is a passage of: its source, except that a program's catalogue entry (source =
        the program id) and its official text (`program` metadata) are one document, the entry its summary."""
        meta = self.rows[self.position[chunk_id]].metadata
        return str(meta.get("program") or meta.get("source", ""))

    def is_summary(self, chunk_id: str) -> bool:
        """A catalogue entry: written by the team from the program's text, not the issuer's own words."""
        return self.rows[self.position[chunk_id]].collection is CollectionName.funding

    def group_of(self, chunk_id: str) -> Group:
        """What a chunk is for routing: an article, a program (catalogue entry or its official text), a solution."""
        return self._groups[self.position[chunk_id]]

    def __len__(self) -> int:
        return len(self.rows)

    def _memo(self, cache: OrderedDict[Any, np.ndarray], key: Any, compute: Any) -> np.ndarray:
        with self._lock:
            hit = cache.get(key)
            if hit is not None:
                cache.move_to_end(key)
                return hit
        value: np.ndarray = compute()
        value.setflags(write=False)  # shared between callers and threads
        with self._lock:
            cache[key] = value
            while len(cache) > _MEMO_SIZE:
                cache.popitem(last=False)
        return value

    def cosine(self, chunk_ids: list[str], query_vector: np.ndarray) -> dict[str, float]:
        idx = [self.position[c] for c in chunk_ids if c in self.position]
        if not idx:
            return {}
        scores = self.vectors[idx] @ query_vector
        return {self.rows[i].chunk_id: float(s) for i, s in zip(idx, scores, strict=True)}

    def dense_ranking(self, query_vector: np.ndarray, mask: np.ndarray, depth: int) -> list[str]:
        """Chunk ids by cosine to the query, best first: the best `depth` of each collection within `mask`.

        Exact search over the vectors loaded with the table: the same candidates as one filtered
        Chroma query per collection, for a fraction of a millisecond instead of several per ask.
        `depth` per collection, not overall: a large catalogue must not crowd every article out of
        the candidates the fusion and the route balance choose from.
        """
        cosines = self.vectors @ query_vector
        scored: list[tuple[float, str]] = []
        for code in range(len(self._collections.index)):
            inside = np.flatnonzero((self._collections.codes == code) & (mask > 0))
            if inside.size > depth:
                inside = inside[np.argpartition(-cosines[inside], depth - 1)[:depth]]
            scored += [(float(cosines[i]), self.rows[i].chunk_id) for i in inside]
        scored.sort(reverse=True)
        return [chunk_id for _, chunk_id in scored]

    def keyword_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk (read-only; memoised, since a search asks twice)."""
        bm25 = self._bm25
        if bm25 is None or not tokens:
            return np.zeros(len(self.rows), dtype=np.float32)
        return self._memo(
            self._scores, tuple(tokens), lambda: np.asarray(bm25.get_scores(tokens), dtype=np.float32)
        )

    def passage_keyword_scores(self, tokens: list[str], chunk_ids: list[str]) -> np.ndarray:
        """BM25 of each of `chunk_ids` over the question's words less those naming the chunk's own article.

        A word that names the article ("湖南日报", "赵志国") is evidence for the article, and the route
        already puts a named article first (app.services.routing), but not for any one of its passages: it
        matched only the dateline chunk, or those repeating the speaker's name, and lifted them above the
        passage that answers. Other articles' chunks keep every word: for them the name is just a word.
        """
        scores = np.empty(len(chunk_ids), dtype=np.float32)
        for n, chunk_id in enumerate(chunk_ids):
            own = self._naming_words.get(self.source_of(chunk_id))
            focus = [t for t in tokens if t not in own] if own else tokens
            scores[n] = self.keyword_scores(focus)[self.position[chunk_id]]
        return scores

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
        """1.0 for chunks within every given filter, else 0.0 (read-only; memoised per filter)."""
        key = tuple(frozenset(f) if f else None for f in (collections, regions, kinds))

        def compute() -> np.ndarray:
            keep = np.ones(len(self.rows), dtype=bool)
            if collections:
                keep &= self._collections.within(set(collections))
            if regions:
                keep &= self._regions.within(set(regions))
            if kinds:
                keep &= self._kinds.within(set(kinds))
            return keep.astype(np.float32)

        return self._memo(self._masks, key, compute)
