"""Which solution a need names, by its nearest labelled examples (the part the catalogue's words miss).

`need_words.py` finds the catalogue's own words in a message; owners mostly use others ("冲床动不动就罢工"
for 设备突然停机, "bins half the loaves" for 临期损耗). The bank holds, per solution, its pain points and
owners' phrasings of the same need (knowledge/need_examples.yaml), and under `none` things owners say
that state no need (funding, applying, greetings, other topics — with the intent bank's non-pack
examples), and under `unserved` needs owners state that no catalogued solution answers (design renderings,
new prints and styles): a need near those is said to be unanswered instead of getting the nearest unrelated
product. The k nearest examples of a message, by the bundled e5, vote weighted by similarity.

A message states a need when the `none` examples hold less than `MAX_NONE_SHARE` of the vote and the
nearest example is at least `MIN_SIMILARITY` close; a solution is named when it holds `NAMED_SHARE` of
the vote. Otherwise the bank abstains and the exact rules and the semantic ranking decide alone. The
thresholds were read off the labelled bank and the dev set (docs/understanding.md, session 6).

The message's vector is the turn's one query embedding (`RetrievalService.embedding` of the need text the
turn's retrieval ranked by), so a vote embeds nothing; the bank is embedded once and kept on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import yaml

from app.catalogue.models import Catalogue

K = 5
NONE = "none"
UNSERVED = "unserved"  # a need the catalogue has no solution for (it counts as a need, never as a solution)
MIN_SIMILARITY = 0.87  # e5 cosine: unrelated short sentences sit at ~0.80-0.86
MAX_NONE_SHARE = 0.4  # more of the vote than this for "no need" examples: not a need
# Which solution: read whenever at least two of the k nearest are needs (a need the rules read, phrased
# like a general wish "想用AI做产品图" that sits near the no-need examples, still has its solutions).
RANK_NONE_SHARE = 0.6
NAMED_SHARE = 0.35  # about two of the five nearest: what the need names (a message may name two needs)
NAMING_SIMILARITY = 0.91  # and only when the nearest example is this close (farther, it only adds score)
# A need is one the catalogue lacks when three of the five nearest are such needs: "报价" sits between a
# foreign-trade quote assistant's examples and a custom-furniture quote (0.50 each) and is not said unserved.
UNSERVED_SHARE = 0.6
# One stated need (an item of a message, need_parts.py) names the solution most of its nearest examples
# name, a little below NAMING_SIMILARITY: "写社群贴文" sits at 0.91 with half its neighbours a WeChat tool's.
LEAD_SHARE = 0.5
# An owner's words that all but repeat one example (e5 cosine this high, this far above every other label's nearest
# example) say that example's need, whatever the weaker neighbours vote: "想客人用手機落單" sits at 0.957 to an ordering
# example and at 0.91 to four reply and booking ones, which outvoted it (s17: the booking receptionist for 落單).
PARAPHRASE_SIMILARITY = 0.94
PARAPHRASE_MARGIN = 0.03


@dataclass(frozen=True)
class NeedVote:
    shares: dict[str, float] = field(default_factory=dict)  # solution id -> share of the needs' vote
    similarity: float = 0.0  # of the nearest example
    none_share: float = 1.0  # of the whole vote

    @property
    def states_need(self) -> bool:
        return self.none_share < MAX_NONE_SHARE and self.similarity >= MIN_SIMILARITY

    def names(self, solution_id: str) -> bool:
        """The need's nearest examples name this solution clearly enough to count as the owner naming it."""
        close = self.states_need and self.similarity >= NAMING_SIMILARITY
        return close and self.shares.get(solution_id, 0.0) >= NAMED_SHARE

    @property
    def names_one(self) -> bool:
        """The nearest examples name a catalogued solution plainly (not the needs no solution answers)."""
        return any(self.names(sid) for sid in self.shares if sid != UNSERVED)

    def leads(self, solution_id: str) -> bool:
        """A need of its own (one item of a message) whose nearest examples mostly name this solution."""
        return self.states_need and self.shares.get(solution_id, 0.0) >= LEAD_SHARE

    @property
    def unserved(self) -> bool:
        """Most of the nearest examples are needs the catalogue has no solution for ("花型设计", "效果图")."""
        return self.states_need and self.shares.get(UNSERVED, 0.0) >= UNSERVED_SHARE

    def share(self, solution_id: str) -> float:
        """The solution's share of the needs' vote, or 0 when the nearest examples are mostly no need."""
        if self.none_share > RANK_NONE_SHARE or self.similarity < MIN_SIMILARITY:
            return 0.0  # the bank abstains
        return self.shares.get(solution_id, 0.0)


NO_VOTE = NeedVote()


def load_examples(catalogue: Catalogue, needs: Path, intents: Path) -> list[tuple[str, str]]:
    """(label, text) pairs: the catalogue's pain points and English names, the owners' phrasings, and the
    no-need sentences."""
    known = {s.id for s in catalogue.solutions}
    pairs = [(s.id, p) for s in catalogue.solutions for p in s.pain_points]
    # The pain points are Chinese and the owners' phrasings mostly so: what each product is called in English
    # gives an English need a neighbour in its own language ("want the water checked so the aerators kick in"
    # sat nearer Chinese greenhouse and inspection examples than any of the fish ponds').
    pairs += [(s.id, s.name_en) for s in catalogue.solutions if s.name_en]
    raw = yaml.safe_load(needs.read_text(encoding="utf-8")) if needs.exists() else {}
    for label, texts in (raw or {}).items():
        if label in known or label in (NONE, UNSERVED):
            pairs += [(label, str(t)) for t in texts or []]
    # The intent bank's questions about funding, applying and other topics state no need either.
    other = yaml.safe_load(intents.read_text(encoding="utf-8")) if intents.exists() else {}
    for intent, texts in (other or {}).items():
        if intent != "recommend_pack":
            pairs += [(NONE, str(t)) for t in texts or []]
    return pairs


class NeedBank:
    def __init__(
        self,
        examples: list[tuple[str, str]],
        embed: Callable[[str], np.ndarray],
        embed_examples: Callable[[list[str]], np.ndarray],
    ) -> None:
        self.labels = [label for label, _ in examples]
        self._texts = [text for _, text in examples]
        self._embed = embed  # RetrievalService.embedding: the turn's own query vector, a cache hit
        self._embed_examples = embed_examples

    @cached_property
    def _matrix(self) -> np.ndarray:
        return self._embed_examples(self._texts)

    def vote(self, text: str, among: frozenset[str] | None = None) -> NeedVote:
        """The k nearest examples' vote; `among`: only the examples of these solutions (and of no need and of the
        needs the catalogue lacks) take part."""
        if not self.labels or not text.strip():
            return NO_VOTE
        sims = self._matrix @ self._embed(text)
        if among is not None:
            kept = np.array([label in among or label in (NONE, UNSERVED) for label in self.labels])
            sims = np.where(kept, sims, -1.0)
        top = np.argsort(-sims)[:K]
        nearest = self.labels[top[0]]
        others = [float(sims[i]) for i in top[1:] if self.labels[i] != nearest]
        if (
            sims[top[0]] >= PARAPHRASE_SIMILARITY
            and sims[top[0]] - max(others, default=0.0) >= PARAPHRASE_MARGIN
        ):
            top = top[:1]  # a near paraphrase of one example: its need alone
        weights: dict[str, float] = {}
        for i in top:
            weights[self.labels[i]] = weights.get(self.labels[i], 0.0) + float(sims[i])
        total = sum(weights.values()) or 1.0
        none = weights.pop(NONE, 0.0) / total
        needs = sum(weights.values()) or 1.0
        shares = {label: round(weight / needs, 3) for label, weight in weights.items()}
        return NeedVote(shares, round(float(sims[top[0]]), 4), round(none, 3))
