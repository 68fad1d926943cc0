"""A program's own condition on the purchase (advice_rules.md §1, §3): which purchase it is about, and that every
such condition in the program's text is one the engine judges.

Some conditions are about one kind of purchase only. 杭州算力券 pays for compute and for model services, and its
"模型服务、智能体开发须依托已备案的大模型" is about the model services: a client renting GPUs for training meets the
voucher without any filed model, while a client buying API calls must name a filed model (or it stays to confirm;
a foreign model violates it). `applies` says whether a condition bears on the client's purchase.

`unjudged` finds a condition on the purchase written only in a program's `requirements` (shown to the client but
never judged), the way 杭州算力券's filed-model rule escaped (review9 r9-02: ✅ "各项已知条件均符合" for API calls
with no filed model named): the catalogue test requires each to be a special condition (or the venue).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.advisor.engine.purchases import Purchase
from app.advisor.understand.plans import said_purchases
from app.catalogue.models import FundingProgram
from app.catalogue.taxonomy import SpendKind

# A filed (备案) model or a third party's model: a condition on buying model services.
_MODEL_TERMS = re.compile(r"备案.{0,12}模型|模型.{0,12}备案|第三方.{0,4}模型")
# Where the compute, data or model is bought or used: a named platform, exchange, cluster or centre.
_VENUE_TERMS = re.compile(
    r"(?:通过|使用|在|经).{0,16}(?:平台|交易所|集群|中心)|(?:平台|交易所|集群|中心).{0,8}(?:购买|订购|租用|使用|记录)"
)
_VENUE_GOODS = re.compile(r"算力|智算|语料|数据产品|模型")


# Asked for every special condition of every catalogued program on every assessment; the catalogue's wording
# does not change while a process runs, and this search backtracks over long conditions (about a fifth of an
# assessment's time when it was not remembered).
@lru_cache(maxsize=4096)
def about(condition: str) -> SpendKind | None:
    """The one kind of purchase a condition is about, when its words say so."""
    return SpendKind.model_service if _MODEL_TERMS.search(condition) else None


def applies(
    condition: str, program: FundingProgram, purchases: list[Purchase] | None, said: str = ""
) -> bool:
    """Does the condition bear on what the client buys? One about a kind the program pays for among others does
    not bear on a plan whose purchases in scope are all of another kind (the contracts the client states count
    first, then the pack's items, then the kinds their words name)."""
    kind, scope = about(condition), program.eligibility.spend_scope
    if kind is None or len(scope) < 2 or kind not in scope:
        return True
    matched = [p for p in purchases or [] if p.kind in scope]
    kinds = {p.kind for p in [p for p in matched if p.stated] or matched}
    if not kinds and said:
        kinds = {p.kind for p in said_purchases(said) if p.kind in scope}
    return not kinds or kind in kinds


def _covered(requirement: str, program: FundingProgram) -> bool:
    eligibility = program.eligibility
    judged = [*eligibility.special_conditions, *(r.zh for r in eligibility.stated_conditions)]
    if eligibility.venue is not None:
        judged.append(eligibility.venue.zh)
    if _MODEL_TERMS.search(requirement):
        return any(_MODEL_TERMS.search(j) for j in judged)
    return any(_VENUE_TERMS.search(j) or "平台" in j or "交易所" in j for j in judged)


def on_the_purchase(requirement: str) -> bool:
    """A requirement that conditions the purchase itself: a filed or third-party model, or a named place where the
    compute, data or model is bought ("通过市统一算力调度平台使用算力")."""
    if _MODEL_TERMS.search(requirement):
        return True
    return bool(_VENUE_TERMS.search(requirement) and _VENUE_GOODS.search(requirement))


def unjudged(program: FundingProgram) -> list[str]:
    """Conditions on the purchase in `requirements` that no special condition, stated condition or venue judges."""
    return [r for r in program.eligibility.requirements if on_the_purchase(r) and not _covered(r, program)]
