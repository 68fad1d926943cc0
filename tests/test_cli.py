"""The `aipack` CLI through its real entry point (click's runner, as simonw/llm does)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app.cli import main


def test_search_json_follows_the_contract(shared_container):
    result = CliRunner().invoke(main, ["search", "北京算力券每年最多申领多少", "-k", "3", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert len(hits) == 3
    assert set(hits[0]) == {"source", "chunk_id", "title", "text", "score"}
    # City-wide and Yizhuang compute vouchers are both Beijing's; the city-wide yearly cap must be among the hits.
    assert hits[0]["source"] in {"bj-compute-voucher-2023", "bj-etdz-compute-voucher-2024"}
    assert any(hit["source"] == "bj-compute-voucher-2023" and "200万元" in hit["text"] for hit in hits)


def test_search_json_is_empty_when_there_is_no_evidence(shared_container):
    result = CliRunner().invoke(main, ["search", "红烧肉怎么做才好吃", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == []
    forced = CliRunner().invoke(main, ["search", "红烧肉怎么做才好吃", "--json", "--no-floor", "-k", "2"])
    assert len(json.loads(forced.output)) == 2


def test_batch_search_writes_one_line_per_input_in_order(shared_container, tmp_path: Path):
    batch = tmp_path / "queries.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "query": "深圳训力券初创企业比例"}, ensure_ascii=False),
                "not json at all",
                json.dumps("What does the Shanghai model voucher cover?"),
                json.dumps({"id": "d", "question": "杭州中小企业算力券比例"}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["search", "--batch", str(batch), "--json", "-k", "2"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert len(lines) == 4
    assert lines[0][0]["source"] == "sz-training-voucher-2024"
    assert lines[1] == []
    # The program's own text leads its catalogue entry (app.services.ranking.order_passages): 上海's notice.
    assert lines[2][0]["source"] == "sh-ai-application-measures-2025-text"
    assert "模型券" in lines[2][0]["text"]
    assert all(len(hits) <= 2 for hits in lines)  # -k 2, though program questions reserve three places
    assert lines[3][0]["source"] == "hz-compute-voucher-2025"
    assert "line 2" in result.stderr


def test_human_readable_search_shows_titles_and_scores(shared_container):
    result = CliRunner().invoke(main, ["search", "AI赋能包"])
    assert result.exit_code == 0
    assert "[1]" in result.output
    assert "002_2603e452646e1bca" in result.output


def test_ingest_reports_counts_then_up_to_date(tmp_path: Path, monkeypatch):
    from tests.helpers import MINI_KNOWLEDGE

    monkeypatch.setenv("AIPACK_PATHS__KNOWLEDGE_DIR", str(MINI_KNOWLEDGE))
    first = CliRunner().invoke(main, ["ingest"])
    assert first.exit_code == 0, first.output
    assert "Added" in first.output
    assert "funding: 1" in first.output
    second = CliRunner().invoke(main, ["ingest"])
    assert "up to date" in second.output


def test_cli_errors_are_messages_not_tracebacks(tmp_path: Path, monkeypatch):
    knowledge = tmp_path / "kb"
    (knowledge / "catalogue").mkdir(parents=True)
    (knowledge / "catalogue" / "funding.yaml").write_text("funding: [unclosed", encoding="utf-8")
    monkeypatch.setenv("AIPACK_PATHS__KNOWLEDGE_DIR", str(knowledge))
    result = CliRunner().invoke(main, ["ingest"])
    assert result.exit_code == 2
    assert "funding.yaml" in result.stderr
    assert "YAML syntax error at line" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    usage = CliRunner().invoke(main, ["search"])
    assert usage.exit_code == 2
    assert "QUERY" in usage.output
