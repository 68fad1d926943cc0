"""Knowledge base: counts, documents, catalogue validation errors, upload and delete."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app.container import Container
from app.errors import AipackError
from app.services.knowledge_admin import MAX_UPLOAD_BYTES, DocumentInfo, KnowledgeSummary
from app.ui.index_status import index_problem, problem_panel, rebuild_button, run_ingest
from app.ui.state import get_container, lang
from app.ui.texts import text

UPLOAD_TYPES = ["pdf", "docx", "txt", "md"]


def page() -> None:
    box = get_container()
    ui = lang()
    st.title(text(ui, "knowledge_title"))
    llm = box.settings.llm  # for the team: which engine words the answers
    st.caption(text(ui, "mode_llm", model=llm.model) if llm.mode == "openai" else text(ui, "mode_offline"))
    overview = st.container()  # filled last, so an upload or delete made below is already counted
    st.subheader(text(ui, "upload_title"))
    uploaded = st.file_uploader(
        text(ui, "upload_label"),
        type=UPLOAD_TYPES,
        max_upload_size=MAX_UPLOAD_BYTES // 1024 // 1024,
        key=f"upload_{st.session_state.get('upload_round', 0)}",
    )
    details = upload_details(ui)
    clicked = uploaded is not None and st.button(
        text(ui, "upload_button"), type="primary", icon=":material/upload:"
    )
    if uploaded is not None and clicked and handle_upload(box, uploaded.name, uploaded.getvalue(), details):
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1  # empties the uploader
    try:
        summary = box.knowledge.summary()
        if delete_section(box, summary.documents, ui):
            summary = box.knowledge.summary()
    except AipackError as exc:
        overview.error(str(exc))
        summary = None
    if summary is not None:
        with overview:
            render_overview(summary, ui)
    maintenance_section(box, ui)


def maintenance_section(box: Container, ui: str) -> None:
    """Rebuild the index: the fix for a damaged or old one, and a last resort when results look wrong."""
    st.subheader(text(ui, "index_title"))
    problem = index_problem(box)
    if problem is not None:
        problem_panel(box, problem, key="rebuild_knowledge")
        return
    st.caption(text(ui, "index_ok"))
    rebuild_button(box, key="rebuild_knowledge")


def upload_details(ui: str) -> dict[str, str]:
    """Optional facts about the file; the title defaults to the document's own heading."""
    with st.expander(text(ui, "upload_details")):
        fields = ("title", "publisher", "region", "published", "valid_until")
        return {field: st.text_input(text(ui, f"doc_{field}"), key=f"doc_{field}") for field in fields}


def handle_upload(
    box: Container, file_name: str, content: bytes, details: dict[str, str] | None = None
) -> bool:
    """Add one policy file and ingest incrementally, with a progress bar; errors are shown, not raised."""
    ui = lang()
    report = run_ingest(
        lambda progress: box.knowledge.add_document(file_name, content, progress=progress, details=details),
        "ingesting",
    )
    if report is None:
        return False
    st.success(text(ui, "upload_done", name=file_name, summary=report.summary(ui)))
    return True


def handle_delete(box: Container, doc: DocumentInfo) -> bool:
    ui = lang()
    report = run_ingest(
        lambda progress: box.knowledge.delete_document(doc.doc_id, progress=progress), "ingesting"
    )
    if report is None:
        return False
    st.success(text(ui, "delete_done", name=doc.title, summary=report.summary(ui)))
    return True


def delete_section(box: Container, documents: list[DocumentInfo], ui: str) -> bool:
    """True when a document was deleted in this run."""
    if not documents:
        return False
    st.subheader(text(ui, "delete_title"))
    by_id = {doc.doc_id: doc for doc in documents}
    choice = st.selectbox(
        text(ui, "delete_pick"),
        list(by_id),
        index=None,
        placeholder=text(ui, "choose"),
        format_func=lambda doc_id: f"{by_id[doc_id].title} ({by_id[doc_id].file_name})",
        key=f"delete_doc_{st.session_state.get('delete_round', 0)}",
    )
    if not choice:
        return False
    with st.popover(text(ui, "delete_button"), icon=":material/delete:"):  # asks before deleting
        st.markdown(text(ui, "confirm_delete"))
        confirmed = st.button(text(ui, "confirm"), key="confirm_delete_doc", type="primary")
    if not confirmed:
        return False
    if not handle_delete(box, by_id[choice]):
        return False
    st.session_state["delete_round"] = st.session_state.get("delete_round", 0) + 1
    return True


def render_overview(summary: KnowledgeSummary, ui: str) -> None:
    counts = st.columns(4)
    counts[0].metric(text(ui, "kb_documents"), len(summary.documents))
    counts[1].metric(text(ui, "kb_solutions"), summary.solutions)
    counts[2].metric(text(ui, "kb_funding"), summary.funding)
    stamp = _short_time(summary.last_ingest)
    counts[3].metric(text(ui, "kb_last_ingest"), stamp[:10] or text(ui, "kb_never"), help=stamp or None)
    if summary.catalogue_errors:
        st.error(
            text(ui, "kb_catalogue_errors") + "\n\n" + "\n".join(f"- {e}" for e in summary.catalogue_errors)
        )
    for name, message in summary.ingest_failures.items():
        st.warning(text(ui, "kb_failed", name=name, message=message))
    st.dataframe(document_rows(summary.documents, ui), hide_index=True, width="stretch")


def document_rows(documents: list[DocumentInfo], ui: str) -> list[dict[str, Any]]:
    return [
        {
            text(ui, "col_title"): doc.title,
            text(ui, "col_kind"): doc.kind,
            text(ui, "col_publisher"): doc.publisher,
            text(ui, "col_date"): doc.published,
            text(ui, "col_chunks"): doc.chunks,
            text(ui, "col_file"): doc.file_name,
        }
        for doc in documents
    ]


def _short_time(stamp: str | None) -> str:
    return (stamp or "").replace("T", " ")[:16]
