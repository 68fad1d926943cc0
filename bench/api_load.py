"""API load test: `aipack serve` as a subprocess on loopback, 1 / 8 / 32 concurrent clients.

Each client thread has its own keep-alive connection and sends POST /v1/advise
with a rotating set of realistic messages (the golden advisor turns and
retrieval questions), a new session per request, for a fixed duration
(bench/api_clients.py). The server (bench/aipack_server.py) is started once;
its peak RSS is read from /proc/<pid>/status (VmHWM, bench/proc_stats.py)
before it is stopped. This module plans the levels and reports them as rows.

    .venv/bin/python bench/api_load.py --data-dir .aipack --seconds 30

Without --data-dir a fresh index is built in a temp dir first (about a minute).
Targets (issue 5): 32 clients for 30 s with zero errors and p95 ≤ 1 s; peak RSS ≤ 1.5 GB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.evaluation.advisor_metrics import load_advisor_cases
from app.evaluation.golden import load_retrieval_cases
from bench.aipack_server import aipack_serve
from bench.api_clients import LevelResult, run_level
from bench.proc_stats import peak_rss_mb
from bench.stats import percentile

TODAY = "2026-11-23"
LEVELS = (1, 8, 32)


def messages() -> list[str]:
    """Every golden advisor turn and retrieval question, interleaved so the mix stays even."""
    advice = [turn for case in load_advisor_cases() for turn in case.turns]
    questions = [case.question for case in load_retrieval_cases()]
    mixed = [m for pair in itertools.zip_longest(advice, questions) for m in pair if m]
    return mixed


def _server_env(data_dir: Path, extra_env: dict[str, str]) -> dict[str, str]:
    """The served data dir, the date the golden verdicts assume, offline mode, nothing downloaded."""
    return {
        **os.environ,
        "AIPACK_PATHS__DATA_DIR": str(data_dir),
        "AIPACK_ADVISOR__TODAY": TODAY,
        "AIPACK_LLM__MODE": "offline",
        "ANONYMIZED_TELEMETRY": "False",
        "HF_HUB_OFFLINE": "1",
        "TIKTOKEN_CACHE_DIR": "",
        **extra_env,
    }


@dataclass
class LoadReport:
    levels: list[LevelResult]
    peak_rss_mb: float
    startup_s: float
    server_args: list[str]
    abuse: list[tuple[str, str, str]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, str]]:
        label = " ".join(self.server_args) or "1 process"
        rows = [("API server start (aipack serve)", f"{self.startup_s:.1f} s", label)]
        for level in self.levels:
            target = "0 errors, p95 ≤ 1000 ms" if level.clients == 32 and not level.unique else ""
            if level.unique:
                target = "every message new: no cache helps"
            plural = "s" if level.clients > 1 else ""
            kind = ", distinct msgs" if level.unique else ""
            rows.append(
                (
                    f"API /v1/advise, {level.clients} client{plural}{kind}",
                    f"{level.rps:.1f} req/s, p50 {percentile(level.latencies_ms, 50):.0f} ms, "
                    f"p95 {percentile(level.latencies_ms, 95):.0f} ms, {level.errors} errors / {level.requests}",
                    target,
                )
            )
        rows.append(("API server peak RSS (VmHWM)", f"{self.peak_rss_mb:.0f} MB", "≤ 1536 MB"))
        return rows + self.abuse


BENCH_KEY = "bench-key-0123456789abcdef"


def run_api_load(
    data_dir: Path,
    seconds: float = 30,
    levels: tuple[int, ...] = LEVELS,
    server_args: list[str] | None = None,
    server_env: dict[str, str] | None = None,
    distinct_levels: tuple[int, ...] = (32,),
    later_levels: tuple[int, ...] = (32,),
    verbose: bool = True,
    abuse: bool = True,
) -> LoadReport:
    """`levels` rotate over the golden messages; `distinct_levels` send never-seen variants of them.

    The server requires a key (as a deployment would); with `abuse`, the issue-15 measures follow
    (bench/api_abuse.py): big bodies, maximal histories, and all-new throughput against the
    embedding-bound limit.
    """
    from bench import api_abuse

    texts = messages()
    headers = {"Authorization": f"Bearer {BENCH_KEY}"}
    env = {"AIPACK_API__KEYS": json.dumps({"bench": BENCH_KEY}), **(server_env or {})}
    started = time.perf_counter()
    # cwd: no stray .env from the caller's directory
    with aipack_serve(_server_env(data_dir, env), args=server_args, startup_s=180, cwd=data_dir) as server:
        startup = time.perf_counter() - started
        # One pass over the golden messages: loads jieba, e5, the chunk table and the catalogue,
        # and leaves the server as it is after a while in service (the levels measure that state).
        warm = run_level(server.url, 2, 300, texts, max_requests=len(texts), headers=headers)
        if verbose:
            print(f"warm-up: {warm.summary()}", file=sys.stderr)
        results: list[LevelResult] = []
        plan = [(n, False, False) for n in levels] + [(n, True, False) for n in distinct_levels]
        plan += [(n, True, True) for n in later_levels]
        for clients, unique, later in plan:
            level = run_level(
                server.url,
                clients,
                seconds,
                texts,
                unique=unique,
                headers=headers,
                server_pid=server.process.pid,
                later=later,
            )
            results.append(level)
            if verbose:
                print(level.summary(), file=sys.stderr)
                print("   " + level.profile(), file=sys.stderr)
                for sample in level.error_samples:
                    print(f"   error: {sample}", file=sys.stderr)
        rss = peak_rss_mb(server.process.pid)
        extra: list[tuple[str, str, str]] = []
        all_new = next((r for r in results if r.unique and not r.later and r.clients == 32), None)
        later_turns = next((r for r in results if r.later and r.clients == 32), None)
        if abuse and all_new is not None:
            limit = api_abuse.embedding_limit(texts)
            flood = api_abuse.history_flood(server.url, texts, min(seconds, 20), 200, 200_000, BENCH_KEY)
            bodies = api_abuse.big_bodies(server.url, server.process.pid, BENCH_KEY)
            extra = api_abuse.rows(bodies, flood, limit, all_new, later_turns)
            if verbose:
                for name, value, note in extra:
                    print(f"{name}: {value} ({note})", file=sys.stderr)
    return LoadReport(results, rss, startup, server_args or [], extra)


def ensure_index(data_dir: Path) -> None:
    from app.container import Container
    from app.settings import Settings

    Container(Settings(paths={"data_dir": data_dir})).ingest.ensure_ready()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="An indexed data dir (default: build one)"
    )
    parser.add_argument("--seconds", type=float, default=30, help="Duration of each concurrency level")
    parser.add_argument("--levels", default="1,8,32", help="Comma-separated client counts")
    parser.add_argument(
        "--distinct-levels", default="32", help="Client counts with never-repeated messages ('' for none)"
    )
    parser.add_argument(
        "--later-levels", default="32", help="Client counts sending all-new later turns ('' for none)"
    )
    parser.add_argument("--server-arg", action="append", default=[], help="Extra `aipack serve` argument")
    parser.add_argument("--server-env", action="append", default=[], help="NAME=VALUE for the server")
    args = parser.parse_args()
    levels = tuple(int(n) for n in args.levels.split(",") if n)
    distinct_levels = tuple(int(n) for n in args.distinct_levels.split(",") if n)
    later_levels = tuple(int(n) for n in args.later_levels.split(",") if n)
    with tempfile.TemporaryDirectory(prefix="aipack-api-load-") as scratch:
        data_dir = (args.data_dir or Path(scratch)).resolve()
        ensure_index(data_dir)
        env = dict(item.split("=", 1) for item in args.server_env)
        report = run_api_load(
            data_dir, args.seconds, levels, args.server_arg, env, distinct_levels, later_levels
        )
    for name, value, note in report.rows():
        print(f"{name:<36}  {value:<58}  {note}")


if __name__ == "__main__":
    main()
