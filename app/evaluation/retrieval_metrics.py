"""Retrieval metrics over the golden set: hit@k, MRR, fact-in-context@k, floor accuracy."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from app.evaluation.golden import RetrievalCase
from app.services.retrieval import RetrievalService, SearchResult, Strategy
from app.text.normalize import compact


@dataclass
class RetrievalScores:
    strategy: str
    cases: int = 0
    hit_at_1: float = 0.0
    hit_at_5: float = 0.0
    mrr: float = 0.0
    fact_at_1: float = 0.0
    fact_at_5: float = 0.0
    evidence_recall: float = 0.0  # answerable questions that pass the relevance floor
    no_evidence_accuracy: float = 0.0  # unanswerable questions correctly below the floor
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _fact_rank(result: SearchResult, fact: str) -> int | None:
    needle = compact(fact)
    for rank, hit in enumerate(result.hits, start=1):
        if needle in compact(hit.text):
            return rank
    return None


def _source_rank(result: SearchResult, source: str) -> int | None:
    for rank, hit in enumerate(result.hits, start=1):
        if hit.source == source:
            return rank
    return None


def _timed_search(
    service: RetrievalService, case: RetrievalCase, k: int, strategy: Strategy, scores: RetrievalScores
) -> SearchResult:
    """One search, its latency recorded: answerable and unanswerable questions are timed alike."""
    started = time.perf_counter()
    result = service.search(case.question, k=k, strategy=strategy)
    scores.latencies_ms.append((time.perf_counter() - started) * 1000)
    return result


def score_retrieval(
    service: RetrievalService, cases: list[RetrievalCase], strategy: Strategy = "hybrid", k: int = 5
) -> RetrievalScores:
    scores = RetrievalScores(strategy=strategy)
    answerable = [c for c in cases if c.answerable]
    unanswerable = [c for c in cases if not c.answerable]
    hit1 = hit5 = fact1 = fact5 = evidence = 0
    reciprocal = 0.0
    for case in answerable:
        result = _timed_search(service, case, k, strategy, scores)
        assert case.expected_source is not None
        assert case.fact is not None
        source_rank = _source_rank(result, case.expected_source)
        fact_rank = _fact_rank(result, case.fact)
        hit1 += source_rank == 1
        hit5 += source_rank is not None
        reciprocal += 1.0 / source_rank if source_rank else 0.0
        fact1 += fact_rank == 1
        fact5 += fact_rank is not None
        evidence += result.has_evidence
        if fact_rank != 1:
            scores.misses.append(
                f"{case.id} fact@{fact_rank or '-'} src@{source_rank or '-'}: {case.question}"
            )
    rejected = 0
    for case in unanswerable:
        result = _timed_search(service, case, k, strategy, scores)
        rejected += not result.has_evidence
        if result.has_evidence:
            scores.misses.append(f"{case.id} false evidence {result.best_score:.3f}: {case.question}")
    n = len(answerable) or 1
    scores.cases = len(answerable)
    scores.hit_at_1, scores.hit_at_5, scores.mrr = hit1 / n, hit5 / n, reciprocal / n
    scores.fact_at_1, scores.fact_at_5 = fact1 / n, fact5 / n
    scores.evidence_recall = evidence / n
    scores.no_evidence_accuracy = rejected / (len(unanswerable) or 1)
    return scores
