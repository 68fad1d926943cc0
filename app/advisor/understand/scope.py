"""Is a message for this advisor at all? Decided from the message alone, before retrieval (issue #12).

The advisor answers questions about AI for a business and the programs that pay for it. Whether a message
is one of them used to follow from what the turn's search found: "fastest driving route from Guangzhou"
got a route-planning pack on one index build and a refusal on another. Now:

1. Exact rules refuse what is plainly off topic (out_of_scope.refused_by_rule: shares, visas, medicine, fraud);
   the classifier applies them, with their exceptions for a business message that asks on the side.
2. An anchor keeps a message in scope whatever it resembles: it speaks of AI, software, a program, a policy or
   an article (`IN_SCOPE_WORDS`), states a need by the rules, states the firm's figures, names a program, or
   continues the conversation (a follow-up, a correction, an answer to our questions, "这些补贴").
3. Otherwise a message the need bank reads as a need is in scope; one the intent bank reads as a greeting ("哈囉",
   "早晨！", "anyone around?") is answered as one, however few of the greeting words the exact rule knows; else the
   intent bank's nearest examples decide: a message whose neighbours are mostly the owner's private life (trips, meals, careers, family,
   shopping) is out of scope; one whose neighbours are mostly in-scope intents is in scope. Between the two the bank is unsure:
   a first message then gets the short answer saying what the advisor does (no subsidy list, nothing
   looked up); a later one goes on as the conversation's business (the exact rules still refuse asides).

The thresholds were read off the bank by leave-one-out (docs/understanding.md, session 13): an out-of-scope
share of 0.6 of the five nearest with the nearest example at 0.86 or closer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from app.advisor.understand.classify import IN_SCOPE_ASK, states_need
from app.advisor.understand.out_of_scope import refused_by_rule, speaks_of_private_life
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.program_question import FUNDING_WORDS
from app.advisor.understand.vague import names_nothing
from app.text.normalize import normalize

# "rules": the classifier's rules decide, as for any message in the field; "out": the bank refuses it;
# "greeting": the bank reads a greeting; "unsure": no rule, no anchor and no clear vote.
Scope = Literal["rules", "out", "greeting", "unsure"]

K = 5
OUT_SHARE = 0.6  # of the five nearest examples' similarity, held by out-of-scope examples
# Heard before the need and trade readers, the private-life vote must be clearer: four of the five nearest
# ("我家是开饭店的，后厨备料老浪费" sits at 0.6 among family examples).
PRIVATE_OUT_SHARE = 0.8
MIN_SIMILARITY = 0.86  # the nearest example at least this close, or the bank knows nothing of the message

# Words that put a message in the advisor's field on their own: policies, laws and tax, the articles and their
# speakers ("报道里提到了哪几家企业"), a firm's size class ("专精特新", "小微企业").
IN_SCOPE_WORDS = re.compile(
    r"政策|法规|税收|抵免|文件|文章|报道|提案|采访|讲话|委员|代表|专精特新|高新|小微|中小企业|试点|申报|"
    r"\b(?:policy|policies|tax|article|proposal|interview|speech|sme|smes)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ScopeVote:
    out_share: float  # share of the k nearest examples' similarity held by out-of-scope examples
    similarity: float  # of the nearest example
    greets: bool = False  # the intent bank's vote (intent_bank.IntentBank.vote) is smalltalk


def scope_vote(matrix: np.ndarray, labels: list[str], vector: np.ndarray) -> ScopeVote:
    """The k nearest bank examples of one message vector: how much of them is the owner's private life."""
    if not labels:
        return ScopeVote(0.0, 0.0)
    sims = matrix @ vector
    top = np.argsort(-sims)[:K]
    total = float(sum(max(sims[i], 0.0) for i in top)) or 1.0
    out = float(sum(sims[i] for i in top if labels[i] == "out_of_scope"))
    return ScopeVote(out / total, float(sims[top[0]]))


def anchored(text: str) -> bool:
    """Words of the message alone that keep it in scope (the conversation's own anchors are the caller's).

    Asking how to apply is no anchor by itself: "點樣申請公屋", "how do I apply for permanent residency" apply for
    the owner's own life. An application for funding names the funding or the policy, which anchor it.
    A vague wish about AI or going digital ("老闆話要上AI，唔知由邊度開始") is in the field: it is asked back."""
    norm = normalize(text)
    return bool(
        IN_SCOPE_ASK.search(norm)
        or FUNDING_WORDS.search(norm)
        or IN_SCOPE_WORDS.search(norm)
        or states_need(norm)
        or names_nothing(norm)
    )


def private_life_first(text: str, delta: CompanyProfile) -> bool:
    """The message speaks of the asker's family, home or pets and states no fact only a firm has (staff, turnover,
    budget, purchases, systems, legal form) and no word of AI, funding or policy: its private-life vote is heard
    before the need and trade readers. "我家狗这两天不爱吃东西，要不要带去医院" has a trade word (医院) and a need
    word and was read as a clinic's need (a pack of medical-record tools); "屋企部冷氣機成日漏水" as equipment upkeep."""
    own = (
        delta.legal_form,
        delta.employees,
        delta.annual_revenue_cny,
        delta.budget_cny,
        delta.budget_other,
        delta.company_age_years,
        delta.it_skill,
    )
    if any(value is not None for value in own) or delta.purchases or delta.existing_it:
        return False
    norm = normalize(text)
    anchored_words = IN_SCOPE_ASK.search(norm) or FUNDING_WORDS.search(norm) or IN_SCOPE_WORDS.search(norm)
    return speaks_of_private_life(text) and not anchored_words


def asks_the_banks(text: str, held: bool) -> bool:
    """No rule and no anchor decides the message's scope: its nearest labelled examples will (the caller
    embeds the message with the turn's other texts in its one e5 call)."""
    return bool(text.strip()) and not (refused_by_rule(text) or held or anchored(text))


def decide_scope(
    asks: bool,
    *,
    vote: Callable[[], ScopeVote],
    need_by_bank: Callable[[], bool],
    private: bool = False,
) -> Scope:
    """ "rules", "out" or "unsure" for one message, from its words and its nearest labelled examples.

    `asks`: `asks_the_banks(text, held)`, computed once by the caller, which also decides by it whether the
    message joins the turn's e5 batch (the rules and anchors cost about as much as the rest of the scope).
    `vote` and `need_by_bank` are asked only when no rule and no anchor decided.
    `private`: `private_life_first(text, delta)`: the private-life vote is heard first, whatever the need and
    trade readers took from the message's words; a clear one refuses it.
    """
    if private and _votes_out(vote(), PRIVATE_OUT_SHARE):
        return "out"
    if not asks:
        return "rules"  # a refusal rule, with its exceptions for a business message, is the classifier's
    if need_by_bank():
        # Owners' needs in words no rule knows ("员工上班时间安排乱", "夜里要人去巡圈") sit near private-life examples
        # as often as not: the need bank, which holds them, speaks first.
        return "rules"
    scope = vote()
    if scope.greets:
        return "greeting"  # no rule refused it: the words of a greeting the exact rule lacks ("哈囉", "早晨")
    if _votes_out(scope):
        return "out"
    return "rules" if scope.similarity >= MIN_SIMILARITY and scope.out_share <= 1 - OUT_SHARE else "unsure"


def _votes_out(scope: ScopeVote, share: float = OUT_SHARE) -> bool:
    return scope.similarity >= MIN_SIMILARITY and scope.out_share >= share
