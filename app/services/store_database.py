"""Opening the consultant store's SQLite file: durability pragmas, schema migrations, transactions.

WAL journal with synchronous=FULL: every committed write survives a crash, and
a write interrupted mid-transaction rolls back as a whole. Schema changes are
an ordered list of migrations recorded in `_migrations` (the simonw/llm way).

Every sqlite3 or file-system failure leaves here as a `StoreError` that names the
file and the fix (app/services/store_errors.py), so no caller sees a raw sqlite3
exception. Opening is lazy: a store that cannot be used fails at the call that needs
it, and one that was repaired meanwhile works again without a restart.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from app.services.store_errors import store_error

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_initial",
        """
        CREATE TABLE clients (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, profile_json TEXT NOT NULL,
            created_at REAL NOT NULL, updated_at REAL NOT NULL);
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY, client_id TEXT REFERENCES clients(id) ON DELETE SET NULL,
            title TEXT NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL);
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            role TEXT NOT NULL, content TEXT NOT NULL, response_json TEXT, created_at REAL NOT NULL);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id TEXT, response_id TEXT,
            rating INTEGER NOT NULL CHECK (rating IN (-1, 1)), reason TEXT, comment TEXT,
            question TEXT NOT NULL, retrieved_ids_json TEXT NOT NULL, settings_version TEXT NOT NULL,
            created_at REAL NOT NULL);
        CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
        """,
    ),
    # The advisor's working state of a UI conversation (profile, last pack, recent turns) lives in the
    # conversation's own row: one store, one write per turn, deleted with the conversation.
    ("002_conversation_state", "ALTER TABLE conversations ADD COLUMN state_json TEXT;"),
]


class StoreDatabase:
    """A SQLite file opened per call, migrated once per process, with all-or-nothing writes."""

    def __init__(self, path: Path, *, busy_timeout: float = 10.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout  # seconds to wait for another writer before saying "locked"
        self._migrated = False
        self._migrating = threading.Lock()  # Streamlit sessions share one Store across threads

    def _migrate(self, db: sqlite3.Connection) -> None:
        with self._migrating:
            if self._migrated:
                return
            db.execute(
                "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)"
            )
            applied = {row[0] for row in db.execute("SELECT name FROM _migrations")}
            for name, script in MIGRATIONS:
                if name not in applied:
                    db.executescript(
                        f"BEGIN; {script} INSERT INTO _migrations VALUES ('{name}', {time.time()}); COMMIT;"
                    )
            self._migrated = True

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)) as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=FULL")
                db.execute("PRAGMA foreign_keys=ON")
                self._migrate(db)
                yield db
        except (sqlite3.Error, OSError) as exc:
            raise store_error(exc, self.path) from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
