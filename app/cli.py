"""The `aipack` command line: ingest, search, ask, serve and eval.

Errors are printed as one readable message with the fix; no traceback ever
reaches the user. Exit codes: 0 ok, 1 unexpected failure, 2 user-fixable error.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from app.components.vector_store import CollectionName
from app.container import Container, configure_process
from app.errors import AipackError, InputError

F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except click.ClickException:
            raise  # usage errors: click prints them with the command's help hint
        except AipackError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted; the index is still usable (run the command again to finish).", err=True)
            sys.exit(130)
        except Exception as exc:  # last resort: a message, not a traceback
            click.echo(f"Unexpected error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(1)

    return cast(F, wrapper)


def _container() -> Container:
    """The command's container, with the process configured once (log scrubbing, e5 copies)."""
    container = Container()
    configure_process(container.settings)
    return container


@click.group(help="AI enablement-pack advisor for SMEs (offline by default).")
def main() -> None:
    pass


@main.command(help="Index knowledge/ into Chroma; only changed files are embedded again.")
@click.option(
    "--rebuild", is_flag=True, help="Re-create the index from scratch (the old one stays until done)."
)
@friendly_errors
def ingest(rebuild: bool) -> None:
    from tqdm import tqdm

    container = _container()
    bar: tqdm[Any] | None = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc="Embedding chunks", unit="chunk", file=sys.stderr, leave=False)
        bar.n = done
        bar.refresh()

    report = container.ingest.ingest(rebuild=rebuild, progress=progress)
    if bar is not None:
        bar.close()
    click.echo(report.summary())


BatchItem = tuple[int, Any, str]  # (line number, parsed value or None, problem when None)


def _batch_lines(path: Path) -> Iterator[BatchItem]:
    """Each non-blank line parsed as JSON; a line that is not UTF-8 or not JSON is reported, not guessed.

    A UTF-8 byte-order mark (Windows Notepad) is dropped from the first line.
    """
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield number, None, "not UTF-8 text (re-save the file as UTF-8)"
                continue
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), ""
            except json.JSONDecodeError:
                yield number, None, "not valid JSON"


def _read_batch(path: Path) -> Iterator[tuple[int, str | None, str]]:
    for number, item, problem in _batch_lines(path):
        if isinstance(item, dict):
            item = item.get("query") or item.get("question") or item.get("message")
        if isinstance(item, str):
            yield number, item, ""
        else:
            yield number, None, problem or "no query string found"


def _refresh_or_keep_index(container: Container) -> None:
    """`readiness.ensure_ready`'s policy on the command line: a knowledge problem is a warning."""
    from app.services.readiness import ensure_ready

    if problem := ensure_ready(container.ingest):
        click.echo(f"Warning: {problem}\n  (Searching the previous index meanwhile.)", err=True)


@main.command(help="Hybrid search over policies and catalogues.")
@click.argument("query", required=False)
@click.option("-k", "top_k", type=click.IntRange(1, 50), default=None, help="Number of results.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="JSONL of queries."
)
@click.option(
    "--collection", "collections", multiple=True, type=click.Choice([c.value for c in CollectionName])
)
@click.option("--region", default=None, help="Province, e.g. 上海 (national entries always included).")
@click.option(
    "--kind", "kinds", multiple=True, help="news, interview, policy_interpretation, solution, funding…"
)
@click.option("--strategy", type=click.Choice(["hybrid", "dense", "bm25"]), default="hybrid")
@click.option("--no-floor", is_flag=True, help="Return hits even when all are below the relevance floor.")
@friendly_errors
def search(
    query: str | None,
    top_k: int | None,
    as_json: bool,
    batch: Path | None,
    collections: tuple[str, ...],
    region: str | None,
    kinds: tuple[str, ...],
    strategy: str,
    no_floor: bool,
) -> None:
    from app.services.retrieval import SearchFilters

    if (query is None) == (batch is None):
        raise click.UsageError("Give either a QUERY or --batch FILE.jsonl.")
    container = _container()
    _refresh_or_keep_index(container)
    filters = SearchFilters(
        collections=frozenset(CollectionName(c) for c in collections) or None,
        region=region,
        kinds=frozenset(kinds) or None,
    )

    def run(text: str) -> list[dict[str, Any]]:
        result = container.retrieval.search(text, k=top_k, filters=filters, strategy=strategy)  # type: ignore[arg-type]
        # Below the floor the honest answer is "no evidence": an empty list.
        return [h.contract() for h in result.hits] if result.has_evidence or no_floor else []

    if batch is not None:
        for number, text, problem in _read_batch(batch):
            if text is None:
                click.echo(f"line {number}: {problem}; wrote []", err=True)
                click.echo("[]")
                continue
            click.echo(json.dumps(run(text), ensure_ascii=False))
        return
    assert query is not None
    if as_json:
        click.echo(json.dumps(run(query), ensure_ascii=False))
        return
    result = container.retrieval.search(query, k=top_k, filters=filters, strategy=strategy)  # type: ignore[arg-type]
    if not result.has_evidence:
        click.echo(f"No strong evidence in the knowledge base (best score {result.best_score:.3f}).")
    for n, hit in enumerate(result.hits, start=1):
        click.echo(f"[{n}] {hit.score:.3f}  {hit.title}  ({hit.source})")
        click.echo("    " + hit.text.replace("\n", " ")[:160])


def _load_profile(path: Path | None) -> Any:
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


def _read_ask_batch(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str, Any]]:
    """(line number, valid item or None, problem, the line's id if it had one)."""
    for number, item, problem in _batch_lines(path):
        line_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(item, dict) and isinstance(item.get("message"), str):
            yield number, item, "", line_id
        else:
            yield number, None, problem or "expected a JSON object with a string `message`", line_id


@main.command(help="Ask the advisor; --json prints the evaluation contract.")
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
    profile = _load_profile(profile_file)
    container = _container()
    _refresh_or_keep_index(container)
    advisor = AdvisorService(container)
    if batch is not None:
        started: set[str] = set()  # sessions that already have the file's profile
        for number, item, problem, line_id in _read_ask_batch(batch):
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


@main.command(help="Serve the HTTP API (FastAPI; OpenAPI docs at /docs).")
@click.option("--host", default=None, help="Default from settings: 127.0.0.1.")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Default from settings: 8080.")
@click.option("--workers", type=click.IntRange(1, 16), default=1, help="Uvicorn worker processes.")
@click.option(
    "--insecure",
    is_flag=True,
    help="Allow binding beyond loopback without an API key (anyone who can reach the port can use it).",
)
@friendly_errors
def serve(host: str | None, port: int | None, workers: int, insecure: bool) -> None:
    import uvicorn

    from app.api.keys import ApiKeys

    container = _container()
    settings = container.settings.api
    keys = ApiKeys.from_settings(settings)  # a bad keys file is reported before anything starts
    if not keys.required and not _is_loopback(host or settings.host):
        if not insecure:
            raise InputError(
                f"Refusing to serve on {host or settings.host} without an API key: anyone who reaches "
                "the port could read and change every conversation.",
                "Set AIPACK_API__KEYS (or AIPACK_API__TOKEN / AIPACK_API__KEYS_FILE), bind 127.0.0.1, "
                "or pass --insecure if a proxy in front does the authentication.",
            )
        click.echo(f"WARNING: serving on {host or settings.host} without an API key (--insecure).", err=True)
    _refresh_or_keep_index(container)
    if workers > 1:
        # Each worker process has its own e5 copies: share the cores instead of oversubscribing them.
        cores = os.cpu_count() or 1
        os.environ.setdefault("AIPACK_EMBEDDING__COPIES", str(max(1, cores // workers)))
        uvicorn.run(
            "app.api.factory:app",
            host=host or settings.host,
            port=port or settings.port,
            workers=workers,
            log_level="warning",
        )
    else:
        from app.api.app import create_app

        uvicorn.run(
            create_app(container), host=host or settings.host, port=port or settings.port, log_level="warning"
        )


@main.command(
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
    container = _container()
    dataset = dataset or container.settings.paths.knowledge_dir.parent / "tests" / "eval" / "golden.yaml"
    report = runner.run_eval(container, dataset, today.date() if today else None)
    md_path, json_path = runner.write_report(report, out_dir or container.settings.paths.data_dir / "eval")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        click.echo(runner.to_markdown(report))
        click.echo(f"Report: {md_path}\n        {json_path}")


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


if __name__ == "__main__":
    main()
