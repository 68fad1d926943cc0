"""Local persistence for consultants: client profiles, conversations and feedback (SQLite).

Opening, migrating and transacting the file (durability, schema migrations, errors that
name the fix) is app/services/store_database.py; this module holds what is stored and read.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from app.services.store_database import MIGRATIONS, StoreDatabase

__all__ = ["MIGRATIONS", "Client", "ConversationRow", "Feedback", "FeedbackReason", "Message", "Store"]

FeedbackReason = Literal["wrong_answer", "wrong_evidence", "missing_program", "other"]


@dataclass(frozen=True)
class Client:
    id: str
    name: str
    profile: dict[str, Any]
    updated_at: float


@dataclass(frozen=True)
class ConversationRow:
    id: str
    client_id: str | None
    title: str
    updated_at: float


@dataclass(frozen=True)
class Message:
    id: int
    role: str
    content: str
    response: dict[str, Any] | None


@dataclass(frozen=True)
class Feedback:
    id: int
    rating: int
    reason: str | None
    comment: str | None
    question: str
    retrieved_ids: list[str]
    settings_version: str
    created_at: float


def _open_conversation(
    db: sqlite3.Connection, conversation_id: str, client_id: str | None, first_text: str, now: float
) -> None:
    """Create the conversation if it does not exist yet, titled by its first text; an existing one is kept as is."""
    db.execute(
        "INSERT OR IGNORE INTO conversations (id, client_id, title, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (conversation_id, client_id, first_text[:80] or "对话", now, now),
    )


class Store(StoreDatabase):
    """Client profiles, conversations with their messages and advisor state, and answer feedback."""

    # ---------------------------------------------------------------- clients

    def save_client(self, name: str, profile: dict[str, Any], client_id: str | None = None) -> str:
        client_id = client_id or uuid.uuid4().hex[:12]
        now = time.time()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO clients VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "name=excluded.name, profile_json=excluded.profile_json, updated_at=excluded.updated_at",
                (client_id, name.strip() or "未命名客户", json.dumps(profile, ensure_ascii=False), now, now),
            )
        return client_id

    def clients(self) -> list[Client]:
        with self._connection() as db:
            rows = db.execute(
                "SELECT id, name, profile_json, updated_at FROM clients ORDER BY updated_at DESC"
            )
            return [Client(r[0], r[1], json.loads(r[2]), r[3]) for r in rows]

    def client(self, client_id: str) -> Client | None:
        return next((c for c in self.clients() if c.id == client_id), None)

    def delete_client(self, client_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM conversations WHERE client_id = ?", (client_id,))
            db.execute("DELETE FROM clients WHERE id = ?", (client_id,))

    # ---------------------------------------------------------- conversations

    def create_conversation(
        self, title: str, client_id: str | None = None, conversation_id: str | None = None
    ) -> str:
        conversation_id = conversation_id or uuid.uuid4().hex[:12]
        now = time.time()
        with self._transaction() as db:
            _open_conversation(db, conversation_id, client_id, title, now)
        return conversation_id

    def link_conversation(self, conversation_id: str, client_id: str | None) -> None:
        """File an existing conversation under a client (or under none)."""
        with self._transaction() as db:
            db.execute("UPDATE conversations SET client_id = ? WHERE id = ?", (client_id, conversation_id))

    def add_message(
        self, conversation_id: str, role: str, content: str, response: dict[str, Any] | None = None
    ) -> int:
        now = time.time()
        with self._transaction() as db:
            _open_conversation(db, conversation_id, None, content, now)
            cursor = db.execute(
                "INSERT INTO messages (conversation_id, role, content, response_json, created_at) VALUES (?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    role,
                    content,
                    json.dumps(response, ensure_ascii=False) if response else None,
                    now,
                ),
            )
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
            return int(cursor.lastrowid or 0)

    def record_turn(
        self,
        conversation_id: str,
        *,
        question: str,
        response: dict[str, Any],
        state: dict[str, Any],
        client_id: str | None = None,
    ) -> None:
        """One chat turn in one transaction: the conversation (created on its first turn, titled by
        its first question), the question, the answer with its response JSON, and the advisor state."""
        now = time.time()
        answer = str(response.get("answer", ""))
        with self._transaction() as db:
            _open_conversation(db, conversation_id, client_id, question, now)
            db.executemany(
                "INSERT INTO messages (conversation_id, role, content, response_json, created_at) VALUES (?, ?, ?, ?, ?)",
                [
                    (conversation_id, "user", question, None, now),
                    (conversation_id, "assistant", answer, json.dumps(response, ensure_ascii=False), now),
                ],
            )
            db.execute(
                "UPDATE conversations SET state_json = ?, updated_at = ? WHERE id = ?",
                (json.dumps(state, ensure_ascii=False), now, conversation_id),
            )

    def conversation_state(self, conversation_id: str) -> dict[str, Any] | None:
        """The advisor state saved with the conversation's last turn; None for a new conversation."""
        with self._connection() as db:
            row = db.execute(
                "SELECT state_json FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
        if row is None or row[0] is None:
            return None
        state = json.loads(row[0])
        return state if isinstance(state, dict) else None

    def conversations(self, client_id: str | None = None) -> list[ConversationRow]:
        query = "SELECT id, client_id, title, updated_at FROM conversations"
        args: tuple[Any, ...] = ()
        if client_id:
            query, args = query + " WHERE client_id = ?", (client_id,)
        with self._connection() as db:
            return [ConversationRow(*row) for row in db.execute(query + " ORDER BY updated_at DESC", args)]

    def messages(self, conversation_id: str) -> list[Message]:
        with self._connection() as db:
            rows = db.execute(
                "SELECT id, role, content, response_json FROM messages WHERE conversation_id = ? ORDER BY id",
                (conversation_id,),
            )
            return [Message(r[0], r[1], r[2], json.loads(r[3]) if r[3] else None) for r in rows]

    def delete_conversation(self, conversation_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    # ---------------------------------------------------------------- feedback

    def add_feedback(
        self,
        *,
        rating: int,
        question: str,
        retrieved_ids: list[str],
        settings_version: str,
        reason: FeedbackReason | None = None,
        comment: str | None = None,
        conversation_id: str | None = None,
        response_id: str | None = None,
    ) -> int:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO feedback (conversation_id, response_id, rating, reason, comment, question, "
                "retrieved_ids_json, settings_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    response_id,
                    1 if rating > 0 else -1,
                    reason,
                    comment,
                    question,
                    json.dumps(retrieved_ids),
                    settings_version,
                    time.time(),
                ),
            )
            return int(cursor.lastrowid or 0)

    def feedback(self) -> list[Feedback]:
        with self._connection() as db:
            rows = db.execute(
                "SELECT id, rating, reason, comment, question, retrieved_ids_json, settings_version, created_at "
                "FROM feedback ORDER BY id DESC"
            )
            return [Feedback(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in rows]
