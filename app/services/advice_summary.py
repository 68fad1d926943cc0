"""The one line that answers a recommendation, shared by the chat page and the exports.

"可申请 2 项 · 预计可回补 ¥X · 首年净投入 ¥Y–¥Z", or "目录中暂无适用于 … 的补贴". It only adds up
figures the engine already computed (each solution's gross and net first-year cost); it never
works out a subsidy itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.advisor.compose.wording import money_range, region_label
from app.advisor.contract import AdviceResponse


@dataclass(frozen=True)
class PackTotals:
    gross: tuple[float, float]
    net: tuple[float, float]

    @property
    def recovered(self) -> tuple[float, float]:
        return self.gross[0] - self.net[0], self.gross[1] - self.net[1]


def pack_totals(response: AdviceResponse) -> PackTotals | None:
    if not response.solutions:
        return None
    gross = (
        sum(s.first_year_cost_cny.min for s in response.solutions),
        sum(s.first_year_cost_cny.max for s in response.solutions),
    )
    net = (
        sum(s.net_first_year_cost_cny.min for s in response.solutions),
        sum(s.net_first_year_cost_cny.max for s in response.solutions),
    )
    return PackTotals(gross, net)


def place_label(response: AdviceResponse) -> str:
    return region_label(response.profile.province, response.profile.city) or ""


def summary_line(response: AdviceResponse) -> str | None:
    """None for answers without a pack or funding verdicts (a policy question, small talk)."""
    if not response.solutions and not response.funding:
        return None
    en = response.language == "en"
    eligible = sum(1 for f in response.funding if f.verdict == "eligible")
    to_confirm = sum(1 for f in response.funding if f.verdict == "unknown")
    totals = pack_totals(response)
    parts: list[str] = []
    if eligible:
        parts.append(f"{eligible} program(s) you can likely claim" if en else f"可申请 {eligible} 项")
    else:
        place = place_label(response)
        if en:
            parts.append("No subsidy in the catalogue applies" + (f" in {place}" if place else ""))
        else:
            parts.append(f"目录中暂无适用于{place or '该企业'}的补贴")
    if to_confirm:
        parts.append(f"{to_confirm} to confirm" if en else f"另有 {to_confirm} 项待确认")
    if totals is not None:
        recovered = totals.recovered
        if recovered[1] > 0:
            amount = money_range(*recovered, response.language)
            parts.append(f"about {amount} back" if en else f"预计可回补 {amount}")
        net = money_range(*totals.net, response.language)
        if recovered[1] > 0:
            parts.append(f"net first year {net}" if en else f"首年净投入 {net}")
        else:
            parts.append(f"first year {net}" if en else f"首年投入 {net}")
    return " · ".join(parts)
