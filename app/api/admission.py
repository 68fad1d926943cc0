"""What a request must pass before any of its body is read: its size, then its key.

Oversize bodies are refused from `Content-Length` alone, and a body sent without
one (chunked) is counted as it arrives and refused at the limit, so no request
costs more than `api.max_body_bytes` of memory. The key is checked next, from the
header, before the route parses anything; the key's name travels in the ASGI
scope for the routes (it scopes sessions). Both refusals are OpenAI-shaped errors.
"""

from __future__ import annotations

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import error_response
from app.api.keys import ApiKeys

OWNER = "aipack.key_name"  # scope key: the name of the key that authenticated the request ("" if none needed)
OPEN_PATHS = frozenset({"/healthz", "/readyz"})  # probes: no key, nothing about the data


class BodyTooLarge(HTTPException):
    """Raised from `receive` while a route reads the body; FastAPI passes HTTPExceptions through."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_message(limit))


def too_large_message(limit: int) -> str:
    return f"The request body is larger than {limit:,} bytes. Send a shorter history or message."


class Admission:
    def __init__(self, app: ASGIApp, keys: ApiKeys, max_body_bytes: int) -> None:
        self.app = app
        self.keys = keys
        self.limit = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            close = {"connection": "close"}
            if declared.isdigit():
                await error_response(413, too_large_message(self.limit), "request_too_large", headers=close)(
                    scope, receive, send
                )
            else:
                await error_response(
                    400, "Content-Length is not a number.", "invalid_request", headers=close
                )(scope, receive, send)
            return
        owner = ""
        if self.keys.required and scope["path"] not in OPEN_PATHS:
            scheme, _, presented = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
            found = self.keys.owner(presented.strip()) if scheme.lower() == "bearer" else None
            if found is None:
                await error_response(
                    401,
                    "Missing or wrong API key. Send `Authorization: Bearer <key>`.",
                    "invalid_api_key",
                    headers={"www-authenticate": "Bearer", "connection": "close"},
                )(scope, receive, send)
                return
            owner = found
        scope[OWNER] = owner
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counted, send)
