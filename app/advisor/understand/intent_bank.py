"""Nearest-neighbour intent for messages no exact rule decides, over a labelled example bank.

The bank (knowledge/intent_examples.yaml) is embedded in one batched e5 call and its vectors are kept beside
the index, rebuilt when the bank changes (components/example_vectors.py): embedding its ~170 examples one call
at a time cost the first out-of-scope-looking message of every process several seconds (issue #16). A message
costs no extra embedding when retrieval already embedded the same text (the vector cache is shared).
The k nearest examples vote, weighted by similarity. The answer is "unsure" (None) when the best
example is not close enough or two intents are nearly tied: the advisor then asks what the owner
wants instead of guessing. The two thresholds were calibrated by leave-one-out on the bank
(docs/understanding.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import get_args

import numpy as np
import yaml

from app.advisor.contract import Intent
from app.advisor.understand.scope import ScopeVote, scope_vote

K = 5
MIN_SIMILARITY = 0.86  # below this the nearest example is about something else
MIN_MARGIN = 0.15  # share of the vote the winner must lead the runner-up by


@dataclass(frozen=True)
class BankVote:
    intent: Intent | None  # None: unsure
    similarity: float
    margin: float


class IntentBank:
    def __init__(
        self,
        path: Path,
        embed: Callable[[str], np.ndarray],
        embed_examples: Callable[[list[str]], np.ndarray],
    ) -> None:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        known = set(get_args(Intent))
        self.examples: list[tuple[str, Intent]] = [
            (str(text), intent)
            for intent, texts in (raw or {}).items()
            if intent in known
            for text in texts or []
        ]
        self._embed = embed  # one message: the turn's query vector, a cache hit
        # The whole bank at once, prepared as `embed` prepares a message.
        self._embed_examples = embed_examples

    @cached_property
    def _matrix(self) -> np.ndarray:
        if not self.examples:
            return np.zeros((0, 1))
        return self._embed_examples([text for text, _ in self.examples])

    def vote(self, text: str, exclude: int | None = None) -> BankVote:
        if not self.examples or not text.strip():
            return BankVote(None, 0.0, 0.0)
        sims = self._matrix @ self._embed(text)
        if exclude is not None:
            sims[exclude] = -1.0
        top = np.argsort(-sims)[:K]
        scores: dict[Intent, float] = {}
        for i in top:
            scores[self.examples[i][1]] = scores.get(self.examples[i][1], 0.0) + float(sims[i])
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        total = sum(scores.values()) or 1.0
        margin = (ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)) / total
        best = float(sims[top[0]])
        sure = best >= MIN_SIMILARITY and margin >= MIN_MARGIN
        return BankVote(ranked[0][0] if sure else None, best, margin)

    def scope(self, text: str) -> ScopeVote:
        """How much of the message's nearest examples is the owner's private life (understand/scope.py)."""
        if not self.examples or not text.strip():
            return ScopeVote(0.0, 0.0)
        found = scope_vote(self._matrix, [intent for _, intent in self.examples], self._embed(text))
        return replace(found, greets=self.vote(text).intent == "smalltalk")
