"""The e5 component: model copies embed in parallel and give the same vectors as one copy would."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from app.components.embeddings import E5Embeddings, configure, embed_passages, embed_query
from app.settings import EmbeddingSettings

QUERIES = [
    "上海的算力券补贴比例是多少？",
    "Which vouchers can a Hangzhou startup get?",
    "餐厅备货不准怎么办",
] * 4


def test_concurrent_queries_get_the_vectors_a_lone_query_gets():
    alone = [embed_query(q) for q in QUERIES]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(embed_query, QUERIES))
    for a, b in zip(alone, together, strict=True):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)
        assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-3  # e5 vectors are unit length


def test_batched_documents_keep_their_order_and_report_progress():
    texts = [f"第{n}条：企业购买智能算力服务可申请算力券补贴。" for n in range(11)]
    seen: list[int] = []
    configure(2)  # what an entry point does once per process (app.container.configure_process)
    try:
        vectors = E5Embeddings(EmbeddingSettings(batch_size=3)).embed_in_batches(texts, seen.append)
    finally:
        configure(0)
    assert seen == [3, 3, 3, 2]  # one report per batch, in input order
    np.testing.assert_allclose(vectors, embed_passages(texts), rtol=0, atol=1e-6)
