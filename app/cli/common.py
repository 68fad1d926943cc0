"""What every `aipack` command shares: errors as one readable message, the container, the index, JSONL input.

Errors are printed as one readable message with the fix; no traceback ever
reaches the user. Exit codes: 0 ok, 1 unexpected failure, 2 user-fixable error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from app.container import Container, configure_process
from app.errors import AipackError

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


def command_container() -> Container:
    """The command's container, with the process configured once (log scrubbing, e5 copies)."""
    container = Container()
    configure_process(container.settings)
    return container


BatchItem = tuple[int, Any, str]  # (line number, parsed value or None, problem when None)


def batch_lines(path: Path) -> Iterator[BatchItem]:
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


def refresh_or_keep_index(container: Container) -> None:
    """`readiness.ensure_ready`'s policy on the command line: a knowledge problem is a warning."""
    from app.services.readiness import ensure_ready

    if problem := ensure_ready(container.ingest):
        click.echo(f"Warning: {problem}\n  (Searching the previous index meanwhile.)", err=True)
