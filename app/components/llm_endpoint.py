"""What one OpenAI-compatible endpoint can do, learned once per process and remembered.

Servers differ in what they accept: the llama-cpp-python server answers 500 to
`response_format: json_schema`, others refuse `stream_options` or `tools`. A feature an
endpoint refused is not asked for again, so only the first turn pays for the failing call.

The same object reads what the server says about itself, once: its context size
(llama.cpp `GET /props`, vLLM `GET /v1/models` `max_model_len`, llama-cpp-python
`GET /v1/models` metadata) and a tokenizer (llama-cpp-python `POST /extras/tokenize/count`,
llama.cpp and vLLM `POST /tokenize`), so prompts are sized with the serving model's own
counts. Without a tokenizer, cl100k counts plus `llm.token_margin` stand in.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx2
import openai

from app.components.llm import endpoint
from app.settings import LLMSettings
from app.text.tokens import count_tokens

log = logging.getLogger(__name__)

# Statuses with which servers refuse a request field they do not implement. 500 included:
# llama-cpp-python raises on an unknown response_format type instead of answering 400.
_REFUSAL_STATUSES = {400, 404, 405, 415, 422, 500, 501}
_PROBE_TIMEOUT_S = 2.0


def is_refusal(exc: BaseException, *features: str) -> bool:
    """An answer saying "I do not do that" rather than "not now" (429, 503, timeouts).

    With `features`, only an error whose message names one of them counts (llama-cpp-python's
    500 quotes `'response_format', 'type'` and `json_schema`). Without, only a 4xx counts:
    a bare 500 is as likely a server falling over, and is not held against any feature.
    """
    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in _REFUSAL_STATUSES:
        return False
    if not features:
        return exc.status_code < 500
    message = str(exc)
    return any(feature in message for feature in features)


@dataclass
class Capabilities:
    """One endpoint's remembered answers. `None` means not tried yet."""

    key: tuple[str, str]
    supported: dict[str, bool] = field(default_factory=dict)
    n_ctx: int | None = None
    tokenize: tuple[str, str] | None = None  # (url, dialect) of a tokenizer endpoint
    probed: bool = False
    refusals: int = 0  # failing calls caused by a feature, for the bench
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def allows(self, feature: str) -> bool:
        return self.supported.get(feature, True)

    def learn(self, feature: str, ok: bool) -> None:
        with self._lock:
            if not ok:
                self.refusals += 1
                if self.supported.get(feature) is not False:
                    log.info("LLM endpoint does not support %s; not asking again", feature)
            self.supported[feature] = ok

    def count(self, text: str, margin: float, timeout: float = _PROBE_TIMEOUT_S) -> int:
        """Tokens of `text` for the serving model: its tokenizer (when it answers within
        `timeout`; a busy server may not), else cl100k plus the margin."""
        if self.tokenize is not None and timeout > 0:
            counted = _remote_count(self.tokenize, text, timeout=timeout)
            if counted is not None:
                return counted
        return int(count_tokens(text) * (1 + margin)) + 1

    @property
    def exact_counts(self) -> bool:
        return self.tokenize is not None


_REGISTRY: dict[tuple[str, str], Capabilities] = {}
_REGISTRY_LOCK = threading.Lock()


def capabilities(settings: LLMSettings) -> Capabilities:
    """The process-wide record for this endpoint and model, probed on first use."""
    base_url, _ = endpoint(settings)
    key = ((base_url or "https://api.openai.com/v1").rstrip("/"), settings.model)
    with _REGISTRY_LOCK:
        caps = _REGISTRY.setdefault(key, Capabilities(key))
    with caps._lock:
        if not caps.probed:
            caps.probed = True
            _probe(caps, settings)
    return caps


def forget_endpoints() -> None:
    """Drop what was learned (tests start each fake server from a clean slate)."""
    with _REGISTRY_LOCK:
        _REGISTRY.clear()


def _probe(caps: Capabilities, settings: LLMSettings) -> None:
    base_url, key = endpoint(settings)
    if not base_url:
        return  # the hosted API publishes neither; the settings stand
    root = base_url.rstrip("/").removesuffix("/v1")
    headers = {"Authorization": f"Bearer {key}"}
    with httpx2.Client(timeout=_PROBE_TIMEOUT_S, headers=headers) as http:
        caps.n_ctx = _read_n_ctx(http, base_url.rstrip("/"), root, settings.model)
        for url, dialect in (
            (f"{root}/extras/tokenize/count", "llama-cpp-python"),
            (f"{root}/tokenize", "llama.cpp"),
        ):
            if _remote_count((url, dialect), "你好 hello", http, settings.model) is not None:
                caps.tokenize = (url, dialect)
                break
    log.info(
        "LLM endpoint %s: n_ctx=%s, tokenizer=%s", key[0], caps.n_ctx, caps.tokenize and caps.tokenize[1]
    )


def _get_json(http: httpx2.Client, url: str) -> Any:
    try:
        response = http.get(url)
        return response.json() if response.status_code == 200 else None
    except (httpx2.HTTPError, ValueError):
        return None


def _read_n_ctx(http: httpx2.Client, base_url: str, root: str, model: str) -> int | None:
    """The server's context size: llama.cpp `/props`, else the model entry of `/v1/models`."""
    props = _get_json(http, f"{root}/props")
    candidates: list[Any] = []
    if isinstance(props, dict):
        candidates += [(props.get("default_generation_settings") or {}).get("n_ctx"), props.get("n_ctx")]
    models = _get_json(http, f"{base_url}/models")
    entries = models.get("data") if isinstance(models, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and (entry.get("id") == model or len(entries or []) == 1):
            meta: dict[str, Any] = entry["meta"] if isinstance(entry.get("meta"), dict) else {}
            candidates += [
                entry.get("max_model_len"),
                entry.get("n_ctx"),
                meta.get("n_ctx"),
                meta.get("n_ctx_train"),
            ]
    return next((int(v) for v in candidates if isinstance(v, int) and v > 0), None)


def _remote_count(
    tokenizer: tuple[str, str],
    text: str,
    http: httpx2.Client | None = None,
    model: str | None = None,
    timeout: float = _PROBE_TIMEOUT_S,
) -> int | None:
    url, dialect = tokenizer
    body: dict[str, Any] = {"input": text} if dialect == "llama-cpp-python" else {"content": text}
    if model and dialect != "llama-cpp-python":
        body |= {"model": model, "prompt": text}  # vLLM's spelling, ignored by llama.cpp
    try:
        response = httpx2.post(url, json=body, timeout=timeout) if http is None else http.post(url, json=body)
        if response.status_code != 200:
            return None
        data = response.json()
    except (httpx2.HTTPError, ValueError):
        return None
    if isinstance(data, dict) and isinstance(data.get("count"), int):
        return int(data["count"])
    if isinstance(data, dict) and isinstance(data.get("tokens"), list):
        return len(data["tokens"])
    return None
