"""Feedback review: every 👍/👎 with its reason, question, retrieved ids and settings version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import streamlit as st

from app.services.store import Feedback
from app.ui.state import get_container, lang, read_store
from app.ui.texts import FEEDBACK_REASONS, text


def page() -> None:
    box = get_container()
    ui = lang()
    st.title(text(ui, "review_title"))
    rows = read_store(box.store.feedback)
    if rows is None:
        return
    if not rows:
        st.info(text(ui, "no_feedback"))
        return
    total, up, down = st.columns(3)
    total.metric(text(ui, "fb_total"), len(rows))
    up.metric(":material/thumb_up:", sum(1 for r in rows if r.rating > 0))
    down.metric(":material/thumb_down:", sum(1 for r in rows if r.rating < 0))
    st.dataframe(feedback_rows(rows, ui), hide_index=True, width="stretch")


def feedback_rows(rows: list[Feedback], ui: str) -> list[dict[str, Any]]:
    return [
        {
            text(ui, "col_rating"): "👍" if row.rating > 0 else "👎",
            text(ui, "col_reason"): text(ui, f"reason_{row.reason}")
            if row.reason in FEEDBACK_REASONS
            else (row.reason or ""),
            text(ui, "col_question"): row.question,
            text(ui, "col_comment"): row.comment or "",
            text(ui, "col_retrieved"): ", ".join(row.retrieved_ids),
            text(ui, "col_version"): row.settings_version,
            text(ui, "col_time"): datetime.fromtimestamp(row.created_at).strftime("%Y-%m-%d %H:%M"),
        }
        for row in rows
    ]
