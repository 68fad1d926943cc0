"""Score answers on the consultant set (tests/eval/consultant_cases.yaml, issue #11).

The scorer reads only the JSON contract of `aipack ask --json` (a dict per case), so the same code scores
any version of the engine, and checks it against the catalogue as ground truth: which purchase kinds each
solution really involves (`purchase_items`), each program's spend scope, mechanism, dates, sizes and regions.
The subsidies an answer reports are read in reported_subsidies.py, the phrases it must (not) say are in
answer_phrases.py, the checks of one answer are in consultant_checks.py (money, verdicts, figures, pack) and
wording_checks.py (what it says); this module holds the cases, the scoring of one case and the summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from app.catalogue.models import Catalogue
from app.evaluation.consultant_checks import (
    ScoredAnswer,
    client_figure_checks,
    eligible_checks,
    money_checks,
    pack_checks,
    verdict_checks,
)
from app.evaluation.reported_subsidies import Subsidy, parse_money, solution_kinds, subsidies_of
from app.evaluation.wording_checks import wording_checks
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


@dataclass
class ConsultantCase:
    id: str
    split: str
    turns: list[str]
    truth: dict[str, Any]
    expect: dict[str, Any]
    # A case about time on a date of its own (a claims window open after a spending period ended): the set's
    # `today` otherwise.
    today: date | None = None


@dataclass
class ConsultantSet:
    today: date
    competitive: set[str]
    cases: list[ConsultantCase]


def load_consultant_cases(path: Path = CONSULTANT_CASES) -> ConsultantSet:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = [
        ConsultantCase(
            c["id"],
            c["split"],
            list(c["turns"]),
            dict(c.get("truth") or {}),
            dict(c.get("expect") or {}),
            c.get("today"),
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


def score_case(
    case: ConsultantCase, response: dict[str, Any], catalogue: Catalogue, today: date, competitive: set[str]
) -> CaseResult:
    a = ScoredAnswer(case.expect, case.truth, response, catalogue, today)
    money_checks(a, competitive)
    eligible_checks(a)
    verdict_checks(a)
    client_figure_checks(a)
    wording_checks(a)
    pack_checks(a)
    result = CaseResult(case.id, case.split, a.rows, subsidies=len(a.subs))
    result.unmatched = a.count("matched_purchase")
    result.competitive_subtracted = a.count("competitive_subtracted")
    result.wrong_eligible = a.count("wrong_eligible")
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
