"""Score answers on the consultant set (tests/eval/consultant_cases.yaml, issue #11).

The scorer reads only the JSON contract of `aipack ask --json` (a dict per case), so the same code scores
any version of the engine, and checks it against the catalogue as ground truth: which purchase kinds each
solution really involves (`purchase_items`), each program's spend scope, mechanism, dates, sizes and regions.
The subsidies an answer reports are read in reported_subsidies.py, the phrases it must (not) say are in
answer_phrases.py; this module holds the cases, the checks of one case and the summary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from app.catalogue.models import Catalogue, FundingProgram, Region
from app.evaluation.answer_phrases import (
    LARGE_FIRM,
    NO_PROGRAM,
    NOT_FOR_YOU,
    NOT_IN_SOURCES,
    OVER_BUDGET,
    POLICY_QUOTE,
    REFUSE_GUARANTEE,
    date_forms,
    has_any,
)
from app.evaluation.reported_subsidies import (
    Subsidy,
    parse_money,
    solution_kinds,
    subsidies_of,
    subsidy_matched,
)
from app.settings import PROJECT_ROOT

# Importers read the subsidy parsing from here too (tests/test_consultant_eval.py: parse_money).
__all__ = [
    "CaseResult",
    "ConsultantCase",
    "ConsultantSet",
    "Subsidy",
    "load_consultant_cases",
    "parse_money",
    "score_case",
    "solution_kinds",
    "subsidies_of",
    "summarise",
]

CONSULTANT_CASES = PROJECT_ROOT / "tests" / "eval" / "consultant_cases.yaml"
COMPETITIVE_MECHANISMS = {"competitive_selection", "via_pilot_city"}
STATED_HEAD = ["按您提到的金额", "按您提到的金額", "On the amounts you named"]
RANGE = re.compile(r"\d\s*(?:万|萬)?元?\s*[–~]\s*(?:cny\s*)?\d", re.I)


@dataclass
class ConsultantCase:
    id: str
    split: str
    turns: list[str]
    truth: dict[str, Any]
    expect: dict[str, Any]


@dataclass
class ConsultantSet:
    today: date
    competitive: set[str]
    cases: list[ConsultantCase]


def load_consultant_cases(path: Path = CONSULTANT_CASES) -> ConsultantSet:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [
        ConsultantCase(
            c["id"], c["split"], list(c["turns"]), dict(c.get("truth") or {}), dict(c.get("expect") or {})
        )
        for c in raw["cases"]
    ]
    return ConsultantSet(raw["today"], set(raw.get("competitive_or_pilot") or []), cases)


@dataclass
class CaseResult:
    id: str
    split: str
    checks: list[tuple[str, bool, str]] = field(default_factory=list)
    subsidies: int = 0
    unmatched: int = 0
    competitive_subtracted: int = 0
    wrong_eligible: int = 0

    @property
    def passed(self) -> bool:
        return all(ok for _, ok, _ in self.checks)


def _covers(program: FundingProgram, truth: dict[str, Any]) -> bool:
    regions: list[Region] = program.eligibility.regions
    if not regions or "province" not in truth:
        return True
    return any(r.covers(truth.get("province"), truth.get("city"), truth.get("district")) for r in regions)


def score_case(
    case: ConsultantCase, response: dict[str, Any], catalogue: Catalogue, today: date, competitive: set[str]
) -> CaseResult:
    result = CaseResult(case.id, case.split)
    expect, truth = case.expect, case.truth
    answer = response.get("answer", "")
    check = result.checks.append
    pack = [s for s in response.get("solutions", []) if not s.get("later")]
    client = {str(i["kind"]) for i in expect.get("client_items", [])}
    available = set(client)
    for s in pack:
        available |= solution_kinds(catalogue, s["id"])
    competitive_ids = competitive | {
        p.id for p in catalogue.funding if str(p.how_to_apply.mechanism) in COMPETITIVE_MECHANISMS
    }

    subs = subsidies_of(response)
    result.subsidies = len(subs)
    for sub in subs:
        program = catalogue.program(sub.program_id)
        if program is not None and not subsidy_matched(program, sub, catalogue, client):
            result.unmatched += 1
            check(("matched_purchase", False, f"{sub.program_id} on {sub.solution_id}"))
        if sub.program_id in competitive_ids and sub.amount_max > 0:
            result.competitive_subtracted += 1
            check(("competitive_subtracted", False, sub.program_id))
    for s in pack:
        gross, net = s["first_year_cost_cny"], s["net_first_year_cost_cny"]
        ok = 0 <= net["min"] <= gross["min"] + 0.5 and 0 <= net["max"] <= gross["max"] + 0.5
        check(("net_bounds", ok, s["id"]))

    verdicts = {f["id"]: f["verdict"] for f in response.get("funding", [])}
    for program_id, verdict in verdicts.items():
        program = catalogue.program(program_id)
        if verdict != "eligible" or program is None:
            continue
        why = []
        until = program.validity.effective_until
        if until and until < today:
            why.append("expired")
        sizes = {str(s) for s in program.eligibility.size_classes}
        if sizes and truth.get("size_class") and truth["size_class"] not in sizes:
            why.append("size")
        if not _covers(program, truth):
            why.append("region")
        industries = set(program.eligibility.industries)
        if industries and truth.get("industry") and truth["industry"] not in industries:
            why.append("industry")
        if not {str(k) for k in program.eligibility.spend_scope} & available:
            why.append("no matching purchase")
        if program_id in expect.get("not_eligible", []):
            why.append("case says not eligible")
        if why:
            result.wrong_eligible += 1
            check(("wrong_eligible", False, f"{program_id}: {', '.join(why)}"))

    if "budget" in expect:
        upper = sum(s["first_year_cost_cny"]["max"] for s in pack)
        ok = upper <= expect["budget"] + 0.5 or has_any(answer, OVER_BUDGET)
        check(("budget_fit", ok, f"pack upper {upper:.0f} vs budget {expect['budget']}"))
    for program_id, wanted in (expect.get("verdicts") or {}).items():
        check(("verdict", verdicts.get(program_id) == wanted, f"{program_id}: {verdicts.get(program_id)}"))
    for program_id, (statuses, about) in (expect.get("condition") or {}).items():
        # A condition the client's words settle: its status in `funding[].conditions` (any of `statuses`).
        found = [
            c["status"]
            for f in response.get("funding", [])
            if f["id"] == program_id
            for c in f.get("conditions", [])
            if has_any(c.get("detail", ""), [about])
        ]
        ok = bool(found) and all(s in statuses.split("|") for s in found)
        check(("condition", ok, f"{program_id} '{about}': {found or 'not judged'}"))
    subtracted = {s.program_id for s in subs if s.amount_max > 0}
    for program_id in expect.get("not_subtracted", []):
        check(("not_subtracted", program_id not in subtracted, program_id))
    if "subtracted_any" in expect:
        check(("subtracted_any", bool(subtracted & set(expect["subtracted_any"])), str(sorted(subtracted))))
    if "client_amount" in expect:
        n = float(expect["client_amount"])
        ok = any(s.base_max is not None and abs(s.base_max - n) <= max(1.0, n * 0.005) for s in subs)
        check(("client_amount", ok, f"bases {[s.base_max for s in subs]}"))
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
            and not any(
                s.base_max is not None and abs(s.base_max - n) <= max(1.0, n * 0.005) for n in amounts[s.kind]
            )
        ]
        check(("client_bases", not off, str(off)))
    for kind in expect.get("forbid_subsidy_kinds", []):
        # A service the client does themselves is no purchase: nothing is computed on its catalogue range.
        on = [s.program_id for s in subs if s.kind == kind and s.amount_max > 0]
        check(("forbid_subsidy_kinds", not on, f"{kind}: {on}"))
    if expect.get("stated_line_exact"):
        # "按您提到的金额：" quotes the client's own figures: a catalogue range ("1.05万元–7万元") is not one.
        lines = [line for line in answer.splitlines() if has_any(line, STATED_HEAD)]
        ranged = [line[:80] for line in lines if RANGE.search(line)]
        check(("stated_line_exact", not ranged, str(ranged)))
    if "client_in_total" in expect:
        # The client's own figure is what the pack's first year costs, never replaced by a catalogue range.
        n, lower = float(expect["client_in_total"]), sum(s["first_year_cost_cny"]["min"] for s in pack)
        check(("client_in_total", bool(pack) and lower >= n - 0.5, f"pack lower {lower:.0f} vs {n:.0f}"))
    if "client_total" in expect:
        # A quote for the whole solution replaces its catalogue items: the pack costs exactly that figure.
        n = float(expect["client_total"])
        lower, upper = (sum(s["first_year_cost_cny"][end] for s in pack) for end in ("min", "max"))
        ok = bool(pack) and abs(lower - n) <= 0.5 and abs(upper - n) <= 0.5
        check(("client_total", ok, f"pack {lower:.0f}–{upper:.0f} vs {n:.0f}"))
    for program_id in expect.get("listed", []):
        check(("listed", program_id in verdicts, program_id))
    if "max_total_subsidy" in expect:
        total = sum(s.amount_max for s in subs)
        check(("max_total_subsidy", total <= expect["max_total_subsidy"] + 0.5, f"{total:.0f}"))
    if expect.get("answer_any"):
        check(("answer_any", has_any(answer, expect["answer_any"]), str(expect["answer_any"][:3])))
    for phrase in expect.get("answer_none", []):
        check(("answer_none", not has_any(answer, [phrase]), phrase))
    for phrase in expect.get("answer_all", []):
        check(("answer_all", has_any(answer, [phrase]), phrase))
    if expect.get("lead_any"):  # the first line, the direct answer to the question asked
        lead = answer.strip().split("\n", 1)[0]
        check(("lead_any", has_any(lead, expect["lead_any"]), lead[:80]))
    for program_id, day in (expect.get("deadline_dates") or {}).items():
        if program_id in verdicts:
            check(("deadline_date", has_any(answer, date_forms(day)), f"{program_id} {day}"))
    if "names_date" in expect:
        check(("names_date", has_any(answer, date_forms(expect["names_date"])), str(expect["names_date"])))
    if "days_left" in expect:
        n = expect["days_left"]
        check(("days_left", has_any(answer, [f"{n}天", f"{n}days", f"{n}day"]), str(n)))
    if expect.get("not_in_catalogue"):
        check(("not_in_catalogue", has_any(answer, NOT_IN_SOURCES), ""))
    if expect.get("no_program_for_place"):
        ok = has_any(answer, NO_PROGRAM) and "eligible" not in verdicts.values()
        check(("no_program_for_place", ok, str(verdicts)))
    if expect.get("refuse_guarantee"):
        check(("refuse_guarantee", has_any(answer, REFUSE_GUARANTEE), ""))
    if expect.get("sme_not_for_you"):
        head = answer[:400]
        check(("sme_not_for_you", has_any(head, LARGE_FIRM) and has_any(head, NOT_FOR_YOU), head[:80]))
    if expect.get("no_policy_quote"):
        check(("no_policy_quote", not has_any(answer, POLICY_QUOTE), ""))
    if expect.get("no_funding"):
        check(("no_funding", not response.get("funding"), ""))
    if expect.get("no_solutions"):
        check(("no_solutions", not response.get("solutions"), ""))
    if expect.get("pack_any"):  # a stated need the catalogue answers yields its solution
        ids = {s["id"] for s in pack}
        check(("pack_any", bool(ids & set(expect["pack_any"])), f"{sorted(ids)} vs {expect['pack_any']}"))
    for solution_id in expect.get("forbid_solutions", []):
        check(("forbid_solutions", solution_id not in {s["id"] for s in pack}, solution_id))
    if "contract_apart" in expect:
        # A contract for another kind of thing is not folded into a pack solution: none costs its figure.
        n = float(expect["contract_apart"])
        folded = [s["id"] for s in pack if s["first_year_cost_cny"]["min"] >= n - 0.5]
        check(("contract_apart", not folded, str(folded)))
    # Generic: what is named for later is not already in the pack (review8 D2/D3).
    later = [line for line in answer.splitlines() if has_any(line, LATER_HEAD)]
    repeated = [s["id"] for s in pack for line in later if s.get("name") and s["name"] in line]
    if later:
        check(("later_not_in_pack", not repeated, str(repeated)))
    return result


LATER_HEAD = ["以后可考虑", "Later, outside this total"]


def summarise(results: list[CaseResult]) -> dict[str, Any]:
    """Headline numbers of issue #11 plus the pass rate of every other check."""
    by_check: dict[str, list[int]] = {}
    for r in results:
        for name, ok, _ in r.checks:
            tally = by_check.setdefault(name, [0, 0])
            tally[0] += ok
            tally[1] += 1
    subsidies = sum(r.subsidies for r in results)
    unmatched = sum(r.unmatched for r in results)
    budget = by_check.get("budget_fit", [0, 0])
    return {
        "cases": len(results),
        "cases_passed": sum(r.passed for r in results),
        "budget_fit": budget[0] / budget[1] if budget[1] else 1.0,
        "budget_cases": budget[1],
        "subsidies": subsidies,
        "subsidies_unmatched": unmatched,
        "matched_purchase_rate": (subsidies - unmatched) / subsidies if subsidies else 1.0,
        "competitive_subtracted": sum(r.competitive_subtracted for r in results),
        "wrong_eligible": sum(r.wrong_eligible for r in results),
        "checks": {
            name: f"{ok}/{total}"
            for name, (ok, total) in sorted(by_check.items())
            if name not in ("matched_purchase", "competitive_subtracted", "wrong_eligible")
        },
    }
