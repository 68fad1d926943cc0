"""An owner fixes a damaged or old-version index from the UI, with no command line.

Each test builds the mini knowledge base's index in its own data dir (about a second),
damages it the way tests/test_bad_input.py does, and drives the real entry script.
"""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app.container import Container
from app.settings import INDEX_SCHEMA_VERSION
from tests.conftest import TODAY
from tests.helpers import MINI_KNOWLEDGE
from tests.ui_helpers import APP, answers, ask, button, open_page

BEIJING = "北京算力券的比例是多少"


pytestmark = pytest.mark.usefixtures("fresh_streamlit_cache")


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path) -> Path:
    """An up-to-date index of a private mini knowledge base, as an earlier run of the app left it."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(MINI_KNOWLEDGE, knowledge)
    monkeypatch.setenv("AIPACK_PATHS__KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", TODAY)
    Container().ingest.ingest()
    _forget_chroma_clients(isolated_data_dir)
    return isolated_data_dir


def _forget_chroma_clients(data_dir: Path) -> None:
    """The app is a new process in real life; in this one chromadb would reuse its cached client."""
    from chromadb.api.shared_system_client import SharedSystemClient

    for key in [k for k in SharedSystemClient._identifier_to_system if k.startswith(str(data_dir))]:
        SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)


def _old_schema(data_dir: Path) -> None:
    manifest = data_dir / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["schema_version"] = INDEX_SCHEMA_VERSION - 1
    manifest.write_text(json.dumps(data), encoding="utf-8")


def _garbage(data_dir: Path) -> None:
    database = data_dir / "chroma" / "chroma.sqlite3"
    database.write_bytes(random.Random(6).randbytes(database.stat().st_size))


def _truncated(data_dir: Path) -> None:
    (data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"")


DAMAGES: dict[str, Callable[[Path], None]] = {
    "old-schema": _old_schema,
    "garbage": _garbage,
    "truncated": _truncated,
}


def _errors(app: AppTest) -> str:
    return " ".join(e.value for e in app.error)


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_rebuild_button_on_the_error_screen_brings_the_chat_back(
    indexed: Path, damage: Callable[[Path], None]
):
    damage(indexed)
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert not app.exception, app.exception
    assert "知识库索引无法使用" in _errors(app)
    assert "aipack ingest" not in _errors(app), "owners are not sent to a terminal"
    assert any("技术细节" in c.value for c in app.caption), "the cause is still named"
    assert not app.chat_input, "no chat that could only fail"

    button(app, "重建索引").click().run()
    assert not app.exception, app.exception
    assert not app.error
    done = next(s.value for s in app.success if "索引已重建" in s.value)
    assert "新增" in done and "Added" not in done, "the summary speaks the interface language"
    ask(app, BEIJING)
    assert "20%" in answers(app)[0]
    if damage is _garbage:  # the unreadable files are kept aside, as with the CLI
        assert len(list(indexed.glob("chroma.unreadable-*"))) == 1


def test_saved_clients_stay_reachable_while_the_index_is_broken(indexed: Path):
    _old_schema(indexed)
    app = AppTest.from_file(APP, default_timeout=120).run()
    open_page(app, "clients")
    assert app.title[0].value == "客户与对话"
    assert "知识库索引无法使用" in _errors(app)
    assert [b.label for b in app.button if b.label == "重建索引"] == ["重建索引"]


def test_knowledge_page_names_the_problem_and_rebuilds(indexed: Path):
    _old_schema(indexed)
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["goto"] = "knowledge"
    app.run()
    assert not app.exception, app.exception
    assert app.title[0].value == "知识库"
    assert "索引维护" in [h.value for h in app.subheader]
    assert "知识库索引无法使用" in _errors(app)
    assert len([b for b in app.button if b.label == "重建索引"]) == 1, "one button, not one per panel"

    button(app, "重建索引").click().run()
    assert not app.exception, app.exception
    assert not app.error
    assert any("索引已重建" in s.value for s in app.success)
    assert app.title[0].value == "知识库", "the owner stays where they were"
    assert any("索引工作正常" in c.value for c in app.caption)
    chunks = app.dataframe[0].value["片段数"]
    assert all(int(n) > 0 for n in chunks), "every document is back in the index"


def test_a_healthy_index_can_be_rebuilt_from_the_knowledge_page_in_english(indexed: Path):
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["lang"] = "en"
    app.session_state["goto"] = "knowledge"
    app.run()
    assert any("The index is working" in c.value for c in app.caption)
    button(app, "Rebuild index").click().run()
    assert not app.exception, app.exception
    done = next(s.value for s in app.success if "The index was rebuilt" in s.value)
    assert "Added" in done and "新增" not in done


def test_a_rebuild_that_cannot_finish_says_why_and_keeps_the_button(indexed: Path, tmp_path: Path):
    _old_schema(indexed)
    funding = tmp_path / "knowledge" / "catalogue" / "funding.yaml"
    funding.write_text(funding.read_text(encoding="utf-8").replace("ratio: 0.2", "ratio: 1.5"), "utf-8")
    app = AppTest.from_file(APP, default_timeout=120).run()
    button(app, "重建索引").click().run()
    assert not app.exception, app.exception
    assert "bj-compute-voucher-2023" in _errors(app), "the entry to correct is named"
    assert "知识库索引无法使用" in _errors(app)
    assert not app.success
    button(app, "重建索引")  # still offered once the catalogue is corrected


def test_a_read_only_data_folder_is_named_and_no_rebuild_is_offered(indexed: Path):
    from tests.store_faults import read_only_folder

    with read_only_folder(indexed / "chroma"):
        app = AppTest.from_file(APP, default_timeout=120).run()
        assert not app.exception, app.exception
        assert "只读" in _errors(app) and "知识库索引无法使用" not in _errors(app)
        assert not [b for b in app.button if b.label == "重建索引"], "a rebuild cannot fix permissions"
    assert [p.name for p in indexed.iterdir() if p.name.startswith("chroma")] == ["chroma"]
