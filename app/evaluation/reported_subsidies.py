"""The subsidies an answer reports, read from its JSON contract, and whether each is on a real purchase.

From the structured `subsidies[]` list when the answer has one, else read back from the `arithmetic`
lines (older engines), which is how a consultant would read the text. The catalogue is the ground
truth for what each solution really buys (`purchase_items`) and what each program's spend scope is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.catalogue.models import Catalogue, FundingProgram

_MONEY = re.compile(r"[¥￥]?\s*(\d[\d,]*(?:\.\d+)?)\s*(亿|万|k|K|m|M)?\s*(?:元|yuan|RMB|CNY)?")
# "0.12–1.26万元": the unit after the upper end applies to both ends (answers write one unit per range).
_SHARED_UNIT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*([–~-])\s*(?=\d[\d,]*(?:\.\d+)?\s*(亿|万|k|K|m|M))")


def parse_money(text: str) -> list[float]:
    """Every amount in a piece of text: '1,200元' → 1200, '1.06万元' → 10600, '0.12–1.26万元' → 1200, 12600."""
    scale = {"亿": 1e8, "万": 1e4, "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6}
    text = _SHARED_UNIT.sub(r"\1\3\2", text)
    return [float(n.replace(",", "")) * scale.get(unit or "", 1.0) for n, unit in _MONEY.findall(text)]


@dataclass
class Subsidy:
    program_id: str
    solution_id: str | None
    kind: str | None
    base_max: float | None
    amount_max: float
    # `in_net_cost`: deducted in the net cost. False is an "up to" figure shown apart (a verdict still open, a past
    # year's spend, a rate published only as a ceiling); an older engine's arithmetic line was always deducted.
    in_net: bool = True

    @property
    def subtracted(self) -> bool:
        """The program reduces a net cost by this item: a figure shown "up to" beside the net reduces none."""
        return self.in_net and self.amount_max > 0


def solution_kinds(catalogue: Catalogue, solution_id: str) -> set[str]:
    """What the client really buys for a solution: its purchase items' kinds (spend_kinds before those existed)."""
    solution = catalogue.solution(solution_id)
    if solution is None:
        return set()
    items = getattr(solution, "purchase_items", None)
    if items:
        return {str(item.kind) for item in items}
    return {str(k) for k in solution.spend_kinds}


def subsidies_of(response: dict[str, Any]) -> list[Subsidy]:
    if "subsidies" in response:
        out = []
        for s in response["subsidies"]:
            base = s.get("base_cny") or {}
            amount = s.get("amount_cny") or {}
            out.append(
                Subsidy(
                    s["program_id"],
                    s.get("solution_id"),
                    s.get("kind"),
                    base.get("max"),
                    float(amount.get("max") or 0.0),
                    bool(s.get("in_net_cost", True)),
                )
            )
        return out
    return _subsidies_from_text(response)


def _subsidies_from_text(response: dict[str, Any]) -> list[Subsidy]:
    """Older engines: 'Program：1,200元–1.06万元 × 50% = 600元–5,300元，上限…' lines, matched to a solution by base."""
    names = {f["name"]: f["id"] for f in response.get("funding", [])}
    solutions = response.get("solutions", [])
    discounted = [
        s for s in solutions if s["net_first_year_cost_cny"]["max"] < s["first_year_cost_cny"]["max"] - 0.5
    ]
    out: list[Subsidy] = []
    for line in response.get("arithmetic", []):
        head, _, rest = line.partition("：")
        program_id = names.get(head.strip())
        if program_id is None or "×" not in rest:
            continue
        base_text, _, tail = rest.partition("×")
        amount_text = tail.partition("=")[2].partition("，")[0]
        base = parse_money(base_text)
        amounts = parse_money(amount_text)
        base_max = max(base) if base else None
        owners = [s for s in solutions if base_max and abs(s["first_year_cost_cny"]["max"] - base_max) < 1.0]
        for owner in owners or discounted or [None]:
            out.append(
                Subsidy(
                    program_id,
                    owner["id"] if owner else None,
                    None,
                    base_max,
                    max(amounts) if amounts else 0.0,
                )
            )
    return out


def subsidy_matched(program: FundingProgram, sub: Subsidy, catalogue: Catalogue, client: set[str]) -> bool:
    scope = {str(k) for k in program.eligibility.spend_scope}
    truth = solution_kinds(catalogue, sub.solution_id) if sub.solution_id else set()
    truth |= client if sub.solution_id is None or sub.solution_id.startswith("client") else set()
    if sub.kind is not None:
        return sub.kind in scope and sub.kind in truth
    return bool(scope & truth)
