"""The chat page answers from the shared index (Streamlit AppTest, in-process)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app" / "ui" / "streamlit_app.py")


@pytest.fixture(autouse=True)
def fresh_streamlit_cache():
    # st.cache_resource is process-global and would leak a container between tests.
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_chat_page_quotes_evidence_for_a_policy_question(shared_container):
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert not app.exception
    app.chat_input[0].set_value("AI专项资金支持中小企业采购什么？").run()
    assert [m.name for m in app.chat_message] == ["user", "assistant"]
    answer = app.chat_message[1].markdown[0].value
    assert "AI專項資金" in answer and "[1]" in answer


def test_chat_page_says_when_there_is_no_evidence(shared_container):
    app = AppTest.from_file(APP, default_timeout=60).run()
    app.chat_input[0].set_value("今天上海天气怎么样？").run()
    assert "没有找到足够相关的依据" in app.chat_message[1].markdown[0].value
