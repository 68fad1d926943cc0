"""Issue 15, items 9-11: a read-only data dir, knowledge uploads, and ingest across processes.

Real faults on a private copy of the tiny knowledge base: a folder its account cannot write
(tests/store_faults.py), a real server and real CLI processes racing for the index.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import openai
import pytest

from app.api.models import MODEL_ID
from app.components.vector_store import CollectionName, _forget_failed_client
from app.container import Container
from app.errors import InputError
from app.services.knowledge_admin import MAX_NAME_BYTES
from tests.helpers import mini_container, serving_process
from tests.store_faults import bound_by_permissions, permissions_cannot_bind

QUESTION = "我们是杭州的餐厅，20人，推荐AI方案"


def _as_a_new_process(box: Container) -> None:
    """Forget chromadb's per-path client cache, so the next container opens the files as a new process would."""
    _forget_failed_client(str(box.settings.paths.chroma_dir))


# ---------------------------------------------------------------- 9. read-only data dir

# Through the real entry points (`aipack serve`, `aipack ingest --rebuild`) in child processes that file
# permissions bind: the tests run as root, which chmod alone does not stop (tests/store_faults.py).


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A built mini index, and the environment its processes run with."""
    if problem := permissions_cannot_bind():
        pytest.skip(f"a child process cannot be bound by file permissions here: {problem}")
    box = mini_container(tmp_path)
    box.ingest.ingest()
    _as_a_new_process(box)
    env = {
        **os.environ,
        "AIPACK_PATHS__KNOWLEDGE_DIR": str(tmp_path / "knowledge"),
        "AIPACK_PATHS__DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    return tmp_path, env


def _read_only(*folders: Path) -> None:
    for folder in folders:
        folder.chmod(0o555)


def _rebuild(folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "app.cli", "ingest", "--rebuild"]
    return subprocess.run(
        bound_by_permissions(command), env=env, cwd=folder, capture_output=True, text=True, timeout=300
    )


def _says_read_only_not_rebuild(text: str, folder: Path | None = None) -> None:
    advice = text.replace(str(folder), "<folder>") if folder else text  # the test's name is in its folder
    assert "read-only" in advice, text
    assert "rebuild" not in advice.lower().replace("rebuilding will not help", ""), text


def test_9_over_http_a_read_only_data_dir_is_not_ready_and_never_advised_a_rebuild(
    built: tuple[Path, dict[str, str]],
):
    folder, env = built
    data = folder / "data"
    _read_only(data, data / "chroma")
    with (
        serving_process(env, bound_by_permissions, cwd=folder) as url,
        httpx.Client(base_url=url, trust_env=False, timeout=120) as http,
    ):
        ready = http.get("/readyz")
        asked = http.post("/v1/advise", json={"message": QUESTION, "session_id": "shop-1"})
        searched = http.post("/v1/search", json={"query": "餐厅"})
        sdk = openai.OpenAI(base_url=f"{url}/v1", api_key="none", http_client=http, max_retries=0)
        with pytest.raises(openai.InternalServerError) as chat:
            sdk.chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": QUESTION}])
        alive = http.get("/healthz")
    assert alive.status_code == 200  # liveness: the process answers
    assert ready.status_code == 503 and ready.json()["status"] == "not_ready"
    checks = ready.json()["checks"]
    assert all(checks[name] != "ok" for name in ("index", "data_dir", "sessions")), checks
    for name in ("index", "data_dir", "sessions"):
        _says_read_only_not_rebuild(checks[name])
    for response in (asked, searched):
        assert response.status_code == 503, response.text
        assert response.json()["error"]["code"] == "data_dir_read_only"
        _says_read_only_not_rebuild(response.json()["error"]["message"])
    assert chat.value.status_code == 503
    _says_read_only_not_rebuild(chat.value.message)
    bodies = ready.text + asked.text + searched.text + chat.value.message
    assert str(folder) not in bodies and "/tmp/" not in bodies  # no server paths in API bodies


def test_9_rebuild_on_a_read_only_data_dir_is_a_clean_error(built: tuple[Path, dict[str, str]]):
    folder, env = built
    data = folder / "data"
    _read_only(data, data / "chroma")
    rebuilt = _rebuild(folder, env)
    output = rebuilt.stdout + rebuilt.stderr
    assert rebuilt.returncode != 0
    _says_read_only_not_rebuild(output, folder)
    for raw in ("Traceback", "PermissionError", "jieba", "Unexpected error"):
        assert raw.lower() not in output.lower(), output


def test_9_a_healthy_read_only_index_folder_is_never_moved_aside(built: tuple[Path, dict[str, str]]):
    folder, env = built
    data = folder / "data"
    _read_only(data / "chroma")  # the data folder itself stays writable
    rebuilt = _rebuild(folder, env)
    assert rebuilt.returncode != 0
    _says_read_only_not_rebuild(rebuilt.stdout + rebuilt.stderr, folder)
    assert "unreadable" not in rebuilt.stdout + rebuilt.stderr
    assert sorted(p.name for p in data.iterdir() if p.name.startswith("chroma")) == ["chroma"]
    with serving_process(env, bound_by_permissions, cwd=folder) as url:
        ready = httpx.get(f"{url}/readyz", trust_env=False, timeout=60)
        assert ready.status_code == 503 and ready.json()["checks"]["index"] != "ok"
        assert ready.json()["checks"]["data_dir"] == "ok"
    (data / "chroma").chmod(0o755)  # permissions given back: the same index answers, nothing was lost
    with serving_process(env, bound_by_permissions, cwd=folder) as url:
        asked = httpx.post(f"{url}/v1/search", json={"query": "餐厅"}, trust_env=False, timeout=60)
    assert asked.status_code == 200 and asked.json()["results"], asked.text


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
