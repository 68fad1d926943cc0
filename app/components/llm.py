"""The LLM component: any OpenAI-compatible endpoint through LangChain's ChatOpenAI.

Only built when `llm.mode == "openai"`. Token counting is pinned to the bundled
cl100k encoding: ChatOpenAI would otherwise fetch cl100k/o200k from the network
the first time it counts tokens (stack.md §4).

Retries are the openai client's (429, 408, 409, 5xx, timeouts; `llm.max_retries`),
with every pause capped at `llm.max_retry_wait_s`: a Retry-After within the cap is
waited out, a longer one ends the call so the offline answer follows at once. The
client alone would sleep up to two minutes on the server's word.
"""

from __future__ import annotations

import os
from typing import Any

import httpx2
import openai
import tiktoken
from langchain_openai import ChatOpenAI
from openai._models import FinalRequestOptions

from app.errors import AipackError
from app.settings import LLMSettings
from app.text.tokens import encoding


class OfflineTokenChatOpenAI(ChatOpenAI):
    # OpenAI renamed max_tokens to max_completion_tokens and ChatOpenAI sends only the new
    # name, which llama.cpp, llama-cpp-python and older vLLM ignore: the model then writes
    # until its context is full. Compatible servers all know the old name.
    legacy_max_tokens: bool = False

    def _get_encoding_model(self) -> tuple[str, tiktoken.Encoding]:
        return "gpt-4", encoding()

    def _get_request_payload(
        self, input_: Any, *, stop: list[str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        payload: dict[str, Any] = super()._get_request_payload(input_, stop=stop, **kwargs)
        if self.legacy_max_tokens and "max_completion_tokens" in payload:
            payload["max_tokens"] = payload.pop("max_completion_tokens")
        return payload


class BoundedRetryOpenAI(openai.OpenAI):
    """The openai client with every retry pause capped (see the module docstring).

    Overrides two private hooks of `openai._base_client`; tests/test_llm_flapping.py
    notices when an openai upgrade renames them (a long Retry-After stalls again).
    """

    def __init__(self, *, max_retry_wait_s: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_retry_wait_s = max_retry_wait_s

    def _should_retry(self, response: httpx2.Response) -> bool:
        asked = self._parse_retry_after_header(response.headers)
        if asked is not None and asked > self.max_retry_wait_s:
            return False  # retrying sooner than asked would only earn another 429
        return super()._should_retry(response)

    def _calculate_retry_timeout(
        self,
        remaining_retries: int,
        options: FinalRequestOptions,
        response_headers: httpx2.Headers | None = None,
    ) -> float:
        backoff = super()._calculate_retry_timeout(remaining_retries, options, response_headers)
        return min(backoff, self.max_retry_wait_s)


def endpoint(settings: LLMSettings) -> tuple[str | None, str]:
    base_url = settings.base_url or os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_BASE")
    key = settings.api_key.get_secret_value() if settings.api_key else os.environ.get("OPENAI_API_KEY", "")
    # Local servers (vLLM, Ollama) accept any key, but the client refuses to start without one.
    return base_url, key or "sk-local"


def build_chat_model(settings: LLMSettings, **overrides: Any) -> ChatOpenAI:
    base_url, key = endpoint(settings)
    if not base_url and not os.environ.get("OPENAI_API_KEY") and not settings.api_key:
        raise AipackError(
            "LLM mode is on but no endpoint is configured.",
            "Set OPENAI_BASE_URL (and OPENAI_API_KEY), or AIPACK_LLM__MODE=offline.",
        )
    client = BoundedRetryOpenAI(
        base_url=base_url,
        api_key=key,
        timeout=settings.timeout_s,
        max_retries=settings.max_retries,
        max_retry_wait_s=settings.max_retry_wait_s,
    )
    options: dict[str, Any] = {
        "model": settings.model,
        "base_url": base_url,
        "api_key": key,
        "timeout": settings.timeout_s,
        "max_retries": settings.max_retries,
        "temperature": settings.temperature,
        "use_responses_api": False,
        "legacy_max_tokens": bool(base_url) and "api.openai.com" not in (base_url or ""),
        "root_client": client,
        "client": client.chat.completions,
    }
    options.update(overrides)
    return OfflineTokenChatOpenAI(**options)
