"""English questions after a restart: translated with the dictionaries the ingest stored, not re-parsed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.services import query_dictionary
from app.services import retrieval as retrieval_module
from tests.helpers import mini_container

QUESTION = "Which companies registered here can apply?"


def _not_at_question_time(*_args: object) -> None:
    raise AssertionError("built on an English question instead of at ingest")


def test_a_restarted_process_translates_its_first_english_question_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Parsing CC-CEDICT and learning the catalogue's lexicon took seconds on the first English question
    of every new process (a CLI call, a restarted server): the ingest stores what the index can use."""
    mini_container(tmp_path).ingest.ingest()
    monkeypatch.setattr(retrieval_module, "dictionary_senses", _not_at_question_time)
    monkeypatch.setattr(retrieval_module, "learn", _not_at_question_time)
    restarted = mini_container(tmp_path)
    prepared = restarted.retrieval.prepare(QUESTION)
    assert "注册" in prepared  # "registered", a CC-CEDICT sense the index holds
    assert "alpha" in {hit.source for hit in restarted.retrieval.search(QUESTION).hits}


def test_dictionaries_stored_by_another_build_are_not_used(tmp_path: Path):
    mini_container(tmp_path).ingest.ingest()
    path = tmp_path / "data" / query_dictionary.FILE_NAME
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert "注册" in payload["senses"]["register"]  # only indexed words are kept
    payload.update(fingerprint="an older build", senses={})
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert "注册" in mini_container(tmp_path).retrieval.prepare(QUESTION)  # built again, as before
