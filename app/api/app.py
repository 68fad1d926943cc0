"""FastAPI application: the advice contract, an OpenAI-compatible chat endpoint, search and health.

Routes are thin: they validate, call the container's services and shape the output.
Every request is bounded before it costs anything (admission.py: body size, then the
key); the work itself runs in the thread pool behind a FIFO gate and is abandoned if
the client leaves while it waits. Reading a resent chat history has a one-slot gate of
its own, so long histories queue behind each other, not in front of the other clients'
asks. Sessions belong to the key that made them.
OpenAPI docs are served at /docs (behind the key when keys are configured).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.advisor.contract import AdviceResponse
from app.advisor.understand.conversation import Conversation
from app.advisor.understand.history import conversation_from_history
from app.api import chat, errors, health
from app.api.admission import OWNER, Admission
from app.api.errors import ApiError, error_response
from app.api.gate import FifoGate, GateBusy, GateLeft
from app.api.keys import ApiKeys, named_keys
from app.api.models import (
    MODEL_ID,
    AdviseRequest,
    ChatCompletionRequest,
    SearchHitOut,
    SearchRequest,
    SearchResponse,
)
from app.cancellation import Cancelled, cancellable
from app.components.vector_store import CollectionName
from app.container import Container, configure_process
from app.services.retrieval import SearchFilters
from app.text.tokens import encoding

_log = logging.getLogger("uvicorn.error")  # the server's log, next to uvicorn's own lines
T = TypeVar("T")
DISCONNECT_POLL_S = 0.25
SESSION_SCOPE = "\x1f"  # between a key's name and the client's session id; never in either


def create_app(container: Container | None = None) -> FastAPI:
    box = container or Container()
    settings = box.settings.api
    keys = named_keys(settings)
    # The API's process setup: keys read from a keys file are masked in logs like those from the environment.
    configure_process(box.settings, *keys.values())
    # tiktoken's tables (usage figures of /v1/chat/completions) take seconds of CPU to load: once here,
    # not inside the first chat request, where they also slowed every other client's ask.
    encoding()
    app = FastAPI(
        title="aipack advisor API",
        version="1.1",
        description="AI enablement-pack advice for SMEs: the same JSON contract as `aipack ask --json`.",
    )
    app.state.container = box
    gate = FifoGate(settings.concurrent_asks, settings.max_waiting)
    # Reading a resent chat history is bounded but still about a second of CPU at the limits: one
    # history at a time, and outside the ask slots, so a few maximal histories cannot take every
    # slot (and every core) from the other clients.
    history_gate = FifoGate(1, settings.max_waiting)
    errors.install(app, box.settings.paths.data_dir, box.settings.paths.knowledge_dir)
    health.install(app, box)
    app.add_middleware(Admission, keys=ApiKeys(keys), max_body_bytes=settings.max_body_bytes)
    app.add_middleware(_InternalErrors)  # outermost: even admission's failures become JSON

    async def run(request: Request, work: Callable[[], T], behind: FifoGate = gate) -> T:
        """`work` in the thread pool behind a gate; given up while queued if the client disconnects, and
        stopped at its next stage boundary if it had started (app/cancellation.py)."""
        cancelled = threading.Event()

        def gated() -> T:
            with behind.slot(cancelled), cancellable(cancelled):
                return work()

        task = asyncio.ensure_future(run_in_threadpool(gated))
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=DISCONNECT_POLL_S)
                if done:
                    return task.result()
                if await request.is_disconnected():
                    cancelled.set()
        except GateBusy:
            raise ApiError(
                429, "The server is busy: too many requests are waiting. Retry shortly.", "server_busy"
            ) from None
        except (GateLeft, Cancelled):  # left while queued, or stopped at the next stage once started
            raise ApiError(499, "The client closed the request.", "client_closed") from None

    def session_key(request: Request, session_id: str | None) -> str | None:
        owner = request.scope.get(OWNER, "")
        return f"{owner}{SESSION_SCOPE}{session_id}" if owner and session_id else session_id

    @app.post("/v1/advise", response_model=AdviceResponse, summary="Ask the advisor")
    async def advise(body: AdviseRequest, request: Request) -> Response:
        """The evaluation contract: identical to `aipack ask --json`.

        Without `session_id` the turn is one-off (nothing is kept); get an unguessable id from
        POST /v1/sessions, or use your own: a session belongs to the API key that made it.
        """
        session = session_key(request, body.session_id)
        response = await run(
            request, lambda: box.advisor.ask(body.message, session_id=session, profile=body.profile)
        )
        response.session_id = body.session_id  # the client's id, not the key-scoped one
        # Serialised once, directly: FastAPI would validate the whole pack again against response_model.
        return Response(response.model_dump_json(), media_type="application/json")

    @app.post("/v1/sessions", status_code=201, summary="A new, unguessable session id")
    async def new_session() -> dict[str, str]:
        return {"session_id": secrets.token_urlsafe(18)}

    @app.delete("/v1/sessions/{session_id}", status_code=204, summary="Forget a session")
    async def forget_session(session_id: str, request: Request) -> Response:
        if len(session_id) > 128:
            raise ApiError(400, "session_id is longer than 128 characters.", "invalid_request", "session_id")
        session = session_key(request, session_id)
        assert session is not None
        await run(request, lambda: box.advisor.sessions.reset(session))
        return Response(status_code=204)

    @app.post("/v1/search", response_model=SearchResponse, summary="Hybrid search")
    async def search(body: SearchRequest, request: Request) -> SearchResponse:
        filters = SearchFilters(
            collections=frozenset(CollectionName(c) for c in body.collections) if body.collections else None,
            region=body.region,
            kinds=frozenset(body.kinds) if body.kinds else None,
        )
        result = await run(
            request,
            lambda: box.retrieval.search(body.query, k=body.k, filters=filters, strategy=body.strategy),
        )
        return SearchResponse(
            results=[SearchHitOut(**hit.contract()) for hit in result.hits],
            has_evidence=result.has_evidence,
            best_score=round(result.best_score, 4),
        )

    @app.get("/v1/models", summary="The models this server offers (one)")
    async def list_models() -> dict[str, Any]:
        return {"object": "list", "data": [_model_card()]}

    @app.get("/v1/models/{model}", summary="One model")
    async def get_model(model: str) -> dict[str, Any]:
        if model != MODEL_ID:
            raise ApiError(
                404, f"The model '{model[:80]}' does not exist; use '{MODEL_ID}'.", "model_not_found", "model"
            )
        return _model_card()

    @app.post("/v1/chat/completions", summary="OpenAI-compatible chat")
    async def chat_completions(body: ChatCompletionRequest, request: Request) -> Any:
        """Any OpenAI-compatible client can score the advisor here; the structured pack rides in `aipack`.

        Stateless, as in OpenAI's API: the earlier turns come from `messages` (the profile is read off
        them, nothing is stored), and `user` is only a label.
        """
        chat.check_request(body, settings)
        spoken = [(m.role, m.text()) for m in body.messages]
        last = max((i for i, (role, _) in enumerate(spoken) if role == "user"), default=None)
        if last is None:
            raise ApiError(
                400, "messages must contain at least one user message.", "invalid_request", "messages"
            )
        message = spoken[last][1]
        completion_id = f"chatcmpl-{uuid.uuid4().hex[:24]}"

        def read_history() -> tuple[Conversation, int]:
            advisor = box.advisor
            history = conversation_from_history(
                spoken[:last], advisor.extractor, advisor.places, advisor.program_names
            )
            return history, chat.prompt_tokens(body)  # counting a long history's tokens is real CPU too

        history, counted = Conversation("history", remember=False), None  # nothing earlier to read
        if last:
            history, counted = await run(request, read_history, history_gate)

        def turn_and_tokens(work: Callable[[str], T]) -> Callable[[], tuple[T, int]]:
            """`work(session id)` on the seeded history, then the prompt's tokens if not counted yet."""
            return lambda: (
                work(box.advisor.sessions.seed(history)),
                chat.prompt_tokens(body) if counted is None else counted,
            )

        if body.stream:
            # Run the turn up to its first event before the 200 goes out: an error in understanding
            # or retrieval (no index, …) then gets its JSON status instead of a cut stream.
            (events, first), prompt = await run(
                request,
                turn_and_tokens(
                    lambda session: _first_event(box.advisor.stream(message, session_id=session))
                ),
            )
            return StreamingResponse(
                chat.sse(itertools.chain([first], events), completion_id, body, prompt),
                media_type="text/event-stream",
            )
        response, prompt = await run(
            request, turn_and_tokens(lambda session: box.advisor.ask(message, session_id=session))
        )
        return JSONResponse(chat.completion(response, completion_id, body, prompt))

    return app


def _first_event(events: Iterator[T]) -> tuple[Iterator[T], T]:
    return events, next(events)


def _model_card() -> dict[str, Any]:
    return {"id": MODEL_ID, "object": "model", "created": 1_700_000_000, "owned_by": "aipack"}


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
            message = f"Internal error ({type(exc).__name__}). Retry; if it persists, check the server log."
            await error_response(500, message, "internal_error")(scope, receive, send)
