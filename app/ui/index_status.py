"""The index as the UI sees it: built on first use, checked on every run, rebuilt from a button.

Owners cannot run `aipack ingest --rebuild`, which is the fix the services print for a
missing, damaged or old-version index, so the UI offers that same service call
(`IngestService.ingest(rebuild=True)`) behind a button instead of a second rebuild path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from app.container import Container
from app.errors import AipackError, IndexNotReadyError, ReadOnlyDataError
from app.services.ingest import IngestReport
from app.services.readiness import ensure_ready
from app.ui.components import forget_document_sources
from app.ui.state import lang, warm_up
from app.ui.texts import text

NOTICE_KEY = "index_notice"  # the rebuild summary, shown once after the page reloads


def progress_updater(bar: Any, ui: str, key: str = "embedding") -> Callable[[int, int], None]:
    """An ingest progress callback that moves `bar`, labelled with the `key` text."""

    def update(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=text(ui, key, done=done, total=total))

    return update


def ensure_index(box: Container) -> IndexNotReadyError | None:
    """Build the index on first use; return the problem that keeps it from answering, if any.

    Any other failure (a broken catalogue) is shown and the previous index keeps answering.
    """
    ui = lang()
    try:
        if box.ingest.is_current():
            problem = None
        else:
            bar = st.progress(0.0, text=text(ui, "building_index"))
            try:
                problem = ensure_ready(box.ingest, progress=progress_updater(bar, ui))
            finally:
                bar.empty()
    except IndexNotReadyError as exc:
        return exc
    except AipackError as exc:
        problem = exc  # no previous index either: index_problem below says so
    if problem is not None:
        st.error(str(problem))  # the knowledge page shows the details
    return index_problem(box)


def index_problem(box: Container) -> IndexNotReadyError | None:
    """Why the index cannot answer (missing, unreadable, emptied, another schema), or None."""
    try:
        box.ingest.require_index()
    except IndexNotReadyError as exc:
        return exc
    return None


def problem_panel(box: Container, problem: IndexNotReadyError, key: str) -> None:
    """The owner's way out: what is wrong in plain words, the technical detail, and the fix button."""
    ui = lang()
    if isinstance(problem, ReadOnlyDataError):  # permissions, not damage: a rebuild cannot help
        st.error(text(ui, "index_read_only"), icon=":material/lock:")
        st.caption(text(ui, "index_detail", problem=problem.problem))
        return
    st.error(text(ui, "index_broken"), icon=":material/error:")
    st.caption(text(ui, "index_detail", problem=problem.problem))
    rebuild_button(box, key)


def rebuild_button(box: Container, key: str) -> None:
    ui = lang()
    if st.button(text(ui, "rebuild_button"), type="primary", icon=":material/build:", key=key):
        rebuild(box)


def run_ingest(
    action: Callable[[Callable[[int, int], None]], IngestReport],
    start_key: str,
    progress_key: str = "embedding",
) -> IngestReport | None:
    """Run an ingest (upload, delete, rebuild) under a progress bar; a failure is shown, not raised."""
    ui = lang()
    bar = st.progress(0.0, text=text(ui, start_key))
    try:
        report = action(progress_updater(bar, ui, progress_key))
    except AipackError as exc:
        st.error(str(exc))  # e.g. a broken catalogue: the knowledge page lists the entries
        return None
    finally:
        bar.empty()
    forget_document_sources()
    return report


def rebuild(box: Container) -> None:
    """Rebuild with a progress bar; on success reload the page, so every view reads the new index."""
    ui = lang()
    report = run_ingest(
        lambda progress: box.ingest.ingest(rebuild=True, progress=progress), "rebuilding", "rebuild_progress"
    )
    if report is None:
        return
    warm_up.clear()  # it gave up on the broken index; the next run loads the new one
    st.session_state[NOTICE_KEY] = text(ui, "rebuild_done", summary=report.summary(ui))
    st.rerun()


def show_notice() -> None:
    if notice := st.session_state.pop(NOTICE_KEY, None):
        st.success(notice, icon=":material/check_circle:")
