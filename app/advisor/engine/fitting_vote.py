"""A need the nearest examples give to another trade's tools, asked again of the tools that fit the client.

A trade's own words sit near another trade's examples ("把碎米挑出来" near a kitchen's rice forecast, "贷前资料审核"
near a shop's reconciliation): that vote emptied the pack with "nothing fits this company" though the rice mill's
visual sorter and a reader of documents fit it. Kept apart from the ranking (recommend.py) because it is a second
question put to the need bank, with its own rule for when its answer is trusted.
"""

from __future__ import annotations

from dataclasses import replace

from app.advisor.engine.need_bank import LEAD_SHARE, UNSERVED, NeedBank
from app.advisor.engine.need_parts import NeedPart, without_opening
from app.advisor.engine.pack_choice import SolutionPick


def asked_among_fitting(bank: NeedBank, need: NeedPart, ranked: list[SolutionPick]) -> NeedPart:
    """The need, answered by the fitting tools' examples when only the nearest examples named it and none of their
    tools fits the client.

    The fitting examples name a tool (most of their vote), or lean to a kind of job (most of it over the tools of
    one kind): then the one the whole message ranks best of that kind answers, as `pack_choice._of_its_kind`."""
    fitting = {p.solution.id: p for p in ranked}
    if need.worded or need.unserved or need.general:
        return need  # the catalogue's own words name what it asks for: "not for this client" is then true
    if not need.answers or any(a in fitting for a in (*need.answers, *need.alternatives)):
        return need
    vote = bank.vote(without_opening(need.text), among=frozenset(fitting))
    by_kind: dict[str, float] = {}
    for sid, pick in fitting.items():
        kind_of = pick.solution.category
        by_kind[kind_of] = by_kind.get(kind_of, 0.0) + vote.share(sid)
    lead = [sid for sid in fitting if vote.share(sid) >= LEAD_SHARE]
    kind = max(by_kind, key=lambda k: by_kind[k], default=None)
    if not lead and kind is not None and by_kind[kind] >= LEAD_SHARE:
        lead = [p.solution.id for p in ranked if p.solution.category == kind][:1]  # ranked best first
    if not lead or vote.share(UNSERVED) >= LEAD_SHARE:
        return need
    kinds = frozenset(fitting[sid].solution.category for sid in lead)
    return replace(need, answers=tuple(lead), kinds=kinds, alternatives=(), doubted=False)
