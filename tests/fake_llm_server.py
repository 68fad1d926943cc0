"""A scripted, OpenAI-compatible HTTP server for tests (a fake, never a mock).

Tests start it on 127.0.0.1 with an ephemeral port and point the real ``openai`` /
``langchain_openai`` clients at ``server.base_url``, so the LLM code path runs over
real HTTP. Behaviour is scripted by enqueueing steps (the simonw/llm pattern)::

    with FakeLLMServer() as server:
        server.enqueue(Error(429, headers={"Retry-After": "0"}), Reply("Hello"))
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=1)
        ...
        assert server.requests[-1]["json"]["model"] == "fake-model"

Each ``POST /v1/chat/completions`` pops one step (FIFO); when the queue is empty
``server.default`` (``Reply("OK")``) answers. ``GET /v1/models`` lists ``fake-model``.
Every request, whatever its path, is recorded in ``server.requests`` (path, lower-cased
headers, JSON body, and ``at``: ``time.monotonic()`` on arrival, for timing retries).

Like real servers, the fake can refuse request fields without consuming a step:
``server.refuse = {"json_schema", "stream_options", "tools"}`` answers 500 to a request
using them (as llama-cpp-python does for ``response_format: json_schema``); the refusals
are counted in ``server.refused``. ``server.n_ctx`` (``GET /props``) and
``server.tokenizer`` (``POST /extras/tokenize/count``, one token per character) make it
describe itself like a llama.cpp-family server; both are off by default.

Wire details worth knowing:

- Every response carries ``Connection: close``, so no client ever reuses a pooled
  connection the fake might have dropped (no flaky keep-alive races).
- Streams are sent with ``Transfer-Encoding: chunked``, like the real API.
  ``CutStream`` therefore ends the body without the terminating zero-length chunk,
  which clients see as a dropped connection (an incomplete body), not as a clean
  end of stream.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "CutStream",
    "Endless",
    "Error",
    "FakeLLMServer",
    "Garbage",
    "Hang",
    "Reply",
    "Step",
    "StructuredReply",
]

MODELS = {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}

_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("invalid_request_error", "model_not_found"),
    408: ("timeout_error", None),
    409: ("conflict_error", None),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


# --------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Reply:
    """A normal answer; streamed ``chunk_size`` characters per SSE chunk when asked to stream."""

    text: str
    chunk_size: int = 4
    delay_s: float = 0.0


@dataclass(frozen=True)
class StructuredReply:
    """Answers a structured-output request with ``payload``.

    Tool calling when the request carries ``tools`` (unless ``tool_choice`` is ``"none"``):
    one tool call to the forced function, or to the first tool. Otherwise (``response_format``
    json_schema / json_object, or nothing) the content is ``json.dumps(payload)``.
    """

    payload: dict[str, Any]
    chunk_size: int = 4


@dataclass(frozen=True)
class Error:
    """An HTTP error; ``body`` defaults to OpenAI's ``{"error": {...}}`` shape."""

    status: int
    body: dict[str, Any] | None = None
    headers: dict[str, str] | None = None


@dataclass(frozen=True)
class Hang:
    """Waits ``seconds`` (interrupted by ``stop()``), then answers ``Reply("late")``."""

    seconds: float


@dataclass(frozen=True)
class CutStream:
    """Starts an SSE stream, sends ``after_chunks`` content chunks, then drops the connection."""

    text: str
    after_chunks: int = 2
    chunk_size: int = 4


@dataclass(frozen=True)
class Endless:
    """Streams ``text`` again and again, one chunk every ``delay_s``, until the client hangs up."""

    text: str
    delay_s: float = 0.01
    chunk_size: int = 4


@dataclass(frozen=True)
class Garbage:
    """Sends ``raw`` bytes verbatim as the response body."""

    raw: bytes
    status: int = 200
    content_type: str = "application/json"


Step = Reply | StructuredReply | Error | Hang | CutStream | Garbage | Endless


# --------------------------------------------------------------------------- server


class FakeLLMServer:
    """OpenAI-compatible fake on 127.0.0.1:<ephemeral>; see the module docstring."""

    def __init__(self) -> None:
        self.default: Step = Reply("OK")
        self.requests: list[dict[str, Any]] = []
        self.refuse: set[str] = set()
        self.refused = 0
        self.n_ctx: int | None = None
        self.tokenizer = False
        self._queue: deque[Step] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ---------------------------------------------------------------

    def start(self) -> FakeLLMServer:
        if self._httpd is not None:
            raise RuntimeError("FakeLLMServer already started")
        self._stopping.clear()
        httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        httpd.fake = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-llm-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()  # wakes Hang / delayed chunks; their threads are daemons
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("FakeLLMServer is not started")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    # scripting ---------------------------------------------------------------

    def enqueue(self, *steps: Step) -> None:
        with self._lock:
            self._queue.extend(steps)

    @property
    def pending(self) -> int:
        """Steps enqueued but not consumed yet (handy for asserting a script ran out)."""
        with self._lock:
            return len(self._queue)

    # used by the handler -----------------------------------------------------

    def _next_step(self) -> Step:
        with self._lock:
            return self._queue.popleft() if self._queue else self.default

    def _record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append(entry)

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server is stopping; True when interrupted."""
        return seconds > 0 and self._stopping.wait(seconds)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeLLMServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: clients hanging up mid-answer is part of the script."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer
    server_version = "FakeLLM/1.0"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # dispatch ----------------------------------------------------------------

    def do_GET(self) -> None:
        self._record(None)
        fake = self.server.fake
        if self._route() == "/v1/models":
            self._send_json(200, MODELS)
        elif self._route() == "/props" and fake.n_ctx:
            self._send_json(200, {"default_generation_settings": {"n_ctx": fake.n_ctx}})
        else:
            self._send_json(404, _error_body(404, f"no route for GET {self.path}"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        self._record(body)
        request = body if isinstance(body, dict) else {}
        fake = self.server.fake
        if self._route() == "/extras/tokenize/count" and fake.tokenizer:
            self._send_json(200, {"count": len(str(request.get("input", "")))})
            return
        if self._route() != "/v1/chat/completions":
            self._send_json(404, _error_body(404, f"no route for POST {self.path}"))
            return
        if refused := _uses(request) & fake.refuse:
            with fake._lock:
                fake.refused += 1
            self._send_json(500, _error_body(500, f"unsupported: {sorted(refused)}"))
            return
        try:
            self._play(self.server.fake._next_step(), request)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True  # the client hung up (e.g. its timeout fired)

    def _route(self) -> str:
        return self.path.split("?", 1)[0].rstrip("/")

    def _record(self, body: Any) -> None:
        headers = {key.lower(): value for key, value in self.headers.items()}
        entry = {"path": self.path, "headers": headers, "json": body, "at": time.monotonic()}
        self.server.fake._record(entry)

    def _play(self, step: Step, request: dict[str, Any]) -> None:
        fake = self.server.fake
        model = request.get("model") or "fake-model"
        stream = bool(request.get("stream"))
        if isinstance(step, Hang):
            if fake._sleep(step.seconds):
                self.close_connection = True
                return
            step = Reply("late")
        if isinstance(step, Reply):
            if stream:
                self._stream_text(request, step.text, step.chunk_size, step.delay_s)
            else:
                self._send_json(200, _completion(model, _message(step.text), "stop", request, step.text))
        elif isinstance(step, StructuredReply):
            arguments = json.dumps(step.payload)
            tool = _tool_name(request)
            if tool is None and stream:
                self._stream_text(request, arguments, step.chunk_size, 0.0)
            elif tool is None:
                self._send_json(200, _completion(model, _message(arguments), "stop", request, arguments))
            elif stream:
                self._stream_tool_call(request, tool, arguments, step.chunk_size)
            else:
                message = _message(None, tool_calls=[_tool_call(tool, arguments)])
                self._send_json(200, _completion(model, message, "tool_calls", request, arguments))
        elif isinstance(step, Error):
            body = step.body if step.body is not None else _error_body(step.status)
            self._send_json(step.status, body, step.headers)
        elif isinstance(step, CutStream):
            self._stream_cut(request, step)
        elif isinstance(step, Endless):
            self._stream_endless(request, step)
        elif isinstance(step, Garbage):
            self._send_bytes(step.status, step.raw, step.content_type)
        else:  # pragma: no cover - typing guard
            raise TypeError(f"not a FakeLLMServer step: {step!r}")

    # plain responses -----------------------------------------------------------

    def _send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self._send_bytes(status, json.dumps(body).encode(), "application/json", headers)

    def _send_bytes(
        self, status: int, raw: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(raw)))
        self.send_header("Connection", "close")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(raw)
        self.wfile.flush()
        self.close_connection = True

    # streams -------------------------------------------------------------------

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _send_event(self, data: Any) -> None:
        payload = data if isinstance(data, str) else json.dumps(data)
        self._write_chunk(f"data: {payload}\n\n".encode())

    def _end_stream(self, chunker: _Chunker, finish_reason: str, completion: str) -> None:
        self._send_event(chunker.chunk({}, finish_reason))
        if chunker.with_usage:
            self._send_event(chunker.usage_chunk(completion))
        self._send_event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _stream_text(self, request: dict[str, Any], text: str, chunk_size: int, delay_s: float) -> None:
        self._start_stream()
        chunker = _Chunker(request)
        for index, piece in enumerate(_pieces(text, chunk_size)):
            if index and self.server.fake._sleep(delay_s):
                return
            delta = {"role": "assistant", "content": piece} if index == 0 else {"content": piece}
            self._send_event(chunker.chunk(delta))
        self._end_stream(chunker, "stop", text)

    def _stream_tool_call(self, request: dict[str, Any], tool: str, arguments: str, chunk_size: int) -> None:
        self._start_stream()
        chunker = _Chunker(request)
        call = _tool_call(tool, "")
        call["index"] = 0
        self._send_event(chunker.chunk({"role": "assistant", "content": None, "tool_calls": [call]}))
        for piece in _pieces(arguments, chunk_size):
            self._send_event(chunker.chunk({"tool_calls": [{"index": 0, "function": {"arguments": piece}}]}))
        self._end_stream(chunker, "tool_calls", arguments)

    def _stream_endless(self, request: dict[str, Any], step: Endless) -> None:
        self._start_stream()
        chunker = _Chunker(request)
        index = 0
        while not self.server.fake._sleep(step.delay_s):  # ends when the client hangs up (write fails)
            for piece in _pieces(step.text, step.chunk_size):
                delta = {"role": "assistant", "content": piece} if index == 0 else {"content": piece}
                self._send_event(chunker.chunk(delta))
                index += 1

    def _stream_cut(self, request: dict[str, Any], step: CutStream) -> None:
        self._start_stream()
        chunker = _Chunker(request)
        for index, piece in enumerate(_pieces(step.text, step.chunk_size)[: step.after_chunks]):
            delta = {"role": "assistant", "content": piece} if index == 0 else {"content": piece}
            self._send_event(chunker.chunk(delta))
        # Drop the connection mid-body: no finish_reason, no [DONE], no terminating chunk.
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


# --------------------------------------------------------------------------- payloads


class _Chunker:
    def __init__(self, request: dict[str, Any]) -> None:
        self.base = {
            "id": f"chatcmpl-fake-{uuid.uuid4().hex[:12]}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": request.get("model") or "fake-model",
            "system_fingerprint": "fp_fake",
        }
        self.request = request
        self.with_usage = bool((request.get("stream_options") or {}).get("include_usage"))

    def chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
        chunk = {**self.base, "choices": [choice]}
        if self.with_usage:
            chunk["usage"] = None
        return chunk

    def usage_chunk(self, completion: str) -> dict[str, Any]:
        return {**self.base, "choices": [], "usage": _usage(self.request, completion)}


def _pieces(text: str, size: int) -> list[str]:
    size = max(1, size)
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _tokens(text: str) -> int:
    return len(text.split())


def _usage(request: dict[str, Any], completion: str) -> dict[str, int]:
    prompt = 0
    for message in request.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            prompt += _tokens(content)
        elif isinstance(content, list):
            prompt += sum(_tokens(p.get("text", "")) for p in content if isinstance(p, dict))
    completion_tokens = _tokens(completion)
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt + completion_tokens,
    }


def _message(content: str | None, tool_calls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
    if tool_calls:
        message["tool_calls"] = tool_calls
    return message


def _completion(
    model: str, message: dict[str, Any], finish_reason: str, request: dict[str, Any], completion: str
) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-fake-{uuid.uuid4().hex[:12]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fp_fake",
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}],
        "usage": _usage(request, completion),
    }


def _tool_call(name: str, arguments: str) -> dict[str, Any]:
    return {
        "id": f"call_fake_{uuid.uuid4().hex[:12]}",
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }


def _tool_name(request: dict[str, Any]) -> str | None:
    """The function a StructuredReply should call, or None to answer with JSON content."""
    tools = [t for t in request.get("tools") or [] if isinstance(t, dict)]
    choice = request.get("tool_choice")
    if not tools or choice == "none":
        return None
    if isinstance(choice, dict):
        forced = (choice.get("function") or {}).get("name") or choice.get("name")
        if forced:
            return str(forced)
    first = tools[0].get("function") or tools[0]
    return str(first.get("name") or "tool")


def _uses(request: dict[str, Any]) -> set[str]:
    """The optional request features a picky server might refuse."""
    used = set()
    response_format = request.get("response_format")
    if isinstance(response_format, dict) and response_format.get("type") in ("json_schema", "json_object"):
        used.add(str(response_format["type"]))
    if request.get("stream_options"):
        used.add("stream_options")
    if request.get("tools"):
        used.add("tools")
    return used


def _error_body(status: int, message: str | None = None) -> dict[str, Any]:
    error_type, code = _ERROR_TYPES.get(status, ("server_error" if status >= 500 else "api_error", None))
    return {
        "error": {
            "message": message or f"fake error {status}",
            "type": error_type,
            "param": None,
            "code": code,
        }
    }
