"""Sidebar: language switch, new conversation, recent conversations."""

from __future__ import annotations

import streamlit as st

from app.container import Container
from app.errors import AipackError
from app.ui.conversations import distinct_titles, reopen, short
from app.ui.state import lang, start_conversation
from app.ui.texts import text

RECENT = 8


def render(box: Container) -> None:
    with st.sidebar:
        ui = lang()
        st.radio(
            text(ui, "language"),
            ("zh", "en"),
            format_func=lambda code: "中文" if code == "zh" else "English",
            horizontal=True,
            key="lang",
        )
        st.button(
            text(ui, "new_conversation"),
            icon=":material/add_comment:",
            on_click=start_conversation,
            width="stretch",
        )
        recent_conversations(box, ui)


def recent_conversations(box: Container, ui: str) -> None:
    try:
        conversations = box.store.conversations()
    except AipackError:
        return  # the clients page names the problem and the fix
    if not conversations:
        return
    st.caption(text(ui, "recent"))
    titles = distinct_titles(conversations)
    current = st.session_state.get("session_id")
    for conversation in conversations[:RECENT]:
        st.button(
            short(titles[conversation.id]),
            key=f"recent_{conversation.id}",
            help=titles[conversation.id],
            icon=":material/chat_bubble:",
            type="tertiary",
            disabled=conversation.id == current,  # the open one: reopening would reset its memory
            on_click=reopen,
            args=(box, conversation),
            width="stretch",
        )
