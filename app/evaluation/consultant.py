"""Score answers on the consultant set (tests/eval/consultant_cases.yaml, issue #11).

The scorer reads only the JSON contract of `aipack ask --json` (a dict per case), so the same code scores
any version of the engine, and checks it against the catalogue as ground truth: which purchase kinds each
solution really involves (`purchase_items`), each program's spend scope, mechanism, dates, sizes and regions.
Subsidies come from the structured `subsidies[]` list when the answer has one, else they are read back
from the `arithmetic` lines (older engines), which is how a consultant would read the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from app.catalogue.models import Catalogue, FundingProgram, Region
from app.settings import PROJECT_ROOT

CONSULTANT_CASES = PROJECT_ROOT / "tests" / "eval" / "consultant_cases.yaml"
COMPETITIVE_MECHANISMS = {"competitive_selection", "via_pilot_city"}

OVER_BUDGET = (
    "超出预算",
    "超过预算",
    "超预算",
    "预算不够",
    "预算不足",
    "超出您的预算",
    "overbudget",
    "overyourbudget",
    "exceedsyourbudget",
    "exceedthebudget",
    "exceedsthebudget",
    "aboveyourbudget",
    "abovethebudget",
)
NO_PROGRAM = (
    "没有找到",
    "未找到",
    "没有收录",
    "未收录",
    "没有覆盖",
    "暂无",
    "没有适用",
    "没有可用",
    "nocatalogued",
    "noprogram",
    "nosubsid",
    "notcovered",
    "nonecovers",
    "nofundingprogram",
)
NOT_IN_SOURCES = (
    "不在我的资料",
    "不在资料",
    "未收录",
    "没有收录",
    "不在目录",
    "资料里没有",
    "目录中没有找到",
    "couldnotfind",
    "资料中没有",
    "notinmysources",
    "notinthecatalogue",
    "notinmycatalogue",
    "notinoursources",
    "norecordof",
)
REFUSE_GUARANTEE = (
    "不能保证",
    "无法保证",
    "不保证",
    "没法保证",
    "不能承诺",
    "无法承诺",
    "不作保证",
    "cannotguarantee",
    "can'tguarantee",
    "notguaranteed",
    "noguarantee",
    "cannotpromise",
    "can'tpromise",
)
LARGE_FIRM = ("大型企业", "大企业", "largeenterprise", "largecompany", "largefirm", "alargebusiness")
NOT_FOR_YOU = (
    "不适用",
    "不符合",
    "不能申请",
    "不面向",
    "不属于",
    "不适合",
    "notfor",
    "noteligible",
    "don'tqualify",
    "donotqualify",
    "aren'tfor",
    "arenotfor",
    "isnotfor",
    "isn'tfor",
    "doesnotapply",
    "don'tapply",
)
POLICY_QUOTE = ("政策依据", "policybasis")

_MONEY = re.compile(r"[¥￥]?\s*(\d[\d,]*(?:\.\d+)?)\s*(亿|万|k|K|m|M)?\s*(?:元|yuan|RMB|CNY)?")
# "0.12–1.26万元": the unit after the upper end applies to both ends (answers write one unit per range).
_SHARED_UNIT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*([–~-])\s*(?=\d[\d,]*(?:\.\d+)?\s*(亿|万|k|K|m|M))")
_RATIO = re.compile(r"×\s*(\d+(?:\.\d+)?)\s*%")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def parse_money(text: str) -> list[float]:
    """Every amount in a piece of text: '1,200元' → 1200, '1.06万元' → 10600, '0.12–1.26万元' → 1200, 12600."""
    scale = {"亿": 1e8, "万": 1e4, "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6}
    text = _SHARED_UNIT.sub(r"\1\3\2", text)
    return [float(n.replace(",", "")) * scale.get(unit or "", 1.0) for n, unit in _MONEY.findall(text)]


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
class Subsidy:
    program_id: str
    solution_id: str | None
    kind: str | None
    base_max: float | None
    amount_max: float


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


def _date_forms(d: date) -> list[str]:
    months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
    m = months[d.month - 1]
    return [
        d.isoformat(),
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.month}月{d.day}日",
        f"{d.year}/{d.month}/{d.day}",
        f"{m}{d.day}",
        f"{d.day}{m}",
        f"{m[:3]}{d.day}",
        f"{d.day}{m[:3]}",
    ]


def _has_any(text: str, phrases: list[str] | tuple[str, ...]) -> bool:
    body = compact(text)
    return any(compact(p) in body for p in phrases)


def _covers(program: FundingProgram, truth: dict[str, Any]) -> bool:
    regions: list[Region] = program.eligibility.regions
    if not regions or "province" not in truth:
        return True
    return any(r.covers(truth.get("province"), truth.get("city"), truth.get("district")) for r in regions)


def _subsidy_matched(program: FundingProgram, sub: Subsidy, catalogue: Catalogue, client: set[str]) -> bool:
    scope = {str(k) for k in program.eligibility.spend_scope}
    truth = solution_kinds(catalogue, sub.solution_id) if sub.solution_id else set()
    truth |= client if sub.solution_id is None or sub.solution_id.startswith("client") else set()
    if sub.kind is not None:
        return sub.kind in scope and sub.kind in truth
    return bool(scope & truth)


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
        if program is not None and not _subsidy_matched(program, sub, catalogue, client):
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
        ok = upper <= expect["budget"] + 0.5 or _has_any(answer, OVER_BUDGET)
        check(("budget_fit", ok, f"pack upper {upper:.0f} vs budget {expect['budget']}"))
    for program_id, wanted in (expect.get("verdicts") or {}).items():
        check(("verdict", verdicts.get(program_id) == wanted, f"{program_id}: {verdicts.get(program_id)}"))
    subtracted = {s.program_id for s in subs if s.amount_max > 0}
    for program_id in expect.get("not_subtracted", []):
        check(("not_subtracted", program_id not in subtracted, program_id))
    if "subtracted_any" in expect:
        check(("subtracted_any", bool(subtracted & set(expect["subtracted_any"])), str(sorted(subtracted))))
    if "client_amount" in expect:
        n = float(expect["client_amount"])
        ok = any(s.base_max is not None and abs(s.base_max - n) <= max(1.0, n * 0.005) for s in subs)
        check(("client_amount", ok, f"bases {[s.base_max for s in subs]}"))
    if "client_in_total" in expect:
        # The client's own figure is what the pack's first year costs, never replaced by a catalogue range.
        n, lower = float(expect["client_in_total"]), sum(s["first_year_cost_cny"]["min"] for s in pack)
        check(("client_in_total", bool(pack) and lower >= n - 0.5, f"pack lower {lower:.0f} vs {n:.0f}"))
    if "max_total_subsidy" in expect:
        total = sum(s.amount_max for s in subs)
        check(("max_total_subsidy", total <= expect["max_total_subsidy"] + 0.5, f"{total:.0f}"))
    if expect.get("answer_any"):
        check(("answer_any", _has_any(answer, expect["answer_any"]), str(expect["answer_any"][:3])))
    for phrase in expect.get("answer_none", []):
        check(("answer_none", not _has_any(answer, [phrase]), phrase))
    for program_id, day in (expect.get("deadline_dates") or {}).items():
        if program_id in verdicts:
            check(("deadline_date", _has_any(answer, _date_forms(day)), f"{program_id} {day}"))
    if "names_date" in expect:
        check(("names_date", _has_any(answer, _date_forms(expect["names_date"])), str(expect["names_date"])))
    if "days_left" in expect:
        n = expect["days_left"]
        check(("days_left", _has_any(answer, [f"{n}天", f"{n}days", f"{n}day"]), str(n)))
    if expect.get("not_in_catalogue"):
        check(("not_in_catalogue", _has_any(answer, NOT_IN_SOURCES), ""))
    if expect.get("no_program_for_place"):
        ok = _has_any(answer, NO_PROGRAM) and "eligible" not in verdicts.values()
        check(("no_program_for_place", ok, str(verdicts)))
    if expect.get("refuse_guarantee"):
        check(("refuse_guarantee", _has_any(answer, REFUSE_GUARANTEE), ""))
    if expect.get("sme_not_for_you"):
        head = answer[:400]
        check(("sme_not_for_you", _has_any(head, LARGE_FIRM) and _has_any(head, NOT_FOR_YOU), head[:80]))
    if expect.get("no_policy_quote"):
        check(("no_policy_quote", not _has_any(answer, POLICY_QUOTE), ""))
    if expect.get("no_funding"):
        check(("no_funding", not response.get("funding"), ""))
    if expect.get("no_solutions"):
        check(("no_solutions", not response.get("solutions"), ""))
    if expect.get("pack_any"):  # a stated need the catalogue answers yields its solution
        ids = {s["id"] for s in pack}
        check(("pack_any", bool(ids & set(expect["pack_any"])), f"{sorted(ids)} vs {expect['pack_any']}"))
    for solution_id in expect.get("forbid_solutions", []):
        check(("forbid_solutions", solution_id not in {s["id"] for s in pack}, solution_id))
    return result


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
