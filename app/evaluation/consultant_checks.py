"""The checks of one consultant case, grouped by what a consultant would look at in the answer.

Each group reads one `ScoredAnswer` (the answer's pack, subsidies and verdicts, worked out once) and appends
(name, ok, detail) rows; a case passes when every row is ok. A check runs only when the case's `expect`
asks for it, except the money checks (subsidy on a matched purchase, nothing competitive subtracted, net within
gross, no wrong ✅), which every answer must pass. What the answer must (not) say is checked in wording_checks.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.catalogue.models import Catalogue, FundingProgram, Region
from app.evaluation.answer_phrases import OVER_BUDGET, has_any
from app.evaluation.reported_subsidies import Subsidy, solution_kinds, subsidies_of, subsidy_matched

COMPETITIVE_MECHANISMS = {"competitive_selection", "via_pilot_city"}
STATED_HEAD = ["按您提到的金额", "按您提到的金額", "On the amounts you named"]
LATER_HEAD = ["以后可考虑", "Later, outside this total"]
RANGE = re.compile(r"\d\s*(?:万|萬)?元?\s*[–~]\s*(?:cny\s*)?\d", re.I)


@dataclass
class ScoredAnswer:
    """One answer with what the checks read, and the rows they wrote."""

    expect: dict[str, Any]
    truth: dict[str, Any]
    response: dict[str, Any]
    catalogue: Catalogue
    today: date
    rows: list[tuple[str, bool, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.answer: str = self.response.get("answer", "")
        self.pack = [s for s in self.response.get("solutions", []) if not s.get("later")]
        # What the client buys beside the pack: the case's truth when it states it, else the contract's own record
        # of the purchases the client named (`profile.purchases[]`, README). A pack of the client's own line alone
        # ("您的设备采购（贷款）", no catalogue solution) is still a plan with a purchase: without this, a ✅ resting
        # on it was counted "no matching purchase" while the pack's solutions, also read from the answer, count.
        stated = self.expect.get("client_items")
        if stated is None:
            stated = (self.response.get("profile") or {}).get("purchases") or []
        self.client = {str(i["kind"]) for i in stated}
        self.subs: list[Subsidy] = subsidies_of(self.response)
        self.verdicts = {f["id"]: f["verdict"] for f in self.response.get("funding", [])}

    def check(self, name: str, ok: bool, detail: str) -> None:
        self.rows.append((name, ok, detail))

    def count(self, name: str) -> int:
        return sum(1 for n, ok, _ in self.rows if n == name and not ok)


def _covers(program: FundingProgram, truth: dict[str, Any]) -> bool:
    regions: list[Region] = program.eligibility.regions
    if not regions or "province" not in truth:
        return True
    return any(r.covers(truth.get("province"), truth.get("city"), truth.get("district")) for r in regions)


def _near(value: float | None, n: float) -> bool:
    return value is not None and abs(value - n) <= max(1.0, n * 0.005)


def money_checks(a: ScoredAnswer, competitive: set[str]) -> None:
    """What every answer must get right: subsidies on purchases they pay for, nothing competitive subtracted."""
    competitive_ids = competitive | {
        p.id for p in a.catalogue.funding if str(p.how_to_apply.mechanism) in COMPETITIVE_MECHANISMS
    }
    for sub in a.subs:
        program = a.catalogue.program(sub.program_id)
        if program is not None and not subsidy_matched(program, sub, a.catalogue, a.client):
            a.check("matched_purchase", False, f"{sub.program_id} on {sub.solution_id}")
        if sub.program_id in competitive_ids and sub.subtracted:
            # An "up to" figure shown beside the net ("需遴选", `in_net_cost: false`) takes nothing off the cost.
            a.check("competitive_subtracted", False, sub.program_id)
    for s in a.pack:
        gross, net = s["first_year_cost_cny"], s["net_first_year_cost_cny"]
        ok = 0 <= net["min"] <= gross["min"] + 0.5 and 0 <= net["max"] <= gross["max"] + 0.5
        a.check("net_bounds", ok, s["id"])


def eligible_checks(a: ScoredAnswer) -> None:
    """A ✅ must hold on every condition the case's facts settle and on a purchase in the program's scope."""
    available = set(a.client)
    for s in a.pack:
        available |= solution_kinds(a.catalogue, s["id"])
    for program_id, verdict in a.verdicts.items():
        program = a.catalogue.program(program_id)
        if verdict != "eligible" or program is None:
            continue
        why = []
        if program.validity.ended(a.today):  # a claims window after the spending period still pays past spend
            why.append("expired")
        sizes = {str(s) for s in program.eligibility.size_classes}
        if sizes and a.truth.get("size_class") and a.truth["size_class"] not in sizes:
            why.append("size")
        if not _covers(program, a.truth):
            why.append("region")
        industries = set(program.eligibility.industries)
        if industries and a.truth.get("industry") and a.truth["industry"] not in industries:
            why.append("industry")
        if not {str(k) for k in program.eligibility.spend_scope} & available:
            why.append("no matching purchase")
        if program_id in a.expect.get("not_eligible", []):
            why.append("case says not eligible")
        if why:
            a.check("wrong_eligible", False, f"{program_id}: {', '.join(why)}")


def verdict_checks(a: ScoredAnswer) -> None:
    """The verdicts, conditions and subtractions the case expects, and the budget fit."""
    expect = a.expect
    if "budget" in expect:
        upper = sum(s["first_year_cost_cny"]["max"] for s in a.pack)
        ok = upper <= expect["budget"] + 0.5 or has_any(a.answer, OVER_BUDGET)
        a.check("budget_fit", ok, f"pack upper {upper:.0f} vs budget {expect['budget']}")
    for program_id, wanted in (expect.get("verdicts") or {}).items():
        a.check(
            "verdict", a.verdicts.get(program_id) == wanted, f"{program_id}: {a.verdicts.get(program_id)}"
        )
    for program_id, (statuses, about) in (expect.get("condition") or {}).items():
        # A condition the client's words settle: its status in `funding[].conditions` (any of `statuses`).
        found = [
            c["status"]
            for f in a.response.get("funding", [])
            if f["id"] == program_id
            for c in f.get("conditions", [])
            if has_any(c.get("detail", ""), [about])
        ]
        ok = bool(found) and all(s in statuses.split("|") for s in found)
        a.check("condition", ok, f"{program_id} '{about}': {found or 'not judged'}")
    # Subtracted: what reduces a net cost, not every figure the answer shows (an "up to" stays apart, README).
    subtracted = {s.program_id for s in a.subs if s.subtracted}
    for program_id in expect.get("not_subtracted", []):
        a.check("not_subtracted", program_id not in subtracted, program_id)
    if "subtracted_any" in expect:
        # The positive control: a figure is worked out on the purchase, in the net or "up to" beside it (a rate
        # the text publishes only as a ceiling, "最高50%", is shown "up to" even to an eligible client, rules §5).
        figured = {s.program_id for s in a.subs if s.amount_max > 0}
        a.check("subtracted_any", bool(figured & set(expect["subtracted_any"])), str(sorted(figured)))
    for program_id in expect.get("listed", []):
        a.check("listed", program_id in a.verdicts, program_id)
    shown = {f["id"] for f in a.response.get("funding", []) if f.get("listed", True)}
    for program_id in expect.get("shown", []):
        # Written out in the answer, not only checked in the contract: the program the client asked about.
        a.check("shown", program_id in shown, program_id)
    for program_id in expect.get("not_shown", []):
        # Not written out: a program that pays for nothing the client buys or asks about (after "not in my
        # sources", an unrelated program reads like the rumoured one).
        a.check("not_shown", program_id not in shown, program_id)


def client_figure_checks(a: ScoredAnswer) -> None:
    """The client's own figures are what the arithmetic and the pack's cost are computed on."""
    expect, subs, pack = a.expect, a.subs, a.pack
    if "client_amount" in expect:
        n = float(expect["client_amount"])
        a.check(
            "client_amount", any(_near(s.base_max, n) for s in subs), f"bases {[s.base_max for s in subs]}"
        )
    if expect.get("client_bases"):
        # A subsidy on a kind the client priced is computed on their figure, not on a catalogue range of it.
        amounts: dict[str, list[float]] = {}
        for item in expect.get("client_items", []):
            amounts.setdefault(str(item["kind"]), []).append(float(item["amount"]))
        off = [
            f"{s.program_id} on {s.base_max}"
            for s in subs
            if s.amount_max > 0
            and s.kind in amounts
            and not any(_near(s.base_max, n) for n in amounts[s.kind])
        ]
        a.check("client_bases", not off, str(off))
    for kind in expect.get("forbid_subsidy_kinds", []):
        # A service the client does themselves is no purchase: nothing is computed on its catalogue range.
        on = [s.program_id for s in subs if s.kind == kind and s.amount_max > 0]
        a.check("forbid_subsidy_kinds", not on, f"{kind}: {on}")
    if expect.get("stated_line_exact"):
        # "按您提到的金额：" quotes the client's own figures: a catalogue range ("1.05万元–7万元") is not one.
        lines = [line for line in a.answer.splitlines() if has_any(line, STATED_HEAD)]
        a.check(
            "stated_line_exact", not [ln for ln in lines if RANGE.search(ln)], str([ln[:80] for ln in lines])
        )
    if "client_in_total" in expect:
        # The client's own figure is what the pack's first year costs, never replaced by a catalogue range.
        n, lower = float(expect["client_in_total"]), sum(s["first_year_cost_cny"]["min"] for s in pack)
        a.check("client_in_total", bool(pack) and lower >= n - 0.5, f"pack lower {lower:.0f} vs {n:.0f}")
    if "client_total" in expect:
        # A quote for the whole solution replaces its catalogue items: the pack costs exactly that figure.
        n = float(expect["client_total"])
        lower, upper = (sum(s["first_year_cost_cny"][end] for s in pack) for end in ("min", "max"))
        ok = bool(pack) and abs(lower - n) <= 0.5 and abs(upper - n) <= 0.5
        a.check("client_total", ok, f"pack {lower:.0f}–{upper:.0f} vs {n:.0f}")
    if "max_total_subsidy" in expect:
        # The combined cap bounds what the net cost falls by: an "up to" figure shown apart is not taken off.
        total = sum(s.amount_max for s in subs if s.subtracted)
        a.check("max_total_subsidy", total <= expect["max_total_subsidy"] + 0.5, f"{total:.0f}")


def pack_checks(a: ScoredAnswer) -> None:
    """The pack holds the stated need's solution, nothing forbidden, no folded contract, no later repeat."""
    ids = {s["id"] for s in a.pack}
    if a.expect.get("pack_any"):  # a stated need the catalogue answers yields its solution
        a.check("pack_any", bool(ids & set(a.expect["pack_any"])), f"{sorted(ids)} vs {a.expect['pack_any']}")
    for part in a.expect.get("pack_all", []):
        # every part of a stated need gets its tool: each entry is a solution id or a list of alternatives
        wanted = {part} if isinstance(part, str) else set(part)
        a.check("pack_all", bool(ids & wanted), f"{sorted(ids)} lacks {sorted(wanted)}")
    for solution_id in a.expect.get("forbid_solutions", []):
        a.check("forbid_solutions", solution_id not in ids, solution_id)
    if "contract_apart" in a.expect:
        # A contract for another kind of thing is not folded into a pack solution: none costs its figure.
        n = float(a.expect["contract_apart"])
        folded = [s["id"] for s in a.pack if s["first_year_cost_cny"]["min"] >= n - 0.5]
        a.check("contract_apart", not folded, str(folded))
    # Generic: what is named for later is not already in the pack (review8 D2/D3).
    later = [line for line in a.answer.splitlines() if has_any(line, LATER_HEAD)]
    repeated = [s["id"] for s in a.pack for line in later if s.get("name") and s["name"] in line]
    if later:
        a.check("later_not_in_pack", not repeated, str(repeated))
