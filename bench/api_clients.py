"""The clients of a load level: threads with their own keep-alive connections, posting for a fixed time.

Each request is a first message (POST /v1/advise) or, for `later`, the next turn of a chat a stateless
client resends (POST /v1/chat/completions); `unique` makes every message new so no cache can answer it.
What each level measured (latencies, errors, in-handler time per stage, the server's CPU) is a LevelResult;
bench/api_load.py and bench/api_abuse.py run levels and turn them into rows.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field

import httpx

from bench.proc_stats import cpu_seconds
from bench.stats import percentile

STAGES = ("understand", "retrieve", "recommend", "compose")

_NONSENSE = "qxzjkvwy"


def distinct(text: str, n: int) -> str:
    """`text` made unique (so no cache can answer it) with a tag that carries no facts."""
    tag = "".join(_NONSENSE[int(d)] for d in oct(n)[2:])
    return f"{text} [{tag}]"


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
