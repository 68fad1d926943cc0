"""Benchmark: index build, re-ingest, search latency and retrieval quality.

Prints one table. Hybrid retrieval is measured side by side with its
dense-only and BM25-only baselines in the same run, on the same index.
Run with `make bench` (uses a fresh temp data dir; the repo's .aipack/ is untouched).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.container import Container
from app.evaluation.golden import load_retrieval_cases
from app.evaluation.retrieval_metrics import score_retrieval
from app.settings import Settings
from bench.calibrate import calibrate


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3, help="Latency passes over the golden questions")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="aipack-bench-") as data_dir:
        box = Container(Settings(paths={"data_dir": Path(data_dir)}))
        started = time.perf_counter()
        report = box.ingest.ingest()
        rows.append(("Cold index build", f"{time.perf_counter() - started:.1f} s", "≤ 60 s"))
        rows.append(
            ("  chunks embedded", str(report.added), ", ".join(f"{k} {v}" for k, v in report.counts.items()))
        )
        started = time.perf_counter()
        again = Container(Settings(paths={"data_dir": Path(data_dir)})).ingest.ingest()
        assert again.skipped
        rows.append(("No-change re-ingest", f"{(time.perf_counter() - started) * 1000:.0f} ms", "≤ 2 s"))

        cases = load_retrieval_cases()
        box.retrieval.search("warm-up")  # loads the chunk table, jieba and e5 once
        latencies: list[float] = []
        for _ in range(args.repeats):
            for case in cases:
                t0 = time.perf_counter()
                box.retrieval.search(case.question)
                latencies.append((time.perf_counter() - t0) * 1000)
        rows.append(("Warm search p50", f"{percentile(latencies, 50):.1f} ms", f"n={len(latencies)}"))
        rows.append(("Warm search p95", f"{percentile(latencies, 95):.1f} ms", "≤ 60 ms"))

        answerable = sum(c.answerable for c in cases)
        quality = {s: score_retrieval(box.retrieval, cases, s) for s in ("hybrid", "dense", "bm25")}
        for metric, label, target in (
            ("hit_at_1", "hit@1", ""),
            ("hit_at_5", "hit@5", ""),
            ("mrr", "MRR", ""),
            ("fact_at_1", "fact-in-context@1", "≥ 0.80"),
            ("fact_at_5", "fact-in-context@5", "≥ 0.95"),
            ("no_evidence_accuracy", "no-evidence detected", ""),
            ("evidence_recall", "answerable above floor", ""),
        ):
            values = " | ".join(f"{s} {getattr(q, metric):.3f}" for s, q in quality.items())
            count = len(cases) - answerable if metric == "no_evidence_accuracy" else answerable
            rows.append((f"{label} ({count} q)", values, target))
        for language, values in calibrate(box).items():
            rows.append((f"Calibrated floor {language}", f"{values['floor']:.3f}", "settings.retrieval"))
        rows.append(("Peak RSS", f"{peak_rss_mb():.0f} MB", ""))
        misses = quality["hybrid"].misses

    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(f"{'Measure':<{width}}  {'Value':<{value_width}}  Target / note")
    print(f"{'-' * width}  {'-' * value_width}  {'-' * 20}")
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:<{value_width}}  {note}")
    if misses:
        print("\nHybrid misses (fact not at rank 1, or false evidence):")
        for miss in misses:
            print("  " + miss)


if __name__ == "__main__":
    main()
