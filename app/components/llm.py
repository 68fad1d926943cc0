"""The LLM component: any OpenAI-compatible endpoint through LangChain's ChatOpenAI.

Only built when `llm.mode == "openai"`. Token counting is pinned to the bundled
cl100k encoding: ChatOpenAI would otherwise fetch cl100k/o200k from the network
the first time it counts tokens (stack.md §4).
"""

from __future__ import annotations

import os
from typing import Any

import tiktoken
from langchain_openai import ChatOpenAI

from app.errors import AipackError
from app.settings import LLMSettings
from app.text.tokens import encoding


class OfflineTokenChatOpenAI(ChatOpenAI):
    def _get_encoding_model(self) -> tuple[str, tiktoken.Encoding]:
        return "gpt-4", encoding()


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
    options: dict[str, Any] = {
        "model": settings.model,
        "base_url": base_url,
        "api_key": key,
        "timeout": settings.timeout_s,
        "max_retries": settings.max_retries,
        "temperature": settings.temperature,
        "use_responses_api": False,
    }
    options.update(overrides)
    return OfflineTokenChatOpenAI(**options)
