"""FastAPI application: the advice contract, an OpenAI-compatible chat endpoint, search and health.

Routes are thin: they validate, call the container's services and shape the
output. OpenAPI docs are served at /docs.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import secrets
import time
import uuid
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.advisor.contract import AdviceResponse
from app.api.gate import FifoGate
from app.api.models import (
    AdviseRequest,
    ChatCompletionRequest,
    ErrorBody,
    SearchHitOut,
    SearchRequest,
    SearchResponse,
)
from app.components.vector_store import CollectionName
from app.container import Container
from app.errors import AipackError, IndexNotReadyError
from app.services.ingest import read_manifest
from app.services.retrieval import SearchFilters

_bearer = HTTPBearer(auto_error=False)
_log = logging.getLogger("uvicorn.error")  # the server's log, next to uvicorn's own lines


def create_app(container: Container | None = None) -> FastAPI:
    box = container or Container()
    app = FastAPI(
        title="aipack advisor API",
        version="1.0",
        description="AI enablement-pack advice for SMEs: the same JSON contract as `aipack ask --json`.",
    )
    app.state.container = box
    gate = FifoGate(box.settings.api.concurrent_asks)

    def authorize(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
        token = box.settings.api.token
        if token is None:
            return
        given = credentials.credentials if credentials else ""
        if not secrets.compare_digest(given.encode(), token.get_secret_value().encode()):
            raise HTTPException(status_code=401, detail="Missing or wrong bearer token.")

    @app.exception_handler(AipackError)
    async def aipack_error(_: Request, exc: AipackError) -> JSONResponse:
        status = 503 if isinstance(exc, IndexNotReadyError) else 400
        return JSONResponse(ErrorBody(error=exc.problem, fix=exc.fix).model_dump(), status_code=status)

    app.add_middleware(_InternalErrors)

    @app.get("/healthz", summary="Liveness and index status")
    def healthz() -> dict[str, Any]:
        manifest = read_manifest(box.settings) or {}
        return {
            "status": "ok" if manifest else "no-index",
            "index": manifest.get("counts", {}),
            "ingested_at": manifest.get("ingested_at"),
            "mode": box.settings.llm.mode,
            "settings_version": box.settings.version,
        }

    @app.post(
        "/v1/advise",
        response_model=AdviceResponse,
        dependencies=[Depends(authorize)],
        summary="Ask the advisor",
    )
    def advise(body: AdviseRequest) -> AdviceResponse:
        """The evaluation contract: identical to `aipack ask --json`."""
        with gate.slot():
            return box.advisor.ask(body.message, session_id=body.session_id, profile=body.profile)

    @app.post(
        "/v1/search",
        response_model=SearchResponse,
        dependencies=[Depends(authorize)],
        summary="Hybrid search",
    )
    def search(body: SearchRequest) -> SearchResponse:
        filters = SearchFilters(
            collections=frozenset(CollectionName(c) for c in body.collections) if body.collections else None,
            region=body.region,
            kinds=frozenset(body.kinds) if body.kinds else None,
        )
        with gate.slot():
            result = box.retrieval.search(body.query, k=body.k, filters=filters, strategy=body.strategy)
        return SearchResponse(
            results=[SearchHitOut(**hit.contract()) for hit in result.hits],
            has_evidence=result.has_evidence,
            best_score=round(result.best_score, 4),
        )

    @app.post("/v1/chat/completions", dependencies=[Depends(authorize)], summary="OpenAI-compatible chat")
    def chat_completions(body: ChatCompletionRequest) -> Any:
        """Any OpenAI-compatible harness can score the advisor here; the structured pack rides in `aipack`."""
        user_turns = [m.text() for m in body.messages if m.role == "user"]
        if not user_turns:
            raise HTTPException(status_code=400, detail="messages must contain at least one user message")
        session = body.user or _history_session(user_turns[:-1])
        if not body.user:  # stateless clients resend the history: replay it to rebuild the profile
            with gate.slot():
                for earlier in user_turns[:-1]:
                    box.advisor.ask(earlier, session_id=session)
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"
        if body.stream:
            events = box.advisor.stream(user_turns[-1], session_id=session)
            # Run the turn up to its first event before the 200 goes out: an error in understanding
            # or retrieval (no index, …) then gets its JSON status instead of a cut stream.
            with gate.slot():  # the turn's work (embedding, retrieval, the pack) happens here
                first = next(events)
            return StreamingResponse(
                _sse(itertools.chain([first], events), completion_id, body.model),
                media_type="text/event-stream",
            )
        with gate.slot():
            response = box.advisor.ask(user_turns[-1], session_id=session)
        return _completion(response, completion_id, body.model)

    return app


class _InternalErrors:
    """An unexpected exception becomes a JSON 500 (logged with its traceback, never sent).

    A plain `exception_handler(Exception)` is not enough: Starlette's outermost middleware
    sends the handler's response and then re-raises, so uvicorn closes the connection
    without `Connection: close`, and a keep-alive client's next request is reset.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            if started:  # a stream already under way: nothing clean can be sent any more
                raise
            _log.error("Unexpected error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc)
            body = ErrorBody(
                error=f"Internal error ({type(exc).__name__}).",
                fix="Retry; if it persists, check the server log.",
            )
            await JSONResponse(body.model_dump(), status_code=500)(scope, receive, send)


def _history_session(history: list[str]) -> str:
    digest = hashlib.sha1("\x1f".join(history).encode("utf-8")).hexdigest()[:10]
    return f"chat-{digest}-{uuid.uuid4().hex[:6]}"


def _completion(response: AdviceResponse, completion_id: str, model: str) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": response.answer + _notices(response, "")},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        "aipack": response.model_dump(mode="json"),
    }


def _notices(response: AdviceResponse, already_sent: str) -> str:
    """Notices a chat client would otherwise never see ("I read the first 4,000 characters").

    Harnesses read only `content`; a notice the answer text already carries is not repeated.
    """
    missing = [n for n in response.notices if n not in already_sent and n not in response.answer]
    return "".join(f"\n\n⚠️ {notice}" for notice in missing)


def _sse(events: Iterator[str | AdviceResponse], completion_id: str, model: str) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, extra: dict[str, Any] | None = None) -> str:
        payload: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        if extra:
            payload.update(extra)
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    sent: list[str] = []
    for event in events:
        if isinstance(event, AdviceResponse):
            if notices := _notices(event, "".join(sent)):
                yield chunk({"content": notices})
            # The final answer may differ from the streamed text (LLM fallback); clients get both.
            yield chunk({}, "stop", {"aipack": event.model_dump(mode="json")})
        elif event:
            sent.append(event)
            yield chunk({"content": event})
    yield "data: [DONE]\n\n"
