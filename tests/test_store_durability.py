"""Saved profiles, conversations and feedback survive a writer killed mid-write.

A child process (tests/store_writer.py) writes through the real `Store` API and
prints each record right after the call returns, i.e. after COMMIT. The parent
SIGKILLs it at a random moment, 50 times on the same file, and checks after each
kill that the database is intact and that every record the child reported is
there, unchanged. A second test kills a writer holding an open transaction and
checks that none of it is visible.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.services.store import Store
from app.settings import PROJECT_ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL semantics")

KILLS = 50
CHILD_LIMIT_S = 2.0


def _spawn(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store_writer", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def _read_line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        _, err = proc.communicate(timeout=5)
        raise AssertionError(f"writer exited early (rc={proc.returncode}):\n{err}")
    return line.rstrip("\n")


def _kill(proc: subprocess.Popen[str]) -> list[str]:
    """SIGKILL the child and return whatever it printed that was not read yet."""
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=5)
    assert proc.returncode == -signal.SIGKILL
    return out.splitlines()


def _check_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@dataclass
class Committed:
    feedback: dict[int, str] = field(default_factory=dict)  # id -> question
    messages: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (conversation, content)
    clients: dict[str, str] = field(default_factory=dict)  # id -> name

    def add(self, line: str) -> None:
        kind, *rest = line.split(" ")
        if kind == "F":
            self.feedback[int(rest[0])] = rest[1]
        elif kind == "M":
            self.messages[int(rest[0])] = (rest[1], rest[2])
        elif kind == "C":
            self.clients[rest[0]] = rest[1]

    def __len__(self) -> int:
        return len(self.feedback) + len(self.messages) + len(self.clients)

    def missing_from(self, store: Store) -> list[str]:
        """Reported records that the store does not return, read through the same API a user's UI uses."""
        lost: list[str] = []
        feedback = {f.id: f.question for f in store.feedback()}
        lost += [f"feedback {i}" for i, q in self.feedback.items() if feedback.get(i) != q]
        clients = {c.id: c.name for c in store.clients()}
        lost += [f"client {i}" for i, name in self.clients.items() if clients.get(i) != name]
        by_conversation: dict[str, dict[int, str]] = {}
        for conversation in {c for c, _ in self.messages.values()}:
            by_conversation[conversation] = {m.id: m.content for m in store.messages(conversation)}
        lost += [
            f"message {i}"
            for i, (conversation, content) in self.messages.items()
            if by_conversation[conversation].get(i) != content
        ]
        return lost


def test_no_committed_record_is_lost_over_50_kills_mid_write(tmp_path: Path):
    path = tmp_path / "aipack.sqlite3"
    rng = random.Random(20260607)
    committed = Committed()
    lost: list[str] = []
    inside_write = 0
    started = time.perf_counter()
    for run in range(KILLS):
        proc = _spawn("loop", str(path), str(run))
        watchdog = threading.Timer(CHILD_LIMIT_S + 3, proc.kill)  # never hang the suite
        watchdog.start()
        try:
            began = time.perf_counter()
            assert _read_line(proc) == "ready"
            lines: list[str] = []
            if rng.random() < 0.5:  # after 1-20 committed records
                target = rng.randint(1, 20)
                while sum(1 for line in lines if line != "B") < target:
                    lines.append(_read_line(proc))
            else:  # after a random 5-60 ms of writing
                time.sleep(rng.uniform(0.005, 0.060))
            lines += _kill(proc)
            assert time.perf_counter() - began < CHILD_LIMIT_S, f"run {run} took too long"
        finally:
            watchdog.cancel()
        inside_write += bool(lines) and lines[-1] == "B"
        for line in lines:
            if line != "B":
                committed.add(line)
        _check_database(path)
        lost += [f"run {run}: {item}" for item in committed.missing_from(Store(path))]

    elapsed = time.perf_counter() - started
    print(
        f"\n{KILLS} kills, {inside_write} inside a write, {len(committed)} committed records reported, "
        f"{len(lost)} lost, {elapsed:.1f}s"
    )
    assert lost == []
    assert len(committed) >= KILLS  # the writers did write
    assert inside_write >= 10  # and many kills landed mid-transaction, not between writes
    # The store is still writable after 50 crashes.
    store = Store(path)
    assert store.add_feedback(rating=1, question="after", retrieved_ids=[], settings_version="v1") > 0


def _seed_client(path: Path) -> tuple[str, list[str]]:
    store = Store(path)
    client_id = store.save_client("杭州餐厅", {"employees": 20})
    conversations = [store.create_conversation(f"对话{i}", client_id=client_id) for i in range(3)]
    for conversation in conversations:
        store.add_message(conversation, "user", "我们是20人的餐厅")
        store.add_message(conversation, "assistant", "推荐……", response={"intent": "recommend_pack"})
    return client_id, conversations


def _kill_while_holding(path: Path, op: str, arg: str) -> None:
    proc = _spawn("hold", str(path), op, arg)
    watchdog = threading.Timer(10, proc.kill)
    watchdog.start()
    try:
        assert _read_line(proc) == "HALF"  # the first statement ran; the transaction is open
        assert "NOT KILLED" not in _kill(proc)
    finally:
        watchdog.cancel()
    _check_database(path)


def test_client_deletion_killed_midway_leaves_the_client_and_all_its_conversations(tmp_path: Path):
    path = tmp_path / "aipack.sqlite3"
    client_id, conversations = _seed_client(path)
    _kill_while_holding(path, "delete_client", client_id)
    store = Store(path)
    assert [c.name for c in store.clients()] == ["杭州餐厅"]
    assert sorted(c.id for c in store.conversations(client_id)) == sorted(conversations)
    assert all(len(store.messages(c)) == 2 for c in conversations)
    # The lock died with the writer: the same deletion now goes through, as a whole.
    store.delete_client(client_id)
    assert store.clients() == []
    assert store.conversations(client_id) == []
    assert all(store.messages(c) == [] for c in conversations)


def test_message_killed_midway_leaves_no_empty_conversation(tmp_path: Path):
    path = tmp_path / "aipack.sqlite3"
    _seed_client(path)
    before = Store(path).conversations()
    _kill_while_holding(path, "add_message", "brand-new-conversation")
    store = Store(path)
    assert store.conversations() == before
    assert store.messages("brand-new-conversation") == []
    assert store.add_message("brand-new-conversation", "user", "retry") > 0


def test_client_save_killed_before_commit_is_not_visible(tmp_path: Path):
    path = tmp_path / "aipack.sqlite3"
    _seed_client(path)
    _kill_while_holding(path, "save_client", "half-saved")
    store = Store(path)
    assert [c.name for c in store.clients()] == ["杭州餐厅"]
    assert store.client("half-saved") is None
