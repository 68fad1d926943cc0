"""What a pack is made of: the ranked picks and the choice made from them (pack_choice.py chooses it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.advisor.engine.conditions import Reason
from app.catalogue.models import Solution


@dataclass
class SolutionPick:
    solution: Solution
    score: float
    why: list[Reason] = field(default_factory=list)
    over_budget: bool = False
    basic_tier: bool = False  # straddles the budget: only a configuration at the low end of its range fits
    need_matches: int = 0  # pain points and keywords of the solution found in the client's words
    for_industry: bool = False  # made for the client's industry (not a generic tool)
    # and for the client's very kind of business (a restaurant tool for a restaurant)
    for_business: bool = False
    named: bool = False  # the owner's words name its pain points or keywords, or its need examples do
    worded: bool = False  # named by the catalogue's own words (exact: ranks above a nearest-example naming)
    said: frozenset[str] = frozenset()  # the catalogue words of it the owner used
    # Messaging channels the client names that its description does not (channel_fit.py): said as a caveat.
    channels_unlisted: tuple[str, ...] = ()
    # Listed for other GB/T sections than the client's, reaching it because the need names what it works on
    # (solution_fit.serves_trade): its trade-made data basis is said as a caveat (solution_fit.trade_caveat).
    other_trade: bool = False


@dataclass
class PackChoice:
    """The pack, what to mention for later, and whether anything useful fits the budget (advice_rules.md §6)."""

    picks: list[SolutionPick]
    later: SolutionPick | None = None  # a useful next step named outside the total
    fits_budget: bool = True  # False: nothing useful fits; `picks` is the cheapest useful start
    gap: float = 0.0  # how far the upper bound of the start (or of the full tier) is above the budget
    unanswered: list[str] = field(default_factory=list)  # stated needs no catalogued solution answers
    # Of those, the ones the catalogue answers for other clients only (size, industry or region ruled out).
    ruled_out: list[str] = field(default_factory=list)

    @property
    def basic_tier(self) -> bool:
        """The need's solution fits only at the low end of its range: the budget decides the tier."""
        return any(p.basic_tier for p in self.picks)
