"""The client's words cut into clauses, each a statement or a question, with or without a negation.

Every recogniser of a program's condition (condition_words, model_conditions, stated_limits, role_conditions)
reads the client clause by clause: a condition is settled by a clause that states a fact ("我们用的是DeepSeek的接口"),
never by one that asks about it ("是不是要备案的模型？"), and a negation in the clause turns met into unmet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.advisor.engine.conditions import Status
from app.text.normalize import normalize


@dataclass(frozen=True)
class Judged:
    status: Status
    words: str = ""  # the client's own words that settle it, quoted in the reason


OPEN = Judged(Status.unknown)

# One clause of the client's words with its closing mark (a question keeps its "?").
CLAUSE = re.compile(r"(?:[^，。；！？,;!?\n.]|[.,](?=\d))+(?:[，。；！？,;!?\n]|[.,](?!\d))?")
QUESTION = re.compile(
    r"[吗?？]|是否|有没有|能不能|能否|可不可以|是不是|哪些|什么|怎么|如何|\b(?:is there|are there|do you|which|whether)\b",
    re.I,
)
NEGATION = re.compile(
    r"没有?|未(?!来)|不(?:是|用|走|在|经|通过|去|打算)|并非|\bnot\b|n't\b|\bnever\b|\binstead\b|\boutside\b",
    re.I,
)


def clauses(said: str) -> list[tuple[str, str]]:
    """Each clause as the client wrote it (quoted back) and normalised (matched: simplified, lower case)."""
    return [
        (m.group(0).strip(" ，。；,;.!?\n"), normalize(m.group(0)).lower()) for m in CLAUSE.finditer(said)
    ]


def asks(clause: str) -> bool:
    """The clause is a question ("研发的才能申请吗"), not a statement of fact."""
    return bool(QUESTION.search(clause))


def states(clause: str) -> bool:
    """The clause states a fact the condition can rest on: not a question, or a question carrying a figure
    ("要不要非关联方？" asks; "从第三方买了150万，怎么算" states what was bought)."""
    return not asks(clause) or bool(re.search(r"\d", clause))
