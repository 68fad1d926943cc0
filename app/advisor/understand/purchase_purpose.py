"""What a thing bought is for, as against what it is: in "租算力做设备故障预测模型" the 设备 names the model's
purpose, not a piece of equipment bought (review12 r12-08), and "a dataset to fine-tune our model" buys data, not a
fine-tuning service. purchase_kinds.py drops kind words that stand in such a purpose phrase.
"""

from __future__ import annotations

import itertools
import re

from app.catalogue.taxonomy import SpendKind
from app.text.clauses import mark

# What a thing bought is for, said after it: "租算力做设备故障预测模型", "买数据集拿来训练质检模型", "GPUs to train a
# model", "a dataset for fine-tuning". Bare 做 counts only after the object (a kind word) in the same clause ("我们
# 做设备维修的" is the trade); "用来/用于/to train" may open the next clause ("…的合同，用来训练客服大模型").
_PURPOSE_AFTER_OBJECT = re.compile(
    r"(?:拿来|用来|用于|用在|来|去|以便|好)?(?:做|训练|跑|搞|开发|实现|支撑)|用于|用来|"
    r"\b(?:to|so (?:we|i) can|in order to)\s+(?:train|build|fine-?tune|develop|run|power|make|do|support|create|"
    r"predict|monitor|detect)\b|\bfor\s+(?:training|fine-?tuning|building|running|developing|inference|our|the|a|an)\b",
    re.I,
)
_PURPOSE_OPENS = re.compile(
    r"\s*(?:拿来|用来|用于|用在|以便|主要用于|\b(?:to|in order to)\s+(?:train|build|fine-?tune|develop|run)\b)",
    re.I,
)
SENTENCE_BREAK = mark(level="sentence")


def purpose_spans(body: str, object_ends: list[int]) -> list[tuple[int, int]]:
    """Where `body` says what a thing bought is for: from a purpose word after an object (a kind word ending at
    one of `object_ends`) in its clause, or a clause opened by one, to the clause's end."""
    cuts = [0, *(m.end() for m in mark().finditer(body)), len(body)]
    spans = []
    for begin, finish in itertools.pairwise(cuts):
        if _PURPOSE_OPENS.match(body, begin, finish) and any(e <= begin for e in object_ends):
            spans.append((begin, finish))
            continue
        objects = [e for e in object_ends if begin < e <= finish]
        if objects and (opens := _PURPOSE_AFTER_OBJECT.search(body, min(objects), finish)):
            spans.append((opens.start(), finish))
    return spans


def bought_not_purposed(
    body: str, words: list[tuple[int, int, int, SpendKind]]
) -> list[tuple[int, int, int, SpendKind]]:
    """The kind words that name what is bought: those in a purpose phrase ("租算力做设备故障预测模型", "a dataset to
    fine-tune our model") say what the thing is for, never what it is (review12 r12-08: 设备 made the rented
    compute AI equipment). All of them when only a purpose names a kind."""
    spans = purpose_spans(body, [w[1] for w in words])
    kept = [w for w in words if not any(a <= w[0] < b for a, b in spans)]
    return kept or words
