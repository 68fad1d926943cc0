"""A store that cannot be used: every page says which file and what to do, and the chat still answers.

The app runs over the shared index; only its store points at a bad location, built from the
real faults in tests/store_faults.py (a garbage file, a read-only folder).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.container import Container
from app.services.store import Store
from app.settings import Settings
from app.ui import state as ui_state
from tests.conftest import TODAY
from tests.store_faults import garbage_file, read_only_folder
from tests.ui_helpers import APP, answers, ask, button, open_page, responses

RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"
NOT_A_DATABASE = "不是可用的 aipack 数据文件"


pytestmark = pytest.mark.usefixtures("fresh_streamlit_cache")


def app_with_store(store_path: Path, shared: Container, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", TODAY)
    box = shared.derive(Settings())  # the warm shared index
    box.__dict__["store"] = Store(store_path, busy_timeout=0.2)
    monkeypatch.setattr(ui_state, "Container", lambda: box)
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert not app.exception, app.exception
    return app


@pytest.fixture
def garbage_store(tmp_path: Path) -> Path:
    return garbage_file(tmp_path / "store" / "aipack.sqlite3")


@pytest.fixture
def garbage_app(garbage_store: Path, shared_container: Container, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return app_with_store(garbage_store, shared_container, monkeypatch)


def shown(app: AppTest) -> str:
    """Every error and warning on the page and in the sidebar."""
    return " ".join(e.value for e in [*app.error, *app.warning])


def test_the_chat_answers_and_says_the_answer_was_not_saved(garbage_app: AppTest, garbage_store: Path):
    ask(garbage_app, RESTAURANT)
    assert "建议的AI赋能包" in answers(garbage_app)[0]
    assert "补贴政策" in answers(garbage_app)[0], "funding verdicts are shown as usual (in the summary)"
    assistant = " ".join(w.value for w in garbage_app.chat_message[1].warning)
    assert "未能保存到对话记录" in assistant
    assert str(garbage_store) in assistant and NOT_A_DATABASE in assistant
    assert "aipack.sqlite3.bad" in assistant, "the fix: move it aside"
    ask(garbage_app, "这些补贴怎么申请？")  # the conversation goes on
    assert responses(garbage_app)[-1]["intent"] == "how_to_apply"


@pytest.mark.parametrize(("page", "title"), [("clients", "客户与对话"), ("review", "反馈审阅")])
def test_store_pages_name_the_file_and_the_fix(garbage_app: AppTest, garbage_store: Path, page, title):
    open_page(garbage_app, page)
    assert garbage_app.title[0].value == title
    [error] = garbage_app.error
    assert str(garbage_store) in error.value and "移到别处" in error.value
    assert "sqlite3" not in error.value.replace("aipack.sqlite3", ""), "no raw sqlite3 wording"


def test_feedback_and_saving_a_client_report_the_problem(garbage_app: AppTest, garbage_store: Path):
    ask(garbage_app, RESTAURANT)
    garbage_app.feedback[0].set_value(1).run()
    button(garbage_app, "提交反馈").click().run()
    assert not garbage_app.exception, garbage_app.exception
    assert NOT_A_DATABASE in shown(garbage_app)
    assert not any("已记录反馈" in c.value for c in garbage_app.caption), "no thanks for lost feedback"

    garbage_app.text_input(key="client_name_input").set_value("杭州小馆")
    button(garbage_app, "保存为客户").click().run()
    assert not garbage_app.exception, garbage_app.exception
    assert NOT_A_DATABASE in " ".join(e.value for e in garbage_app.error)
    assert not garbage_app.success


def test_following_the_fix_brings_the_clients_page_back_without_a_restart(
    garbage_app: AppTest, garbage_store: Path
):
    open_page(garbage_app, "clients")
    assert garbage_app.error
    garbage_store.rename(garbage_store.with_name("aipack.sqlite3.bad"))
    garbage_app.run()
    assert not garbage_app.error
    assert any("还没有保存的客户" in i.value for i in garbage_app.info)


def test_a_read_only_folder_is_named_and_the_chat_still_answers(
    tmp_path: Path, shared_container: Container, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "readonly"
    with read_only_folder(folder):
        app = app_with_store(folder / "aipack.sqlite3", shared_container, monkeypatch)
        ask(app, "上海的算力券补贴比例是多少？")
        assert "[1]" in answers(app)[0]
        assert "无法打开或写入" in shown(app) and f"`{folder}`" in shown(app)
        open_page(app, "clients")
        assert "无法打开或写入" in app.error[0].value and "AIPACK_PATHS__DATA_DIR" in app.error[0].value


def test_the_message_follows_the_interface_language(garbage_app: AppTest, garbage_store: Path):
    garbage_app.sidebar.radio(key="lang").set_value("en").run()
    open_page(garbage_app, "review")
    [error] = garbage_app.error
    assert "is not a usable aipack data file" in error.value and "aipack.sqlite3.bad" in error.value
