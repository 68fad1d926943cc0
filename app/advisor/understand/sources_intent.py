"""Intent decisions that read the turn's retrieval: is this a question the sources answer, not a need?

classify.py reads the words alone. Two decisions also look at what the turn's search found:
- a message the need bank calls a need is still a question about the sources when it asks for a figure
  or a fact ("多少家", "how many") or when a policy passage is closer to it than any catalogue solution;
- a message routed to the articles (services/routing.py) that states nothing about the firm asks what an
  article or a speaker said: the sources answer it, or the answer says they hold nothing on it; not a pack.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.advisor.contract import Intent
from app.advisor.engine.need_bank import NeedVote
from app.components.vector_store import CollectionName
from app.services.retrieval import SearchResult

# A question for a figure or a fact ("多少家", "最高能补贴多少", "how many", "how large"): what the sources say,
# whatever topic its nearest need examples share, unless those examples name one solution plainly: then the
# figure is the need's own content ("想看看哪些设备在偷偷耗电", "每天该备多少菜"). 几 after a numeral or a
# demonstrative is a rough count, not a question ("十几个群", "那几个问题", "好几个").
FACT_QUESTION = re.compile(
    r"多少|(?<![十那这好几])几[个家条项年]|哪些|哪几|是怎样|怎么样|\bhow (?:many|much|large|big|long)\b|\bwhat (?:is|are|was|were)\b"
    r"|\bwhich\b|\bwhen\b|\bwho\b",
    re.IGNORECASE,
)
# Intents an article question is mistaken for when it names a topic a solution also covers.
_NOT_ABOUT_TEXTS: tuple[Intent, ...] = ("recommend_pack",)


def sources_answer_better(search: SearchResult | None) -> bool:
    """The turn's retrieval found a policy passage closer to the message than any catalogue solution.

    The need bank compares a message with owners' needs and non-needs only; a question about what an
    article or an official said ("…提了哪几条建议") sits near needs of the same topic. When the sources
    answer it better than any solution does, it is a question about the sources, not a need.
    """
    if search is None:
        return False

    def closest(collection: CollectionName) -> float:
        return max((hit.score for hit in search.hits if hit.collection == collection), default=0.0)

    return closest(CollectionName.policies) > closest(CollectionName.solutions)


def need_by_examples(query: str, vote: Callable[[], NeedVote], search: SearchResult | None) -> bool:
    """A need in words no rule knows ("冲床动不动就罢工"), by its nearest labelled examples (asked lazily),
    unless it asks for a fact the examples do not tie to one solution, or the sources answer it better."""
    votes = vote()
    if not votes.states_need or (FACT_QUESTION.search(query) and not votes.names_one):
        return False
    return not sources_answer_better(search)


def asks_about_the_texts(search: SearchResult | None, intent: Intent, about_the_firm: bool) -> bool:
    """It asks what an article or a speaker said: a policy question, whatever need it resembles."""
    return bool(search and search.route == "article" and not about_the_firm and intent in _NOT_ABOUT_TEXTS)
