"""What abusive requests cost the API server, and the ceiling for all-new asks (issue 15).

- Big bodies: 8 concurrent 100 MB POSTs (half with Content-Length, half chunked; half with
  the key) against a server that requires keys; the server's RSS before and after. Target < +100 MB.
- Maximal histories: 3 chat requests at the history limits while 4 clients keep asking;
  the others' p95 against their idle p95 (target ≤ 2×) and how long the 3 take.
- Embedding-bound limit: cores ÷ the single-copy e5 query-embedding time, measured in
  this process in the same run; all-new throughput is reported as a fraction of it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass

import httpx

from bench.api_clients import LevelResult, distinct, run_level
from bench.proc_stats import rss_mb
from bench.stats import percentile

BODY_MB = 100
BIG_CLIENTS = 8
FLOODERS = 3
OTHERS = 4


def big_bodies(url: str, pid: int, key: str) -> tuple[float, float, list[str]]:
    """(RSS before, RSS after, outcomes) for BIG_CLIENTS concurrent BODY_MB-MB bodies.

    Every other client has the key (its body is counted until the limit), half declare
    Content-Length and half send chunked.
    """
    before = rss_mb(pid)
    outcomes: list[str] = []
    lock = threading.Lock()
    size = BODY_MB * 1024 * 1024
    block = b"x" * (1024 * 1024)

    def send(n: int) -> None:
        def body() -> object:
            yield b'{"message": "'
            for _ in range(BODY_MB):
                yield block
            yield b'"}'

        headers = {"content-type": "application/json"}
        if n % 2 == 0:
            headers["content-length"] = str(size + 15)
        if n % 4 < 2:
            headers["authorization"] = f"Bearer {key}"
        try:
            response = httpx.post(
                f"{url}/v1/advise", content=body(), headers=headers, timeout=120, trust_env=False
            )  # type: ignore[arg-type]
            outcome = str(response.status_code)
        except httpx.HTTPError as exc:  # the server may close the connection once it has refused
            outcome = type(exc).__name__
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(BIG_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    time.sleep(1.0)
    return before, rss_mb(pid), outcomes


def maximal_history(messages: int, chars: int, texts: list[str]) -> list[dict[str, str]]:
    """A chat at the server's limits: `messages` messages and (just under) `chars` characters."""
    per = max(1, chars // messages - 1)
    filler = ("".join(texts) * (per // max(1, len("".join(texts))) + 2))[:per]
    history = [
        {"role": "user" if n % 2 == 0 else "assistant", "content": filler} for n in range(messages - 1)
    ]
    return [*history, {"role": "user", "content": texts[0]}]


@dataclass
class FloodResult:
    idle: LevelResult
    during: LevelResult
    flood_s: list[float]
    flood_status: list[str]


def history_flood(
    url: str, texts: list[str], seconds: float, messages: int, chars: int, key: str
) -> FloodResult:
    headers = {"Authorization": f"Bearer {key}"}
    idle = run_level(url, OTHERS, seconds, texts, unique=True, headers=headers)
    payload = {"model": "aipack-advisor", "messages": maximal_history(messages, chars, texts)}
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    flood_s: list[float] = []
    status: list[str] = []

    def flood() -> None:
        t0 = time.perf_counter()
        try:
            response = httpx.post(
                f"{url}/v1/chat/completions",
                content=body,  # UTF-8, as clients send it: \\u escapes would triple its size
                headers={**headers, "content-type": "application/json"},
                timeout=600,
                trust_env=False,
            )
            status.append(str(response.status_code))
        except httpx.HTTPError as exc:
            status.append(type(exc).__name__)
        flood_s.append(time.perf_counter() - t0)

    flooders = [threading.Thread(target=flood) for _ in range(FLOODERS)]
    for thread in flooders:
        thread.start()
    during = run_level(url, OTHERS, seconds, texts, unique=True, headers=headers)
    for thread in flooders:
        thread.join(600)
    return FloodResult(idle, during, flood_s, status)


def embedding_limit(texts: list[str], samples: int = 40) -> tuple[float, float, float]:
    """(single-copy query-embedding ms, cores ÷ that as req/s, its CPU ms)."""
    from app.components import embeddings

    embeddings.configure(1)
    embeddings.embed_query("warm-up")
    started, cpu = time.perf_counter(), time.process_time()
    for n in range(samples):
        embeddings.embed_query(distinct(texts[n % len(texts)], 900_000 + n))
    ms = (time.perf_counter() - started) / samples * 1000
    cpu_ms = (time.process_time() - cpu) / samples * 1000
    cores = os.cpu_count() or 1
    return ms, cores / (ms / 1000), cpu_ms


def rows(
    rss: tuple[float, float, list[str]],
    flood: FloodResult,
    limit: tuple[float, float, float],
    all_new: LevelResult,
    later: LevelResult | None = None,
) -> list[tuple[str, str, str]]:
    before, after, outcomes = rss
    idle_p95 = percentile(flood.idle.latencies_ms, 95)
    during_p95 = percentile(flood.during.latencies_ms, 95)
    ms, ceiling, embed_cpu_ms = limit
    served = max(len(all_new.latencies_ms), 1)
    cpu_per_request = all_new.server_cpu_s / served * 1000
    later_rows: list[tuple[str, str, str]] = []
    if later is not None:
        later_cpu = later.server_cpu_s / max(len(later.latencies_ms), 1) * 1000
        later_rows = [
            (
                "All-new later turns / limit",
                f"{later.rps:.1f} req/s = {later.rps / ceiling:.2f} of the embedding-bound limit "
                f"({later.rps / max(all_new.rps, 1e-9):.2f}× first turns), {later.errors} errors",
                "chat resending a 2-message history",
            ),
            (
                "  later-turn server CPU / request",
                f"{later_cpu:.1f} ms = {later_cpu / max(embed_cpu_ms, 1e-9):.2f} query embeddings "
                f"({later_cpu / max(cpu_per_request, 1e-9):.2f}× a first turn's)",
                "one embedding per turn: near a first turn's",
            ),
        ]
    return [
        (
            f"RSS after {BIG_CLIENTS}×{BODY_MB} MB bodies",
            f"{after - before:+.0f} MB ({before:.0f} → {after:.0f}); answers {', '.join(sorted(outcomes))}",
            "< +100 MB",
        ),
        (
            f"{FLOODERS} maximal-history chats",
            f"others' p95 {during_p95:.0f} ms vs idle {idle_p95:.0f} ms ({during_p95 / max(idle_p95, 1):.2f}×), "
            f"{flood.during.errors} errors; the 3 took {max(flood.flood_s, default=0):.1f} s "
            f"({', '.join(flood.flood_status)})",
            "p95 ≤ 2× idle",
        ),
        (
            "Query embedding, one e5 copy",
            f"{ms:.1f} ms → limit {ceiling:.1f} req/s on {os.cpu_count()} cores",
            "",
        ),
        (
            "All-new throughput / limit",
            f"{all_new.rps:.1f} req/s = {all_new.rps / ceiling:.2f} of the embedding-bound limit",
            "≥ 0.70",
        ),
        (
            "  all-new server CPU / request",
            f"{cpu_per_request:.1f} ms vs {embed_cpu_ms:.1f} ms CPU for one query embedding "
            f"= {embed_cpu_ms / max(cpu_per_request, 1e-9):.2f}",
            "the ratio's bound from CPU alone: holds under load",
        ),
        *later_rows,
    ]
