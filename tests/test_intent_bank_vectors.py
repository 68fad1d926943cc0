"""The intent bank's examples cost one batched e5 pass once, then nothing (issue #16).

Embedded one call at a time, the ~170 examples cost the first out-of-scope-looking message of every process
several seconds; now they are embedded together and kept beside the index, rebuilt when the bank changes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.advisor.understand.intent_bank import IntentBank
from app.components.embeddings import embed_queries, watched
from app.components.example_vectors import example_vectors
from app.services.retrieval import query_vector

MODEL = "test-e5"


def _bank(examples: Path, data_dir: Path) -> IntentBank:
    return IntentBank(
        examples,
        query_vector,
        embed_examples=lambda texts: example_vectors(texts, data_dir, MODEL),
    )


def _write(path: Path, out_of_scope: list[str]) -> Path:
    lines = ["out_of_scope:", *[f"  - {t}" for t in out_of_scope], "how_to_apply:", "  - 模型券怎么申请"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_bank_is_embedded_in_one_pass_then_read_from_disk(tmp_path: Path) -> None:
    examples = _write(tmp_path / "intent_examples.yaml", ["明天天气怎么样", "股票能买吗", "签证怎么办"])
    with watched() as calls:
        first = _bank(examples, tmp_path).vote("模型券去哪里申请")
    assert [len(c) for c in calls if len(c) > 1] == [4], calls  # the four examples together
    with watched() as calls:
        again = _bank(examples, tmp_path).vote("模型券去哪里申请")  # a new process: the vectors are on disk
    assert calls == []
    assert again == first


def test_a_changed_bank_is_embedded_again(tmp_path: Path) -> None:
    examples = _write(tmp_path / "intent_examples.yaml", ["明天天气怎么样"])
    _bank(examples, tmp_path).scope("明天天气")
    _write(examples, ["明天天气怎么样", "帮我写个年会主持稿"])
    with watched() as calls:
        _bank(examples, tmp_path).scope("明天天气")
    assert [len(c) for c in calls if len(c) > 1] == [3]


def test_batched_vectors_are_the_single_call_vectors() -> None:
    texts = ["明天天气怎么样", "Which stocks should I buy?"]
    together = embed_queries(texts)
    for text, row in zip(texts, together, strict=True):
        assert np.allclose(row, embed_queries([text])[0], atol=1e-5)
