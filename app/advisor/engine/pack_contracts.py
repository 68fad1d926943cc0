"""The client's own contracts in the pack: each stands as what it is (advice_rules.md §5, review8 r8-16/r8-18).

A contract that is a catalogued solution's purchase (engine/purchases.py `is_that_solution`) brings that
solution, costed on the client's figure; any other contract stands as its own line, with nothing built
around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from app.advisor.engine.pack_picks import PackChoice, SolutionPick
from app.advisor.engine.purchases import Purchase, is_that_solution
from app.text.normalize import normalize


def with_client_contracts(
    choice: PackChoice, contracts: Sequence[Purchase], ranked: Callable[[], list[SolutionPick]]
) -> PackChoice:
    """A contract the client names that is no pick's purchase brings the best-ranked solution it is
    (`is_that_solution`: a GPU rental contract the GPU rental), costed on the client's figure (review7 finding
    3: a named 30万 compute contract was left out of the headline cost). A contract no catalogued solution is
    (a dataset, a cloud ERP) brings nothing around it: it stands as its own line (review8 B2/B3: a dataset
    bought got GPU rental as filler)."""
    picks = [p for p in choice.picks if not _named_only_by_contracts(p, contracts)]
    missing = [c for c in contracts if not any(is_that_solution(c, p.solution) for p in picks)]
    if not missing:
        return replace(choice, picks=picks)
    candidates = ranked()
    for contract in missing:
        if any(is_that_solution(contract, p.solution) for p in picks):
            continue
        found = next((p for p in candidates if is_that_solution(contract, p.solution)), None)
        if found is not None and all(found.solution.id != p.solution.id for p in picks):
            picks.append(found)
    # What the contract brought into the pack is no longer a later step (review8 D2/D3: "以后可考虑" repeated it).
    later = choice.later
    if later is not None and any(p.solution.id == later.solution.id for p in picks):
        later = None
    return replace(choice, picks=picks, later=later)


def _named_only_by_contracts(pick: SolutionPick, contracts: Sequence[Purchase]) -> bool:
    """Every word of the owner's naming the pick is in the words of a contract it is not: the contract's words
    describe what the client buys, not a need ("买一批已标注的道路图像数据，合同60万" named a fine-tuning service
    by 标注 and 数据, review8 B2/B3)."""
    said = [normalize(w) for w in pick.said]
    return (
        bool(said)
        and not any(is_that_solution(c, pick.solution) for c in contracts)
        and all(any(w in c.said for c in contracts if c.said) for w in said)
    )
