"""The `aipack` command line: ingest, search, ask, serve and eval (one module per group of commands).

No traceback ever reaches the user: every command prints one readable message with the fix
(common.friendly_errors). Exit codes: 0 ok, 1 unexpected failure, 2 user-fixable error.
"""

from __future__ import annotations

import click

from app.cli.advisor import ask, eval_command
from app.cli.knowledge import ingest, search
from app.cli.serve import serve

__all__ = ["main"]


@click.group(help="AI enablement-pack advisor for SMEs (offline by default).")
def main() -> None:
    pass


for command in (ingest, search, ask, serve, eval_command):
    main.add_command(command)
