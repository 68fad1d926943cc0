"""Run the consultant set (tests/eval/consultant_cases.yaml) through the offline advisor and score it.

    python bench/consultant.py --split dev                # run + score, print the summary
    python bench/consultant.py --split all --save base    # also keep answers in bench/results/consultant_base.jsonl
    python bench/consultant.py --score bench/results/consultant_base.jsonl --split blind   # re-score saved answers
    python bench/consultant.py --cases other_cases.yaml --split blind   # a case file kept outside the repo

Runs in-process against the worktree's data dir (index reused), with `today` pinned from the case file,
so a run is reproducible. Prints each failed check and the headline numbers of issue #11 as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.advisor.service import AdvisorService
from app.catalogue.loader import load_catalogue
from app.container import Container
from app.evaluation.consultant import ConsultantSet, load_consultant_cases, score_case, summarise
from app.services.readiness import ensure_ready
from app.settings import PROJECT_ROOT, AdvisorSettings, Settings
from bench.stats import percentile

RESULTS = PROJECT_ROOT / "bench" / "results"


def _advisors(cases: ConsultantSet) -> Callable[[date], AdvisorService]:
    """One advisor per date the cases are asked on (the set's `today`, or a case's own), made when first needed."""
    made: dict[date, AdvisorService] = {}

    def advisor_on(today: date) -> AdvisorService:
        if today not in made:
            settings = Settings()
            container = Container(settings.model_copy(update={"advisor": AdvisorSettings(today=today)}))
            problem = ensure_ready(container.ingest)  # a fresh checkout has no index yet: build it first
            if problem is not None:
                raise SystemExit(str(problem))
            made[today] = container.advisor
            made[today].ask("warm-up: 我在杭州开餐厅，20人")
        return made[today]

    return advisor_on


def run(cases: ConsultantSet, split: str) -> list[dict[str, Any]]:
    advisor_on = _advisors(cases)
    rows = []
    for case in cases.cases:
        if split != "all" and case.split != split:
            continue
        advisor = advisor_on(case.today or cases.today)
        session = f"consultant-{case.id}-{uuid.uuid4().hex[:6]}"
        response: dict[str, Any] = {}
        started = time.perf_counter()
        for message in case.turns:
            started = time.perf_counter()
            response = advisor.ask(message, session_id=session).model_dump(mode="json")
        rows.append({"case": case.id, "ms": (time.perf_counter() - started) * 1000, "response": response})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "blind", "all"], default="dev")
    parser.add_argument("--save", help="keep the answers in bench/results/consultant_<name>.jsonl")
    parser.add_argument("--score", type=Path, help="score saved answers instead of running the advisor")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failed check")
    parser.add_argument(
        "--cases", type=Path, help="another case file of the same schema (e.g. a fresh blind set)"
    )
    args = parser.parse_args()
    cases = load_consultant_cases(args.cases) if args.cases else load_consultant_cases()
    if args.score:
        rows = [json.loads(line) for line in args.score.read_text(encoding="utf-8").splitlines() if line]
    else:
        rows = run(cases, args.split)
        if args.save:
            RESULTS.mkdir(exist_ok=True)
            out = RESULTS / f"consultant_{args.save}.jsonl"
            out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    catalogue = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
    by_id = {c.id: c for c in cases.cases}
    report: dict[str, Any] = {}
    for split in ("dev", "blind") if args.split == "all" else (args.split,):
        chosen = [r for r in rows if by_id[r["case"]].split == split]
        results = [
            score_case(
                by_id[r["case"]],
                r["response"],
                catalogue,
                by_id[r["case"]].today or cases.today,
                cases.competitive,
            )
            for r in chosen
        ]
        if args.verbose:
            for result in results:
                for name, ok, detail in result.checks:
                    if not ok:
                        print(f"  {result.id} {name}: {detail}")
        summary = summarise(results)
        summary["ask_p95_ms"] = round(percentile([r["ms"] for r in chosen], 95), 1)
        report[split] = summary
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
