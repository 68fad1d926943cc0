"""Saved clients and conversations: reopen, start anew with a client's profile, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import streamlit as st

from app.container import Container
from app.errors import AipackError
from app.services.store import Client, ConversationRow
from app.ui.state import get_container, lang, start_conversation
from app.ui.texts import describe_error, text


def page() -> None:
    box = get_container()
    ui = lang()
    st.title(text(ui, "clients_title"))
    try:
        clients = box.store.clients()
        conversations = box.store.conversations()
    except AipackError as exc:
        st.error(describe_error(ui, exc))
        return
    if not clients:
        st.info(text(ui, "no_clients"))
    for client in clients:
        own = [c for c in conversations if c.client_id == client.id]
        with st.container(border=True):
            client_card(box, client, own, ui)
    loose = [c for c in conversations if c.client_id not in {client.id for client in clients}]
    if loose:
        st.subheader(text(ui, "other_conversations"))
        for conversation in loose:
            conversation_row(box, conversation, None, ui)


def client_card(box: Container, client: Client, conversations: list[ConversationRow], ui: str) -> None:
    st.markdown(f"#### {client.name}")
    st.caption(
        _profile_summary(client.profile, ui) + " · " + text(ui, "updated", time=_when(client.updated_at))
    )
    with st.container(horizontal=True, gap="small"):
        st.button(
            text(ui, "client_new_chat"),
            key=f"client_chat_{client.id}",
            icon=":material/chat:",
            on_click=start_conversation,
            kwargs={"profile": client.profile, "client_id": client.id, "client_name": client.name},
        )
        st.button(
            text(ui, "delete_client"),
            key=f"client_delete_{client.id}",
            icon=":material/delete:",
            on_click=_delete_client,
            args=(box, client.id),
        )
    if not conversations:
        st.caption(text(ui, "no_conversations"))
    for conversation in conversations:
        conversation_row(box, conversation, client, ui)


def conversation_row(box: Container, conversation: ConversationRow, client: Client | None, ui: str) -> None:
    title, open_button, delete_button = st.columns([6, 1, 1], vertical_alignment="center")
    title.markdown(f"💬 {conversation.title}  \n:gray[{_when(conversation.updated_at)}]")
    open_button.button(
        text(ui, "open"),
        key=f"open_{conversation.id}",
        on_click=_reopen,
        args=(box, conversation, client),
        width="stretch",
    )
    delete_button.button(
        text(ui, "delete"),
        key=f"delete_{conversation.id}",
        on_click=_delete_conversation,
        args=(box, conversation.id),
        width="stretch",
    )


def _reopen(box: Container, conversation: ConversationRow, client: Client | None) -> None:
    """Load the stored messages; the next turn passes the client's (or the last answer's) profile."""
    try:
        stored = box.store.messages(conversation.id)
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
    )


def _delete_client(box: Container, client_id: str) -> None:
    try:
        box.store.delete_client(client_id)
    except AipackError as exc:
        st.session_state["action_error"] = describe_error(lang(), exc)
        return
    if st.session_state.get("client_id") == client_id:
        st.session_state["client_id"], st.session_state["client_name"] = None, ""


def _delete_conversation(box: Container, conversation_id: str) -> None:
    try:
        box.store.delete_conversation(conversation_id)
    except AipackError as exc:
        st.session_state["action_error"] = describe_error(lang(), exc)


def _profile_summary(profile: dict[str, Any], ui: str) -> str:
    parts = [
        "·".join(p for p in (profile.get("province"), profile.get("city")) if p),
        profile.get("industry_text") or profile.get("industry") or "",
    ]
    if profile.get("employees") is not None:
        parts.append(f"{profile['employees']} {'employees' if ui == 'en' else '人'}")
    if profile.get("budget_cny"):
        parts.append(("budget" if ui == "en" else "预算") + f" ¥{profile['budget_cny']:,.0f}")
    return " · ".join(p for p in parts if p) or "—"


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")
