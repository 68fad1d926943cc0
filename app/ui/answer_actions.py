"""Per-answer actions: feedback (👍/👎 with a reason), exports, follow-up suggestions."""

from __future__ import annotations

from typing import Any, cast

import streamlit as st

from app.advisor.contract import AdviceResponse
from app.container import Container
from app.errors import AipackError
from app.services.export import to_docx, to_markdown
from app.services.store import FeedbackReason
from app.ui.state import ask_next, lang
from app.ui.texts import FEEDBACK_REASONS, describe_error, follow_ups, text

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
    try:
        box.store.add_feedback(
            rating=rating,
            question=question,
            retrieved_ids=[c.chunk_id for c in response.citations],
            settings_version=box.settings.version,
            reason=reason,
            comment=comment,
            conversation_id=st.session_state.get("session_id"),
            response_id=response.id,
        )
    except AipackError as exc:
        st.session_state["action_error"] = describe_error(lang(), exc)
        return
    st.session_state["feedback_sent"].add(response.id)


def exports(response: AdviceResponse) -> None:
    ui = lang()
    left, right = st.columns(2)
    left.download_button(
        text(ui, "export_md"),
        to_markdown(response).encode("utf-8"),
        file_name=f"aipack-advice-{response.id}.md",
        mime="text/markdown",
        icon=":material/description:",
        on_click="ignore",
        key=f"md_{response.id}",
        width="stretch",
    )
    right.download_button(
        text(ui, "export_docx"),
        to_docx(response),
        file_name=f"aipack-advice-{response.id}.docx",
        mime=DOCX_MIME,
        icon=":material/article:",
        on_click="ignore",
        key=f"docx_{response.id}",
        width="stretch",
    )


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
