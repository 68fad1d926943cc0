"""Issue 6's bad-input matrix through the `aipack` entry point: a message naming the problem and the fix.

Awkward messages, undecodable batch lines, missing / corrupt / old indexes, broken
catalogues and unreadable documents. Index and knowledge cases run on a private copy
of tests/data/mini_knowledge; the repository's knowledge/ is never touched.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfWriter

from app.cli import main
from app.settings import INDEX_SCHEMA_VERSION
from tests.helpers import MINI_KNOWLEDGE, mini_container
from tests.pdf_maker import text_pdf

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def _strict_json(text: str) -> Any:
    return json.loads(text, parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"))


# ----------------------------------------------------------------- awkward messages


@pytest.fixture
def ask(shared_container, monkeypatch: pytest.MonkeyPatch):
    """`aipack ask MESSAGE --json` over the shared index, parsed."""
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", "2026-11-23")

    def run(message: str, *extra: str) -> tuple[Result, dict[str, Any]]:
        result = CliRunner().invoke(main, ["ask", message, "--json", *extra])
        _no_traceback(result)
        assert result.exit_code == 0, result.output
        return result, _strict_json(result.stdout)

    return run


@pytest.mark.parametrize("message", ["", " ", "  \t\n\u3000 "], ids=["empty", "space", "whitespace"])
def test_empty_message_asks_for_a_question(ask, message: str):
    _, response = ask(message)
    assert response["answer"] == "请输入您的问题，或简单介绍一下您的企业。"
    assert response["solutions"] == [] and response["funding"] == []


def test_a_50000_character_message_is_answered_from_its_start_with_a_notice(ask):
    message = "我们是杭州一家20人的餐厅，年营收800万，预算3万，想解决备货不准的问题。" * 1400
    message = message[:50_000]
    _, response = ask(message)
    assert response["intent"] == "recommend_pack"
    assert response["profile"]["city"] == "杭州" and response["profile"]["employees"] == 20
    assert response["solutions"]
    assert any("50000" in n and "4000" in n for n in response["notices"]), response["notices"]
    human = CliRunner().invoke(main, ["ask", message])  # the text output says it too
    _no_traceback(human)
    assert human.exit_code == 0 and "⚠️ " + response["notices"][0] in human.stdout


def test_control_characters_are_ignored_and_never_echoed(ask):
    message = "\x1b[31m上海\x00的模型券\x07最高\x08补贴多少？\x1b[0m\x7f"
    _, response = ask(message)
    # Answered as the clean question would be: the program named, with its published cap.
    assert response["intent"] in {"policy_question", "funding_eligibility"}
    assert "模型券" in response["answer"] and "500万" in response["answer"]
    for text in (response["answer"], json.dumps(response["profile"], ensure_ascii=False)):
        assert not _CONTROL.search(text)


@pytest.mark.parametrize("message", ["😀😀😀", "👨‍👩‍👧🇨🇳❤️", "🙏"])
def test_emoji_only_message_gets_a_polite_answer(ask, message: str):
    _, response = ask(message)
    assert response["intent"] in ("smalltalk", "out_of_scope")
    assert len(response["answer"]) > 10
    assert response["funding"] == []


def test_invalid_utf8_in_the_argument_is_replaced_not_a_crash(ask):
    # A terminal that sends GBK (or broken) bytes: Python keeps them as lone surrogates.
    gbk_bytes = "杭州".encode("gbk").decode("utf-8", errors="surrogateescape")
    result, response = ask(f"{gbk_bytes}算力券\udcff比例是多少")
    assert response["answer"].strip()
    result.stdout.encode("utf-8")  # what was printed is valid UTF-8
    human = CliRunner().invoke(main, ["ask", "\udcff\udcfe"])
    _no_traceback(human)
    assert human.exit_code == 0 and human.stdout.strip()


# ------------------------------------------------------------------ batch files


def _bad_batch(path: Path) -> Path:
    lines = [
        "\ufeff" + json.dumps({"id": "a", "message": "你好"}, ensure_ascii=False),  # Notepad's BOM
        json.dumps({"id": "b", "message": "PLACEHOLDER"}),
        json.dumps({"id": "c", "message": "杭州算力券"}, ensure_ascii=False),
        "\x80\x81 not even json",
        json.dumps({"id": "e", "message": "上海的模型券最高补贴多少？"}, ensure_ascii=False),
    ]
    raw = [line.encode("utf-8") for line in lines]
    raw[1] = raw[1].replace(b"PLACEHOLDER", b"\xff\xfe\xfd broken")  # invalid bytes inside a JSON string
    raw[2] = lines[2].encode("gbk")  # a line saved as GBK
    raw[3] = b"\x80\x81 not even json"
    for line in raw[1:4]:
        with pytest.raises(UnicodeDecodeError):
            line.decode("utf-8")
    path.write_bytes(b"\n".join(raw) + b"\n")
    return path


def test_ask_batch_reports_undecodable_lines_and_answers_the_rest(shared_container, tmp_path: Path):
    batch = _bad_batch(tmp_path / "in.jsonl")
    result = CliRunner().invoke(main, ["ask", "--batch", str(batch), "--json"])
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    lines = [_strict_json(line) for line in result.stdout.splitlines() if line.strip()]
    assert [line["id"] for line in lines] == ["a", None, None, None, "e"]
    assert lines[0]["intent"] == "smalltalk"
    assert lines[4]["intent"] in {"policy_question", "funding_eligibility"}
    assert "模型券" in lines[4]["answer"] and "500万" in lines[4]["answer"]
    for number in (2, 3, 4):
        assert set(lines[number - 1]) == {"id", "error"}
        assert f"line {number}" in lines[number - 1]["error"]
        assert "UTF-8" in lines[number - 1]["error"]
        assert f"line {number}: not UTF-8 text (re-save the file as UTF-8)" in result.stderr


def test_search_batch_reports_undecodable_lines_and_searches_the_rest(shared_container, tmp_path: Path):
    batch = _bad_batch(tmp_path / "in.jsonl")
    result = CliRunner().invoke(main, ["search", "--batch", str(batch), "--json", "-k", "2"])
    _no_traceback(result)
    assert result.exit_code == 0, result.output
    lines = [_strict_json(line) for line in result.stdout.splitlines()]
    assert len(lines) == 5
    assert lines[1] == lines[2] == lines[3] == []
    # Shanghai's model voucher: its catalogue entry or, since session 14, the notice clause that publishes it (one
    # document with its programs, the official text first)
    top = lines[4][0]
    assert top["source"] in {"sh-model-voucher-2025", "sh-ai-application-measures-2025-text"}
    assert "模型券" in top["title"] + top["text"]
    assert "line 3: not UTF-8 text" in result.stderr


# ------------------------------------------------------------- index problems


@pytest.fixture
def kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_data_dir: Path) -> Path:
    """A private copy of the mini knowledge base; the data dir starts empty."""
    knowledge = tmp_path / "kb"
    shutil.copytree(MINI_KNOWLEDGE, knowledge)
    monkeypatch.setenv("AIPACK_PATHS__KNOWLEDGE_DIR", str(knowledge))
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", "2026-11-23")
    return knowledge


def _forget_chroma_clients(data_dir: Path) -> None:
    """Each `aipack` command is a new process; in one process chromadb would reuse the client it cached."""
    from chromadb.api.shared_system_client import SharedSystemClient

    for key in [k for k in SharedSystemClient._identifier_to_system if k.startswith(str(data_dir))]:
        SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)


@pytest.fixture(scope="module")
def mini_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini knowledge base embedded once per module; tests start from a copy of its data dir."""
    root = tmp_path_factory.mktemp("mini-index")
    report = mini_container(root).ingest.ingest()
    assert report.added and not report.failed
    return root / "data"


@pytest.fixture
def indexed(kb: Path, mini_index: Path, isolated_data_dir: Path) -> Path:
    """An up-to-date index of `kb` in this test's data dir (as `aipack ingest` would leave it)."""
    shutil.copytree(mini_index, isolated_data_dir)
    return isolated_data_dir


@pytest.fixture
def aipack(kb: Path, isolated_data_dir: Path):
    def run(*args: str) -> Result:
        _forget_chroma_clients(isolated_data_dir)
        result = CliRunner().invoke(main, list(args))
        _no_traceback(result)
        return result

    return run


def _search_finds_beijing(aipack) -> None:
    result = aipack("search", "北京算力券每年最多多少", "--json")
    assert result.exit_code == 0, result.output
    assert _strict_json(result.stdout)[0]["source"] == "bj-compute-voucher-2023"


def test_search_builds_a_missing_index_and_restores_a_deleted_one(aipack, isolated_data_dir: Path):
    assert not isolated_data_dir.exists()
    _search_finds_beijing(aipack)
    shutil.rmtree(isolated_data_dir / "chroma")  # the manifest is left behind
    _search_finds_beijing(aipack)


def _overwrite_with_garbage(path: Path) -> None:
    path.write_bytes(random.Random(6).randbytes(path.stat().st_size))


def _truncate(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(
    ("damage", "problem"),
    [(_overwrite_with_garbage, "cannot be opened"), (_truncate, "its files were lost or damaged")],
    ids=["garbage", "truncated"],
)
def test_a_corrupt_index_names_the_problem_and_rebuild_recovers(
    aipack, indexed: Path, isolated_data_dir: Path, damage, problem: str
):
    assert "up to date" in aipack("ingest").output
    damage(isolated_data_dir / "chroma" / "chroma.sqlite3")
    for command in (["search", "北京算力券", "--json"], ["ask", "北京算力券的比例是多少", "--json"]):
        result = aipack(*command)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert problem in result.stderr
        assert "aipack ingest --rebuild" in result.stderr
    rebuilt = aipack("ingest", "--rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Added" in rebuilt.output
    _search_finds_beijing(aipack)
    ask = aipack("ask", "北京算力券的比例是多少", "--json")
    assert ask.exit_code == 0 and "20%" in _strict_json(ask.stdout)["answer"]
    if damage is _overwrite_with_garbage:  # the unreadable files are kept aside, not deleted
        assert "moved to" in rebuilt.output
        assert len(list(isolated_data_dir.glob("chroma.unreadable-*"))) == 1


def test_an_index_from_an_older_schema_asks_for_rebuild(aipack, indexed: Path, isolated_data_dir: Path):
    manifest = isolated_data_dir / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["schema_version"] = INDEX_SCHEMA_VERSION - 1
    manifest.write_text(json.dumps(data), encoding="utf-8")
    for command in (["search", "北京算力券"], ["ask", "北京算力券"], ["ingest"]):
        result = aipack(*command)
        assert result.exit_code == 2, (command, result.output)
        assert "different version of aipack" in result.stderr
        assert "aipack ingest --rebuild" in result.stderr
    assert aipack("ingest", "--rebuild").exit_code == 0
    _search_finds_beijing(aipack)


# ------------------------------------------------------------- broken catalogue


def test_a_failed_ingest_leaves_the_previous_index_searchable(aipack, indexed: Path, kb: Path):
    funding = kb / "catalogue" / "funding.yaml"
    funding.write_text(funding.read_text(encoding="utf-8").replace("ratio: 0.2", "ratio: 1.5"), "utf-8")
    failed = aipack("ingest")
    assert failed.exit_code == 2
    assert "index was left unchanged" in failed.stderr
    # Search keeps answering from the last good index, and says why it is not refreshed.
    _search_finds_beijing(aipack)
    warned = aipack("search", "北京算力券")
    assert warned.exit_code == 0 and "[1]" in warned.stdout
    assert "funding.yaml entry 'bj-compute-voucher-2023' field 'benefit.ratio'" in warned.stderr
    # The advisor cannot quote a catalogue it cannot validate: a message, not a traceback.
    ask = aipack("ask", "北京算力券的比例是多少")
    assert ask.exit_code == 2
    assert "funding.yaml" in ask.stderr and "aipack ingest" in ask.stderr


def _duplicate_entry(text: str) -> str:
    entry = text.split("funding:\n", 1)[1]
    return text + entry


@pytest.mark.parametrize(
    ("edit", "field", "message"),
    [
        (_duplicate_entry, "id", "duplicate id"),
        (lambda t: t.replace("ratio: 0.2", "ratio: 1.2"), "benefit.ratio", "less than or equal to 1"),
        (lambda t: t.replace("cap: 2000000", "cap: -5"), "benefit.cap", "greater than or equal to 0"),
        (lambda t: t.replace("cap: 2000000", "cap: .inf"), "benefit.cap", "finite number"),
        # A whole web page pasted into the name: named, not echoed back.
        (lambda t: t.replace("name: ", "name: " + "长" * 100_000, 1), "name", "at most 120 characters"),
    ],
    ids=["duplicate-id", "ratio-over-100%", "negative-cap", "infinite-cap", "100k-char-name"],
)
def test_invalid_catalogue_entry_stops_ingest_naming_file_entry_and_field(
    aipack, kb: Path, isolated_data_dir: Path, edit, field: str, message: str
):
    funding = kb / "catalogue" / "funding.yaml"
    funding.write_text(edit(funding.read_text(encoding="utf-8")), encoding="utf-8")
    result = aipack("ingest")
    assert result.exit_code == 2
    assert f"funding.yaml entry 'bj-compute-voucher-2023' field '{field}'" in result.stderr
    assert message in result.stderr
    assert "Correct the entries above, then run `aipack ingest` again." in result.stderr
    assert len(result.stderr) < 2_000
    assert not (isolated_data_dir / "manifest.json").exists()  # nothing was written


# ---------------------------------------------------------- unreadable documents


def _encrypted_pdf(path: Path) -> None:
    plain = text_pdf(path.with_suffix(".plain"), ["secret subsidy text"])
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(str(path))
    plain.unlink()


def _blank_pdf(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(300, 300)
    writer.write(str(path))


def _junk_docx(path: Path) -> None:
    rng = random.Random(3)
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("[Content_Types].xml", "word/document.xml", "junk.bin"):
            archive.writestr(name, rng.randbytes(300))


def test_unreadable_documents_are_skipped_with_the_reason_and_the_rest_is_indexed(aipack, kb: Path):
    policies = kb / "policies"
    _encrypted_pdf(policies / "locked.pdf")
    _blank_pdf(policies / "scan.pdf")
    (policies / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + random.Random(5).randbytes(2000))
    _junk_docx(policies / "report.docx")
    result = aipack("ingest")
    assert result.exit_code == 0, result.output
    expected = {
        "locked.pdf": ("password-protected", "Remove the password"),
        "scan.pdf": ("no extractable text", "OCR the scan"),
        "garbage.pdf": ("not a readable PDF", "re-export it"),
        "report.docx": ("not a valid Word .docx", "save it again as .docx"),
    }
    for name, (problem, fix) in expected.items():
        line = next(line for line in result.output.splitlines() if f"! {name} skipped" in line)
        assert problem in line and fix in line, line
    search = aipack("search", "虫情测报设备", "--json")
    assert _strict_json(search.stdout)[0]["source"] == "beta"
    _search_finds_beijing(aipack)
