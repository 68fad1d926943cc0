"""Where an API turn's CPU goes: the load bench's requests (bench/api_clients.py), all new, in process under
cProfile, first turns (POST /v1/advise) and later turns (a resent two-message chat) apart.

    python bench/turn_profile.py --turns 40          # top functions by own time, e5 apart
    python bench/turn_profile.py --turns 40 --sort cumulative

The throughput bound is one e5 query embedding per turn; whatever else a turn spends is what this lists.
Runs on the worktree's index (built if missing) with the load bench's date; the first request of each kind
is a warm-up and not profiled, and so is embedding the intent bank. Times are the worker thread's CPU.
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import os
import pstats
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("AIPACK_ADVISOR__TODAY", "2026-11-23")
os.environ.setdefault("AIPACK_LLM__MODE", "offline")

from fastapi.testclient import TestClient

import app.api.app as api_app
from app.api.app import create_app
from app.components.embeddings import embed_query, watched
from app.container import Container
from app.services.readiness import ensure_ready
from bench.api_clients import FOLLOW_UPS, distinct
from bench.api_load import messages

PROFILER: list[cProfile.Profile] = []  # the profiler of the kind being measured, if any


def _profiled(cancellable: Any) -> Any:
    """The API runs each request's work in its thread pool, inside `cancellable`: profile it there."""

    @contextmanager
    def wrapped(event: Any) -> Iterator[None]:
        with cancellable(event):
            if not PROFILER:
                yield
                return
            PROFILER[0].enable()
            try:
                yield
            finally:
                PROFILER[0].disable()

    return wrapped


def request(client: TestClient, text: str, later: bool, n: int) -> None:
    if later:
        said = [
            ("user", text),
            ("assistant", "好的。"),
            ("user", distinct(FOLLOW_UPS[n % len(FOLLOW_UPS)], n)),
        ]
        body = {"messages": [{"role": r, "content": c} for r, c in said]}
        response = client.post("/v1/chat/completions", json=body)
    else:
        response = client.post("/v1/advise", json={"message": text})
    response.raise_for_status()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--turns", type=int, default=40, help="requests of each kind")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument(
        "--warm", action="store_true", help="first send every message once, as the bench does"
    )
    parser.add_argument("--plain", action="store_true", help="no profiler: only the CPU per turn")
    parser.add_argument("--save", help="also write each kind's raw stats to SAVE.first / SAVE.later")
    parser.add_argument("--only", choices=("first", "later"), help="profile one kind only")
    args = parser.parse_args()

    api_app.cancellable = _profiled(api_app.cancellable)  # type: ignore[assignment]
    box = Container()
    problem = ensure_ready(box.ingest)
    if problem is not None:
        raise SystemExit(str(problem))
    client = TestClient(create_app(box))
    texts = messages()
    counter = itertools.count(10_000)
    cpu = time.process_time()
    for n in range(20):  # the bound: one e5 query embedding of a message, as bench/api_abuse.embedding_limit
        embed_query(distinct(texts[n % len(texts)], 900_000 + n))
    embed_ms = (time.process_time() - cpu) / 20 * 1000
    print(f"one query embedding: {embed_ms:.0f} ms CPU")
    kinds = [k for k in (False, True) if args.only is None or (args.only == "later") == k]
    box.advisor.intent_bank.vote("预热")  # the bank is embedded once per process: not a turn's cost
    for n, text in enumerate(texts if args.warm else []):
        # As bench/api_load.py, whose golden levels run before the all-new ones: the evidence and catalogue
        # sentences every answer reads are known by then, and only the message is new.
        request(client, text, False, n)
    for later in kinds:
        request(client, distinct(texts[0], next(counter)), later, 0)  # warm-up, not profiled
        profiler = cProfile.Profile(time.thread_time)  # CPU of the worker thread: load does not inflate it
        PROFILER[:] = [] if args.plain else [profiler]
        wall, cpu = time.perf_counter(), time.process_time()
        with watched() as calls:
            for i in range(args.turns):
                request(client, distinct(texts[(i + 1) % len(texts)], next(counter)), later, i)
        PROFILER.clear()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        label = "later turns" if later else "first turns"
        print(
            f"\n== {label}: {args.turns}, {wall / args.turns * 1000:.0f} ms wall, {cpu / args.turns * 1000:.0f} ms CPU"
            f" per turn in the process ({'no profiler' if args.plain else 'profiler on'}; one embedding"
            f" = {embed_ms / (cpu / args.turns * 1000):.2f} of it), {len(calls) / args.turns:.2f} e5 calls per turn"
        )
        if args.plain:
            continue
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
        if args.save:
            profiler.dump_stats(f"{args.save}.{'later' if later else 'first'}")


if __name__ == "__main__":
    main()
