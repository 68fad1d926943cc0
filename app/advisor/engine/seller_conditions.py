"""Who the client buys from: a program that pays only for data bought from a non-affiliated party (上海语料券,
苏州数据集补贴: "购买非关联方语料") is met by a seller outside the client's group and unmet by a group company.

"采购语料合同200万" names no seller, so the condition stays to confirm (r15-15: a ✅ on the amount alone told the
client the 200万 qualifies whoever sold it).
"""

from __future__ import annotations

import re

from app.advisor.engine.client_clauses import OPEN, Judged, clauses, negated, states
from app.advisor.engine.conditions import Status

# A seller outside the client's group, as owners name one: a third party, a data vendor, an exchange's seller.
_OUTSIDE = re.compile(
    r"第三方|外部|外面的?|非关联|数据商|数据公司|语料公司|供应商|服务商|"
    r"third[- ]party|outside|external|vendor|supplier|non-affiliated|unrelated|independent",
    re.I,
)
# A seller inside it: "从关联公司买", "集团内部的数据公司", "our parent company", "a sister company".
_AFFILIATED = re.compile(
    r"(?<!非)关联(?:方|公司|企业)|子公司|母公司|集团内|兄弟公司|自家|"
    r"(?<!non-)(?<!un)affiliated?\b|\bsubsidiary\b|parent company|sister company|group company|in-house",
    re.I,
)


def outside_seller(said: str) -> Judged:
    """The client's words on the seller: an affiliate is unmet ("不是关联方" is met), an outside seller met."""
    for words, clause in clauses(said):
        if not states(clause):
            continue  # "要不要非关联方？" asks; "从第三方买了150万，怎么算" states
        if _AFFILIATED.search(clause):
            return Judged(Status.met if negated(clause) else Status.unmet, words)
        # "outside" is itself a negation word elsewhere ("compute outside Guizhou"): the seller word is left out.
        if _OUTSIDE.search(clause) and not negated(_OUTSIDE.sub(" ", clause)):
            return Judged(Status.met, words)
    return OPEN
