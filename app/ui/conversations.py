"""Saved conversations as the pages show them: distinct titles, reopen, and deletes that ask first."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import streamlit as st

from app.container import Container
from app.errors import AipackError
from app.services.store import Client, ConversationRow
from app.ui.state import lang, start_conversation, store_action
from app.ui.texts import describe_error, text


def distinct_titles(conversations: list[ConversationRow]) -> dict[str, str]:
    """Titles are first questions; several conversations that start alike get (2), (3)… by age."""
    counts = Counter(c.title for c in conversations)
    seen: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for conversation in sorted(conversations, key=lambda c: c.updated_at):
        title = conversation.title
        seen[title] += 1
        titles[conversation.id] = f"{title} ({seen[title]})" if counts[title] > 1 else title
    return titles


def short(title: str, limit: int = 28) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def reopen(box: Container, conversation: ConversationRow, client: Client | None = None) -> None:
    """Load the stored messages; the next turn passes the client's (or the last answer's) profile."""
    try:
        stored = box.store.messages(conversation.id)
        advisor_state = box.store.conversation_state(conversation.id)
        if client is None and conversation.client_id:
            client = next((c for c in box.store.clients() if c.id == conversation.client_id), None)
    except AipackError as exc:
        st.session_state["action_error"] = describe_error(lang(), exc)
        return
    messages: list[dict[str, Any]] = []
    question = ""
    for message in stored:
        if message.role == "user":
            question = message.content
            messages.append({"role": "user", "content": message.content})
        else:
            messages.append(
                {
                    "role": "assistant",
                    "content": message.content,
                    "response": message.response,
                    "question": question,
                }
            )
    responses = [m["response"] for m in messages if m.get("response")]
    profile = client.profile if client else (responses[-1]["profile"] if responses else None)
    start_conversation(
        messages=messages,
        session_id=conversation.id,
        profile=profile,
        client_id=client.id if client else None,
        client_name=client.name if client else "",
        advisor_state=advisor_state,
    )


def confirm_delete(
    label: str, key: str, action: Callable[..., None], args: tuple[Any, ...], *, stretch: bool = False
) -> None:
    """A delete button that opens a question first; only its "Yes, delete" runs `action`."""
    ui = lang()
    with st.popover(label, icon=":material/delete:", width="stretch" if stretch else "content"):
        st.markdown(text(ui, "confirm_delete"))
        st.button(text(ui, "confirm"), key=key, type="primary", on_click=action, args=args)


def delete_conversation(box: Container, conversation_id: str) -> None:
    if not store_action(lambda: box.store.delete_conversation(conversation_id)):
        return
    if st.session_state.get("session_id") == conversation_id:
        start_conversation()
        st.session_state.pop("goto", None)  # stay on the page where the delete was asked
