"""The container (one per process) and the per-browser-session chat state.

Session state keys:
- `lang`: interface language ("zh"/"en"), owned by the sidebar switch.
- `session_id`: the conversation id in the store (the advisor keeps no session of its own for the UI).
- `advisor_state`: the advisor's state after the last turn (profile, pack, recent turns), as saved
  with the conversation; a reopened conversation starts from its saved state.
- `messages`: [{"role", "content", "response"?, "question"?}] shown on the chat page.
- `pending`: a question queued by a button or the profile form; asked on the next run of the chat page.
- `profile_override`: a `CompanyProfile` passed as `profile=` with the next question.
- `profile_sync`: a profile (dict) the sidebar form copies into its fields before it is drawn.
- `client_id`, `client_name`: the saved client this conversation belongs to, if any.
- `goto`: a page name the entry script switches to.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from app.advisor.contract import Lang
from app.advisor.understand.profile import CompanyProfile
from app.container import Container, configure_process
from app.errors import AipackError
from app.ui.texts import describe_error

T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def get_container() -> Container:
    box = Container()
    configure_process(box.settings)  # once per process, with the container
    return box


@st.cache_resource(show_spinner=False)
def warm_up(_box: Container) -> bool:
    """Load the models once per process so the first question answers quickly."""
    try:
        _box.advisor.warm_up()
    except AipackError:
        return False  # the page already shows index problems; the first question will report them
    return True


def init_state() -> None:
    defaults: dict[str, Any] = {
        "lang": "zh",
        "session_id": uuid.uuid4().hex[:12],
        "messages": [],
        "advisor_state": None,
        "client_id": None,
        "client_name": "",
        "feedback_sent": set(),
    }
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value
    # A run that switches page stops before the sidebar draws the language switch, and Streamlit
    # drops the state of widgets a run did not draw: owning the key keeps English across pages.
    st.session_state["lang"] = st.session_state["lang"]


def lang() -> Lang:
    return "en" if st.session_state.get("lang") == "en" else "zh"


def store_action(change: Callable[[], object]) -> bool:
    """A store change a button asked for: True when done; a failure is shown on the next run."""
    try:
        change()
    except AipackError as exc:
        st.session_state["action_error"] = describe_error(lang(), exc)
        return False
    return True


def read_store(read: Callable[[], T]) -> T | None:
    """What a page shows from the store, or None after saying which file failed and the fix."""
    try:
        return read()
    except AipackError as exc:
        st.error(describe_error(lang(), exc))
        return None


def ask_next(question: str, profile: CompanyProfile | None = None) -> None:
    """Queue a question (button callbacks): the chat page asks it on the next run."""
    st.session_state["pending"] = question
    if profile is not None:
        st.session_state["profile_override"] = profile
    st.session_state["goto"] = "chat"


def start_conversation(
    *,
    messages: list[dict[str, Any]] | None = None,
    session_id: str | None = None,
    profile: dict[str, Any] | None = None,
    client_id: str | None = None,
    client_name: str = "",
    advisor_state: dict[str, Any] | None = None,
) -> None:
    """Replace the chat with a new or reopened conversation; `profile` fills the form and the next turn."""
    st.session_state["session_id"] = session_id or uuid.uuid4().hex[:12]
    st.session_state["advisor_state"] = advisor_state
    st.session_state["messages"] = messages or []
    st.session_state["client_id"] = client_id
    st.session_state["client_name"] = client_name
    st.session_state.pop("pending", None)
    st.session_state.pop("profile_override", None)
    st.session_state["profile_sync"] = profile or {}
    if profile:
        st.session_state["profile_override"] = profile_from_dict(profile)
    st.session_state["goto"] = "chat"


def profile_from_dict(data: dict[str, Any]) -> CompanyProfile:
    fields = CompanyProfile.model_fields
    return CompanyProfile.model_validate({k: v for k, v in data.items() if k in fields})
