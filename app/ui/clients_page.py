"""Saved clients and conversations: reopen, start anew with a client's profile, delete."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import streamlit as st

from app.catalogue.render import format_cny_range
from app.catalogue.taxonomy import INDUSTRY_SECTIONS
from app.container import Container
from app.services.store import Client, ConversationRow
from app.ui.conversations import confirm_delete, delete_conversation, distinct_titles, reopen
from app.ui.state import get_container, lang, read_store, start_conversation, store_action
from app.ui.texts import text


def page() -> None:
    box = get_container()
    ui = lang()
    st.title(text(ui, "clients_title"))
    stored = read_store(lambda: (box.store.clients(), box.store.conversations()))
    if stored is None:
        return
    clients, conversations = stored
    if not clients:
        st.info(text(ui, "no_clients"))
    titles = distinct_titles(conversations)
    for client in clients:
        own = [c for c in conversations if c.client_id == client.id]
        with st.container(border=True):
            client_card(box, client, own, titles, ui)
    loose = [c for c in conversations if c.client_id not in {client.id for client in clients}]
    if loose:
        st.subheader(text(ui, "other_conversations"))
        for conversation in loose:
            conversation_row(box, conversation, None, titles[conversation.id], ui)


def client_card(
    box: Container, client: Client, conversations: list[ConversationRow], titles: dict[str, str], ui: str
) -> None:
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
        confirm_delete(
            text(ui, "delete_client"), f"client_delete_{client.id}", _delete_client, (box, client.id)
        )
    if not conversations:
        st.caption(text(ui, "no_conversations"))
    for conversation in conversations:
        conversation_row(box, conversation, client, titles[conversation.id], ui)


def conversation_row(
    box: Container, conversation: ConversationRow, client: Client | None, title: str, ui: str
) -> None:
    label, actions = st.columns([3, 1], vertical_alignment="center")
    label.markdown(f":material/chat_bubble: {title}  \n:gray[{_when(conversation.updated_at)}]")
    with actions, st.container(horizontal=True, gap="small", horizontal_alignment="right"):
        st.button(
            text(ui, "open"), key=f"open_{conversation.id}", on_click=reopen, args=(box, conversation, client)
        )
        confirm_delete(
            text(ui, "delete"), f"delete_{conversation.id}", delete_conversation, (box, conversation.id)
        )


def _delete_client(box: Container, client_id: str) -> None:
    if not store_action(lambda: box.store.delete_client(client_id)):
        return
    if st.session_state.get("client_id") == client_id:
        st.session_state["client_id"], st.session_state["client_name"] = None, ""


def _profile_summary(profile: dict[str, Any], ui: str) -> str:
    industry = profile.get("industry")
    parts = [
        "·".join(dict.fromkeys(p for p in (profile.get("province"), profile.get("city")) if p)),
        INDUSTRY_SECTIONS[industry][1]
        if ui == "en" and industry in INDUSTRY_SECTIONS
        else profile.get("industry_text")
        or (INDUSTRY_SECTIONS[industry][0] if industry in INDUSTRY_SECTIONS else ""),
    ]
    if profile.get("employees") is not None:
        parts.append(f"{profile['employees']} {'employees' if ui == 'en' else '人'}")
    if profile.get("budget_cny"):
        budget = format_cny_range(profile["budget_cny"], profile["budget_cny"], ui)
        parts.append(("budget " if ui == "en" else "预算") + budget)
    return " · ".join(p for p in parts if p) or "—"


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d %H:%M")
