"""Every page and flow of the Streamlit app, in-process with `streamlit.testing.v1.AppTest`.

Chat tests answer from the shared index with today's date pinned; knowledge tests work
on a private copy of tests/data/mini_knowledge, never on the repo's knowledge/ folder.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from app.container import Container
from app.services.store import Store
from app.settings import Settings
from app.text.normalize import is_traditional, to_simplified
from app.ui import state as ui_state
from tests.conftest import TODAY
from tests.helpers import MINI_KNOWLEDGE
from tests.ui_helpers import APP, answers, ask, button, chinese_outside_originals, open_page, responses

RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"


pytestmark = pytest.mark.usefixtures("fresh_streamlit_cache")


@pytest.fixture
def app_container(shared_container: Container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Container:
    """What the app gets from `get_container()`: the warm shared index, today pinned, a private store."""
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", TODAY)
    settings = Settings()
    assert settings.paths.data_dir == shared_container.settings.paths.data_dir
    box = shared_container.derive(settings)  # reuse the loaded e5, jieba and chunk table
    box.__dict__["store"] = Store(tmp_path / "store" / "aipack.sqlite3")  # no test sees another's rows
    monkeypatch.setattr(ui_state, "Container", lambda: box)
    return box


@pytest.fixture
def chat_app(app_container: Container) -> AppTest:
    return AppTest.from_file(APP, default_timeout=120).run()


@pytest.fixture
def knowledge_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(MINI_KNOWLEDGE, knowledge)
    monkeypatch.setenv("AIPACK_PATHS__KNOWLEDGE_DIR", str(knowledge))
    return knowledge


# ---------------------------------------------------------------- chat


def test_first_visit_offers_starter_questions_without_technical_labels(chat_app: AppTest):
    assert not chat_app.exception
    assert chat_app.title[0].value == "AI赋能包顾问"
    labels = [b.label for b in chat_app.button]
    assert "上海的算力券补贴比例是多少？" in labels
    assert any(label.isascii() for label in labels), "an English starter"
    shown = " ".join([*(c.value for c in chat_app.caption), *(c.value for c in chat_app.sidebar.caption)])
    assert "规则引擎" not in shown and "模式" not in shown, (
        "the engine is the team's business, not the owner's"
    )
    assert "国标" not in " ".join(s.label for s in chat_app.selectbox)


def test_a_traditional_quote_reads_in_simplified_with_the_original_a_toggle_away():
    """Issue 14: quotes kept the source's traditional characters; the published text stays one click away."""
    from app.ui.components import reader_quote

    quote = "同步，探索面向中小企業推出“AI賦能包”"
    assert reader_quote(quote, "zh", originals=False) == "同步，探索面向中小企业推出“AI赋能包”"
    assert reader_quote(quote, "zh", originals=True) == quote
    assert "original text, in Chinese" in reader_quote(quote, "en", originals=False)


def test_the_sources_show_a_traditional_quote_in_simplified_and_the_original_when_toggled(chat_app: AppTest):
    """Issue 14: a simplified reader gets the quote converted; the published text is one toggle away."""
    ask(chat_app, "全国政协委员贺晗关于AI大模型应用场景提了哪些建议？")
    response = responses(chat_app)[0]
    traditional = [c for c in response["citations"] if is_traditional(c["quote"])]
    assert traditional, [c["quote"][:30] for c in response["citations"]]
    sources = _expander(chat_app.chat_message[1], "引用来源")
    shown = " ".join(m.value for m in sources.markdown)
    assert to_simplified(traditional[0]["quote"])[:20] in shown
    assert traditional[0]["quote"][:20] not in shown, "simplified by default"
    chat_app.toggle(key=f"originals_{response['id']}").set_value(True).run()
    sources = _expander(chat_app.chat_message[1], "引用来源")
    assert traditional[0]["quote"][:20] in " ".join(m.value for m in sources.markdown), (
        "the original, toggled"
    )


def _expander(message: Any, label: str) -> Any:
    return next(e for e in message.expander if e.label.startswith(label))


def test_ask_streams_a_brief_answer_with_folded_details_and_citations(
    chat_app: AppTest, app_container: Container
):
    ask(chat_app, RESTAURANT)
    assert [m.name for m in chat_app.chat_message] == ["user", "assistant"]
    response = responses(chat_app)[0]
    assistant = chat_app.chat_message[1]
    brief = assistant.markdown[0].value
    assert "建议的AI赋能包" in brief and "首年净投入" in brief
    # Each solution and each program is shown once before the details: no cards or table repeating them.
    for solution in response["solutions"]:
        assert brief.count(solution["name"]) == 1, solution["name"]
    listed = "\n".join(line for line in brief.splitlines() if line.startswith("- "))
    shown = [p for p in response["funding"] if p["listed"]]  # judged but not written out: listed false
    assert shown
    for program in shown:  # a deadline notice above the list may name one too
        assert listed.count(program["name"].split("（")[0]) == 1, program["name"]
    assert not assistant.table, "the funding verdicts are in the brief already"
    # Verdict marks are Material icons on screen: without a colour-emoji font ❔ is an empty box (issue 14).
    assert not set("✅❔❌⏰") & set(brief), brief
    assert ":material/help:" in brief, "the restaurant's to-confirm program keeps its mark"
    details = _expander(assistant, "详细说明")
    folded = " ".join(m.value for m in details.markdown)
    assert "您的情况" in folded and "下一步" in folded, "profile, conditions and steps behind the expander"
    assert "您的情况" not in brief and "下一步" not in brief
    expander = _expander(assistant, "引用来源")
    sources = " ".join(m.value for m in expander.markdown)
    first = response["citations"][0]
    assert f"[{first['n']}] {first['title']}" in sources and first["quote"][:20] in sources
    documents = {d.doc_id: d for d in app_container.knowledge.summary().documents}
    # Since issue 11 a pack cites its catalogue entries; the generic policy quote comes only when asked about policy.
    known = set(documents) | {s.id for s in app_container.advisor.catalogue.solutions}
    known |= {p.id for p in app_container.advisor.catalogue.funding}
    assert all(c["source"] in known for c in response["citations"]), "every citation has a source we hold"
    policy = [c for c in response["citations"] if c["source"] in documents]
    for citation in policy:  # publisher and date come from the knowledge summary
        document = documents[citation["source"]]
        assert f"{citation['title']}** · {document.publisher} · {document.published}" in sources
    urls = {f["id"]: f["source_url"] for f in response["funding"]}
    assert any(urls[c["source"]] in sources for c in response["citations"] if c["source"] in urls)
    assert not chat_app.warning, "evidence was found"
    # persisted: one conversation with the question and the answer (response JSON)
    conversation = app_container.store.conversations()[0]
    messages = app_container.store.messages(conversation.id)
    assert [m.role for m in messages] == ["user", "assistant"]
    assert messages[1].response is not None and messages[1].response["id"] == response["id"]
    # the profile form was filled from the answer
    state = chat_app.session_state
    assert (state["pf_industry"], state["pf_city"], state["pf_employees"], state["pf_budget"]) == (
        "H",
        "杭州",
        20,
        3.0,
    )


def test_follow_up_suggestion_asks_the_next_question(chat_app: AppTest):
    ask(chat_app, RESTAURANT)
    button(chat_app, "这些补贴怎么申请？").click().run()
    assert not chat_app.exception
    assert [m.name for m in chat_app.chat_message] == ["user", "assistant"] * 2
    latest = responses(chat_app)[-1]
    assert latest["intent"] == "how_to_apply"
    assert "申请方式" in answers(chat_app)[-1]


def test_starter_button_asks_it(chat_app: AppTest):
    button(chat_app, "上海的算力券补贴比例是多少？").click().run()
    assert not chat_app.exception
    assert chat_app.chat_message[0].markdown[0].value == "上海的算力券补贴比例是多少？"
    assert responses(chat_app)[0]["intent"] == "policy_question"
    assert "[1]" in answers(chat_app)[0], "the quoted evidence is cited"
    assert any(e.label.startswith("引用来源") for e in chat_app.chat_message[1].expander)
    assert [b.label for b in chat_app.get("download_button")] == ["导出 Markdown", "导出 Word", "导出 PDF"]
    assert "那杭州呢？" in [b.label for b in chat_app.button]


def test_clarify_asks_for_what_is_missing(chat_app: AppTest):
    ask(chat_app, "推荐AI方案")
    response = responses(chat_app)[0]
    assert response["clarifying_questions"]
    answer = answers(chat_app)[0]
    assert all(q in answer for q in response["clarifying_questions"])
    assert not chat_app.chat_message[1].table, "no pack before the profile is known"
    assert not [b for b in chat_app.button if b.key and b.key.startswith("next_")], "no follow-ups"
    assert not chat_app.get("download_button"), "nothing to export yet"


def test_an_out_of_scope_reply_carries_no_evidence_banner(chat_app: AppTest):
    ask(chat_app, "今天上海天气怎么样？")
    assert responses(chat_app)[0]["intent"] == "out_of_scope"
    assert not any("未找到可靠依据" in w.value for w in chat_app.warning), "a banner over nothing"


def test_profile_edit_reruns_the_recommendation_with_the_edited_profile(chat_app: AppTest):
    form = chat_app  # the profile panel sits on the chat page, reachable on a phone
    form.selectbox(key="pf_industry").set_value("C")
    form.text_input(key="pf_province").set_value("江苏")
    form.text_input(key="pf_city").set_value("苏州")
    form.number_input(key="pf_employees").set_value(80)
    form.number_input(key="pf_budget").set_value(10.0)
    form.text_area(key="pf_pain_points").set_value("设备老坏\n质检靠人工")
    button(chat_app, "更新推荐").click().run()
    assert not chat_app.exception
    assert chat_app.chat_message[0].markdown[0].value == "请根据更新后的资料重新推荐"
    response = responses(chat_app)[0]
    assert response["intent"] == "recommend_pack" and response["solutions"]
    profile = response["profile"]
    assert (profile["industry"], profile["city"], profile["employees"], profile["budget_cny"]) == (
        "C",
        "苏州",
        80,
        100_000,
    )
    assert "设备老坏" in profile["pain_points"]
    assert "补贴政策" in chat_app.chat_message[1].markdown[0].value, "funding verdicts for the edited profile"
    # a second edit wins over the first
    chat_app.number_input(key="pf_employees").set_value(500)
    button(chat_app, "更新推荐").click().run()
    assert responses(chat_app)[-1]["profile"]["employees"] == 500
    assert chat_app.session_state["pf_employees"] == 500


def test_export_buttons_offer_markdown_docx_and_pdf(chat_app: AppTest, monkeypatch: pytest.MonkeyPatch):
    served: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self: Any, data: Any, mimetype: str, kind: Any, filename: str | None = None) -> str:
        if isinstance(data, bytes) and filename:
            served[filename] = data
        return original(self, data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    ask(chat_app, RESTAURANT)
    labels = [b.label for b in chat_app.get("download_button")]
    assert labels == ["导出 Markdown", "导出 Word", "导出 PDF"]
    response_id = responses(chat_app)[0]["id"]
    markdown = served[f"aipack-advice-{response_id}.md"].decode("utf-8")
    assert markdown.startswith("# AI赋能包建议书")
    for section in ("摘要", "详细说明", "方案与费用", "补贴政策判断", "申请步骤", "引用来源"):
        assert f"## {section}" in markdown
    assert "- 1." not in markdown and "回答全文" not in markdown  # no double numbering, no repeated answer
    docx = served[f"aipack-advice-{response_id}.docx"]
    assert docx[:2] == b"PK" and len(docx) > 5000
    assert served[f"aipack-advice-{response_id}.pdf"].startswith(b"%PDF")


def test_feedback_is_stored_and_shown_on_the_review_page(chat_app: AppTest, app_container: Container):
    ask(chat_app, RESTAURANT)
    response = responses(chat_app)[0]
    chat_app.feedback[0].set_value(0).run()  # 👎
    chat_app.selectbox(key=f"fb_{response['id']}_reason").set_value("missing_program")
    chat_app.text_input(key=f"fb_{response['id']}_comment").set_value("漏了杭州的上云券")
    button(chat_app, "提交反馈").click().run()
    assert not chat_app.exception
    assert any("已记录反馈" in c.value for c in chat_app.caption)
    rows = app_container.store.feedback()
    assert len(rows) == 1
    row = rows[0]
    assert (row.rating, row.reason, row.comment, row.question) == (
        -1,
        "missing_program",
        "漏了杭州的上云券",
        RESTAURANT,
    )
    assert row.retrieved_ids == [c["chunk_id"] for c in response["citations"]]
    assert row.settings_version == app_container.settings.version
    open_page(chat_app, "review")
    assert chat_app.title[0].value == "反馈审阅"
    table = chat_app.dataframe[0].value
    assert list(table["评价"]) == ["👎"] and list(table["原因"]) == ["遗漏政策"]
    assert list(table["问题"]) == [RESTAURANT]


def test_language_switch_changes_the_interface(chat_app: AppTest):
    chat_app.sidebar.radio(key="lang").set_value("en").run()
    assert chat_app.title[0].value == "AI enablement pack advisor"
    assert "Update" in [b.label for b in chat_app.button]
    ask(chat_app, "Which subsidies can a 15-person AI startup in Shenzhen get?")
    assert responses(chat_app)[0]["language"] == "en"
    assistant = chat_app.chat_message[1]
    assert any(e.label.startswith("Sources") for e in assistant.expander)
    # Everything the English reader sees is English, Chinese only where labelled as the original text.
    shown = "\n".join(m.value for m in assistant.markdown)
    shown += "\n".join(m.value for e in assistant.expander for m in e.markdown)
    assert "Shenzhen, Guangdong" in shown
    assert not chinese_outside_originals(shown), chinese_outside_originals(shown)[:5]


def test_the_sidebar_lists_recent_conversations_with_distinct_titles(app_container: Container):
    """Five conversations that start alike were titled identically (issue 14): (1), (2)… tell them apart."""
    for _ in range(3):
        app_container.store.create_conversation("我们是苏州一家五金厂")
    app_container.store.create_conversation("上海的算力券补贴比例是多少？")
    app = AppTest.from_file(APP, default_timeout=120).run()
    recent = [b.label for b in app.sidebar.button if b.key and b.key.startswith("recent_")]
    assert len(recent) == 4 and len(set(recent)) == 4, recent
    assert {"我们是苏州一家五金厂 (1)", "我们是苏州一家五金厂 (3)", "上海的算力券补贴比例是多少？"} <= set(
        recent
    )
    open_page(app, "clients")
    shown = " ".join(m.value for m in app.markdown) + " ".join(b.label for b in app.button)
    assert "我们是苏州一家五金厂 (2)" in shown, "the clients page uses the same distinct titles"


def test_new_conversation_clears_the_chat_and_the_form(chat_app: AppTest):
    ask(chat_app, RESTAURANT)
    first_session = chat_app.session_state["session_id"]
    button(chat_app, "新对话").click().run()
    assert not chat_app.chat_message
    assert chat_app.session_state["session_id"] != first_session
    assert chat_app.session_state["pf_city"] == "" and chat_app.session_state["pf_industry"] is None


def test_clients_save_reopen_and_delete(chat_app: AppTest, app_container: Container):
    ask(chat_app, RESTAURANT)
    button(chat_app, "保存为客户").click().run()  # no name yet: nothing saved as "未命名客户"
    assert any("请先填写客户名称" in w.value for w in chat_app.warning)
    assert not app_container.store.clients()
    chat_app.text_input(key="client_name_input").set_value("杭州小馆")
    button(chat_app, "保存为客户").click().run()
    assert any("已保存客户" in s.value for s in chat_app.success)
    [client] = app_container.store.clients()
    assert client.name == "杭州小馆" and client.profile["city"] == "杭州"
    assert app_container.store.conversations(client.id), "the open conversation is filed under the client"

    button(chat_app, "新对话").click().run()
    open_page(chat_app, "clients")
    assert "杭州小馆" in [m.value.strip("# ") for m in chat_app.markdown]
    button(chat_app, "打开").click().run()
    assert not chat_app.exception
    assert chat_app.title[0].value == "AI赋能包顾问", "back on the chat page"
    assert [m.name for m in chat_app.chat_message] == ["user", "assistant"]
    assert chat_app.session_state["pf_city"] == "杭州"
    # the reopened conversation goes on from its saved state, with the client's profile
    ask(chat_app, "这些补贴怎么申请？")
    latest = responses(chat_app)[-1]
    assert latest["intent"] == "how_to_apply" and latest["profile"]["city"] == "杭州"
    [conversation] = app_container.store.conversations(client.id)
    assert len(app_container.store.messages(conversation.id)) == 4

    open_page(chat_app, "clients")
    assert "删除" not in [b.label for b in chat_app.button], "delete opens a question, it does not delete"
    confirm = [b for b in chat_app.button if b.label == "确认删除"]
    assert len(confirm) == 2, "one confirmation per conversation and per client"
    confirm[-1].click().run()  # the conversation's
    assert not app_container.store.conversations(client.id)
    button(chat_app, "确认删除").click().run()  # the client's
    assert not app_container.store.clients()
    assert any("还没有保存的客户" in i.value for i in chat_app.info)


class CountingStore(Store):
    """The app's real store, counting its write transactions."""

    writes = 0

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.writes += 1
        with super()._transaction() as db:
            yield db


def test_a_turn_is_saved_once_in_the_conversation_store(
    app_container: Container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    store = CountingStore(tmp_path / "counted" / "aipack.sqlite3")
    monkeypatch.setitem(app_container.__dict__, "store", store)
    app = AppTest.from_file(APP, default_timeout=120).run()
    ask(app, RESTAURANT)
    assert store.writes == 1, "question, answer and advisor state in one write"
    ask(app, "这些方案要多少钱？")  # a follow-up reads the pack saved with the first turn
    assert store.writes == 2
    assert responses(app)[-1]["intent"] == "cost_estimate"
    sessions = app_container.advisor.sessions.file
    assert sessions is not None and sessions.get(app.session_state["session_id"]) is None, (
        "the advisor keeps no second copy of a UI conversation"
    )
    [conversation] = store.conversations()
    assert len(store.messages(conversation.id)) == 4
    assert (store.conversation_state(conversation.id) or {})["profile"]["city"] == "杭州"
    open_page(app, "clients")
    assert conversation.title in " ".join(m.value for m in app.markdown), "the clients page lists it"


# ---------------------------------------------------------------- knowledge


@pytest.fixture
def knowledge_app(knowledge_dir: Path) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["goto"] = "knowledge"
    app.run()
    assert not app.exception, app.exception
    return app


def document_titles(app: AppTest) -> list[str]:
    return list(app.dataframe[0].value["标题"])


def test_knowledge_page_lists_documents_and_counts(knowledge_app: AppTest):
    assert knowledge_app.title[0].value == "知识库"
    metrics = {m.label: m.value for m in knowledge_app.metric}
    assert metrics["政策文档"] == "2"
    assert int(metrics["方案条目"]) > 0 and int(metrics["补贴政策条目"]) > 0
    assert metrics["最近入库"] != "尚未入库"
    assert "中小企业算力券试点说明" in document_titles(knowledge_app)
    table = knowledge_app.dataframe[0].value
    assert table.loc[table["标题"] == "中小企业算力券试点说明", "发布单位"].item() == "测试市经信局"
    assert int(table.loc[table["标题"] == "中小企业算力券试点说明", "片段数"].item()) > 0


def test_upload_adds_a_document_to_the_index(knowledge_app: AppTest):
    content = "水产养殖数字化补贴\n对购置水质监测设备的养殖户给予30%补贴。\n".encode()
    knowledge_app.file_uploader[0].upload("gamma.txt", content, "text/plain").run()
    button(knowledge_app, "加入知识库").click().run()
    assert not knowledge_app.exception
    assert any("已加入 gamma.txt" in s.value for s in knowledge_app.success)
    # The title is the document's own heading, not the file name.
    assert "水产养殖数字化补贴" in document_titles(knowledge_app)
    assert Container().retrieval.search("水产养殖数字化补贴").hits[0].source == "gamma"
    knowledge_app.run()
    assert "水产养殖数字化补贴" in document_titles(knowledge_app)


def test_upload_takes_title_from_the_file_and_details_from_the_user(
    knowledge_app: AppTest, knowledge_dir: Path
):
    from app.corpus.documents import load_metadata

    content = "关于印发数据券实施细则的通知\n对购买数据服务的企业给予20%补贴。\n".encode()
    knowledge_app.file_uploader[0].upload("delta.txt", content, "text/plain").run()
    knowledge_app.text_input(key="doc_publisher").input("某市数据局").run()
    knowledge_app.text_input(key="doc_valid_until").input("2027-06-30").run()
    button(knowledge_app, "加入知识库").click().run()
    assert not knowledge_app.exception
    meta = load_metadata(knowledge_dir / "policies")["delta"]
    assert (meta.title, meta.publisher, meta.valid_until) == (
        "关于印发数据券实施细则的通知",
        "某市数据局",
        "2027-06-30",
    )
    assert meta.uploaded
    assert "关于印发数据券实施细则的通知" in document_titles(knowledge_app)


def test_unreadable_upload_is_refused_with_a_message(knowledge_app: AppTest, knowledge_dir: Path):
    knowledge_app.file_uploader[0].upload("broken.pdf", b"%PDF-1.4 truncated garbage", "application/pdf")
    knowledge_app.run()
    button(knowledge_app, "加入知识库").click().run()
    assert not knowledge_app.exception
    assert any("broken.pdf" in e.value for e in knowledge_app.error)
    assert not (knowledge_dir / "policies" / "broken.pdf").exists()
    assert len(document_titles(knowledge_app)) == 2


def test_an_upload_with_a_too_long_or_colliding_name_is_refused_with_a_message(
    knowledge_app: AppTest, knowledge_dir: Path
):
    """Issue 15 item 10: no raw OSError and no silent replacement, as the owner sees it on the page."""
    body = "餐饮企业数字化转型补贴政策：对中小餐饮企业采购智能点餐系统给予30%补贴。".encode() * 20
    knowledge_app.file_uploader[0].upload("政" * 100 + ".txt", body, "text/plain")
    knowledge_app.run()
    button(knowledge_app, "加入知识库").click().run()
    assert not knowledge_app.exception
    assert any("too long" in e.value or "太长" in e.value for e in knowledge_app.error), knowledge_app.error
    existing = next(p for p in (knowledge_dir / "policies").iterdir() if p.suffix in (".txt", ".md"))
    before = existing.read_bytes()
    knowledge_app.file_uploader[0].upload(existing.name, body, "text/plain")
    knowledge_app.run()
    button(knowledge_app, "加入知识库").click().run()
    assert not knowledge_app.exception and knowledge_app.error
    assert existing.read_bytes() == before  # never replaced silently
    assert len(document_titles(knowledge_app)) == 2


def test_delete_removes_a_document_and_its_chunks(knowledge_dir: Path):
    (knowledge_dir / "policies" / "dropme.txt").write_text(
        "渔船北斗终端补贴说明\n对安装北斗终端的渔船给予一次性补贴。\n", encoding="utf-8"
    )
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["goto"] = "knowledge"
    app.run()
    assert "dropme" in document_titles(app)
    assert Container().retrieval.search("渔船北斗终端补贴").hits[0].source == "dropme"
    app.selectbox(key="delete_doc_0").set_value("dropme").run()
    assert "删除并更新索引" not in [b.label for b in app.button], "it asks first"
    assert "dropme" in document_titles(app)
    button(app, "确认删除").click().run()
    assert not app.exception
    assert "dropme" not in document_titles(app)
    assert not (knowledge_dir / "policies" / "dropme.txt").exists()
    hits = Container().retrieval.search("渔船北斗终端补贴").hits
    assert all(hit.source != "dropme" for hit in hits)


def test_catalogue_validation_errors_are_shown(knowledge_dir: Path):
    funding = knowledge_dir / "catalogue" / "funding.yaml"
    funding.write_text(
        funding.read_text(encoding="utf-8").replace("ratio: 0.2", "ratio: 1.5"), encoding="utf-8"
    )
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["goto"] = "knowledge"
    app.run()
    assert not app.exception
    errors = " ".join(e.value for e in app.error)
    assert "bj-compute-voucher-2023" in errors and "benefit.ratio" in errors
    assert "Traceback" not in errors


def test_english_stays_on_after_moving_to_another_page(chat_app: AppTest):
    chat_app.sidebar.radio(key="lang").set_value("en").run()
    open_page(chat_app, "review")
    assert chat_app.title[0].value == "Feedback review"
    open_page(chat_app, "chat")
    assert chat_app.title[0].value == "AI enablement pack advisor"


def _render_llm_answer(payload: str) -> None:
    """An app page showing one LLM-worded answer (AppTest runs this function as a script)."""
    from app.advisor.contract import AdviceResponse
    from app.ui.components import render_response
    from app.ui.state import get_container

    render_response(get_container(), AdviceResponse.model_validate_json(payload))


def test_an_llm_answer_shows_cards_and_table_folded_so_nothing_is_said_twice(
    chat_app: AppTest, app_container: Container
):
    """The LLM's prose names each solution and program; the cards and the table are its details."""
    ask(chat_app, RESTAURANT)
    offline = responses(chat_app)[0]
    assert offline["solutions"] and offline["funding"]
    brief = offline["answer"].split("详细说明")[0]
    llm = {**offline, "mode": "llm", "answer": brief}  # an LLM answer has no details heading
    app = AppTest.from_function(
        _render_llm_answer, args=(json.dumps(llm, ensure_ascii=False),), default_timeout=60
    ).run()
    assert not app.exception
    details = [e for e in app.expander if e.label.startswith("详细说明")]
    assert details, "cards and table folded under the details"
    assert details[0].table, "the funding table is inside the details"
    assert len(app.table) == len(details[0].table), "no table outside the details"
