"""How the hybrid search orders its candidates once the two retrievers have found them.

Three steps, each over ranked chunk ids (app.services.retrieval runs them, the route's balance sits
between the last two):

1. `fuse`: reciprocal-rank fusion of the dense (e5) and BM25 rankings decides the candidates;
2. `rerank`: the best `rerank_depth` are re-ordered by alpha x normalised cosine + (1 - alpha) x
   normalised BM25, which keeps a confident dense hit from being buried under weak lexical matches
   (and vice versa);
3. `order_passages`: within each document of the final top k, its passages are ordered again by the
   same relevance, without credit for the words that name the document (a program's official text and
   its catalogue entry are one document, the text first).
"""

from __future__ import annotations

import numpy as np

from app.services.chunk_table import ChunkTable
from app.settings import RetrievalSettings


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
    table: ChunkTable, top: list[str], vector: np.ndarray, tokens: list[str], r: RetrievalSettings
) -> list[str]:
    """Each document keeps the places it won in `top`; among them its passages are ordered by relevance
    without credit for the words that name the document (ChunkTable.passage_keyword_scores).

    Which documents answer is settled by then (by both retrievers, the re-rank and the route); which of a
    document's passages came first was decided partly by its name, matched only where the name stands
    (the dateline, a speaker's line), not where the answer is. Reordering only within a document's own
    places leaves every other document's rank, and the top k's contents, as they were.
    """
    if len(top) < 2:
        return top
    score = _relevance(table, top, vector, tokens, table.passage_keyword_scores(tokens, top), r)
    ordered = list(top)
    for document in dict.fromkeys(table.document_of(c) for c in top):
        places = [n for n, c in enumerate(top) if table.document_of(c) == document]
        # A program's own text before its catalogue entry: the entry summarises the text, and a question the
        # entry matches by the program's name is answered by the text's clause (dev7, dev9: the entry first,
        # the clause second). sorted() is stable: ties keep their order.
        best = sorted(places, key=lambda n: (table.is_summary(top[n]), -score[n]))
        for place, n in zip(places, best, strict=True):
            ordered[place] = top[n]
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
