"""What a search returns (the JSON contract of `aipack search` and the advisor's evidence) and how it is filtered.

Kept apart from the search itself (app.services.retrieval) so the handlers, the composer and the API read
hits without the ranking machinery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.components.vector_store import CollectionName
from app.services.routing import Route


@dataclass(frozen=True)
class SearchFilters:
    collections: frozenset[CollectionName] | None = None
    region: str | None = None  # national entries always match too
    kinds: frozenset[str] | None = None

    def chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        if self.region:
            clauses.append({"region": {"$in": [self.region, "全国"]}})
        if self.kinds:
            clauses.append({"kind": {"$in": sorted(self.kinds)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass(frozen=True)
class SearchHit:
    source: str
    chunk_id: str
    title: str
    text: str  # the original-script passage, for quoting
    score: float  # e5 cosine similarity of this chunk to the query
    collection: str
    metadata: dict[str, Any] = field(default_factory=dict)
    # The catalogued programs this passage speaks for: a catalogue entry's own id, or the ids of the entries
    # whose official text it quotes (app.services.search_hits). Not in the JSON contract.
    programs: tuple[str, ...] = ()

    def contract(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "chunk_id": self.chunk_id,
            "title": self.title,
            "text": self.text,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    language: str
    hits: list[SearchHit]
    best_score: float
    has_evidence: bool
    route: Route = "general"  # what the question was judged to be about (app.services.routing)
    meaning: str = ""  # the text the dense side ranked by (`search(..., meaning=)`, else the query)
    _within: Callable[[CollectionName, int, str | None], list[SearchHit]] | None = field(
        default=None, repr=False, compare=False
    )

    def within(self, collection: CollectionName, k: int, words: str | None = None) -> list[SearchHit]:
        """The best `k` of one collection for the same question, as a search filtered to it would rank
        them, from this search's candidates: no second embedding and no second Chroma query, so the
        handlers of a turn share one retrieval.

        `words`: the text BM25 reads when it is not the question (the solution ranking matches the message's
        need, without the place and headcount it states, or the conversation's); the dense side keeps this
        search's vector. The same ranking as `search(words, filters=that collection, meaning=self.meaning)`,
        without preparing, routing and embedding the question again.
        """
        return self._within(collection, k, words) if self._within else []


# Metadata used inside the index (BM25 tokens, the quoted body, the window), not shown with a hit.
INTERNAL_FIELDS = ("bm25", "quote", "before", "after")


def context_text(meta: dict[str, Any], document: str) -> str:
    """What a hit shows: its chunk with the neighbouring sentences, and the speaker when none is named.

    The chunk alone is what was indexed; the sentence before and after are returned with it
    (sentence-window retrieval) so an answer cut at a chunk boundary is whole, and a chunk that
    goes on with "他建议…" is prefixed with the speaker named earlier in the article.
    """
    body = str(meta.get("quote", document))
    text = f"{meta.get('before', '')}{body}{meta.get('after', '')}"
    speaker = str(meta.get("speaker", ""))
    return f"（{speaker}）{text}" if speaker and speaker not in text else text
