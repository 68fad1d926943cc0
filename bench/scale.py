"""Scale: build time, search and `ask` latency and memory at 1x, 10x and 100x the policy corpus.

- The corpus: (factor - 1) realistic variants of every policy document (bench/scale_corpus.py).
- The indexes (bench/scale_builds.py): 10x is really ingested (`IngestService.ingest`, incremental over a
  copy of the 1x index) and its build time measured; 100x goes through the real ingest path with most
  embeddings derived from real ones, its build time reported as measured work plus the embedding time
  extrapolated from the measured rate.
- This module measures and reports. Latency and memory are measured in a fresh subprocess per scale (peak
  RSS = that process's VmHWM, bench/proc_stats.py): warm search over the golden retrieval questions and
  `ask` over the golden advisor conversations and questions, each with the query-embedding cache cleared
  first, so every call pays the e5 embedding as a new question would.

    .venv/bin/python bench/scale.py [--factors 10,100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.settings import PROJECT_ROOT, AdvisorSettings
from bench.proc_stats import own_peak_rss_mb
from bench.scale_builds import Build, build_derived, build_real, scale_settings
from bench.scale_corpus import synth_knowledge
from bench.stats import percentile

TODAY = date(2026, 11, 23)


# ---------------------------------------------------------------------------- measurement


def _timed(call: Any) -> tuple[float, float, Any]:
    """(wall ms, CPU ms of the whole process, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result


def measure(data_dir: Path, knowledge: Path, repeats: int = 2) -> dict[str, Any]:
    """Run in a fresh process: table load, search and `ask` latency, peak RSS.

    Every call starts with an empty query-embedding cache (a new question pays e5). Each
    question is run `repeats` times and its fastest run kept (wall and CPU time alike), which
    filters out other processes competing for the two cores; CPU time is the steadier
    measure of the work itself.
    """
    from app.advisor.service import AdvisorService
    from app.container import Container
    from app.evaluation.advisor_metrics import load_advisor_cases
    from app.evaluation.golden import load_retrieval_cases
    from app.services.retrieval import query_vector

    load_before = os.getloadavg()[0]
    settings = scale_settings(data_dir, knowledge)
    settings = settings.model_copy(update={"advisor": AdvisorSettings(today=TODAY)})
    box = Container(settings)
    started = time.perf_counter()
    box.retrieval.search("warm-up")  # e5, jieba, and the chunk table with its BM25 index
    first_search_s = time.perf_counter() - started
    questions = [c.question for c in load_retrieval_cases()]

    def fresh_search(question: str) -> Any:
        query_vector.cache_clear()
        return box.retrieval.search(question)

    search_wall: list[float] = []
    search_cpu: list[float] = []
    for question in questions:
        runs = [_timed(lambda q=question: fresh_search(q)) for _ in range(repeats)]
        search_wall.append(min(r[0] for r in runs))
        search_cpu.append(min(r[1] for r in runs))

    advisor = AdvisorService(box)
    advisor.ask("warm-up: 我在杭州开餐厅，20人")
    conversations = [case.turns for case in load_advisor_cases()] + [[q] for q in questions]
    runs_by_turn: dict[tuple[int, int], list[tuple[float, float, Any]]] = {}
    for repeat in range(repeats):
        for c, turns in enumerate(conversations):
            session = f"scale-{repeat}-{c}"
            for t, turn in enumerate(turns):
                query_vector.cache_clear()
                runs_by_turn.setdefault((c, t), []).append(
                    _timed(lambda m=turn, s=session: advisor.ask(m, session_id=s))
                )
    ask_wall: list[float] = []
    ask_cpu: list[float] = []
    stages: dict[str, list[float]] = {}
    for runs in runs_by_turn.values():
        fastest = min(runs, key=lambda r: r[0])
        ask_wall.append(fastest[0])
        ask_cpu.append(min(r[1] for r in runs))
        for stage, value in fastest[2].timings_ms.model_dump().items():
            stages.setdefault(stage, []).append(value)
    return {
        "chunks": len(box.retrieval.table()),
        "first_search_s": first_search_s,
        "search_p50": percentile(search_wall, 50),
        "search_p95": percentile(search_wall, 95),
        "search_cpu_p50": percentile(search_cpu, 50),
        "search_cpu_p95": percentile(search_cpu, 95),
        "ask_p50": percentile(ask_wall, 50),
        "ask_p95": percentile(ask_wall, 95),
        "ask_cpu_p50": percentile(ask_cpu, 50),
        "ask_cpu_p95": percentile(ask_cpu, 95),
        "asks": len(ask_wall),
        "stages": {s: [percentile(v, 50), percentile(v, 95)] for s, v in stages.items()},
        "peak_rss_mb": own_peak_rss_mb(),
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def measure_in_subprocess(data_dir: Path, knowledge: Path) -> dict[str, Any]:
    """`measure` in a fresh interpreter (its own peak RSS), e5 on one OpenMP thread: with two
    threads, any other busy process stalls e5's thread barrier and the latencies become noise."""
    command = [sys.executable, str(Path(__file__).resolve()), "measure", str(data_dir), str(knowledge)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(command, capture_output=True, text=True, timeout=3600, check=False, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"measure failed for {data_dir}:\n{out.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------- report


@dataclass
class ScaleReport:
    builds: dict[int, Build] = field(default_factory=dict)
    measures: dict[int, dict[str, Any]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str, str]]:
        rows: list[tuple[str, str, str]] = []
        for factor, build in sorted(self.builds.items()):
            chunks = sum(build.chunks.values())
            if build.derived:
                value = (
                    f"≈ {build.build_s:.0f} s (measured {build.seconds:.0f} s + extrapolated "
                    f"{build.extrapolated_s:.0f} s for {build.derived} chunks at {build.rate:.1f} chunk/s)"
                )
            else:
                value = f"{build.seconds:.1f} s ({build.embedded} chunks embedded)"
            rows.append((f"Scale {factor}x: build ({chunks} chunks)", value, build.note))
        base = self.measures.get(1)
        for factor, m in sorted(self.measures.items()):
            growth = ""
            if base and factor != 1:
                growth = (
                    f"p95 vs 1x: wall {m['ask_p95'] / base['ask_p95']:.2f}x, "
                    f"CPU {m['ask_cpu_p95'] / base['ask_cpu_p95']:.2f}x"
                    + (" (target < 2x)" if factor == 100 else "")
                )
            stages = m["stages"]
            load = "load avg {:.1f}→{:.1f}".format(*m["load_average"])
            rows += [
                (
                    f"Scale {factor}x: chunk table load",
                    f"{m['first_search_s']:.1f} s",
                    f"{m['chunks']} chunks; first search incl. e5 and jieba",
                ),
                (
                    f"Scale {factor}x: search p50 / p95",
                    f"{m['search_p50']:.1f} / {m['search_p95']:.1f} ms (CPU {m['search_cpu_p50']:.0f} / "
                    f"{m['search_cpu_p95']:.0f})",
                    "new question each time (e5 included)",
                ),
                (
                    f"Scale {factor}x: ask p50 / p95",
                    f"{m['ask_p50']:.1f} / {m['ask_p95']:.1f} ms (CPU {m['ask_cpu_p50']:.0f} / "
                    f"{m['ask_cpu_p95']:.0f})",
                    f"n={m['asks']}; {growth}".rstrip("; "),
                ),
                (
                    f"Scale {factor}x:   retrieve / recommend p95",
                    f"{stages['retrieve'][1]:.1f} / {stages['recommend'][1]:.1f} ms",
                    load,
                ),
                (f"Scale {factor}x: peak RSS", f"{m['peak_rss_mb']:.0f} MB", "measuring process"),
            ]
        return rows


def run_scale(
    workdir: Path,
    base_data_dir: Path | None = None,
    factors: tuple[int, ...] = (10, 100),
    verbose: bool = True,
    reuse: bool = False,
) -> ScaleReport:
    """1x (from `base_data_dir` when given, else built), then the given factors; 100 needs 10."""
    from app.container import Container

    def say(text: str) -> None:
        if verbose:
            print(f"[scale] {text}", file=sys.stderr, flush=True)

    report = ScaleReport()
    knowledge = PROJECT_ROOT / "knowledge"
    one = workdir / "data-1x"
    if base_data_dir is None:
        say("building the 1x index")
        report.builds[1] = build_real(one, knowledge, 1)
    else:
        one = base_data_dir
        Container(scale_settings(one, knowledge)).ingest.ensure_ready()
    dirs = {1: (one, knowledge)}
    saved = workdir / "builds.json"
    if reuse and saved.exists():  # a kept workdir: measure again without rebuilding
        for key, value in json.loads(saved.read_text()).items():
            report.builds[int(key)] = Build(**value)
        say(f"reusing the builds in {workdir}")
    if 10 in factors or 100 in factors:
        k10 = workdir / "knowledge-10x"
        if 10 not in report.builds:
            synth_knowledge(k10, 10)
            say("ingesting the 10x corpus (real embeddings)")
            report.builds[10] = build_real(workdir / "data-10x", k10, 10, base=one)
            say(f"10x built in {report.builds[10].seconds:.0f} s")
        dirs[10] = (workdir / "data-10x", k10)
    if 100 in factors:
        k100 = workdir / "knowledge-100x"
        if 100 not in report.builds:
            synth_knowledge(k100, 100)
            say("writing the 100x corpus (sampled rate, derived embeddings)")
            report.builds[100] = build_derived(workdir / "data-100x", k100, 100, base=workdir / "data-10x")
            say(f"100x written in {report.builds[100].seconds:.0f} s")
        dirs[100] = (workdir / "data-100x", k100)
    saved.write_text(json.dumps({k: asdict(v) for k, v in report.builds.items()}))
    for factor, (data_dir, knowledge_dir) in dirs.items():
        if factor != 1 and factor not in factors:
            continue
        say(f"measuring {factor}x")
        report.measures[factor] = measure_in_subprocess(data_dir, knowledge_dir)
        say(json.dumps(report.measures[factor]))
    return report


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "measure":
        print(json.dumps(measure(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--factors", default="10,100")
    parser.add_argument("--base", type=Path, default=None, help="An indexed 1x data dir to start from")
    parser.add_argument("--keep", type=Path, default=None, help="Work in this folder and keep it")
    parser.add_argument("--reuse", action="store_true", help="Reuse the builds kept in --keep; measure only")
    args = parser.parse_args()
    factors = tuple(int(f) for f in args.factors.split(",") if f)
    with tempfile.TemporaryDirectory(prefix="aipack-scale-") as scratch:
        workdir = args.keep or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        report = run_scale(workdir, args.base, factors, reuse=args.reuse)
    for name, value, note in report.rows():
        print(f"{name:<40}  {value:<70}  {note}")
    print(
        json.dumps({"builds": {k: asdict(v) for k, v in report.builds.items()}, "measures": report.measures})
    )


if __name__ == "__main__":
    main()
