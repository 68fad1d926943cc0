"""The need bank's vote (engine/need_bank.py) over a fake embedding: who wins, and when it abstains.

The real e5 bank is exercised through the advisor in test_understanding_needs.py; here a bag-of-characters
embedding makes the nearest examples predictable, so the voting rules themselves are what is tested.
"""

from __future__ import annotations

import numpy as np

from app.advisor.engine.need_bank import NONE, NeedBank


def _embed(text: str) -> np.ndarray:
    vector = np.zeros(512, dtype=np.float32)
    for ch in text:
        vector[ord(ch) % 512] += 1.0
    return vector / (np.linalg.norm(vector) or 1.0)


def _bank(examples: list[tuple[str, str]]) -> NeedBank:
    return NeedBank(examples, embed=_embed, embed_examples=lambda ts: np.vstack([_embed(t) for t in ts]))


EXAMPLES = [
    ("machine-care", "机器坏了停产"),
    ("machine-care", "设备坏了停线"),
    ("machine-care", "机器老是坏"),
    ("route-plan", "送货路线太绕"),
    ("route-plan", "司机路线乱跑"),
    (NONE, "补贴怎么申请"),
    (NONE, "申请补贴要什么材料"),
    (NONE, "补贴什么时候截止"),
]


def test_a_need_near_one_solutions_examples_names_it():
    vote = _bank(EXAMPLES).vote("机器坏了就停产")
    assert vote.states_need
    assert vote.share("machine-care") > vote.share("route-plan")


def test_a_funding_question_near_the_no_need_examples_states_no_need():
    vote = _bank(EXAMPLES).vote("补贴怎么申请材料")
    assert not vote.states_need
    assert vote.share("machine-care") == 0.0  # the bank abstains on which solution, too


def test_nothing_to_vote_on_abstains():
    assert not _bank(EXAMPLES).vote("  ").states_need
    assert not _bank([]).vote("机器坏了").states_need
