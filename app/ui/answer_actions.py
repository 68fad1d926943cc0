"""Per-answer actions: copy, regenerate, feedback (👍/👎 with a reason), exports, follow-up suggestions."""

from __future__ import annotations

from typing import Any, cast

import streamlit as st

from app.advisor.contract import AdviceResponse
from app.container import Container
from app.services.export import to_docx, to_markdown, to_pdf
from app.services.store import FeedbackReason
from app.ui.follow_ups import follow_ups
from app.ui.state import ask_next, lang, store_action
from app.ui.texts import FEEDBACK_REASONS, text

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def tools(response: AdviceResponse, question: str, *, latest: bool) -> None:
    """Copy the answer text (the code block's copy icon works offline) and, on the latest answer, ask again."""
    ui = lang()
    with st.container(horizontal=True, gap="small"):
        with st.popover(text(ui, "copy"), icon=":material/content_copy:"):
            st.caption(text(ui, "copy_help"))
            st.code(response.answer, language=None, wrap_lines=True)
        if latest and question:
            st.button(
                text(ui, "regenerate"),
                key=f"regen_{response.id}",
                icon=":material/refresh:",
                on_click=_regenerate,
                args=(question,),
            )


def _regenerate(question: str) -> None:
    """Replace the latest answer: drop it (and its question) from the chat and ask once more."""
    messages: list[dict[str, Any]] = st.session_state["messages"]
    if len(messages) >= 2 and messages[-1].get("question") == question:
        del messages[-2:]
    ask_next(question)


def feedback(box: Container, response: AdviceResponse, question: str) -> None:
    ui = lang()
    key = f"fb_{response.id}"
    if response.id in st.session_state["feedback_sent"]:
        st.caption(text(ui, "feedback_thanks"))
        return
    st.caption(text(ui, "feedback_prompt"))
    rating = st.feedback("thumbs", key=key)
    if rating is None:
        return
    with st.form(f"{key}_form", border=False, enter_to_submit=False):
        if rating == 0:
            st.selectbox(
                text(ui, "feedback_reason"),
                FEEDBACK_REASONS,
                format_func=lambda reason: text(ui, f"reason_{reason}"),
                key=f"{key}_reason",
            )
        st.text_input(text(ui, "feedback_comment"), key=f"{key}_comment")
        st.form_submit_button(
            text(ui, "feedback_submit"), on_click=_save_feedback, args=(box, response, question)
        )


def _save_feedback(box: Container, response: AdviceResponse, question: str) -> None:
    key = f"fb_{response.id}"
    rating = 1 if st.session_state.get(key) == 1 else -1
    reason = cast("FeedbackReason | None", st.session_state.get(f"{key}_reason") if rating < 0 else None)
    comment = (st.session_state.get(f"{key}_comment") or "").strip() or None
    saved = store_action(
        lambda: box.store.add_feedback(
            rating=rating,
            question=question,
            retrieved_ids=[c.chunk_id for c in response.citations],
            settings_version=box.settings.version,
            reason=reason,
            comment=comment,
            conversation_id=st.session_state.get("session_id"),
            response_id=response.id,
        )
    )
    if not saved:
        return
    st.session_state["feedback_sent"].add(response.id)


def exports(response: AdviceResponse) -> None:
    """Markdown, Word and PDF of the advice, headed by the current client's name when there is one."""
    ui = lang()
    client = st.session_state.get("client_name") or ""
    formats = (
        ("md", "export_md", "text/markdown", ":material/description:"),
        ("docx", "export_docx", DOCX_MIME, ":material/article:"),
        ("pdf", "export_pdf", "application/pdf", ":material/picture_as_pdf:"),
    )
    with st.container(horizontal=True, gap="small"):  # wraps on a phone instead of three full rows
        for suffix, label, mime, icon in formats:
            st.download_button(
                text(ui, label),
                _rendered(response, client, suffix),
                file_name=f"aipack-advice-{response.id}.{suffix}",
                mime=mime,
                icon=icon,
                on_click="ignore",
                key=f"{suffix}_{response.id}",
            )


def _rendered(response: AdviceResponse, client: str, suffix: str) -> bytes:
    """Each file is rendered once per answer and client name, not on every rerun (Word/PDF take ~0.2 s)."""
    cache: dict[tuple[str, str, str], bytes] = st.session_state.setdefault("exports", {})
    key = (response.id, client, suffix)
    if key not in cache:
        if suffix == "md":
            cache[key] = to_markdown(response, client_name=client).encode("utf-8")
        else:
            cache[key] = (to_docx if suffix == "docx" else to_pdf)(response, client_name=client)
    return cache[key]


def suggestions(response: AdviceResponse, question: str) -> None:
    options = follow_ups(response, question)
    if not options:
        return
    st.caption(text(lang(), "follow_ups"))
    with st.container(horizontal=True, gap="small"):
        for n, option in enumerate(options):
            st.button(option, key=f"next_{response.id}_{n}", on_click=ask_next, args=(option,))


def last_response(messages: list[dict[str, Any]]) -> int | None:
    """Index of the latest answer worth exporting: a pack, funding verdicts or cited evidence."""
    for index in range(len(messages) - 1, -1, -1):
        response = messages[index].get("response") or {}
        if response.get("solutions") or response.get("funding"):
            return index
        if response.get("citations") and not response.get("clarifying_questions"):
            return index
    return None
