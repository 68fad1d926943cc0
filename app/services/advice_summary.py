"""The summary line of an answer (compose/wording.summary_line), read back from the contract.

Used by the chat page and the exports. It only adds up figures the engine already computed (each
solution's gross and net first-year cost); it never works out a subsidy itself.
"""

from __future__ import annotations

from app.advisor.compose.wording import region_label
from app.advisor.compose.wording import summary_line as wording_summary
from app.advisor.contract import AdviceResponse
from app.catalogue.place_names import english_place


def place_label(response: AdviceResponse) -> str:
    """The client's place in the answer's language: 浙江·杭州, or Hangzhou, Zhejiang; "" when unknown."""
    profile = response.profile
    if response.language == "en" and profile.province:
        return english_place(profile.province, profile.city)
    return region_label(profile.province, profile.city) or ""


def pack_totals(response: AdviceResponse) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The pack's (gross, net) first-year cost, each (low, high); None without a pack."""
    solutions = response.solutions
    if not solutions:
        return None
    gross = (
        sum(s.first_year_cost_cny.min for s in solutions),
        sum(s.first_year_cost_cny.max for s in solutions),
    )
    net = (
        sum(s.net_first_year_cost_cny.min for s in solutions),
        sum(s.net_first_year_cost_cny.max for s in solutions),
    )
    return gross, net


def summary_line(response: AdviceResponse) -> str | None:
    """None for answers without a pack or funding verdicts (a policy question, small talk)."""
    if not response.solutions and not response.funding:
        return None
    claimable = sum(1 for f in response.funding if f.verdict == "eligible")
    to_confirm = sum(1 for f in response.funding if f.verdict == "unknown")
    return wording_summary(
        claimable, to_confirm, pack_totals(response), place_label(response), response.language
    )
