"""A store that cannot be used says which file, what is wrong and what to do; never a raw sqlite3 error."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.errors import StoreError
from app.services.store import Store
from tests.store_faults import garbage_file, read_only_folder

CALLS: dict[str, Callable[[Store], Any]] = {
    "clients": lambda s: s.clients(),
    "save_client": lambda s: s.save_client("杭州小馆", {"city": "杭州"}),
    "conversations": lambda s: s.conversations(),
    "add_message": lambda s: s.add_message("c1", "user", "算力券怎么申请？"),
    "feedback": lambda s: s.feedback(),
    "add_feedback": lambda s: s.add_feedback(
        rating=1, question="算力券", retrieved_ids=["a#0"], settings_version="v"
    ),
    "delete_client": lambda s: s.delete_client("x"),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_a_file_that_is_not_a_database_names_the_file_and_says_move_it_aside(tmp_path: Path, call):
    path = garbage_file(tmp_path / "aipack.sqlite3")
    with pytest.raises(StoreError) as caught:
        call(Store(path))
    error = caught.value
    assert error.kind == "not_a_database" and error.path == path
    assert str(path) in str(error) and "Move the file aside" in str(error)
    assert not isinstance(error, sqlite3.Error)


def test_moving_the_bad_file_aside_fixes_the_same_store_without_a_restart(tmp_path: Path):
    path = garbage_file(tmp_path / "aipack.sqlite3")
    store = Store(path)
    with pytest.raises(StoreError):
        store.clients()
    path.rename(path.with_name("aipack.sqlite3.bad"))  # the fix the message gives
    client_id = store.save_client("杭州小馆", {"city": "杭州"})
    assert [c.id for c in store.clients()] == [client_id]


def test_a_folder_at_the_store_path_is_not_a_database(tmp_path: Path):
    (tmp_path / "aipack.sqlite3").mkdir()
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "aipack.sqlite3").clients()
    assert caught.value.kind == "not_a_database"


def test_a_read_only_folder_names_the_folder_to_fix(tmp_path: Path):
    folder = tmp_path / "data"
    with read_only_folder(folder), pytest.raises(StoreError) as caught:
        Store(folder / "aipack.sqlite3").save_client("杭州小馆", {})
    assert caught.value.kind == "unwritable"
    assert f"write access to {folder}" in str(caught.value)


def test_saved_clients_in_a_folder_made_read_only_later_fail_with_a_message(tmp_path: Path):
    folder = tmp_path / "data"
    Store(folder / "aipack.sqlite3").save_client("杭州小馆", {})
    with read_only_folder(folder), pytest.raises(StoreError) as caught:
        Store(folder / "aipack.sqlite3").clients()
    assert caught.value.kind == "unwritable"
    assert [c.name for c in Store(folder / "aipack.sqlite3").clients()] == ["杭州小馆"], "nothing was lost"


def test_a_data_dir_that_cannot_be_created_is_unwritable(tmp_path: Path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store(blocker / "aipack.sqlite3").clients()
    assert caught.value.kind == "unwritable"


def test_a_lock_held_by_another_process_says_wait_and_the_write_succeeds_after(tmp_path: Path):
    path = tmp_path / "aipack.sqlite3"
    store = Store(path, busy_timeout=0.2)
    store.clients()  # created
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another aipack process mid-write
    try:
        with pytest.raises(StoreError) as caught:
            store.save_client("杭州小馆", {})
        assert caught.value.kind == "locked"
        assert "locked by another process" in str(caught.value) and "try again" in str(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.save_client("杭州小馆", {})
    assert [c.name for c in store.clients()] == ["杭州小馆"]
