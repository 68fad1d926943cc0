"""Streamlit entry point. Thin: pages only call services from the container."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run app/ui/streamlit_app.py` puts app/ui on sys.path, not the project root.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from app.ui import chat_page, clients_page, knowledge_page, review_page, sidebar
from app.ui.index_status import ensure_index, problem_panel, show_notice
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


def main() -> None:
    st.set_option("client.toolbarMode", "minimal")  # no developer menu or Deploy button for owners
    st.set_page_config(page_title="AI赋能包顾问", page_icon="🧭", layout="wide")
    st.html(STYLE)
    init_state()
    ui = lang()
    box = get_container()
    problem = ensure_index(box)
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
    show_notice()
    if problem is None or current.url_path == pages["knowledge"].url_path:  # it offers its own rebuild
        current.run()
    elif current.url_path == pages["chat"].url_path:
        # The error screen: the chat could only fail question after question until the index is rebuilt.
        st.title(text(ui, "app_title"))
        problem_panel(box, problem, key="rebuild_panel")
    else:  # saved clients and feedback do not need the index
        problem_panel(box, problem, key="rebuild_panel")
        current.run()
    sidebar.render(box)
    warm_up(box)


main()
