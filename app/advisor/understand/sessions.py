"""Where conversations live between turns: in memory, written through to a session file.

With a file, every turn reads the conversation from disk, so a session id continues
across CLI runs and API workers. A file that cannot be used (read-only disk, locked,
corrupt) never costs an answer: the conversation is kept in memory and the problem is
logged once with its fix.

A turn without a session id, or one whose state the caller rebuilt from a chat history
(`seed`), is a one-off: nothing about it is written or kept after the answer. A caller that
keeps its conversations in its own store (the UI, with the consultant's records) `resume`s
one from the state it saved and saves `to_state(conversation)` after the turn: the
conversation then lives in that one store only.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from app.advisor.engine.conditions import Reason
from app.advisor.engine.recommend import SolutionPick
from app.advisor.understand.conversation import Conversation
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import Solution
from app.redact import redact
from app.services.session_store import SessionFile

_log = logging.getLogger(__name__)
MAX_SESSIONS = 2000  # in memory
MAX_TURNS = 24  # kept on disk; follow-ups and need matching read the last few
STATE_VERSION = 1


_FREE_TEXT = ("industry_text", "pain_points", "goals", "existing_it")  # the owner's own words


def _stored_profile(profile: CompanyProfile) -> dict[str, Any]:
    data = profile.model_dump(mode="json", exclude={"size_class", "size_basis"})
    for key in _FREE_TEXT:
        value = data.get(key)
        if isinstance(value, str):
            data[key] = redact(value)
        elif isinstance(value, list):
            data[key] = [redact(str(item)) for item in value]
    return data


def to_state(conversation: Conversation) -> dict[str, Any]:
    return {
        "v": STATE_VERSION,
        "profile": _stored_profile(conversation.profile),
        # Identifiers are never needed to advise, so they are not kept on disk.
        "turns": [[role, redact(text)] for role, text in conversation.turns[-MAX_TURNS:]],
        "last_question": conversation.last_question and redact(conversation.last_question),
        "last_intent": conversation.last_intent,
        "asked_clarification": conversation.asked_clarification,
        "awaiting_profile": conversation.awaiting_profile,
        "need_stated": conversation.need_stated,
        "shown_programs": conversation.shown_programs,
        "asked_programs": conversation.asked_programs,
        "pack": [
            {
                "id": pick.solution.id,
                "score": pick.score,
                "why": [[reason.zh, reason.en] for reason in pick.why],
                "over_budget": pick.over_budget,
            }
            for pick in conversation.pack
        ],
    }


def from_state(
    session_id: str, state: dict[str, Any], solution: Callable[[str], Solution | None]
) -> Conversation | None:
    """The conversation, or None if the state is from another version or malformed."""
    if state.get("v") != STATE_VERSION:
        return None
    try:
        pack = [
            SolutionPick(
                found, float(item["score"]), [Reason(*pair) for pair in item["why"]], item["over_budget"]
            )
            for item in state["pack"]
            if (found := solution(item["id"])) is not None  # a solution removed from the catalogue meanwhile
        ]
        return Conversation(
            session_id,
            profile=CompanyProfile.model_validate(state["profile"]),
            turns=[(str(role), str(text)) for role, text in state["turns"]],
            last_question=state["last_question"],
            last_intent=state["last_intent"],
            asked_clarification=bool(state["asked_clarification"]),
            awaiting_profile=bool(state["awaiting_profile"]),
            need_stated=bool(state.get("need_stated", False)),  # absent from states saved before it
            pack=pack,
            # absent from states saved before them
            shown_programs=[str(i) for i in state.get("shown_programs", [])],
            asked_programs=[str(i) for i in state.get("asked_programs", [])],
        )
    except (KeyError, TypeError, ValueError, ValidationError):
        return None


class ConversationStore:
    def __init__(
        self,
        file: SessionFile | None = None,
        solution: Callable[[str], Solution | None] = lambda _id: None,
        capacity: int = MAX_SESSIONS,
    ) -> None:
        self._items: OrderedDict[str, Conversation] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()
        self._file = file
        self._solution = solution
        self._warned = False
        self._seeded: dict[str, Conversation] = {}

    @property
    def file(self) -> SessionFile | None:
        return self._file

    def seed(self, conversation: Conversation) -> str:
        """Hand over a one-off conversation (state rebuilt by the caller); returns the id to ask with."""
        conversation.session_id = f"seeded-{secrets.token_hex(12)}"
        conversation.remember = False
        with self._lock:
            self._seeded[conversation.session_id] = conversation
        return conversation.session_id

    def resume(self, session_id: str, state: dict[str, Any] | None) -> tuple[str, Conversation]:
        """A conversation its caller stores: rebuilt from `state` (None: a new one), never written here.

        Returns the id to ask with and the conversation the turn updates, for the caller to save."""
        conversation = (state and from_state(session_id, state, self._solution)) or Conversation(session_id)
        return self.seed(conversation), conversation

    def get(self, session_id: str | None) -> Conversation:
        if session_id is None:
            return Conversation(secrets.token_hex(12), remember=False)
        with self._lock:
            seeded = self._seeded.pop(session_id, None)
        if seeded is not None:
            return seeded
        key = session_id
        stored = self._load(key)
        with self._lock:
            conversation = stored or self._items.pop(key, None) or Conversation(key)
            self._items[key] = conversation
            self._items.move_to_end(key)
            while len(self._items) > self._capacity:
                self._items.popitem(last=False)
            return conversation

    def save(self, conversation: Conversation) -> None:
        if not conversation.remember:
            return
        if self._file is not None:
            self._guarded(lambda f: f.put(conversation.session_id, to_state(conversation)))

    def reset(self, session_id: str) -> None:
        with self._lock:
            self._items.pop(session_id, None)
        if self._file is not None:
            self._guarded(lambda f: f.delete(session_id))

    def _load(self, session_id: str) -> Conversation | None:
        if self._file is None:
            return None
        state = self._guarded(lambda f: f.get(session_id))
        if state is None:
            return None
        conversation = from_state(session_id, state, self._solution)
        if conversation is None:
            _log.warning("A session was saved by another version; starting it afresh")
        return conversation

    def _guarded(self, action: Callable[[SessionFile], Any]) -> Any:
        assert self._file is not None
        try:
            return action(self._file)
        except (sqlite3.Error, OSError) as exc:
            if not self._warned:  # once: a broken file would otherwise log on every turn
                self._warned = True
                _log.warning(
                    "Conversation state cannot be saved in %s (%s: %s); keeping it in memory only. "
                    "Fix: make the file writable, or move it aside and restart.",
                    self._file.path,
                    type(exc).__name__,
                    exc,
                )
            return None
