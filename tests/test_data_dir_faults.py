"""Issue 15, items 9-11: a read-only data dir, knowledge uploads, and ingest across processes.

Real faults on a private copy of the tiny knowledge base: an immutable folder
(tests/store_faults.py), real CLI processes racing for the index.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from app.cli import main
from app.components.vector_store import CollectionName, _forget_failed_client
from app.container import Container
from app.errors import InputError, ReadOnlyDataError
from app.services.knowledge_admin import MAX_NAME_BYTES
from tests.helpers import mini_container, serving
from tests.store_faults import read_only_folder

QUESTION = "我们是杭州的餐厅，20人，推荐AI方案"


def _as_a_new_process(box: Container) -> None:
    """Forget chromadb's per-path client cache, so the next container opens the files as a new process would."""
    _forget_failed_client(str(box.settings.paths.chroma_dir))


def _cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mini_container(tmp_path)  # copies the knowledge
    monkeypatch.setenv("AIPACK_PATHS__KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    monkeypatch.setenv("AIPACK_PATHS__DATA_DIR", str(tmp_path / "data"))


# ---------------------------------------------------------------- 9. read-only data dir


def test_9_a_read_only_data_dir_is_reported_as_such_never_as_damage(tmp_path: Path, monkeypatch):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    data = box.settings.paths.data_dir
    _cli_env(tmp_path, monkeypatch)
    _as_a_new_process(box)
    with read_only_folder(data), read_only_folder(data / "chroma"):
        fresh = mini_container(tmp_path)
        with pytest.raises(ReadOnlyDataError) as caught:
            fresh.advisor.ask(QUESTION)
        assert "read-only" in caught.value.problem and "rebuild" not in caught.value.fix.lower().replace(
            "rebuilding will not help", ""
        )
        rebuilt = CliRunner().invoke(main, ["ingest", "--rebuild"])
        assert rebuilt.exit_code != 0
        assert "read-only" in rebuilt.output and "Traceback" not in rebuilt.output
        assert "PermissionError" not in rebuilt.output and "jieba" not in rebuilt.output.lower()

        with serving(mini_container(tmp_path)) as url:
            asked = httpx.post(f"{url}/v1/advise", json={"message": QUESTION}, trust_env=False, timeout=60)
            ready = httpx.get(f"{url}/readyz", trust_env=False, timeout=60)
        assert asked.status_code == 503 and asked.json()["error"]["code"] == "data_dir_read_only"
        assert ready.status_code == 503 and ready.json()["checks"]["data_dir"] != "ok"
        assert str(tmp_path) not in asked.text + ready.text


def test_9_a_read_only_index_folder_is_never_moved_aside(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    data = box.settings.paths.data_dir
    _as_a_new_process(box)
    with read_only_folder(data / "chroma"), pytest.raises(ReadOnlyDataError):
        mini_container(tmp_path).ingest.ingest(rebuild=True)
    _as_a_new_process(box)
    assert sorted(p.name for p in data.iterdir() if p.name.startswith("chroma")) == ["chroma"]
    assert mini_container(tmp_path).retrieval.search("餐厅").hits  # the index still answers


# ---------------------------------------------------------------- 10. uploads never replace silently


def test_10_uploads_that_would_collide_or_are_too_long_are_refused(tmp_path: Path):
    box = mini_container(tmp_path)
    admin = box.knowledge
    body = "餐饮企业数字化转型补贴政策：对中小餐饮企业采购智能点餐系统给予30%补贴。".encode() * 20
    admin.add_document("a_b_.txt", body)
    original = (admin.folder / "a_b_.txt").read_bytes()
    with pytest.raises(InputError, match=r"already has a_b_\.txt"):
        admin.add_document("a b?.txt", "另一份完全不同的文件内容，关于制造业。".encode() * 10)
    assert (admin.folder / "a_b_.txt").read_bytes() == original

    admin.add_document("dup.md", body)
    with pytest.raises(InputError, match="document 'dup'"):
        admin.add_document("dup.txt", body)
    assert [p.name for p in admin.folder.iterdir() if p.stem == "dup"] == ["dup.md"]

    with pytest.raises(InputError, match="too long") as caught:
        admin.add_document("政" * 100 + ".txt", body)
    assert str(MAX_NAME_BYTES) in caught.value.fix
    assert not [p for p in admin.folder.parent.iterdir() if p.name.startswith(".upload-")]


# ---------------------------------------------------------------- 11. one ingest at a time; leftovers cleaned


def test_11_two_rebuilds_at_once_both_succeed(tmp_path: Path, monkeypatch):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    env = {
        **os.environ,
        "AIPACK_PATHS__KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
        "AIPACK_PATHS__DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    command = [sys.executable, "-m", "app.cli", "ingest", "--rebuild"]
    runs = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600)[0].decode() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert all("Unexpected error" not in out for out in outputs)
    counts = mini_container(tmp_path).ingest.server_counts()
    assert all(n > 0 for n in counts.values()), counts


def test_11_a_plain_ingest_cleans_up_after_a_killed_rebuild(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    store = box.ingest.store
    for name in CollectionName:  # what a rebuild killed half-way leaves behind
        store.collection(name, "_rebuild")
    (box.settings.paths.data_dir / ".rebuild-pending").touch()

    again = mini_container(tmp_path)
    report = again.ingest.ensure_ready()
    assert report is not None and report.added == 0  # nothing re-embedded
    names = {c.name for c in again.ingest.store.client.list_collections()}
    assert not any(name.endswith("_rebuild") for name in names), names
    assert again.ingest.is_current()
