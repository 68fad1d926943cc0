"""Conversation state on disk: one session id is one conversation, across processes and workers."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from app.advisor.service import AdvisorService
from app.services.session_store import PRUNE_EVERY, SessionFile, row_key

RESTAURANT = "我们是杭州的一家餐厅，20个员工，年营收800万，备货不准，推荐AI方案"


def _worker(advisor: AdvisorService) -> AdvisorService:
    """A second advisor over the same settings: what another `aipack serve` worker is."""
    return AdvisorService(advisor.deps)


def test_two_workers_continue_one_conversation(advisor: AdvisorService):
    other = _worker(advisor)
    pack = advisor.ask(RESTAURANT, session_id="w")
    correction = other.ask("其实我们有60个员工", session_id="w")
    assert correction.profile.employees == 60 and correction.profile.city == "杭州"
    assert correction.intent == "recommend_pack"
    cost = advisor.ask("这些方案一年下来大概要花多少钱？", session_id="w")
    assert cost.intent == "cost_estimate"
    assert {s.id for s in cost.solutions} <= {s.id for s in correction.solutions} | {
        s.id for s in pack.solutions
    }
    assert cost.profile.employees == 60  # the first worker saw the second one's turn


def test_a_new_conversation_forgets_the_old_one(advisor: AdvisorService):
    advisor.ask(RESTAURANT, session_id="r")
    advisor.sessions.reset("r")
    again = _worker(advisor).ask("推荐AI方案", session_id="r")
    assert again.profile.city is None and again.clarifying_questions


def test_state_from_another_version_or_garbage_starts_afresh(advisor: AdvisorService):
    advisor.ask(RESTAURANT, session_id="old")
    advisor.ask(RESTAURANT, session_id="junk")
    path = advisor.settings.advisor.sessions_file
    assert path is not None
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET state = ? WHERE id = ?", (json.dumps({"v": 0}), row_key("old")))
        db.execute("UPDATE sessions SET state = '{not json' WHERE id = ?", (row_key("junk"),))
    for session in ("old", "junk"):
        response = _worker(advisor).ask("推荐AI方案", session_id=session)
        assert response.profile.city is None and response.clarifying_questions


def test_a_solution_removed_from_the_catalogue_drops_out_of_the_saved_pack(advisor: AdvisorService):
    # Two worded needs, so the pack holds two solutions (a single need now gets a single solution).
    pack = advisor.ask("苏州一家50人的机械加工厂，想做质检和设备预测性维护，预算30万", session_id="gone")
    assert len(pack.solutions) >= 2
    path = advisor.settings.advisor.sessions_file
    assert path is not None
    with sqlite3.connect(path) as db:
        state = json.loads(
            db.execute("SELECT state FROM sessions WHERE id = ?", (row_key("gone"),)).fetchone()[0]
        )
        state["pack"][0]["id"] = "no-longer-in-the-catalogue"
        db.execute("UPDATE sessions SET state = ? WHERE id = ?", (json.dumps(state), row_key("gone")))
    cost = _worker(advisor).ask("这些方案一年下来大概要花多少钱？", session_id="gone")
    assert [s.id for s in cost.solutions] == [s.id for s in pack.solutions[1:]]


def test_identifiers_in_a_message_and_the_session_id_are_not_kept_on_disk(advisor: AdvisorService):
    session = "owner@example.com"
    advisor.ask(RESTAURANT + "，联系电话13812345678总打不通，邮箱boss@example.com", session_id=session)
    path = advisor.settings.advisor.sessions_file
    assert path is not None
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, state FROM sessions").fetchall()
    assert [row[0] for row in rows] == [row_key(session)]
    state = rows[0][1]
    assert "杭州" in state
    assert "13812345678" not in state and "boss@example.com" not in state and session not in state


def test_a_turn_without_a_session_id_is_not_kept(advisor: AdvisorService):
    response = advisor.ask(RESTAURANT)
    assert response.session_id is None
    path = advisor.settings.advisor.sessions_file
    assert path is not None
    if path.exists():
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


def test_ids_stored_in_clear_by_an_older_version_are_dropped_on_open(tmp_path: Path):
    path = tmp_path / "sessions.sqlite3"
    SessionFile(path, ttl_days=30).put("new", {"v": 1})
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO sessions VALUES ('boss@example.com', '{}', ?)", (time.time(),))
    reopened = SessionFile(path, ttl_days=30)
    assert reopened.get("new") == {"v": 1}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1


def test_idle_sessions_expire(tmp_path: Path):
    path = tmp_path / "sessions.sqlite3"
    SessionFile(path, ttl_days=30).put("fresh", {"v": 1})
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO sessions VALUES (?, '{}', 0)", (row_key("stale"),))
    reopened = SessionFile(path, ttl_days=30)
    assert reopened.get("fresh") == {"v": 1}
    assert reopened.get("stale") is None


def test_a_long_running_process_keeps_pruning(tmp_path: Path):
    store = SessionFile(tmp_path / "sessions.sqlite3", ttl_days=30)
    store.put("first", {"v": 1})
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE sessions SET updated_at = 0 WHERE id = ?", (row_key("first"),))  # idle for decades
    for n in range(PRUNE_EVERY):
        store.put(f"busy-{n}", {"v": 1})
    assert store.get("first") is None
    assert store.get(f"busy-{PRUNE_EVERY - 1}") == {"v": 1}
