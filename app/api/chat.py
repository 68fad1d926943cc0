"""The OpenAI chat-completions contract as the SDKs see it: parameters, usage, limits, SSE chunks.

Parameters are honoured (`max_tokens`/`max_completion_tokens` and `stop` cut the answer
with finish_reason "length"/"stop"; `stream_options.include_usage` adds the usage
chunk), accepted without effect where the advisor has nothing to vary (temperature,
top_p, seed, …), or refused with a 400 that names them (`n` > 1, tools, logprobs,
structured output). Token counts are cl100k counts of the messages and the answer.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from typing import Any

from app.advisor.contract import AdviceResponse
from app.api.errors import ApiError, error_body
from app.api.models import IGNORED_PARAMETERS, MODEL_ID, ChatCompletionRequest
from app.settings import ApiSettings
from app.text.tokens import count_tokens, encoding

_log = logging.getLogger("uvicorn.error")
PER_MESSAGE_TOKENS = 3  # OpenAI's framing overhead per message ("<|start|>role … <|end|>")


def check_request(body: ChatCompletionRequest, limits: ApiSettings) -> None:
    """Raise ApiError for what this endpoint cannot honour, naming the parameter."""
    unknown = sorted(set(body.model_extra or {}) - IGNORED_PARAMETERS)
    if unknown:
        raise ApiError(
            400,
            f"Unrecognized request argument supplied: {unknown[0][:60]}",
            "unknown_parameter",
            unknown[0][:60],
        )
    if body.model != MODEL_ID:
        raise ApiError(
            404,
            f"The model '{body.model[:80]}' does not exist; use '{MODEL_ID}'.",
            "model_not_found",
            "model",
        )
    refused = {
        "n": body.n is not None and body.n != 1,
        "tools": bool(body.tools) or bool(body.functions),
        "tool_choice": body.tool_choice not in (None, "none", "auto"),
        "logprobs": bool(body.logprobs) or body.top_logprobs is not None,
        "logit_bias": bool(body.logit_bias),
        "response_format": body.response_format not in (None, {"type": "text"}),
    }
    reasons = {
        "n": "n must be 1: the advisor gives one answer per request.",
        "tools": "Tools and function calling are not supported by this model.",
        "tool_choice": "tool_choice must be 'none' or 'auto': this model calls no tools.",
        "logprobs": "logprobs are not available: the answer is not sampled token by token.",
        "logit_bias": "logit_bias is not supported: the answer is not sampled token by token.",
        "response_format": "Only response_format {'type': 'text'} is supported; the structured "
        "advice is in the response's `aipack` field.",
    }
    for param, is_refused in refused.items():
        if is_refused:
            raise ApiError(400, reasons[param], "unsupported_parameter", param)
    if len(body.messages) > limits.max_history_messages:
        raise ApiError(
            400,
            f"The conversation has {len(body.messages)} messages; at most {limits.max_history_messages} are accepted. "
            "Send only the recent turns.",
            "context_length_exceeded",
            "messages",
        )
    chars = sum(len(m.text()) for m in body.messages)
    if chars > limits.max_history_chars:
        raise ApiError(
            400,
            f"The conversation has {chars:,} characters; at most {limits.max_history_chars:,} are accepted. "
            "Send only the recent turns.",
            "context_length_exceeded",
            "messages",
        )


def prompt_tokens(body: ChatCompletionRequest) -> int:
    return sum(count_tokens(m.text()) + PER_MESSAGE_TOKENS for m in body.messages) + 3


class Cutter:
    """Applies max_tokens and stop sequences to text that arrives in pieces."""

    def __init__(self, body: ChatCompletionRequest) -> None:
        self.limit = body.max_completion_tokens or body.max_tokens
        self.stops = body.stop_sequences()
        self.text = ""
        self.finish: str | None = None  # "length" or "stop" once cut

    def add(self, piece: str) -> str:
        """The part of `piece` that may still be sent ("" once the answer is cut)."""
        if self.finish is not None:
            return ""
        whole = self.text + piece
        for stop in self.stops:
            at = whole.find(stop)
            if at != -1:
                whole, self.finish = whole[:at], "stop"
        if self.limit is not None:
            ids = encoding().encode(whole, disallowed_special=())
            if len(ids) > self.limit:
                whole, self.finish = encoding().decode(ids[: self.limit]), "length"
        sent, self.text = whole[len(self.text) :], whole
        return sent


def usage(prompt: int, completion_text: str) -> dict[str, int]:
    completion = count_tokens(completion_text)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def completion(
    response: AdviceResponse, completion_id: str, body: ChatCompletionRequest, prompt: int
) -> dict[str, Any]:
    cutter = Cutter(body)
    content = cutter.add(response.answer + notices(response, ""))
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": cutter.finish or "stop",
                "logprobs": None,
            }
        ],
        "usage": usage(prompt, content),
        "aipack": response.model_dump(mode="json"),
    }


def notices(response: AdviceResponse, already_sent: str) -> str:
    """Notices a chat client would otherwise never see ("I read the first 4,000 characters").

    Harnesses read only `content`; a notice the answer text already carries is not repeated.
    """
    missing = [n for n in response.notices if n not in already_sent and n not in response.answer]
    return "".join(f"\n\n⚠️ {notice}" for notice in missing)


def sse(
    events: Iterator[str | AdviceResponse], completion_id: str, body: ChatCompletionRequest, prompt: int
) -> Iterator[str]:
    """SSE chunks; an error after the 200 went out is sent as an OpenAI error event, then [DONE]."""
    created = int(time.time())
    include_usage = bool(body.stream_options and body.stream_options.include_usage)
    cutter = Cutter(body)

    def chunk(delta: dict[str, Any], finish: str | None = None, extra: dict[str, Any] | None = None) -> str:
        payload: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
        }
        if include_usage:
            payload["usage"] = None
        if extra:
            payload.update(extra)
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        for event in events:
            if isinstance(event, AdviceResponse):
                if text := cutter.add(notices(event, cutter.text)):
                    yield chunk({"content": text})
                # The final answer may differ from the streamed text (LLM fallback); clients get both.
                yield chunk({}, cutter.finish or "stop", {"aipack": event.model_dump(mode="json")})
            elif text := cutter.add(event):
                yield chunk({"content": text})
    except Exception as exc:  # the status line is gone: say so in the stream rather than cutting it
        _log.error("Unexpected error while streaming a chat completion", exc_info=exc)
        failure = error_body(
            500, f"Internal error ({type(exc).__name__}) while streaming; retry.", "internal_error"
        )
        yield f"data: {json.dumps(failure)}\n\n"
        yield "data: [DONE]\n\n"
        return
    if include_usage:
        last = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": MODEL_ID,
            "choices": [],
            "usage": usage(prompt, cutter.text),
        }
        yield f"data: {json.dumps(last, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"
