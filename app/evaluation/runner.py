"""`aipack eval`: run the golden set, write a Markdown + JSON report, compare runs.

Every report carries what is needed to reproduce it: the settings snapshot
(secrets excluded), the git commit, the index stats and the dataset files.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import time
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from app.container import Container
from app.errors import InputError
from app.evaluation.advisor_metrics import load_advisor_cases, score_advisor
from app.evaluation.golden import load_retrieval_cases
from app.evaluation.retrieval_metrics import score_retrieval
from app.services.ingest import read_manifest
from app.settings import PROJECT_ROOT, AdvisorSettings

HEADLINE = [
    ("retrieval.hit_at_1", "Retrieval hit@1"),
    ("retrieval.hit_at_5", "Retrieval hit@5"),
    ("retrieval.mrr", "Retrieval MRR"),
    ("retrieval.fact_at_1", "Fact in context@1"),
    ("retrieval.fact_at_5", "Fact in context@5"),
    ("advisor.fact_recall", "Fact recall in answers"),
    ("advisor.citation_precision", "Citation precision"),
    ("advisor.category_hit_at_3", "Category hit@3"),
    ("advisor.verdict_accuracy", "Funding verdict accuracy"),
    ("advisor.clarify_rate", "Clarify rate (under-specified)"),
    ("advisor.refusal_rate", "Refusal rate (out of scope)"),
    ("advisor.invented_programs", "Invented programs"),
    ("advisor.intent_accuracy", "Intent accuracy"),
    ("judge.faithfulness", "LLM judge: faithfulness (1-5)"),
    ("judge.relevance", "LLM judge: relevance (1-5)"),
]


def _dataset_files(dataset: Path) -> tuple[Path | None, Path | None]:
    """A manifest (`include:`), or one case file recognised by its content."""
    raw = yaml.safe_load(dataset.read_text(encoding="utf-8"))
    files = [dataset.parent / name for name in raw.get("include", [])] if isinstance(raw, dict) else [dataset]
    retrieval = advisor = None
    for path in files:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if items and "turns" in items[0]:
            advisor = path
        elif items and "question" in items[0]:
            retrieval = path
    if retrieval is None and advisor is None:
        raise InputError(f"{dataset} holds no golden cases.", "Point --dataset at tests/eval/golden.yaml.")
    return retrieval, advisor


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=5,
        )
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": 0.0, "p95": 0.0}
    ordered = sorted(values)
    return {
        "p50": round(statistics.median(ordered), 2),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
    }


def _judge(box: Container, cases: list[Any]) -> dict[str, Any]:
    from app.evaluation.judge import Judge, summarise

    judge = Judge(box.settings)
    grades = [judge.grade(case.question, box.advisor.ask(case.question)) for case in cases]
    return {**summarise(grades), "prompts": [judge.faithfulness.label, judge.relevance.label]}


def run_eval(
    container: Container, dataset: Path, today: date | None = None, judge_limit: int = 20
) -> dict[str, Any]:
    retrieval_file, advisor_file = _dataset_files(dataset)
    settings = container.settings
    if today or settings.advisor.today is None:
        settings = settings.model_copy(update={"advisor": AdvisorSettings(today=today or date.today())})
    box = container.derive(settings)
    box.ingest.ensure_ready()
    started = time.perf_counter()
    report: dict[str, Any] = {
        "generated_at": datetime.now().isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "dataset": [
            str(p.relative_to(PROJECT_ROOT) if p.is_relative_to(PROJECT_ROOT) else p)
            for p in (retrieval_file, advisor_file)
            if p
        ],
        "settings_version": settings.version,
        "settings": settings.model_dump(mode="json", exclude={"llm": {"api_key"}, "api": {"token"}}),
        "index": read_manifest(settings) or {},
    }
    retrieval_cases = load_retrieval_cases(retrieval_file) if retrieval_file else []
    if retrieval_cases:
        scores = score_retrieval(box.retrieval, retrieval_cases)
        report["retrieval"] = {k: v for k, v in asdict(scores).items() if k not in ("latencies_ms",)}
        report["retrieval"]["latency_ms"] = _percentiles(scores.latencies_ms)
    if advisor_file:
        advice = score_advisor(box.advisor, load_advisor_cases(advisor_file), retrieval_cases)
        data = asdict(advice)
        report["advisor"] = {k: v for k, v in data.items() if k not in ("latencies_ms", "stage_ms")}
        report["advisor"]["latency_ms"] = _percentiles(advice.latencies_ms)
        report["advisor"]["stage_latency_ms"] = {s: _percentiles(v) for s, v in advice.stage_ms.items()}
    if settings.llm.mode == "openai" and retrieval_cases:
        report["judge"] = _judge(box, [c for c in retrieval_cases if c.answerable][:judge_limit])
    report["cases"] = {
        "retrieval": len(retrieval_cases),
        "advisor": len(load_advisor_cases(advisor_file)) if advisor_file else 0,
    }
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def _get(report: dict[str, Any], dotted: str) -> Any:
    value: Any = report
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else ("—" if value is None else str(value))


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# aipack evaluation report",
        "",
        f"- Generated: {report['generated_at']} · commit `{report['git_commit']}` · settings `{report['settings_version']}`",
        f"- Dataset: {', '.join(report['dataset'])} ({report['cases']['retrieval']} retrieval, {report['cases']['advisor']} advisor cases)",
        f"- Index: {report['index'].get('counts', {})} · ingested {report['index'].get('ingested_at', '—')}",
        f"- Mode: {report['settings']['llm']['mode']} · took {report['seconds']} s",
        "",
        "| Metric | Value |",
        "|---|---|",
    ]
    lines += [f"| {label} | {_fmt(_get(report, key))} |" for key, label in HEADLINE]
    for section in ("retrieval", "advisor"):
        latency = _get(report, f"{section}.latency_ms")
        if latency:
            lines.append(f"| {section.title()} latency p50 / p95 | {latency['p50']} / {latency['p95']} ms |")
    for stage, values in (_get(report, "advisor.stage_latency_ms") or {}).items():
        lines.append(f"| ask stage `{stage}` p50 / p95 | {values['p50']} / {values['p95']} ms |")
    failures = (_get(report, "retrieval.misses") or []) + (_get(report, "advisor.failures") or [])
    if failures:
        lines += ["", "## Misses", "", *[f"- {f}" for f in failures]]
    return "\n".join(lines) + "\n"


def write_report(report: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = report["generated_at"].replace(":", "").replace("-", "")
    json_path = out_dir / f"eval-{stamp}-{report['git_commit']}.json"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    md_path = json_path.with_suffix(".md")
    md_path.write_text(to_markdown(report), encoding="utf-8")
    return md_path, json_path


def compare(a: dict[str, Any], b: dict[str, Any]) -> str:
    lines = [f"| Metric | A ({a['git_commit']}) | B ({b['git_commit']}) | Δ |", "|---|---|---|---|"]
    for key, label in HEADLINE:
        va, vb = _get(a, key), _get(b, key)
        delta = f"{vb - va:+.3f}" if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else "—"
        lines.append(f"| {label} | {_fmt(va)} | {_fmt(vb)} | {delta} |")
    for section in ("retrieval", "advisor"):
        la, lb = _get(a, f"{section}.latency_ms"), _get(b, f"{section}.latency_ms")
        if la and lb:
            lines.append(f"| {section} p95 ms | {la['p95']} | {lb['p95']} | {lb['p95'] - la['p95']:+.1f} |")
    return "\n".join(lines)
