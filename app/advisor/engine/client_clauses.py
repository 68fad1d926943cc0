"""The client's words cut into clauses, each a statement or a question, with or without a negation.

Every recogniser of a program's condition (condition_words, model_conditions, stated_limits, role_conditions)
reads the client clause by clause: a condition is settled by a clause that states a fact ("我们用的是DeepSeek的接口"),
never by one that asks about it ("是不是要备案的模型？" / "有冇備案？" / "申唔申請到？"), and a negation of the
condition's words turns met into unmet, or into still open when the client hedges it ("好像还没备案吧").

One vocabulary of negation serves every script the owners write in: Mandarin (没/未/不是…), Taiwan register
(還沒/尚未/並未, simplified by `normalize` before matching), Cantonese (冇/唔/未) and English (not, n't, never).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.advisor.engine.conditions import Status
from app.text.clauses import clause_spans
from app.text.normalize import normalize


@dataclass(frozen=True)
class Judged:
    status: Status
    words: str = ""  # the client's own words that settle it, quoted in the reason


OPEN = Judged(Status.unknown)

QUESTION = re.compile(
    r"[吗?？]|是否|有没有|能不能|能否|可不可以|是不是|哪些|什么|怎么|如何|"
    # Cantonese asks with 有冇 / 系咪 and A-not-A ("申唔申请到", "得唔得", "攞唔攞到"); Mandarin A-not-A too ("行不行")
    r"有冇|系咪|([\u4e00-\u9fff])[唔不]\1|"
    r"\b(?:is there|are there|do you|which|whether)\b",
    re.I,
)
NEGATION = re.compile(
    r"没有?|冇|未(?!来)|唔|不(?:是|用|走|在|经|通过|去|打算|会)|并非|并无|尚无|"
    r"\bnot\b|n't\b|\bnever\b|\binstead\b|\boutside\b",
    re.I,
)
# The client is unsure of what it says: a hedged denial leaves the condition to confirm, not ruled out.
HEDGE = re.compile(
    r"好像|似乎|可能|应该|估计|也许|不确定|不太清楚|不清楚|不知道|唔知|唔肯定|唔清楚|记不清|"
    r"\b(?:not sure|maybe|perhaps|probably|i think|i believe|unsure)\b|don't know",
    re.I,
)
# A contrast starts a new statement inside one clause: "没人懂技术但调用的是通义" denies the staff, not the model.
_CONTRAST = re.compile(r".*(?:但是|但|不过|可是|而是|\bbut\b)", re.I | re.S)
# How far before the condition's words a negation still governs them ("个模型冇喺国内备案", "hasn't been filed").
_REACH_HAN, _REACH_LATIN = 12, 24
# ...and right after them, in a Chinese clause: "备案还没办", "备案未完成" (not "备案的模型没问题").
_NEGATED_AFTER = re.compile(r"[^，。；,;]{0,2}?(?:还|都|也|尚)?(?:没|未|冇|唔)")


def clauses(said: str) -> list[tuple[str, str]]:
    """Each clause as the client wrote it (quoted back) and normalised (matched: simplified, lower case); a
    clause keeps its closing mark, so a question keeps its "?"."""
    pieces = [said[a:b] for a, b in clause_spans(said, with_mark=True)]
    return [(p.strip(" ，。；,;.!?\n"), normalize(p).lower()) for p in pieces]


def asks(clause: str) -> bool:
    """The clause is a question ("研发的才能申请吗"), not a statement of fact."""
    return bool(QUESTION.search(clause))


def states(clause: str) -> bool:
    """The clause states a fact the condition can rest on: not a question, or a question carrying a figure
    ("要不要非关联方？" asks; "从第三方买了150万，怎么算" states what was bought)."""
    return not asks(clause) or bool(re.search(r"\d", clause))


def negated(clause: str, start: int | None = None, end: int | None = None) -> bool:
    """The clause denies what it says; with a span, it denies the words at clause[start:end] (a negation just
    before them, after any contrast, or right after them in Chinese)."""
    if start is None or end is None:
        return bool(NEGATION.search(clause))
    before = clause[max(0, start - _REACH_HAN) : start]
    if not re.search(r"[\u4e00-\u9fff]", before):
        before = clause[max(0, start - _REACH_LATIN) : start]
    before = _CONTRAST.sub("", before)
    return bool(NEGATION.search(before) or _NEGATED_AFTER.match(clause, end))


def affirmed(clause: str, words: str, start: int | None = None, end: int | None = None) -> Judged:
    """A stating clause read for the condition: said as a fact, met; denied, unmet; denied with a hedge ("好像还没
    备案吧", "I think it isn't filed"), still to confirm: the client's word is not firm enough to rule it out."""
    if not negated(clause, start, end):
        return Judged(Status.met, words)
    # the hedge must govern the denial: "每年大概8万" hedges an amount, not the filing
    scope = clause if start is None else clause[max(0, start - _REACH_LATIN) : (end or start) + 4]
    return Judged(Status.unknown if HEDGE.search(scope) else Status.unmet, words)
