"""How the hybrid search orders its candidates once the two retrievers have found them.

Three steps, each over ranked chunk ids (app.services.retrieval runs them, the route's balance sits
between the last two):

1. `fuse`: reciprocal-rank fusion of the dense (e5) and BM25 rankings decides the candidates;
2. `rerank`: the best `rerank_depth` are re-ordered by alpha x normalised cosine + (1 - alpha) x
   normalised BM25, which keeps a confident dense hit from being buried under weak lexical matches
   (and vice versa);
3. `order_passages`: each document of the final top k fills the places it won with its best passages
   among the re-ranked candidates, judged by the same relevance without credit for the words that name
   the document (a program's official text and its catalogue entry are one document, the text first).

`rank_candidates` runs the three (and the route's balance) for one search.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from app.services.chunk_table import ChunkTable
from app.services.routing import Route, balance
from app.services.search_results import SearchFilters
from app.settings import RetrievalSettings

Strategy = Literal["hybrid", "dense", "bm25"]
# How much more relevant (on the 0-1 relevance scale) a candidate left out of the top k must be to take a
# passage's place there: the re-rank preferred the passage already in, and near-equal passages trade places
# by noise (dev3 d3-69, dev6 d6-43, dev12 d12-18 fell out with no margin; 0.02-0.05 score the same on the
# team's 773 questions, 0.03 and above lose dev10 d10-40).
KEEP_MARGIN = 0.02


def rank_candidates(
    table: ChunkTable,
    vector: np.ndarray,
    tokens: list[str],
    dense: list[str],
    filters: SearchFilters,
    strategy: Strategy,
    k: int,
    which: Route,
    r: RetrievalSettings,
    named: frozenset[str] = frozenset(),
) -> list[str]:
    """The best `k` chunk ids within `filters`: the dense candidates (`dense`, best first) fused with BM25's
    over `tokens`; for the hybrid, re-ranked, balanced by the route `which` (`named`: the sources the question
    names, listed first on the article route) and each document's places given to its best passages."""
    if filters.collections:
        dense = [c for c in dense if table.collection_of(c) in filters.collections]
    keyword: list[str] = []
    if strategy != "dense":
        keyword = table.keyword_ranking(tokens, mask(table, filters), r.candidate_k, r.keyword_min_relative)
    fused = fuse([(r.dense_weight, dense), (r.keyword_weight, keyword)], r.rrf_k)
    if strategy != "hybrid":
        return fused[:k]
    fused = rerank(table, fused, vector, tokens, r)
    top = balance(fused, k, which, table.group_of, lambda c: table.source_of(c) in named)
    return order_passages(table, top, vector, tokens, r, fused[: r.rerank_depth])


def mask(table: ChunkTable, filters: SearchFilters) -> np.ndarray:
    """The chunks `filters` allow (national entries match any region)."""
    regions = {filters.region, "全国"} if filters.region else None
    return table.mask(set(filters.collections or []) or None, regions, set(filters.kinds or []) or None)


def fuse(rankings: list[tuple[float, list[str]]], rrf_k: int) -> list[str]:
    """Reciprocal-rank fusion of weighted rankings, best first."""
    fused: dict[str, float] = {}
    for weight, ranking in rankings:
        for rank, chunk_id in enumerate(ranking):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + weight / (rrf_k + rank + 1)
    return sorted(fused, key=lambda c: -fused[c])


def rerank(
    table: ChunkTable, fused: list[str], vector: np.ndarray, tokens: list[str], r: RetrievalSettings
) -> list[str]:
    """The first `r.rerank_depth` of `fused` ordered by relevance; the rest keep their fused order."""
    head, tail = fused[: r.rerank_depth], fused[r.rerank_depth :]
    if len(head) < 2:
        return fused
    bm25 = table.keyword_scores(tokens)[[table.position[c] for c in head]]
    score = _relevance(table, head, vector, tokens, bm25, r)
    order = np.argsort(-score, kind="stable")  # stable: equal scores keep their RRF order
    return [head[i] for i in order] + tail


def order_passages(
    table: ChunkTable,
    top: list[str],
    vector: np.ndarray,
    tokens: list[str],
    r: RetrievalSettings,
    pool: list[str] | None = None,
) -> list[str]:
    """Each document keeps the places it won in `top`; they go to its best passages among `top` and `pool`
    (the re-ranked candidates), by relevance without credit for the words that name the document
    (ChunkTable.passage_keyword_scores).

    Which documents answer is settled by then (by both retrievers, the re-rank and the route); which of a
    document's passages won its places was decided partly by its name, matched only where the name stands
    (the dateline, a speaker's line, a catalogue entry), not where the answer is. A passage that answers
    can be ranked below five that merely name the document (fresh f86: the Beijing plan's two trends,
    6th of the plan's passages behind five matching 北京 / 计划), so the places are refilled from the
    candidates, not only reordered. Every other document's rank, and which documents are in the top k,
    stay as they were.
    """
    documents = {table.document_of(c) for c in top}
    candidates = list(dict.fromkeys([*top, *(c for c in pool or () if table.document_of(c) in documents)]))
    if len(candidates) < 2:
        return top
    score = _relevance(table, candidates, vector, tokens, table.passage_keyword_scores(tokens, candidates), r)
    ordered = list(top)
    # Each candidate's document read once: the solutions' ranking (k = 20) looked it up per document and candidate.
    of = [table.document_of(c) for c in candidates]  # `candidates` lists `top` first
    places_of: dict[str, list[int]] = {}
    own_of: dict[str, list[int]] = {}
    for n, document in enumerate(of):
        own_of.setdefault(document, []).append(n)
        if n < len(top):
            places_of.setdefault(document, []).append(n)
    for document, places in places_of.items():
        own = own_of[document]
        # A program's own text before its catalogue entry: the entry summarises the text, and a question the
        # entry matches by the program's name is answered by the text's clause (dev7, dev9: the entry first,
        # the clause second). The advisor reads the program from the text's hit (SearchHit.programs), so the
        # entry may give up its place to its text's clauses. sorted() is stable: ties keep their order.
        # `candidates` lists `top` first: n < len(top) is a passage already in.
        best = sorted(
            own,
            key=lambda n: (
                table.is_summary(candidates[n]),
                -score[n] - (KEEP_MARGIN if n < len(top) else 0.0),
            ),
        )
        for place, n in zip(places, best, strict=False):
            ordered[place] = candidates[n]
    return ordered


def _relevance(
    table: ChunkTable,
    chunk_ids: list[str],
    vector: np.ndarray,
    tokens: list[str],
    bm25: np.ndarray,
    r: RetrievalSettings,
) -> np.ndarray:
    """alpha x cosine + (1 - alpha) x BM25 for each of `chunk_ids`: the cosine above `rerank_cosine_base`
    scaled to the best of them, the `bm25` scores to the best BM25 score of the whole question (so words a
    passage is not credited with lower it rather than being normalised away)."""
    cosine = table.vectors[[table.position[c] for c in chunk_ids]] @ vector
    dense = np.clip(
        (cosine - r.rerank_cosine_base) / max(float(cosine.max()) - r.rerank_cosine_base, 1e-9), 0, None
    )
    lexical = bm25 / (float(table.keyword_scores(tokens).max()) or 1.0)
    score: np.ndarray = r.rerank_alpha * dense + (1 - r.rerank_alpha) * lexical
    return score
