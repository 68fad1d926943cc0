"""Hybrid retrieval: dense Chroma search + jieba BM25, fused by reciprocal rank.

The only search path in the product: the CLI, the HTTP API, the advisor and
the UI all call `RetrievalService.search`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cache

import numpy as np

from app.catalogue.loader import load_catalogue
from app.components.dictionary import dictionary_senses
from app.components.parallel_lexicon import bilingual_pairs, learn
from app.components.vector_store import CollectionName, VectorStoreComponent
from app.errors import CatalogueError
from app.services import query_dictionary
from app.services.chunk_table import ChunkTable
from app.services.ingest import IngestService, read_manifest
from app.services.query_vectors import query_vector
from app.services.ranking import Strategy, mask, rank_candidates
from app.services.routing import Route, named_sources, route
from app.services.search_hits import hit_of
from app.services.search_results import (
    SearchFilters,
    SearchHit,
    SearchResult,
    context_text,
)
from app.settings import Settings
from app.text.normalize import detect_language, normalize
from app.text.ordinals import list_markers

# The result types live in app.services.search_results; importing them from here keeps working.
__all__ = [
    "MAX_QUERY_CHARS",
    "RetrievalService",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "Strategy",
    "context_text",
    "query_vector",
]

# e5 reads at most 512 tokens; longer queries only cost time.
MAX_QUERY_CHARS = 1000


class RetrievalService:
    def __init__(self, settings: Settings, ingest: IngestService | None = None) -> None:
        self.settings = settings
        self.ingest = ingest or IngestService(settings)
        self._lock = threading.Lock()
        self._table: ChunkTable | None = None
        self._loaded_stamp: str | None = None
        # Results of `search_fixed`, valid for the loaded table only.
        self._fixed: dict[tuple[str, int, SearchFilters], SearchResult] = {}
        self._fixed_table: ChunkTable | None = None

    @property
    def store(self) -> VectorStoreComponent:
        return self.ingest.store

    def table(self) -> ChunkTable:
        """The chunk table, reloaded whenever an ingest has rewritten the manifest."""
        manifest = read_manifest(self.settings)
        if manifest is not None:
            stamp = f"{manifest.get('fingerprint')}@{manifest.get('ingested_at')}"
        else:
            # A replica in server mode has no local manifest: the server's counts tell it when to reload.
            stamp = "counts:" + ",".join(
                str(self.ingest.server_counts().get(n.value, 0)) for n in CollectionName
            )
        with self._lock:
            if self._table is None or stamp != self._loaded_stamp:
                self.ingest.require_index()
                stored = query_dictionary.load(
                    self.settings.paths.data_dir / query_dictionary.FILE_NAME,
                    (manifest or {}).get("fingerprint"),
                )
                self._table = ChunkTable.load(
                    self.store,
                    (t.zh for t in self.ingest.glossary.terms),
                    self.ingest.segmenter.tokens,
                    (lambda: stored.lexicon) if stored else self._parallel_lexicon(),
                    (lambda: stored.senses) if stored else dictionary_senses,
                )
                self._loaded_stamp = stamp
            return self._table

    def _parallel_lexicon(self) -> Callable[[], Mapping[str, tuple[str, ...]]]:
        """The catalogue's English -> Chinese, learnt on the first English question of a loaded index
        when the ingest stored none (app.services.query_dictionary; a catalogue that no longer loads
        teaches nothing)."""

        @cache
        def learnt() -> Mapping[str, tuple[str, ...]]:
            try:
                catalogue = load_catalogue(self.settings.paths.catalogue_dir)
            except CatalogueError:
                return {}
            return learn(
                bilingual_pairs([catalogue.funding, catalogue.solutions]), self.ingest.segmenter.tokens
            )

        return learnt

    def floor(self, language: str) -> float:
        r = self.settings.retrieval
        return r.relevance_floor_en if language == "en" else r.relevance_floor_zh

    def prepare(self, query: str, table: ChunkTable | None = None) -> str:
        """The text that is embedded and tokenised: normalised, English translated into indexed Chinese.

        English questions get the glossary's terms, then CC-CEDICT translations of their other words
        (app.components.dictionary), so both e5 and BM25 see the Chinese the articles use.
        """
        prepared = self._expanded(query)
        if detect_language(query) == "en":
            glossed = frozenset(w for p in self.ingest.glossary.english_phrases(query) for w in p.split())
            translated = (table or self.table()).translator.translate(query, glossed)
            prepared = f"{prepared} {' '.join(translated)}".strip()
        return prepared

    def _expanded(self, query: str) -> str:
        """The normalised question with the glossary's Chinese for its English terms (no dictionary words)."""
        return normalize(self.ingest.glossary.expand_english(query))

    def embedding(self, text: str) -> np.ndarray:
        """The e5 query vector of `text` as `search` ranks by it (prepared the same way, cached).

        Asking for the same text again, here or through `search(..., meaning=text)`, is a cache hit:
        an advisor turn embeds its need once and every search and vote of the turn reuses it.
        """
        return query_vector(self.prepare(text[:MAX_QUERY_CHARS]))

    def embed_together(self, texts: Sequence[str]) -> None:
        """Embed `texts` as `embedding` would, those not embedded before in one e5 call (an advisor turn's
        texts: asked for one by one later, each is a cache hit)."""
        if texts:
            table = self.table() if any(detect_language(t) == "en" for t in texts) else None
            query_vector.many([self.prepare(t[:MAX_QUERY_CHARS], table) for t in texts])

    def search(
        self,
        query: str,
        *,
        k: int | None = None,
        filters: SearchFilters | None = None,
        strategy: Strategy = "hybrid",
        meaning: str | None = None,
    ) -> SearchResult:
        """The best `k` chunks for `query`: dense (e5) and BM25 candidates fused, then re-ranked.

        `meaning`: the text the dense side ranks by, when it is not the query itself (an advisor turn
        passes the message's need, without the place, headcount and budget it states, so one embedding
        serves all the turn's searches); BM25 and the route still read the whole query.
        """
        k = k or self.settings.retrieval.top_k
        filters = filters or SearchFilters()
        query = query[:MAX_QUERY_CHARS]
        language = detect_language(query)
        table = self.table()
        prepared = self.prepare(query, table)
        if not prepared.strip() or len(table) == 0:
            return SearchResult(query, language, [], 0.0, False)
        meant = self.prepare(meaning[:MAX_QUERY_CHARS], table) if meaning else ""
        vector = query_vector(meant if meant.strip() else prepared)
        r = self.settings.retrieval
        dense = self._dense_ranking(table, vector, filters, r.candidate_k) if strategy != "bm25" else []
        tokens = self._tokens(query, table, prepared)
        # Routed on the asker's own words (names also through the glossary: "Zhao Zhiguo" -> 赵志国): a
        # translation added for recall ("compute bill" -> 提案, a motion) is not evidence of what is asked.
        which: Route = (
            route(normalize(query), table.names, self._expanded(query), table.coined, table.places, prepared)
            if strategy == "hybrid"
            else "general"
        )

        named = (
            named_sources(self._expanded(query), table.sources_by_name) if which == "article" else frozenset()
        )

        def hits_for(
            scope: SearchFilters, n: int, ordering: Route, words: list[str] = tokens
        ) -> list[SearchHit]:
            ranked = rank_candidates(table, vector, words, dense, scope, strategy, n, ordering, r, named)
            cosines = table.cosine(ranked, vector)
            return [hit_of(table, chunk_id, cosines.get(chunk_id, 0.0)) for chunk_id in ranked]

        def within(collection: CollectionName, n: int, text: str | None = None) -> list[SearchHit]:
            scope = replace(
                filters, collections=frozenset({collection}) & (filters.collections or {collection})
            )
            if not scope.collections:
                return []
            words = tokens if text is None else self._tokens(text[:MAX_QUERY_CHARS], table)
            return hits_for(scope, n, "general", words)

        hits = hits_for(filters, k, which)
        best = max((h.score for h in hits), default=0.0)
        has_evidence = best >= self.floor(language)
        return SearchResult(query, language, hits, best, has_evidence, which, meaning or query, within)

    def _tokens(self, query: str, table: ChunkTable, prepared: str | None = None) -> list[str]:
        """The BM25 words of `query` (`prepared`: its prepared text, when already made), with the list-item
        marker an ordinal points at ("第三条" -> 三是, app.text.ordinals)."""
        prepared = self.prepare(query, table) if prepared is None else prepared
        words = self.ingest.segmenter.tokens(prepared) + list_markers(prepared)
        return table.lexical_query(words, detect_language(query))

    def search_fixed(self, query: str, *, k: int, filters: SearchFilters) -> SearchResult:
        """A search whose question never changes (the pack's policy basis), run once per loaded index.

        Every recommendation grounds the pack in the same policy sentence; searching for it on
        every turn was a second retrieval per ask.
        """
        table = self.table()
        key = (query, k, filters)
        with self._lock:
            if self._fixed_table is not table:
                self._fixed, self._fixed_table = {}, table
            cached = self._fixed.get(key)
        if cached is None:
            cached = self.search(query, k=k, filters=filters)
            with self._lock:
                if self._fixed_table is table:
                    self._fixed[key] = cached
        return cached

    def next_chunk(self, hit: SearchHit) -> SearchHit | None:
        """The chunk that follows `hit` in its document, or None at the end (or for catalogue entries)."""
        position = hit.metadata.get("position")
        if not isinstance(position, int):
            return None
        table = self.table()
        chunk_id = table.by_place.get((hit.source, position + 1))
        return hit_of(table, chunk_id, 0.0) if chunk_id else None

    def _dense_ranking(
        self, table: ChunkTable, vector: np.ndarray, filters: SearchFilters, depth: int
    ) -> list[str]:
        """The e5 ranking within `filters` (one method, so a test can count a turn's dense passes)."""
        return table.dense_ranking(vector, mask(table, filters), depth)
