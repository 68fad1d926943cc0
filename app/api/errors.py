"""Error responses in OpenAI's shape, so the SDKs and LangChain show the message, not just the code.

`{"error": {"message", "type", "code", "param"}}` with OpenAI's status semantics
(400 bad request, 401 key, 404 unknown model or route, 413 too large, 429 busy,
500 our fault, 503 not ready). A message never carries more than a short excerpt
of what the client sent, and never a path on the server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import AipackError, IndexNotReadyError, ReadOnlyDataError, StoreError

MAX_MESSAGE_CHARS = 600
_TYPES = {401: "authentication_error", 404: "not_found_error", 429: "rate_limit_error"}
_ABSOLUTE_PATH = re.compile(r"(?<![\w.:/])/(?:[^\s'\"/]+/)+[^\s'\",;)]*")
_WINDOWS_PATH = re.compile(r"\b[A-Za-z]:\\[^\s'\"]+")


class ApiError(Exception):
    """Raised by a route for a response with this status and message."""

    def __init__(self, status: int, message: str, code: str, param: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code, self.param = status, message, code, param


def error_body(status: int, message: str, code: str | None, param: str | None = None) -> dict[str, Any]:
    kind = _TYPES.get(status, "server_error" if status >= 500 else "invalid_request_error")
    return {"error": {"message": message, "type": kind, "code": code, "param": param}}


def error_response(
    status: int,
    message: str,
    code: str | None,
    param: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(status, message, code, param), status_code=status, headers=headers)


def scrub(text: str, *folders: Path) -> str:
    """`text` without server paths (the named folders first, by role) and at most MAX_MESSAGE_CHARS long."""
    for folder, label in zip(folders, ("<data dir>", "<knowledge dir>"), strict=False):
        text = text.replace(str(folder), label)
    text = _WINDOWS_PATH.sub("<path>", _ABSOLUTE_PATH.sub("<path>", text))
    return text if len(text) <= MAX_MESSAGE_CHARS else text[: MAX_MESSAGE_CHARS - 1] + "…"


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    """Where and what, for the first few problems; the offending input itself is never echoed."""
    problems = []
    param = None
    for error in exc.errors()[:3]:
        location = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        param = param or location or None
        message = str(error.get("msg", "invalid value"))[:160]
        problems.append(f"{location}: {message}" if location else message)
    more = len(exc.errors()) - len(problems)
    suffix = f" (and {more} more)" if more > 0 else ""
    return "Invalid request: " + "; ".join(problems) + suffix, param


def install(app: FastAPI, *folders: Path) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        message, param = _validation_message(exc)
        return error_response(400, scrub(message, *folders), "invalid_request", param)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, scrub(str(exc.detail), *folders), code, headers=exc.headers)

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, scrub(exc.message, *folders), exc.code, exc.param)

    @app.exception_handler(AipackError)
    async def aipack_error(_: Request, exc: AipackError) -> JSONResponse:
        not_ready = isinstance(exc, (IndexNotReadyError, StoreError))
        message = f"{exc.problem} {exc.fix}".strip()
        code = (
            "data_dir_read_only"
            if isinstance(exc, ReadOnlyDataError)
            else "index_not_ready"
            if isinstance(exc, IndexNotReadyError)
            else "store_unavailable"
            if isinstance(exc, StoreError)
            else "invalid_request"
        )
        return error_response(503 if not_ready else 400, scrub(message, *folders), code)
