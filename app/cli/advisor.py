"""`aipack ask` and `aipack eval`: ask the advisor (one message, or a JSONL batch), and score it on the golden set."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from app.cli.common import batch_lines, command_container, friendly_errors, refresh_or_keep_index


def load_profile(path: Path | None) -> Any:
    if path is None:
        return None
    from pydantic import ValidationError

    from app.advisor.understand.profile import CompanyProfile

    try:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise click.BadParameter(
                f"{path} is not a valid profile: Invalid JSON ({exc})", param_hint="--profile"
            ) from exc
        if isinstance(
            data, dict
        ):  # accept the profile that `ask --json` prints: derived fields are recomputed
            data.pop("size_class", None)
            data.pop("size_basis", None)
        return CompanyProfile.model_validate(data)
    except (ValidationError, ValueError) as exc:
        raise click.BadParameter(f"{path} is not a valid profile: {exc}", param_hint="--profile") from exc


def read_ask_batch(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str, Any]]:
    """(line number, valid item or None, problem, the line's id if it had one)."""
    for number, item, problem in batch_lines(path):
        line_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item, dict) and isinstance(item.get("message"), str):
            yield number, item, "", line_id
        else:
            yield number, None, problem or "expected a JSON object with a string `message`", line_id


@click.command(help="Ask the advisor; --json prints the evaluation contract.")
@click.argument("message", required=False)
@click.option(
    "--session", "session_id", default=None, help="Conversation id (keeps the profile across turns)."
)
@click.option("--profile", "profile_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--batch",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL of {id, message, session?}.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
@friendly_errors
def ask(
    message: str | None, session_id: str | None, profile_file: Path | None, batch: Path | None, as_json: bool
) -> None:
    from app.advisor.service import AdvisorService

    if (message is None) == (batch is None):
        raise click.UsageError("Give either a MESSAGE or --batch FILE.jsonl.")
    profile = load_profile(profile_file)
    container = command_container()
    refresh_or_keep_index(container)
    advisor = AdvisorService(container)
    if batch is not None:
        started: set[str] = set()  # sessions that already have the file's profile
        for number, item, problem, line_id in read_ask_batch(batch):
            if item is None:
                click.echo(f"line {number}: {problem}", err=True)
                click.echo(
                    json.dumps(
                        {"id": line_id, "error": f"line {number}: invalid input ({problem})"},
                        ensure_ascii=False,
                    )
                )
                continue
            session = item.get("session")
            # The file profile starts a conversation; applied again later it would undo corrections.
            first = session is None or session not in started
            started.update([session] if session else [])
            response = advisor.ask(item["message"], session_id=session, profile=profile if first else None)
            payload = response.model_dump(mode="json")
            payload["id"] = item.get("id", payload["id"])
            click.echo(json.dumps(payload, ensure_ascii=False))
        return
    assert message is not None
    response = advisor.ask(message, session_id=session_id, profile=profile)
    if as_json:
        click.echo(json.dumps(response.model_dump(mode="json"), ensure_ascii=False))
        return
    click.echo(response.answer)
    for notice in response.notices:
        if notice not in response.answer:
            click.echo(f"\n⚠️ {notice}")
    if response.citations:
        click.echo("\n" + "\n".join(f"[{c.n}] {c.title} ({c.source})" for c in response.citations))


@click.command(
    "eval",
    help="Score the golden set; writes a Markdown + JSON report. --compare A.json B.json shows deltas.",
)
@click.option("--dataset", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report.")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None, help="Report folder."
)
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="Pin the date for verdicts."
)
@click.option(
    "--compare", nargs=2, type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None
)
@friendly_errors
def eval_command(
    dataset: Path | None, as_json: bool, out_dir: Path | None, today: Any, compare: tuple[Path, Path] | None
) -> None:
    from app.evaluation import runner

    if compare:
        first, second = (json.loads(p.read_text(encoding="utf-8")) for p in compare)
        click.echo(runner.compare(first, second))
        return
    container = command_container()
    dataset = dataset or container.settings.paths.knowledge_dir.parent / "tests" / "eval" / "golden.yaml"
    report = runner.run_eval(container, dataset, today.date() if today else None)
    md_path, json_path = runner.write_report(report, out_dir or container.settings.paths.data_dir / "eval")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        click.echo(runner.to_markdown(report))
        click.echo(f"Report: {md_path}\n        {json_path}")
