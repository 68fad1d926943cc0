"""Request and response bodies of the HTTP API (the advice contract itself is app.advisor.contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.advisor.understand.profile import CompanyProfile

MAX_MESSAGE = 100_000  # accepted and answered from its first part; beyond this the request is refused
MODEL_ID = "aipack-advisor"


def _has_lone_surrogate(value: Any) -> bool:
    """JSON may carry "\\ud800", which Python decodes to a string no encoder accepts."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


class _Request(BaseModel):
    @model_validator(mode="before")
    @classmethod
    def _encodable(cls, data: Any) -> Any:
        if _has_lone_surrogate(data):
            raise ValueError(
                "text contains an unpaired UTF-16 surrogate (\\ud800-\\udfff); send valid Unicode"
            )
        return data


class AdviseRequest(_Request):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(max_length=MAX_MESSAGE, description="The owner's message, any language")
    session_id: str | None = Field(default=None, max_length=128, description="Keeps the profile across turns")
    profile: CompanyProfile | None = Field(
        default=None, description="Facts to pre-fill (a consultant's form)"
    )


class SearchRequest(_Request):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(max_length=MAX_MESSAGE)
    k: int = Field(default=5, ge=1, le=50)
    collections: list[Literal["policies", "solutions", "funding"]] | None = None
    region: str | None = None
    kinds: list[str] | None = None
    strategy: Literal["hybrid", "dense", "bm25"] = "hybrid"


class SearchHitOut(BaseModel):
    source: str
    chunk_id: str
    title: str
    text: str
    score: float


class SearchResponse(BaseModel):
    results: list[SearchHitOut]
    has_evidence: bool
    best_score: float


class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    content: str | list[dict[str, Any]] | None = None

    @model_validator(mode="after")
    def _bounded(self) -> ChatMessage:
        """The same limit as /v1/advise: beyond MAX_MESSAGE characters the request is refused (400)."""
        if len(self.text()) > MAX_MESSAGE:
            raise ValueError(f"message content is longer than {MAX_MESSAGE} characters")
        return self

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        if isinstance(self.content, list):  # OpenAI content parts
            return "".join(str(part.get("text", "")) for part in self.content if isinstance(part, dict))
        return ""


class StreamOptions(BaseModel):
    include_usage: bool = False


# Accepted and without effect: the advisor's answer does not depend on sampling.
IGNORED_PARAMETERS = frozenset(
    {
        "presence_penalty",
        "frequency_penalty",
        "seed",
        "metadata",
        "store",
        "service_tier",
        "parallel_tool_calls",
    }
)


class ChatCompletionRequest(_Request):
    """OpenAI-compatible. Parameters the advisor cannot honour are refused with a 400 (see the route)."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: int | None = Field(default=None, ge=1, le=128)
    max_tokens: int | None = Field(default=None, ge=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    temperature: float | None = Field(default=None, ge=0, le=2)
    top_p: float | None = Field(default=None, ge=0, le=1)
    stop: str | list[str] | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = None
    logit_bias: dict[str, float] | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    functions: list[dict[str, Any]] | None = None
    function_call: str | dict[str, Any] | None = None
    response_format: dict[str, Any] | None = None
    user: str | None = Field(
        default=None,
        max_length=256,
        description="An end-user label; it never changes how the history is read",
    )

    def stop_sequences(self) -> list[str]:
        if self.stop is None:
            return []
        return [s for s in ([self.stop] if isinstance(self.stop, str) else self.stop) if s]


class ErrorDetail(BaseModel):
    message: str
    type: str
    code: str | None = None
    param: str | None = None


class ErrorBody(BaseModel):
    """OpenAI's error shape, on every endpoint."""

    error: ErrorDetail
