"""`aipack ingest` and `aipack search`: build the knowledge index and search it."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from app.cli.common import batch_lines, command_container, friendly_errors, refresh_or_keep_index
from app.components.vector_store import CollectionName


@click.command(help="Index knowledge/ into Chroma; only changed files are embedded again.")
@click.option(
    "--rebuild", is_flag=True, help="Re-create the index from scratch (the old one stays until done)."
)
@friendly_errors
def ingest(rebuild: bool) -> None:
    from tqdm import tqdm

    container = command_container()
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


def read_batch(path: Path) -> Iterator[tuple[int, str | None, str]]:
    for number, item, problem in batch_lines(path):
        if isinstance(item, dict):
            item = item.get("query") or item.get("question") or item.get("message")
        if isinstance(item, str):
            yield number, item, ""
        else:
            yield number, None, problem or "no query string found"


@click.command(help="Hybrid search over policies and catalogues.")
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
    container = command_container()
    refresh_or_keep_index(container)
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
        for number, text, problem in read_batch(batch):
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
