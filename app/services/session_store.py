"""Conversation state on disk, so a session id means the same conversation everywhere.

`aipack ask --session s1` run twice, two `aipack serve` workers, or an app restart
all continue the conversation. The state is small JSON keyed by a hash of the
session id (an id can be an e-mail address or a client's own label; the file never
holds it in clear), in its own SQLite file (WAL): it is disposable working memory
that expires after a TTL, unlike the consultant's records in `store.py`, which are
kept until deleted.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

_log = logging.getLogger(__name__)
PRUNE_EVERY = 1000  # writes
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at REAL NOT NULL)"
)
_HASHED = 64  # hex characters of a row key; rows keyed otherwise were written in clear by older versions


def row_key(session_id: str) -> str:
    """The key a session is stored under: its SHA-256, so the file never shows the id itself."""
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


class SessionFile:
    """get / put / delete JSON state by session id; expired rows are pruned on open."""

    def __init__(self, path: Path, ttl_days: float) -> None:
        self.path = path
        self._ttl_s = ttl_days * 86_400
        self._local = threading.local()  # sqlite3 connections are per thread
        self._writes = itertools.count(1)

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(
                "PRAGMA synchronous=NORMAL"
            )  # a lost last turn is tolerable; corruption is not
            connection.execute(_SCHEMA)
            connection.execute("DELETE FROM sessions WHERE length(id) != ?", (_HASHED,))  # ids in clear
            self._prune(connection)
            self._local.connection = connection
        return connection

    def _prune(self, connection: sqlite3.Connection) -> None:
        connection.execute("DELETE FROM sessions WHERE updated_at < ?", (time.time() - self._ttl_s,))

    def get(self, session_id: str) -> dict[str, Any] | None:
        row = (
            self._connection()
            .execute("SELECT state FROM sessions WHERE id = ?", (row_key(session_id),))
            .fetchone()
        )
        if row is None:
            return None
        try:
            state = json.loads(row[0])
        except json.JSONDecodeError:
            _log.warning("A session's saved state is unreadable; starting the conversation afresh")
            return None
        return state if isinstance(state, dict) else None

    def put(self, session_id: str, state: dict[str, Any]) -> None:
        self._connection().execute(
            "INSERT INTO sessions (id, state, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
            (row_key(session_id), json.dumps(state, ensure_ascii=False), time.time()),
        )
        if next(self._writes) % PRUNE_EVERY == 0:  # a server that runs for months must not only grow
            self._prune(self._connection())

    def delete(self, session_id: str) -> None:
        self._connection().execute("DELETE FROM sessions WHERE id = ?", (row_key(session_id),))

    def check(self) -> None:
        """Raise (sqlite3.Error / OSError) unless the file can be opened and written: for /readyz."""
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")  # takes the write lock: fails on a read-only file or folder
        connection.execute("ROLLBACK")
