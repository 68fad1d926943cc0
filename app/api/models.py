"""Request and response bodies of the HTTP API (the advice contract itself is app.advisor.contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.advisor.understand.profile import CompanyProfile

MAX_MESSAGE = 100_000  # accepted and answered from its first part; beyond this the request is refused


class AdviseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(max_length=MAX_MESSAGE, description="The owner's message, any language")
    session_id: str | None = Field(default=None, max_length=128, description="Keeps the profile across turns")
    profile: CompanyProfile | None = Field(
        default=None, description="Facts to pre-fill (a consultant's form)"
    )


class SearchRequest(BaseModel):
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
        """The same limit as /v1/advise: beyond MAX_MESSAGE characters the request is refused (422)."""
        if len(self.text()) > MAX_MESSAGE:
            raise ValueError(f"message content is longer than {MAX_MESSAGE} characters")
        return self

    def text(self) -> str:
        if isinstance(self.content, str):
            return self.content
        if isinstance(self.content, list):  # OpenAI content parts
            return "".join(str(part.get("text", "")) for part in self.content if isinstance(part, dict))
        return ""


class ChatCompletionRequest(BaseModel):
    """OpenAI-compatible; unknown fields (temperature, top_p, …) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = "aipack-advisor"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    user: str | None = Field(default=None, description="Used as the conversation id when given")


class ErrorBody(BaseModel):
    error: str
    fix: str = ""
