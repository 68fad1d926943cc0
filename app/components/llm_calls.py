"""Model calls under a wall-clock deadline, degrading to what the endpoint supports.

`stream_before` runs the answer stream in a worker thread and hands chunks over a queue,
so the caller can give up at the first-token or total deadline even while the HTTP read
is blocked; the worker stops reading at its next chunk, which closes the connection and
lets the server stop generating.

`structured` asks for JSON in the best way the endpoint accepts (json_schema, tools,
json_object, then a plain prompt), remembering refusals in the endpoint's `Capabilities`.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar, cast

import httpx
import openai
from langchain_core.messages import AIMessageChunk, BaseMessage, HumanMessage
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, ValidationError

from app.components.llm_endpoint import Capabilities, is_refusal

T = TypeVar("T", bound=BaseModel)


class DeadlineExceeded(TimeoutError):
    """The model did not start (`first token`) or finish (`deadline`) in time."""

    def __init__(self, which: str, seconds: float) -> None:
        super().__init__(f"{which} after {seconds:.0f} s")
        self.which = which
        self.seconds = seconds


def failure_reason(exc: BaseException) -> str:
    """Why a model call failed, in a few words for a notice or the log; by exception type.

    openai wraps httpx's errors (APITimeoutError is an APIConnectionError; a cut stream is one too),
    but an error raised while a stream is read can arrive as httpx's own, so both are classified.
    """
    if isinstance(exc, DeadlineExceeded):
        return (
            f"no first token within {exc.seconds:.0f} s"
            if exc.which == "first token"
            else f"deadline of {exc.seconds:.0f} s passed"
        )
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
        return "timeout"
    if isinstance(exc, openai.RateLimitError):
        return "rate limited (429)"
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code}"
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code}"
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return "connection lost"
    return type(exc).__name__


@dataclass(frozen=True)
class Deadline:
    """A point in `time.monotonic()` by which a turn's model work must be done, and its budget."""

    at: float
    seconds: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    @property
    def left(self) -> float:
        return self.at - time.monotonic()


_END = object()


def stream_before(
    model: ChatOpenAI,
    messages: Sequence[BaseMessage],
    caps: Capabilities,
    *,
    deadline: Deadline,
    first_token_s: float,
    **kwargs: Any,
) -> Iterator[AIMessageChunk]:
    """Chunks of the answer; raises `DeadlineExceeded` when the stream is too slow.

    Asks for usage in the stream (`stream_options`) unless the endpoint refused it once;
    a refusal before the first chunk is retried without it and remembered.
    """
    started = time.monotonic()
    if deadline.left <= 0:  # spent before the call: do not load the server with a request nobody awaits
        raise DeadlineExceeded("deadline", deadline.seconds)
    first_by = min(deadline.at, started + first_token_s)
    usage = caps.allows("stream_options")
    chunks: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()

    def work(with_usage: bool) -> None:
        stream = model.stream(list(messages), stream_usage=with_usage, **kwargs)
        assert isinstance(stream, Generator)  # BaseChatModel.stream is a generator function
        try:
            for chunk in stream:
                if stop.is_set():
                    return
                chunks.put(chunk)
            chunks.put(_END)
        except Exception as exc:  # handed to the caller, which decides
            chunks.put(exc)
        finally:
            stream.close()  # closes the HTTP response: the server stops generating

    worker = threading.Thread(target=work, args=(usage,), name="llm-stream", daemon=True)
    worker.start()
    got_text = False
    try:
        while True:
            wait_until = deadline.at if got_text else first_by
            try:
                item = chunks.get(timeout=max(0.0, wait_until - time.monotonic()))
            except queue.Empty:
                if got_text or wait_until == deadline.at:
                    raise DeadlineExceeded("deadline", deadline.seconds) from None
                raise DeadlineExceeded("first token", first_token_s) from None
            if item is _END:
                if usage:
                    caps.learn("stream_options", True)
                return
            if isinstance(item, Exception):
                if usage and not got_text and is_refusal(item, "stream_options"):
                    caps.learn("stream_options", False)
                    usage = False
                    worker = threading.Thread(target=work, args=(False,), name="llm-stream", daemon=True)
                    worker.start()
                    continue
                raise item
            got_text = got_text or bool(item.content)
            yield item
    finally:
        stop.set()


R = TypeVar("R")


def call_before(deadline: Deadline, call: Callable[[], R]) -> R:
    """`call()` in a worker thread; `DeadlineExceeded` if it has not returned by the deadline.

    A blocking request cannot be cancelled from outside: the worker finishes on its own,
    bounded by the client's timeout and the request's max_tokens.
    """
    done: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            done.put((True, call()))
        except Exception as exc:
            done.put((False, exc))

    started = time.monotonic()
    threading.Thread(target=work, name="llm-call", daemon=True).start()
    try:
        ok, value = done.get(timeout=max(0.0, deadline.left))
    except queue.Empty:
        raise DeadlineExceeded("deadline", time.monotonic() - started) from None
    if not ok:
        raise value
    return cast(R, value)


def structured(
    model: ChatOpenAI,
    schema: type[T],
    prompt: str,
    caps: Capabilities,
    methods: Sequence[str],
    deadline: Deadline | None = None,
    first_token_s: float = 30.0,
) -> T | None:
    """`schema` filled by the model, or None when its output does not validate.

    Streams (except for tools): a request abandoned at the deadline closes its connection, so
    the server stops generating instead of keeping the next call waiting behind it.

    A refusal whose message names the method is remembered at once, whatever comes next. A
    terse 4xx is only a likely refusal: the next method is tried, and the refusal remembered
    once another method works. Anything else (a bare 500, 503, 429, a timeout) means the
    endpoint is failing, not picky: it is raised, with no other method tried on the same turn
    and nothing held against the method (a flapping server must not cost us json_schema).
    """
    deadline = deadline or Deadline.after(120.0)
    likely: list[str] = []
    last: Exception | None = None
    for method in methods:
        if not caps.allows(method):
            continue
        try:
            if method == "tools":
                result = call_before(deadline, partial(_ask_tools, model, schema, prompt))
            else:
                result = _ask_streaming(model, schema, prompt, method, caps, deadline, first_token_s)
        except Exception as exc:
            if _NAMES.get(method) and is_refusal(exc, *_NAMES[method]):
                caps.learn(method, False)
            elif method != "prompt" and is_refusal(exc):
                likely.append(method)
            else:
                raise
            last = exc
            continue
        for name in likely:
            caps.learn(name, False)
        caps.learn(method, True)
        return result
    if last is not None:
        raise last
    return None


# How a server's refusal of each method reads (OpenAI: "Invalid parameter: 'response_format'
# of type 'json_schema' …"; llama-cpp-python: a validation error at ('body', 'response_format')).
_NAMES: dict[str, tuple[str, ...]] = {
    "json_schema": ("json_schema", "response_format"),
    "json_object": ("json_object", "response_format"),
    "tools": ("tools", "tool_choice", "function"),
}
_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def _ask_streaming(
    model: ChatOpenAI,
    schema: type[T],
    prompt: str,
    method: str,
    caps: Capabilities,
    deadline: Deadline,
    first_token_s: float,
) -> T | None:
    fields = json.dumps(schema.model_json_schema()["properties"], ensure_ascii=False)
    formats: dict[str, dict[str, Any]] = {
        "json_schema": {
            "type": "json_schema",
            "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema()},
        },
        "json_object": {"type": "json_object"},
    }
    if method != "json_schema":
        prompt = f"{prompt}\n\nReply with one JSON object only, with these keys: {fields}"
    # Sent in extra_body: a top-level response_format makes LangChain switch to the beta
    # parse-while-streaming helper, which some servers' chunks do not satisfy.
    extra = {"response_format": formats[method]} if method in formats else {}
    chunks = stream_before(
        model,
        [HumanMessage(prompt)],
        caps,
        deadline=deadline,
        first_token_s=first_token_s,
        extra_body=extra or None,
    )
    return _validate(schema, "".join(str(c.content) for c in chunks))


def _ask_tools(model: ChatOpenAI, schema: type[T], prompt: str) -> T | None:
    runnable = model.with_structured_output(schema, method="function_calling", include_raw=True)
    out = runnable.invoke(prompt)
    parsed = out.get("parsed") if isinstance(out, dict) else None
    return parsed if isinstance(parsed, schema) else None


def _validate(schema: type[T], text: str) -> T | None:
    match = _OBJECT.search(text or "")
    if not match:
        return None
    try:
        return schema.model_validate_json(match.group(0))
    except ValidationError:
        return None
