"""Streamlit entry point. Thin: pages only call services from the container."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run app/ui/streamlit_app.py` puts app/ui on sys.path, not the project root.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from app.container import Container
from app.errors import AipackError
from app.ui import chat_page, clients_page, knowledge_page, review_page, sidebar
from app.ui.state import get_container, init_state, lang, warm_up
from app.ui.texts import text

# Funding table: verdict and source never wrap; on narrow screens the table scrolls sideways
# instead of squeezing every cell to a few characters.
STYLE = """<style>
[data-testid="stTableStyledTable"] th *,
[data-testid="stTableStyledTable"] td:first-child *,
[data-testid="stTableStyledTable"] td:last-child * { white-space: nowrap; }
@media (max-width: 640px) {
  [data-testid="stTable"] { overflow-x: auto; }
  [data-testid="stTableStyledTable"] td { min-width: 9rem; }
  [data-testid="stTableStyledTable"] td:nth-child(3), [data-testid="stTableStyledTable"] td:nth-child(4) {
    min-width: 15rem;
  }
}
</style>"""


def ensure_index(box: Container) -> None:
    """Build the index on first use, with a progress bar; later runs only check the manifest."""
    if box.ingest.is_current():
        return
    ui = lang()
    bar = st.progress(0.0, text=text(ui, "building_index"))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=text(ui, "embedding", done=done, total=total))

    try:
        box.ingest.ingest(progress=progress)
    finally:
        bar.empty()


def main() -> None:
    st.set_option("client.toolbarMode", "minimal")  # no developer menu or Deploy button for owners
    st.set_page_config(page_title="AI赋能包顾问", page_icon="🧭", layout="wide")
    st.html(STYLE)
    init_state()
    ui = lang()
    box = get_container()
    try:
        ensure_index(box)
    except AipackError as exc:
        st.error(str(exc))  # an old index (if any) still answers; the knowledge page shows the details
    pages = {
        "chat": st.Page(
            chat_page.page, title=text(ui, "nav_chat"), icon=":material/forum:", url_path="chat", default=True
        ),
        "clients": st.Page(
            clients_page.page,
            title=text(ui, "nav_clients"),
            icon=":material/folder_shared:",
            url_path="clients",
        ),
        "review": st.Page(
            review_page.page, title=text(ui, "nav_review"), icon=":material/rate_review:", url_path="review"
        ),
        "knowledge": st.Page(
            knowledge_page.page,
            title=text(ui, "nav_knowledge"),
            icon=":material/library_books:",
            url_path="knowledge",
        ),
    }
    current = st.navigation(list(pages.values()))
    goto = st.session_state.pop("goto", None)
    if goto in pages and pages[goto].url_path != current.url_path:
        st.switch_page(pages[goto])
    if error := st.session_state.pop("action_error", None):
        st.error(error)
    current.run()
    sidebar.render(box)
    warm_up(box)


main()
