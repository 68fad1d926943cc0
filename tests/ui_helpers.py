"""Helpers shared by the AppTest modules: run the real entry script and read what a user sees."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

# Chinese an English reader may meet only as a labelled original or a name's original in parentheses.
from app.catalogue.english import chinese_outside_originals as chinese_outside_originals
from app.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app" / "ui" / "streamlit_app.py")


def ask(app: AppTest, message: str) -> AppTest:
    app.chat_input[0].set_value(message).run()
    assert not app.exception, app.exception
    return app


def answers(app: AppTest) -> list[str]:
    return [m.markdown[0].value for m in app.chat_message if m.name == "assistant"]


def responses(app: AppTest) -> list[dict[str, Any]]:
    return [m["response"] for m in app.session_state["messages"] if m.get("response")]


def button(app: AppTest, label: str) -> Any:
    matches = [b for b in app.button if b.label == label]
    assert matches, f"no button {label!r} among {[b.label for b in app.button]}"
    return matches[0]


def open_page(app: AppTest, name: str) -> AppTest:
    app.session_state["goto"] = name
    app.run()
    assert not app.exception, app.exception
    return app
