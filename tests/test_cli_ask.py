"""`aipack ask` through the real click entry point, over the shared session index.

A `--session` id continues the conversation across separate runs (the state is in the data dir's
sessions.sqlite3); in a `--batch` file, lines with the same `session` share the profile.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from app.cli import main
from tests.helpers import CONTRACT_KEYS

SOLUTION_KEYS = {
    "id",
    "name",
    "category",
    "score",
    "first_year_cost_cny",
    "net_first_year_cost_cny",
    "why",
    "citations",
}
FUNDING_KEYS = {
    "id",
    "name",
    "type",
    "issuer",
    "region",
    "verdict",
    "reasons",
    "benefit",
    "max_amount_cny",
    "deadline",
    "source_url",
}
CITATION_KEYS = {"n", "source", "chunk_id", "title", "quote"}
TIMING_KEYS = {"understand", "retrieve", "recommend", "compose", "total"}
# The README's "Contract additions" are what evaluation scripts read: the tests below read them from the
# README itself, so a field documented but not returned (or renamed on one side only) fails here.
README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
DOCUMENTED_PATHS = set(
    re.findall(r"`((?:profile|(?:funding|subsidies|solutions)\[\])(?:\.\w+(?:\[\])?)*)`", README)
)
CONDITION_NAMES = {
    name.strip()
    for name in re.search(r"`name`\s*\(([a-z_,\s]+)—", README).group(1).split(",")  # type: ignore[union-attr]
}
SUBSIDY_KEYS = {
    "program_id",
    "solution_id",
    "purchase_item",
    "kind",
    "base_cny",
    "ratio",
    "amount_cny",
    "cap_cny",
    "in_net_cost",
}
CONTRACTS = "杭州15人的AI公司，要签80万的算力采购合同，每月还有2万的大模型API费用，预算60万"
RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"


@pytest.fixture
def cli(shared_container, monkeypatch: pytest.MonkeyPatch):
    """Run `aipack ...` over the shared index with the date pinned."""
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", "2026-11-23")

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args))

    return run


def _strict_json(text: str) -> Any:
    """JSON as other languages parse it: NaN/Infinity are not JSON."""

    def reject(constant: str) -> Any:
        raise ValueError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=reject)


def _nodes(payload: dict[str, Any], path: str) -> list[Any] | None:
    """The values at a README path such as `funding[].conditions[]` (`[]`: every item); None if a key is missing."""
    nodes: list[Any] = [payload]
    for part in path.split("."):
        key, many = part.removesuffix("[]"), part.endswith("[]")
        if any(not isinstance(node, dict) or key not in node for node in nodes):
            return None
        values = [node[key] for node in nodes]
        nodes = [item for value in values for item in value] if many else values
    return nodes


def _lines(result: Result) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _write_jsonl(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_ask_json_prints_the_contract(cli):
    result = cli("ask", RESTAURANT, "--json")
    assert result.exit_code == 0, result.output
    payload = _strict_json(result.stdout)
    assert set(payload) >= CONTRACT_KEYS, CONTRACT_KEYS - set(payload)
    assert payload["intent"] == "recommend_pack"
    assert payload["language"] == "zh"
    assert payload["mode"] == "offline"
    assert payload["solutions"] and payload["funding"] and payload["citations"]
    for solution in payload["solutions"]:
        assert set(solution) >= SOLUTION_KEYS, SOLUTION_KEYS - set(solution)
        assert set(solution["first_year_cost_cny"]) == {"min", "max"}
        assert set(solution["net_first_year_cost_cny"]) == {"min", "max"}
    for item in payload["funding"]:
        assert set(item) >= FUNDING_KEYS, FUNDING_KEYS - set(item)
        assert item["verdict"] in ("eligible", "ineligible", "unknown")
    for citation in payload["citations"]:
        assert set(citation) >= CITATION_KEYS, CITATION_KEYS - set(citation)
    assert set(payload["timings_ms"]) >= TIMING_KEYS
    assert all(payload["timings_ms"][k] >= 0 for k in TIMING_KEYS)
    assert payload["profile"]["size_class"] == "small"
    # A restaurant's SaaS pack rents no compute: Hangzhou's compute voucher pays for none of it (advice_rules.md §1).
    verdicts = {f["id"]: f["verdict"] for f in payload["funding"]}
    assert verdicts.get("hz-compute-voucher-2025") != "eligible"
    for item in payload["funding"]:
        assert item["mechanism"] and all(
            c["status"] in ("met", "unmet", "unknown") for c in item["conditions"]
        )
    assert all(s["program_id"] != "hz-compute-voucher-2025" for s in payload["subsidies"])


@pytest.mark.parametrize("message", [RESTAURANT, CONTRACTS], ids=["pack", "named-contracts"])
def test_ask_json_holds_the_fields_the_readme_documents(cli, message: str):
    result = cli("ask", message, "--json")
    assert result.exit_code == 0, result.output
    payload = _strict_json(result.stdout)
    assert len(DOCUMENTED_PATHS) >= 10 and len(CONDITION_NAMES) >= 10  # the README still says what it did
    missing = sorted(path for path in DOCUMENTED_PATHS if _nodes(payload, path) is None)
    assert not missing, f"documented in the README, absent from `ask --json`: {missing}"
    for item in payload["funding"]:
        for condition in item["conditions"]:
            assert set(condition) == {"name", "status", "detail"}
            assert condition["name"] in CONDITION_NAMES, condition
    for subsidy in payload["subsidies"]:
        assert set(subsidy) == SUBSIDY_KEYS
        assert set(subsidy["base_cny"]) == set(subsidy["amount_cny"]) == {"min", "max"}


def test_contracts_the_client_names_are_purchases_with_a_monthly_figure_kept(cli):
    payload = json.loads(cli("ask", CONTRACTS, "--json").stdout)
    purchases = payload["profile"]["purchases"]
    keys = {
        "kind",
        "amount_cny",
        "monthly_cny",
        "period",
        "per_period",
        "currency",
        "amount_other",
        "whole",
        "said",
        "loan",
        "ongoing",
        "where",
        "at_least",
        "year",
    }
    assert all(set(p) == keys for p in purchases)
    assert [(p["kind"], p["amount_cny"], p["monthly_cny"], p["period"]) for p in purchases] == [
        ("compute", 800_000, None, None),
        ("model_service", 240_000, 20_000, "month"),  # twelve months of the monthly figure
    ]
    assert payload["profile"]["budget_cny"] == 600_000
    # Each named contract a program pays for gets its subsidy line, with every documented key.
    assert {s["kind"] for s in payload["subsidies"]} == {"compute", "model_service"}
    assert all(set(s) == SUBSIDY_KEYS for s in payload["subsidies"])


def test_ask_without_json_prints_the_answer_and_the_sources(cli):
    result = cli("ask", RESTAURANT)
    assert result.exit_code == 0, result.output
    assert "建议的AI赋能包" in result.stdout
    assert "[1] " in result.stdout and "(restaurant-prep-forecast)" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_session_continues_across_cli_runs(cli):
    first = cli("ask", RESTAURANT, "--session", "s1", "--json")
    assert json.loads(first.stdout)["profile"]["city"] == "杭州"
    second = cli("ask", "推荐AI方案", "--session", "s1", "--json")
    assert second.exit_code == 0, second.output
    payload = json.loads(second.stdout)
    assert payload["profile"]["city"] == "杭州" and payload["profile"]["employees"] == 20
    assert not payload["clarifying_questions"] and payload["solutions"]
    follow_up = json.loads(cli("ask", "这些方案一年下来大概要花多少钱？", "--session", "s1", "--json").stdout)
    assert [s["id"] for s in follow_up["solutions"]] == [s["id"] for s in payload["solutions"]]
    other = json.loads(cli("ask", "推荐AI方案", "--session", "s2", "--json").stdout)
    assert other["profile"]["city"] is None and other["clarifying_questions"]


def test_an_unusable_session_file_costs_the_memory_not_the_answer(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    blocked = tmp_path / "sessions-is-a-folder"
    blocked.mkdir()
    monkeypatch.setenv("AIPACK_ADVISOR__SESSIONS_FILE", str(blocked))
    result = cli("ask", RESTAURANT, "--session", "s1", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["solutions"]
    assert "Traceback" not in result.output
    assert any(str(blocked) in r.getMessage() and "Fix:" in r.getMessage() for r in caplog.records)


def test_batch_lines_with_the_same_session_share_the_profile(cli, tmp_path: Path):
    batch = _write_jsonl(
        tmp_path / "conversation.jsonl",
        [
            {
                "id": "t1",
                "session": "owner",
                "message": "我在杭州开了一家中餐厅，8个员工，年营收300万，备菜总是不够，推荐AI方案",
            },
            {"id": "t2", "session": "owner", "message": "其实我们有60个员工"},
            {"id": "t3", "session": "stranger", "message": "推荐AI方案"},
        ],
    )
    result = cli("ask", "--batch", str(batch), "--json")
    assert result.exit_code == 0, result.output
    t1, t2, t3 = _lines(result)
    assert (t1["profile"]["employees"], t1["profile"]["size_class"]) == (8, "micro")
    assert (t2["profile"]["employees"], t2["profile"]["size_class"]) == (60, "small")
    assert (t2["profile"]["city"], t2["profile"]["annual_revenue_cny"]) == ("杭州", 3_000_000)
    assert t3["profile"]["city"] is None and t3["clarifying_questions"]


def test_profile_file_prefills_the_profile(cli, tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text(
        json.dumps(
            {
                "province": "浙江",
                "city": "杭州",
                "employees": 20,
                "annual_revenue_cny": 8_000_000,
                "industry": "H",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    result = cli("ask", "推荐AI方案，想解决备货不准", "--profile", str(profile), "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["intent"] == "recommend_pack"
    assert payload["clarifying_questions"] == []
    assert 1 <= len(payload["solutions"]) <= 4
    assert payload["profile"]["size_class"] == "small"
    assert "demand_forecasting" in [s["category"] for s in payload["solutions"][:3]]
    assert (payload["profile"]["city"], payload["profile"]["employees"]) == ("杭州", 20)
    # The message adds to the file's profile; it does not replace it.
    assert "备货不准" in payload["profile"]["pain_points"]


def test_batch_writes_one_line_per_input_in_order_and_survives_bad_lines(cli, tmp_path: Path):
    batch = _write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": "a", "message": "你好"},
            "this is not json",
            {"id": "c", "message": "明天杭州天气怎么样？"},
            {"id": 4, "message": "上海的模型券最高补贴多少？"},
            ["not", "an", "object"],
            {"id": "f", "message": RESTAURANT},
        ],
    )
    result = cli("ask", "--batch", str(batch), "--json")
    assert result.exit_code == 0, result.output
    lines = _lines(result)
    assert len(lines) == 6
    assert [line["id"] for line in lines] == ["a", None, "c", 4, None, "f"]
    assert [line.get("intent") for line in lines] == [
        "smalltalk",
        None,
        "out_of_scope",
        "policy_question",
        None,
        "recommend_pack",
    ]
    for bad, number in ((lines[1], 2), (lines[4], 5)):
        assert set(bad) == {"id", "error"} and f"line {number}" in bad["error"]
    for good in (lines[0], lines[2], lines[3], lines[5]):
        assert set(good) >= CONTRACT_KEYS
    assert "line 2" in result.stderr and "line 5" in result.stderr
    assert "Traceback" not in result.output


def test_batch_error_line_keeps_the_id_it_was_given(cli, tmp_path: Path):
    batch = _write_jsonl(tmp_path / "in.jsonl", [{"id": "q7", "message": 42}, {"id": "q8", "text": "hi"}])
    result = cli("ask", "--batch", str(batch), "--json")
    assert [line["id"] for line in _lines(result)] == ["q7", "q8"]


def test_batch_profile_file_does_not_undo_a_correction(cli, tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text(
        json.dumps({"province": "浙江", "city": "杭州", "employees": 20, "industry": "H"}), encoding="utf-8"
    )
    batch = _write_jsonl(
        tmp_path / "in.jsonl",
        [
            {"id": 1, "session": "s", "message": "推荐AI方案，想解决备货不准"},
            {"id": 2, "session": "s", "message": "其实我们有60个员工"},
            {"id": 3, "session": "s", "message": "这些方案一年下来大概要花多少钱？"},
        ],
    )
    result = cli("ask", "--batch", str(batch), "--profile", str(profile), "--json")
    assert result.exit_code == 0, result.output
    assert [line["profile"]["employees"] for line in _lines(result)] == [20, 60, 60]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"province": "浙江", "employees": 2', "Invalid JSON"),
        ('{"employees": -5}', "employees"),
        ('{"employes": 5}', "employes"),
        ('["浙江", 20]', "CompanyProfile"),
        ("", "Invalid JSON"),
    ],
    ids=["truncated", "negative", "typo", "not-an-object", "empty"],
)
def test_bad_profile_file_is_a_message_with_exit_code_2(cli, tmp_path: Path, content: str, problem: str):
    profile = tmp_path / "profile.json"
    profile.write_text(content, encoding="utf-8")
    result = cli("ask", "你好", "--profile", str(profile), "--json")
    assert result.exit_code == 2, result.output
    assert "--profile" in result.output and problem in result.output
    assert "Traceback" not in result.output
    assert result.stdout.strip() == "" or not result.stdout.lstrip().startswith("{")


def test_profile_file_that_is_not_utf8_is_a_message(cli, tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_bytes(b"\xff\xfe{\x00")
    result = cli("ask", "你好", "--profile", str(profile))
    assert result.exit_code == 2, result.output
    assert "--profile" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("args", [(), ("你好", "--batch", "MISSING")], ids=["nothing", "both"])
def test_message_or_batch_is_required(cli, tmp_path: Path, args: tuple[str, ...]):
    if "MISSING" in args:
        batch = _write_jsonl(tmp_path / "b.jsonl", [{"message": "你好"}])
        args = tuple(str(batch) if a == "MISSING" else a for a in args)
    result = cli("ask", *args)
    assert result.exit_code == 2
    assert "MESSAGE or --batch" in result.output


def test_profile_printed_by_ask_can_be_fed_back_with_profile(cli, tmp_path: Path):
    first = cli("ask", RESTAURANT, "--json")
    profile = tmp_path / "saved.json"
    profile.write_text(json.dumps(json.loads(first.stdout)["profile"], ensure_ascii=False), encoding="utf-8")
    second = cli("ask", "推荐AI方案", "--profile", str(profile), "--json")
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["profile"]["employees"] == 20


def test_ask_json_is_standard_json_even_for_absurd_numbers(cli):
    result = cli("ask", "我们在杭州做餐饮，20个员工，年营收" + "9" * 400 + "万，推荐AI方案", "--json")
    assert result.exit_code == 0, result.output
    _strict_json(result.stdout)
