"""A child process that writes to a `Store` until it is killed (used by test_store_durability).

    python -m tests.store_writer loop DB SEED      # random writes; prints each committed record
    python -m tests.store_writer hold DB OP ARG    # starts OP, prints HALF mid-transaction, then waits

`loop` prints `B` before each write and, right after the Store call returns (the
transaction has committed), one line naming the record: `F id question`,
`M id conversation content`, `C id name`. A kill that lands between `B` and its
record line interrupted a write.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.services.store import Store


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def loop(db: Path, seed: int) -> None:
    store = Store(db)
    rng = random.Random(seed)
    _say("ready")
    n = 0
    while True:
        n += 1
        tag = f"{seed}-{n}"
        # Some large payloads, so a transaction spans many pages and takes a while to write.
        pad = "填" * rng.choice([0, 10, 200, 4000, 30000])
        op = rng.random()
        _say("B")
        if op < 0.4:
            question = f"q-{tag}"
            fid = store.add_feedback(
                rating=rng.choice([-1, 1]),
                question=question,
                retrieved_ids=[f"chunk-{i}" for i in range(rng.randint(0, 5))],
                settings_version="v1",
                reason=rng.choice([None, "wrong_answer", "missing_program"]),
                comment=pad or None,
                conversation_id=f"conv-{seed}",
            )
            _say(f"F {fid} {question}")
        elif op < 0.85:
            conversation = f"conv-{seed}-{n % 4}"
            content = f"m-{tag}"
            mid = store.add_message(
                conversation, rng.choice(["user", "assistant"]), content, response={"n": n, "pad": pad}
            )
            _say(f"M {mid} {conversation} {content}")
        else:
            name = f"client-{tag}"
            cid = store.save_client(name, {"employees": n, "note": pad})
            _say(f"C {cid} {name}")


class _Pausing:
    """A connection that stops for good after the statement that starts with `pause_after`."""

    def __init__(self, db: Any, pause_after: str) -> None:
        self._db = db
        self._pause_after = pause_after

    def execute(self, sql: str, *args: Any) -> Any:
        cursor = self._db.execute(sql, *args)
        if sql.lstrip().upper().startswith(self._pause_after):
            _say("HALF")
            time.sleep(60)  # the parent kills us here, with the transaction open
        return cursor


class PausingStore(Store):
    pause_after = ""

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        with super()._transaction() as db:
            yield _Pausing(db, self.pause_after)


def hold(db: Path, op: str, arg: str) -> None:
    store = PausingStore(db)
    if op == "delete_client":  # DELETE conversations …; [killed]; DELETE client
        store.pause_after = "DELETE FROM CONVERSATIONS"
        store.delete_client(arg)
    elif op == "add_message":  # INSERT conversation …; [killed]; INSERT message; UPDATE
        store.pause_after = "INSERT OR IGNORE INTO CONVERSATIONS"
        store.add_message(arg, "user", "half-written message")
    elif op == "save_client":  # INSERT client …; [killed]; COMMIT
        store.pause_after = "INSERT INTO CLIENTS"
        store.save_client("half-saved client", {"employees": 1}, client_id=arg)
    else:
        raise SystemExit(f"unknown op {op}")
    _say("NOT KILLED")


if __name__ == "__main__":
    if sys.argv[1] == "loop":
        loop(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        hold(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
