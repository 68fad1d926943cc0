"""Nearest-neighbour intent for messages no exact rule decides, over a labelled example bank.

The bank (knowledge/intent_examples.yaml) is embedded once per process with the bundled e5; a message
costs no extra embedding when retrieval already embedded the same text (the vector cache is shared).
The k nearest examples vote, weighted by similarity. The answer is "unsure" (None) when the best
example is not close enough or two intents are nearly tied: the advisor then asks what the owner
wants instead of guessing. The two thresholds were calibrated by leave-one-out on the bank
(docs/understanding.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
    def __init__(self, path: Path, embed: Callable[[str], np.ndarray]) -> None:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        known = set(get_args(Intent))
        self.examples: list[tuple[str, Intent]] = [
            (str(text), intent)
            for intent, texts in (raw or {}).items()
            if intent in known
            for text in texts or []
        ]
        self._embed = embed

    @cached_property
    def _matrix(self) -> np.ndarray:
        vectors = [self._embed(text) for text, _ in self.examples]
        return np.vstack(vectors) if vectors else np.zeros((0, 1))

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
        return scope_vote(self._matrix, [intent for _, intent in self.examples], self._embed(text))
