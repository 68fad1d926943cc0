"""Streamlit entry point. Thin: pages only call services from the container."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run app/ui/streamlit_app.py` puts app/ui on sys.path, not the project root.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

# The first run of a fresh process imports the advisor (~2.5 s on 2 cores): draw the page frame
# and say what is happening first, instead of a blank white page.
st.set_option("client.toolbarMode", "minimal")  # no developer menu or Deploy button for owners
st.set_page_config(page_title="AI赋能包顾问", page_icon="🧭", layout="wide")
_loading = None
if "app.ui.chat_page" not in sys.modules:
    _loading = st.empty()
    _loading.markdown("## AI赋能包顾问 · AI enablement pack advisor\n\n正在启动… Starting…")

from app.ui import chat_page, clients_page, knowledge_page, review_page, sidebar  # noqa: E402
from app.ui.index_status import ensure_index, problem_panel, show_notice  # noqa: E402
from app.ui.state import get_container, init_state, lang, warm_up  # noqa: E402
from app.ui.texts import text  # noqa: E402

# Phone first. Under 600 px the funding table becomes one card per program (rows stacked, header
# hidden: each cell says what it is), columns of cards stack, nothing is wider than the screen, and the
# fixed input at the bottom stays compact (it covers the answer it is under).
STYLE = """<style>
[data-testid="stTableStyledTable"] th *,
[data-testid="stTableStyledTable"] td:first-child *,
[data-testid="stTableStyledTable"] td:last-child * { white-space: nowrap; }
@media (max-width: 600px) {
  [data-testid="stTableStyledTable"] thead { display: none; }
  [data-testid="stTableStyledTable"], [data-testid="stTableStyledTable"] tbody,
  [data-testid="stTableStyledTable"] tr, [data-testid="stTableStyledTable"] td {
    display: block; width: 100% !important; min-width: 0 !important; box-sizing: border-box;
  }
  [data-testid="stTableStyledTable"] tr {
    border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.5rem; margin-bottom: 0.75rem;
  }
  [data-testid="stTableStyledTable"] td { border: none !important; padding: 0.2rem 0.6rem; }
  [data-testid="stTableStyledTable"] td * { white-space: normal !important; }
  /* below the header bar (its » opens the sidebar), not under it */
  [data-testid="stMainBlockContainer"] { padding: 3.75rem 0.75rem 1rem; }
  h1 { font-size: 1.6rem !important; padding-top: 0 !important; }
  /* a compact input: one line, and little blank space around it at the bottom of the screen */
  [data-testid="stChatInput"] textarea { min-height: 2.5rem !important; }
  [data-testid="stBottomBlockContainer"] { padding: 0.5rem 0.75rem 0.75rem !important; }
  .stMainBlockContainer, [data-testid="stMain"] { overflow-x: hidden; }
}
</style>"""


def main() -> None:
    if _loading is not None:
        _loading.empty()
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
    # Owners' pages first; the feedback review and knowledge administration are for the team.
    current = st.navigation(
        {
            "": [pages["chat"], pages["clients"]],
            text(ui, "nav_admin"): [pages["review"], pages["knowledge"]],
        }
    )
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
