"""`aipack eval` through the real CLI: reports, their reproducibility fields, --compare, the LLM judge."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from app.cli import main
from tests.fake_llm_server import FakeLLMServer, StructuredReply

GOLDEN = Path(__file__).parent / "eval"


def test_golden_set_has_at_least_80_team_cases():
    retrieval = yaml.safe_load((GOLDEN / "golden_retrieval.yaml").read_text(encoding="utf-8"))
    advisor = yaml.safe_load((GOLDEN / "golden_advisor.yaml").read_text(encoding="utf-8"))
    assert len(retrieval) + len(advisor) >= 80
    kinds = {c["kind"] for c in advisor}
    assert {"recommend", "eligibility", "clarify", "followup", "out_of_scope"} <= kinds
    assert {c["lang"] for c in advisor} == {"zh-Hans", "zh-Hant", "en"}


def test_eval_writes_markdown_and_json_reports_that_meet_the_targets(shared_container, tmp_path: Path):
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--dataset",
            str(GOLDEN / "golden.yaml"),
            "--today",
            "2026-11-23",
            "--out",
            str(tmp_path),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["git_commit"] and report["settings_version"] and report["index"]["counts"]
    assert "api_key" not in json.dumps(report["settings"]["llm"])
    assert report["cases"]["retrieval"] >= 40 and report["cases"]["advisor"] >= 40
    assert report["retrieval"]["fact_at_5"] >= 0.95
    assert report["advisor"]["fact_recall"] >= 0.9
    assert report["advisor"]["category_hit_at_3"] >= 0.9
    assert report["advisor"]["invented_programs"] == 0
    assert report["advisor"]["refusal_rate"] == 1.0
    assert set(report["advisor"]["stage_latency_ms"]) >= {
        "understand",
        "retrieve",
        "recommend",
        "compose",
        "total",
    }
    written = sorted(tmp_path.iterdir())
    assert [p.suffix for p in written] == [".json", ".md"]
    assert "| Fact recall in answers |" in written[1].read_text(encoding="utf-8")


def test_compare_shows_deltas_between_two_runs(tmp_path: Path):
    base = {
        "git_commit": "aaa",
        "retrieval": {"hit_at_1": 0.9, "latency_ms": {"p50": 10, "p95": 20}},
        "advisor": {"fact_recall": 0.8},
    }
    new = {
        "git_commit": "bbb",
        "retrieval": {"hit_at_1": 0.95, "latency_ms": {"p50": 9, "p95": 25}},
        "advisor": {"fact_recall": 0.9},
    }
    (tmp_path / "a.json").write_text(json.dumps(base), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(new), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "--compare", str(tmp_path / "a.json"), str(tmp_path / "b.json")]
    )
    assert result.exit_code == 0
    assert "| Retrieval hit@1 | 0.900 | 0.950 | +0.050 |" in result.output
    assert "| Fact recall in answers | 0.800 | 0.900 | +0.100 |" in result.output
    assert "+5.0" in result.output  # p95 latency delta


def test_llm_judge_scores_are_reported_when_an_llm_is_configured(shared_container, tmp_path, monkeypatch):
    dataset = tmp_path / "mini.yaml"
    cases = yaml.safe_load((GOLDEN / "golden_retrieval.yaml").read_text(encoding="utf-8"))[:2]
    dataset.write_text(yaml.safe_dump(cases, allow_unicode=True), encoding="utf-8")
    with FakeLLMServer() as server:
        server.default = StructuredReply({"score": 4, "reason": "supported"})
        monkeypatch.setenv("AIPACK_LLM__MODE", "openai")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("AIPACK_LLM__MAX_RETRIES", "0")
        result = CliRunner().invoke(
            main, ["eval", "--dataset", str(dataset), "--out", str(tmp_path / "r"), "--json"]
        )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["judge"]["judged"] == 2
    assert report["judge"]["faithfulness"] == 4 and report["judge"]["relevance"] == 4
    assert report["judge"]["prompts"] == ["judge_faithfulness@v1", "judge_relevance@v1"]
