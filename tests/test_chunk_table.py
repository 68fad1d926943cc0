"""ChunkTable filters and BM25 scores against a plain per-row reference (no Chroma needed)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from app.components.vector_store import CollectionName
from app.services.chunk_table import ChunkRow, ChunkTable

REGIONS = ["全国", "上海", "北京", "浙江", None]
KINDS = ["news", "policy", "solution", "funding", None]
WORDS = ["算力", "券", "补贴", "中小企业", "餐厅", "质检", "上海", "模型", "申请", "比例"]


def _table(seed: int, n: int = 60) -> ChunkTable:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        meta: dict[str, object] = {"source": f"doc-{i % 7}", "position": i}
        region, kind = REGIONS[rng.integers(len(REGIONS))], KINDS[rng.integers(len(KINDS))]
        if region is not None:
            meta["region"] = region
        if kind is not None:
            meta["kind"] = kind
        meta["bm25"] = " ".join(rng.choice(WORDS, size=int(rng.integers(1, 6))))
        collection = list(CollectionName)[int(rng.integers(3))]
        rows.append(ChunkRow(f"c{i}", collection, f"text {i}", meta))
    vectors = rng.normal(size=(n, 8)).astype(np.float32)
    return ChunkTable(rows, vectors)


def _reference_mask(table: ChunkTable, collections, regions, kinds) -> np.ndarray:
    return np.array(
        [
            0.0
            if (collections and row.collection not in collections)
            or (regions and row.metadata.get("region") not in regions)
            or (kinds and row.metadata.get("kind") not in kinds)
            else 1.0
            for row in table.rows
        ],
        dtype=np.float32,
    )


subsets = st.one_of(st.none(), st.sets(st.sampled_from([r for r in REGIONS if r] + ["重庆"])))


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 5),
    collections=st.one_of(st.none(), st.sets(st.sampled_from(list(CollectionName)))),
    regions=subsets,
    kinds=st.one_of(st.none(), st.sets(st.sampled_from([k for k in KINDS if k] + ["interview"]))),
)
def test_mask_matches_the_per_row_definition(seed, collections, regions, kinds):
    table = _table(seed)
    expected = _reference_mask(table, collections, regions, kinds)
    first = table.mask(collections, regions, kinds)
    again = table.mask(collections, regions, kinds)  # memoised: same values
    assert first.dtype == np.float32
    assert np.array_equal(first, expected)
    assert np.array_equal(again, expected)


def test_keyword_scores_and_ranking_are_stable_across_calls():
    table = _table(1)
    tokens = ["算力", "券"]
    first = table.keyword_scores(tokens).copy()
    assert first.shape == (len(table),)
    assert first.max() > 0
    assert np.array_equal(table.keyword_scores(tokens), first)
    everything = table.mask(None, None, None)
    ranking = table.keyword_ranking(tokens, everything, depth=5)
    assert ranking == table.keyword_ranking(tokens, everything, depth=5)
    assert ranking[0] == table.rows[int(np.argmax(first))].chunk_id
    only_news = table.mask(None, None, {"news"})
    for chunk_id in table.keyword_ranking(tokens, only_news, depth=10):
        assert table.rows[table.position[chunk_id]].metadata.get("kind") == "news"
    assert table.keyword_scores([]).max() == 0
