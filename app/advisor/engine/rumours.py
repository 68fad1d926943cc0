"""After "X is not in my sources": the rumour is no fact about the client, and nothing unrelated follows it (§7).

A client relays a program the catalogue does not hold, with what it is said to pay: "I read about a 'National AI
Adoption Grant 2026' that pays 50% of any AI software for SMEs", "听说合肥出了个模型券，调用大模型API能补40%". The
answer says first that it is not in the sources (claims.py, place_vouchers.py). Two things went wrong after that
(review13 r13-49, review12 r12-15):

- the rumour's words were read as the client's plan: "50% of any AI software for SMEs" became a purchase, and every
  program's purchase condition quoted it back ("“50% of any ai software for smes.” is not of that kind: do you buy
  any?"), a garbled quote that reads as if the advisor took the rumour for a fact;
- the programs listed under it were whatever the place has (a data-asset subsidy, a compute voucher), which a
  client reads as the advisor's version of the rumoured program.

So the clauses that carry the rumour (the one naming it, and the ones after it saying what it pays) are left out
of what the conditions read and of the client's purchases, and only programs that pay for something the client
buys are listed (or that the client named): where none does, the answer is the "not in my sources" sentence with
what the sources hold for that place and kind (held_instead.py), not a list of unrelated programs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.purchases import Purchase, pays_for
from app.advisor.understand.stated_purchase import StatedPurchase
from app.catalogue.models import ApplicationMechanism
from app.text.clauses import clauses, sentences
from app.text.normalize import normalize, normalize_cased

# A clause saying what the rumoured program pays ("调用大模型API能补40%", "报一半", "that covers 40% of LLM API
# bills", "每家补10万"): the rumour's words, not the client's plan.
_PAYS = re.compile(
    r"(?:能|可以|可)?(?:补|报|返|抵|给|发)(?:贴)?(?:到|上)?\s*(?:\d|[一二三四五六七八九十两半]|百分之)|"
    r"(?:免息|贴息|无息|低息)?(?:贷|借)(?:款)?\s*(?:\d|[一二三四五六七八九十两])|"  # "可以免息贷50万"
    r"\d+(?:\.\d+)?\s*%|[一二三四五六七八九]成|一半|"
    r"\b(?:pays?|covers?|refunds?|reimburses?|gives?|subsidi[sz]es?)\b[^.]{0,40}?(?:\d|half)",
    re.I,
)
# Words a rumour is relayed with, beyond those the claim checks already read ("I read about", "saw a post").
_RELAY = re.compile(
    r"听说|据说|听人说|朋友说|有人说|网上说|群里|传言|传闻|新闻说|刷到|听讲|听闻|朋友讲|有人讲|"
    r"\b(?:heard|read about|read that|saw a post|someone (?:said|told)|rumou?r|apparently)\b",
    re.I,
)


def rumour_clauses(text: str, claimed: Sequence[str]) -> list[str]:
    """The clauses of `text` (normalised) that carry a claimed program: the one naming it (or relaying its kind),
    and those right after it that say what it pays."""
    if not claimed:
        return []
    marks = [_mark(name) for name in claimed]
    found: list[str] = []
    carrying = False  # across a sentence's end: "郑州是不是也出了语料券？说是买训练数据能补三成"
    for sentence in sentences(normalize(text), semicolon=False):
        for clause in (c.strip() for c in clauses(sentence)):
            if not clause:
                continue
            relayed = _RELAY.search(clause) and _PAYS.search(
                clause
            )  # "听说每家补3万": no name, a rumour all the same
            if any(mark in clause for mark in marks) or relayed or (carrying and _PAYS.search(clause)):
                carrying = True
                found.append(clause)
            elif carrying and not _PAYS.search(clause):
                carrying = False
    return found


def without_rumours(text: str, claimed: Sequence[str]) -> str:
    """`text` (normalised, its case kept: a reason quotes it) without the clauses carrying a claimed program."""
    clauses = rumour_clauses(text, claimed)
    out = normalize_cased(text)
    for clause in clauses:
        out = re.sub(re.escape(clause), " ", out, flags=re.I)
    return out


def rumoured(purchase: StatedPurchase, clauses: Sequence[str]) -> bool:
    """A purchase read from the rumour's words ("pays 50% of any AI software"), not one the client plans."""
    said = normalize(purchase.said or "").strip()
    return bool(said) and any(said in clause or clause in said for clause in clauses)


def paying_only(
    programs: list[Assessment], claimed: Sequence[str], client: Sequence[Purchase]
) -> list[Assessment]:
    """After a claim the sources do not back: the programs the client named and those that pay for a purchase
    the client states (`client`: their own contracts, not the pack we picked), with the national money reached
    through one, and the pilot of the client's own place its trade is in (`_own_channel`); every other program
    is left out."""
    if not claimed:
        return programs
    kept = [a for a in programs if a.asked or any(pays_for(a.program, p) for p in client) or _own_channel(a)]
    ids = {a.program.id for a in kept}
    return [a for a in programs if a in kept or (a.reached_through is not None and a.reached_through in ids)]


def _own_channel(assessment: Assessment) -> bool:
    """A city or district pilot where the client is registered, for the client's trade, still open to it: the channel
    that does exist for "is there a grant for X" (review14 r14-45: "No program in our catalogue matches your region"
    hid the 苏州 pilot from a Suzhou electronics factory). Not a program paying the rumour's purchase: a place to ask."""
    program = assessment.program
    if program.how_to_apply.mechanism is not ApplicationMechanism.via_pilot_city or not program.region.city:
        return False
    met = {c.name for c in assessment.conditions if c.status is Status.met}
    return assessment.verdict is not Verdict.ineligible and {"region", "industry"} <= met


def _mark(name: str) -> str:
    """What a clause says of the claimed program: its name, or for a place + kind ("合肥模型券", "Nanjing model
    voucher") the kind, which the client may say apart from the place ("合肥出了个模型券")."""
    norm = normalize(name).strip(" “”\"'‘’")
    if norm.endswith("券") and len(norm) > 3:
        return norm[-3:]
    words = norm.split()
    if len(words) >= 3 and words[-1].startswith("voucher"):
        return " ".join(words[-2:])
    return norm
