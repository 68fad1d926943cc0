"""Liveness (/healthz) and readiness (/readyz) that never wait behind asks.

Both are async routes: they do not queue in the thread pool that asks occupy. /readyz
really tries what an ask needs (the index opens and holds chunks, the data folder
takes a file, the session store takes its write lock) on the event loop's own
executor, with a deadline, and answers 503 naming what failed.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from app.advisor.service import AdvisorService
from app.api.errors import scrub
from app.container import Container
from app.errors import AipackError
from app.services.ingest import read_manifest, require_writable
from app.services.store_errors import store_error

CHECK_TIMEOUT_S = 5.0


def install(app: FastAPI, box: Container) -> None:
    folders = (box.settings.paths.data_dir, box.settings.paths.knowledge_dir)

    @app.get("/healthz", summary="Liveness: the process answers (and what index it serves)")
    async def healthz() -> dict[str, Any]:
        manifest = read_manifest(box.settings) or {}
        return {
            "status": "ok" if manifest else "no-index",
            "index": manifest.get("counts", {}),
            "ingested_at": manifest.get("ingested_at"),
            "mode": box.settings.llm.mode,
            "settings_version": box.settings.version,
        }

    @app.get("/readyz", summary="Readiness: index, data folder and session store all usable")
    async def readyz() -> JSONResponse:
        checks: dict[str, Callable[[], None]] = {
            "index": box.ingest.require_index,
            "data_dir": lambda: require_writable(box.settings.paths.data_dir),
            "sessions": lambda: _sessions_writable(box.advisor),
        }
        results = {name: await _run(check, folders) for name, check in checks.items()}
        ready = all(result == "ok" for result in results.values())
        return JSONResponse(
            {"status": "ready" if ready else "not_ready", "checks": results},
            status_code=200 if ready else 503,
        )


async def _run(check: Callable[[], None], folders: tuple[Any, ...]) -> str:
    try:
        await asyncio.wait_for(asyncio.to_thread(check), CHECK_TIMEOUT_S)
    except TimeoutError:
        return f"no answer within {CHECK_TIMEOUT_S:g} s"
    except AipackError as exc:
        return scrub(f"{exc.problem} {exc.fix}".strip(), *folders)
    except Exception as exc:  # any failure is the answer: not ready, and why
        return scrub(f"{type(exc).__name__}: {exc}", *folders)
    return "ok"


def _sessions_writable(advisor: AdvisorService) -> None:
    """The session store takes its write lock; its failure said as the store says it (which file, why)."""
    file = advisor.sessions.file
    if file is None:
        return
    try:
        file.check()
    except (sqlite3.Error, OSError) as exc:
        raise store_error(exc, file.path) from exc
