"""API load test: `aipack serve` as a subprocess on loopback, 1 / 8 / 32 concurrent clients.

Each client thread has its own keep-alive connection and sends POST /v1/advise
with a rotating set of realistic messages (the golden advisor turns and
retrieval questions), a new session per request, for a fixed duration. The
server's peak RSS is read from /proc/<pid>/status (VmHWM) before it is stopped.

    .venv/bin/python bench/api_load.py --data-dir .aipack --seconds 30

Without --data-dir a fresh index is built in a temp dir first (about a minute).
Targets (issue 5): 32 clients for 30 s with zero errors and p95 ≤ 1 s; peak RSS ≤ 1.5 GB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.evaluation.advisor_metrics import load_advisor_cases
from app.evaluation.golden import load_retrieval_cases
from bench.child import free_port, running
from bench.stats import percentile

TODAY = "2026-11-23"
LEVELS = (1, 8, 32)
STAGES = ("understand", "retrieve", "recommend", "compose")


def messages() -> list[str]:
    """Every golden advisor turn and retrieval question, interleaved so the mix stays even."""
    advice = [turn for case in load_advisor_cases() for turn in case.turns]
    questions = [case.question for case in load_retrieval_cases()]
    mixed = [m for pair in itertools.zip_longest(advice, questions) for m in pair if m]
    return mixed


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return kids


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process plus its worker processes, in seconds."""
    total = 0.0
    for proc in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a live process plus its worker processes, in MB."""
    total = 0.0
    for proc in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


_NONSENSE = "qxzjkvwy"


def distinct(text: str, n: int) -> str:
    """`text` made unique (so no cache can answer it) with a tag that carries no facts."""
    tag = "".join(_NONSENSE[int(d)] for d in oct(n)[2:])
    return f"{text} [{tag}]"


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str


def _says_ok(url: str) -> bool:
    try:
        return bool(httpx.get(f"{url}/healthz", timeout=2, trust_env=False).json().get("status") == "ok")
    except (httpx.HTTPError, ValueError):
        return False


@contextmanager
def serve(
    data_dir: Path,
    extra_args: list[str] | None = None,
    extra_env: dict[str, str] | None = None,
    startup_s: float = 180,
) -> Iterator[Server]:
    """`aipack serve` over `data_dir` on a free loopback port, healthy; stopped (and reaped) on exit."""
    port = free_port()
    env = {
        **os.environ,
        "AIPACK_PATHS__DATA_DIR": str(data_dir),
        "AIPACK_ADVISOR__TODAY": TODAY,
        "AIPACK_LLM__MODE": "offline",
        "ANONYMIZED_TELEMETRY": "False",
        "HF_HUB_OFFLINE": "1",
        "TIKTOKEN_CACHE_DIR": "",
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    # cwd: no stray .env from the caller's directory
    with running(
        [*command, *(extra_args or [])],
        lambda: _says_ok(url),
        name="aipack serve",
        startup_s=startup_s,
        env=env,
        cwd=data_dir,
    ) as child:
        yield Server(child.process, url)


_UNIQUE = itertools.count()  # across levels, so a distinct message is never sent twice
# The second message of a later-turn request: one more fact, as owners add them after a first answer.
FOLLOW_UPS = (
    "预算5万以内",
    "其实我们有60个员工",
    "不对，我们在合肥",
    "Actually our budget is 80k",
    "那苏州呢",
)


@dataclass
class LevelResult:
    clients: int
    seconds: float
    unique: bool = False
    later: bool = False  # each request a later turn: a chat resending a two-message history
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    server_total_ms: list[float] = field(default_factory=list)
    server_cpu_s: float = 0.0  # the server's CPU time over the level (when its pid was given)
    stage_ms: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in STAGES})

    @property
    def requests(self) -> int:
        return len(self.latencies_ms) + self.errors

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        kind = ("later turns, " if self.later else "") + ("distinct" if self.unique else "golden")
        return (
            f"{self.clients:>2} clients ({kind}): {self.rps:6.1f} req/s, p50 {percentile(self.latencies_ms, 50):6.0f} ms, "
            f"p95 {percentile(self.latencies_ms, 95):6.0f} ms, errors {self.errors}/{self.requests}"
        )

    def profile(self) -> str:
        """Where the time goes: client latency vs in-handler time (the rest is queueing and HTTP)."""
        client = sum(self.latencies_ms) / max(len(self.latencies_ms), 1)
        handler = sum(self.server_total_ms) / max(len(self.server_total_ms), 1)
        stages = ", ".join(f"{s} {sum(v) / max(len(v), 1):.0f}" for s, v in self.stage_ms.items() if v)
        return (
            f"mean client {client:.0f} ms = in advisor {handler:.0f} ms ({stages}) "
            f"+ waiting/HTTP {client - handler:.0f} ms"
        )


def run_level(
    url: str,
    clients: int,
    seconds: float,
    texts: list[str],
    timeout_s: float = 30,
    unique: bool = False,
    max_requests: int | None = None,
    headers: dict[str, str] | None = None,
    server_pid: int | None = None,
    later: bool = False,
) -> LevelResult:
    """`later`: each request is the next turn of a conversation a stateless client resends (OpenAI chat):
    a message of `texts`, a reply, and a follow-up that states one more fact (each made new if `unique`)."""
    result = LevelResult(clients, seconds, unique, later)
    counter = itertools.count()
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def worker() -> None:
        with httpx.Client(base_url=url, timeout=timeout_s, trust_env=False, headers=headers) as http:
            start.wait()
            while time.perf_counter() < deadline[0]:
                n = next(counter)
                if max_requests is not None and n >= max_requests:
                    break
                text = texts[n % len(texts)]
                if unique:
                    text = distinct(text, next(_UNIQUE))
                t0 = time.perf_counter()
                try:
                    if later:
                        follow_up = FOLLOW_UPS[n % len(FOLLOW_UPS)]
                        follow_up = distinct(follow_up, next(_UNIQUE)) if unique else follow_up
                        said = [("user", text), ("assistant", "好的。"), ("user", follow_up)]
                        chat = {"messages": [{"role": r, "content": c} for r, c in said]}
                        response = http.post("/v1/chat/completions", json=chat)
                    else:
                        response = http.post("/v1/advise", json={"message": text})
                    elapsed = (time.perf_counter() - t0) * 1000
                    ok = response.status_code == 200
                    body = response.json() if ok else None
                    body = body.get("aipack", body) if later and body else body
                    problem = "" if ok else f"HTTP {response.status_code}: {response.text[:120]}"
                except (httpx.HTTPError, ValueError) as exc:
                    elapsed, body, problem = (time.perf_counter() - t0) * 1000, None, repr(exc)[:160]
                with lock:
                    if body is None:
                        result.errors += 1
                        if len(result.error_samples) < 5:
                            result.error_samples.append(problem)
                        continue
                    result.latencies_ms.append(elapsed)
                    timings = body.get("timings_ms") or {}
                    result.server_total_ms.append(float(timings.get("total", 0.0)))
                    for stage in STAGES:
                        result.stage_ms[stage].append(float(timings.get(stage, 0.0)))

    threads = [threading.Thread(target=worker, name=f"client-{i}", daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    cpu_before = cpu_seconds(server_pid) if server_pid else 0.0
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + timeout_s + 10)
    result.seconds = time.perf_counter() - began  # includes the last in-flight requests
    result.server_cpu_s = cpu_seconds(server_pid) - cpu_before if server_pid else 0.0
    return result


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
    with serve(data_dir, server_args, env) as server:
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
