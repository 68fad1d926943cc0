"""LLM mode against a real model: the llama-cpp-python server serving SmolLM2-135M (issue 17).

Starts the server on loopback (tests/llama_server.py; `make llama-venv` builds its venv),
points the advisor at it and asks advisor questions one after another (golden advisor
first turns plus the two questions of issue 17). Prints:

- accepted: share of LLM-worded answers the guard let through (mode `llm`);
- carrying every decision: of those, the share naming every solution and program with its
  verdict (checked here from the response contract, independently of the guard);
- p95 time to answer or fallback, against the target of deadline + 1 s;
- failing structured-output calls after the first per endpoint (target 0);
- why the others fell back.

    .venv/bin/python bench/llm_real.py --data-dir .aipack --questions 32 --deadline 30
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.advisor.contract import AdviceResponse
from app.advisor.service import AdvisorService
from app.components.llm_endpoint import capabilities
from app.container import Container
from app.evaluation.advisor_metrics import load_advisor_cases
from app.settings import Settings
from tests.llama_server import N_CTX, llama_server, missing

TODAY = date(2026, 11, 23)
ISSUE_QUESTIONS = [
    "We are a 5-person AI startup in Shenzhen renting GPUs to fine-tune a model. Which vouchers can we get?",
    "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题",
]
ANSWERING_KINDS = {"recommend", "eligibility", "cost", "compare", "how_to_apply"}


def questions(count: int) -> list[str]:
    golden = [c.turns[0] for c in load_advisor_cases() if c.kind in ANSWERING_KINDS]
    return list(dict.fromkeys(ISSUE_QUESTIONS + golden))[:count]


def carries_every_decision(response: AdviceResponse) -> bool:
    """Every solution and program of the response named in the answer (the verdict is the guard's job
    and is re-checked by the tests; here names are enough to catch a guard that lets drops through)."""
    text = response.answer.lower()
    return all(s.name.lower() in text for s in response.solutions) and all(
        f.name.lower() in text or f.id in text for f in response.funding
    )


def run(data_dir: Path, count: int, deadline_s: float) -> None:
    with llama_server() as base_url:
        settings = Settings(
            paths={"data_dir": data_dir},
            advisor={"today": TODAY, "sessions_file": data_dir / "bench-llm-sessions.sqlite3"},
            llm={
                "mode": "openai",
                "base_url": base_url,
                "api_key": "sk-local",
                "model": "smollm2",
                "deadline_s": deadline_s,
                "context_window": N_CTX,
                "max_retries": 0,
            },
        )
        advisor = AdvisorService(Container(settings))
        advisor.warm_up()
        extraction_failures = _count_warnings("app.advisor.understand.llm_extraction")
        rows: list[tuple[str, AdviceResponse, float]] = []
        for n, question in enumerate(questions(count), 1):
            started = time.perf_counter()
            response = advisor.ask(question)
            elapsed = time.perf_counter() - started
            rows.append((question, response, elapsed))
            t = response.timings_ms  # where a turn over the deadline spent its time
            stages = f"u{t.understand / 1000:.0f}/r{t.retrieve / 1000:.0f}/c{t.compose / 1000:.0f}"
            print(
                f"{n:>2} {response.mode:<7} {elapsed:5.1f}s {stages:<12} {response.intent:<20} {question[:40]}",
                flush=True,
            )
        caps = capabilities(settings.llm)
    report(rows, deadline_s, caps.refusals, {k for k, ok in caps.supported.items() if not ok})
    print(f"- structured-output methods learnt: {caps.supported}")
    for message, n in extraction_failures.most_common():
        print(f"- profile extraction failed {n}x: {message}")


def _count_warnings(logger: str) -> Counter[str]:
    """Warnings of `logger` by message, counted while the bench runs (extraction fails quietly)."""
    counts: Counter[str] = Counter()

    class _Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            counts[record.getMessage()] += 1

    logging.getLogger(logger).addHandler(_Count(logging.WARNING))
    return counts


def report(
    rows: list[tuple[str, AdviceResponse, float]], deadline_s: float, refusals: int, refused: set[str]
) -> None:
    worded = [(r, t) for _, r, t in rows if r.mode == "llm" or r.notices]
    accepted = [r for r, _ in worded if r.mode == "llm"]
    carrying = [r for r in accepted if carries_every_decision(r)]
    times = sorted(t for _, _, t in rows)
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    reasons = Counter(
        (r.notices[-1].split("（")[-1].split("(")[-1].split(")")[0].split("）")[0])[:60]
        for r, _ in worded
        if r.mode != "llm" and r.notices
    )
    print()
    print("| measure | value | target |")
    print("| --- | --- | --- |")
    print(f"| questions asked | {len(rows)} | ≥ 30 |")
    print(f"| answers the model worded | {len(worded)} | |")
    print(f"| accepted by the guard | {len(accepted)}/{len(worded)} ({_share(accepted, worded)}) | |")
    print(
        f"| accepted carrying every decision | {len(carrying)}/{len(accepted)} ({_share(carrying, accepted)}) | 100% |"
    )
    print(
        f"| p50 / p95 time to answer or fallback | {statistics.median(times):.1f} s / {p95:.1f} s | ≤ {deadline_s + 1:.0f} s |"
    )
    print(
        f"| failing structured-output calls after the first per endpoint | {max(0, refusals - len(refused))} | 0 |"
    )
    print(f"| features the endpoint refused (remembered) | {', '.join(sorted(refused)) or 'none'} | |")
    print()
    for reason, n in reasons.most_common():
        print(f"- fell back {n}x: {reason}")


def _share(part: list[AdviceResponse], whole: list[object]) -> str:
    return f"{len(part) / len(whole):.0%}" if whole else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, default=Path(".aipack"))
    parser.add_argument("--questions", type=int, default=32)
    parser.add_argument("--deadline", type=float, default=30.0)
    args = parser.parse_args()
    if reason := missing():
        sys.exit(f"cannot run: {reason}")
    run(args.data_dir.resolve(), args.questions, args.deadline)


if __name__ == "__main__":
    main()
