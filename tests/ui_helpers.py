"""Helpers shared by the AppTest modules: run the real entry script and read what a user sees."""

from __future__ import annotations

import re
from typing import Any

from streamlit.testing.v1 import AppTest

from app.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app" / "ui" / "streamlit_app.py")
HAN = re.compile(r"[\u3400-\u9fff]")
# Chinese an English reader may meet only after this label (a quote, the catalogue's own wording), to the line's end.
ORIGINAL = re.compile(r"\(original text, in Chinese\)[^\n]*")


def chinese_outside_originals(text: str) -> list[str]:
    """Lines of an English answer that still carry Chinese the reader was not told is an original."""
    return [line for line in ORIGINAL.sub("", text).splitlines() if HAN.search(line)]


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
