"""`aipack serve`: the HTTP API, refused beyond loopback without an API key unless told otherwise."""

from __future__ import annotations

import os

import click

from app.cli.common import command_container, friendly_errors, refresh_or_keep_index
from app.errors import InputError


@click.command(help="Serve the HTTP API (FastAPI; OpenAPI docs at /docs).")
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

    container = command_container()
    settings = container.settings.api
    keys = ApiKeys.from_settings(settings)  # a bad keys file is reported before anything starts
    if not keys.required and not is_loopback(host or settings.host):
        if not insecure:
            raise InputError(
                f"Refusing to serve on {host or settings.host} without an API key: anyone who reaches "
                "the port could read and change every conversation.",
                "Set AIPACK_API__KEYS (or AIPACK_API__TOKEN / AIPACK_API__KEYS_FILE), bind 127.0.0.1, "
                "or pass --insecure if a proxy in front does the authentication.",
            )
        click.echo(f"WARNING: serving on {host or settings.host} without an API key (--insecure).", err=True)
    refresh_or_keep_index(container)
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


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything
