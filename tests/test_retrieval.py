"""Retrieval quality and behaviour on the real knowledge base (shared session index)."""

from __future__ import annotations

import pytest

from app.components.vector_store import CollectionName
from app.evaluation.golden import GOLDEN_RETRIEVAL, load_retrieval_cases
from app.evaluation.retrieval_metrics import score_retrieval
from app.services.retrieval import SearchFilters
from app.settings import Settings
from app.text.normalize import compact

CASES = load_retrieval_cases()


def test_golden_set_is_large_and_multilingual():
    answerable = [c for c in CASES if c.answerable]
    assert len(answerable) >= 40
    assert {c.lang for c in answerable} == {"zh-Hans", "zh-Hant", "en"}
    assert sum(not c.answerable for c in CASES) >= 10


def test_hybrid_meets_targets(shared_container):
    hybrid = score_retrieval(shared_container.retrieval, CASES, "hybrid")
    assert hybrid.fact_at_5 >= 0.95, hybrid.misses
    assert hybrid.fact_at_1 >= 0.80, hybrid.misses


@pytest.mark.xfail(
    strict=True,
    reason="known gap (2026-11-29, session 11): golden fact@1 hybrid 0.930 > BM25 0.895 > dense 0.807 since "
    "article chunks are embedded with and without their header (index_records.record_vectors), but at fact@5 "
    "dense ties hybrid (1.000); the tie, not a loss, keeps this failing (issue 16, docs/retrieval_eval.md)",
)
def test_hybrid_beats_both_baselines(shared_container):
    scores = {s: score_retrieval(shared_container.retrieval, CASES, s) for s in ("hybrid", "dense", "bm25")}
    hybrid = scores["hybrid"]
    for baseline in ("dense", "bm25"):
        assert hybrid.fact_at_1 > scores[baseline].fact_at_1, baseline
        assert hybrid.fact_at_5 > scores[baseline].fact_at_5, baseline


def test_relevance_floor_separates_answerable_from_unanswerable(shared_container):
    hybrid = score_retrieval(shared_container.retrieval, CASES)
    assert hybrid.no_evidence_accuracy >= 0.9, hybrid.misses
    assert hybrid.evidence_recall >= 0.95, hybrid.misses


@pytest.mark.parametrize(
    ("query", "source"),
    [
        ("AI赋能包提供什么样的解决方案", "002_2603e452646e1bca"),
        ("「AI賦能包」要提供什麼樣的解決方案？", "002_2603e452646e1bca"),  # traditional
        ("ＡＩ赋能包　解决方案", "002_2603e452646e1bca"),  # full-width forms
        ("What is the AI enablement pack for SMEs?", "002_2603e452646e1bca"),
        ("上海模型券最高补贴多少", "sh-model-voucher-2025"),
    ],
)
def test_query_normalisation_finds_the_same_source(shared_container, query, source):
    result = shared_container.retrieval.search(query, k=3)
    assert result.has_evidence
    # A program is found by its catalogue entry or by a clause of its official text in the entry's place.
    assert source in [h.source for h in result.hits] + [p for h in result.hits for p in h.programs]


def test_results_quote_the_original_script_with_titles(shared_container):
    hit = shared_container.retrieval.search("AI专项资金支持中小企业采购什么", k=1).hits[0]
    assert hit.source == "002_2603e452646e1bca"
    assert "AI專項資金" in hit.text  # quoted as published, in traditional characters
    assert hit.title.startswith("赵志国")
    assert 0.8 < hit.score <= 1.0


@pytest.mark.parametrize(
    ("query", "passage"),
    [
        ("湖南日报怎么看人工智能伦理？", "人文伦理观念"),
        ("湖南日报对人工智能立法怎么说？", "人工智能立法"),
    ],
)
def test_naming_the_publisher_quotes_the_passage_not_the_dateline(shared_container, query, passage):
    """The newspaper's name picks the article; the first quote is the passage on what was asked, not
    the article's opening lines where the name stands."""
    hits = shared_container.retrieval.search(query).hits
    assert hits[0].source == "000_92d68ac8b52ed137"
    assert passage in hits[0].text
    assert "来源:湖南日报" not in hits[0].text


def test_filters_restrict_collection_region_and_kind(shared_container):
    search = shared_container.retrieval.search
    funding_only = search(
        "算力券", k=10, filters=SearchFilters(collections=frozenset({CollectionName.funding}))
    )
    assert funding_only.hits
    assert all(h.collection == "funding" for h in funding_only.hits)
    shanghai = search("算力券补贴比例", k=10, filters=SearchFilters(region="上海"))
    assert shanghai.hits
    assert all(h.metadata["region"] in ("上海", "全国") for h in shanghai.hits)
    interviews = search("大模型应用场景", k=5, filters=SearchFilters(kinds=frozenset({"interview"})))
    assert interviews.hits
    assert {h.source for h in interviews.hits} == {"003_73d6f543cd6d54dd"}


@pytest.mark.parametrize(
    "query", ["今天上海天气怎么样？", "郑州明天会下雨吗？", "Write me a poem about autumn leaves", "   "]
)
def test_off_topic_queries_report_no_evidence(shared_container, query):
    assert not shared_container.retrieval.search(query).has_evidence


def test_huge_query_is_answered_not_rejected(shared_container):
    result = shared_container.retrieval.search("算力券申请条件" + "啊" * 50_000)
    assert result.hits
    assert result.hits[0].source


def test_search_is_deterministic(shared_container):
    first = [h.chunk_id for h in shared_container.retrieval.search("深圳训力券比例").hits]
    second = [h.chunk_id for h in shared_container.retrieval.search("深圳训力券比例").hits]
    assert first == second


@pytest.mark.parametrize(
    "path", sorted(GOLDEN_RETRIEVAL.parent.glob("retrieval_dev*.yaml")), ids=lambda p: p.stem
)
def test_dev_set_facts_are_verbatim_in_their_articles(path):
    """A dev question scores a hit only if its fact is the source's own wording: a fact typed from memory
    would count a right passage as a miss (and a tuning session would chase it)."""
    policies = Settings().paths.policies_dir
    for case in load_retrieval_cases(path):
        source = policies / f"{case.expected_source}.txt"
        if case.fact and source.exists():
            assert compact(case.fact) in compact(source.read_text(encoding="utf-8")), case.id


@pytest.mark.parametrize(
    ("query", "passage"),
    [
        ("钱锋对大模型评测有什么建议", "发布权威大模型评测结果"),
        ("湖南日报的文章怎么看人才", "人才是发展的第一资源"),
    ],
)
def test_the_dense_side_alone_tells_an_article_s_passages_apart(shared_container, query, passage):
    """Every chunk of an article repeated its title, heading and speaker, so e5 put them at nearly one point
    and could find the article but not the passage; chunks are now embedded with and without that header."""
    hits = shared_container.retrieval.search(query, strategy="dense").hits
    assert passage in hits[0].text, [h.text[:40] for h in hits]
