"""Builds services from settings once per process.

The UI caches one container with `st.cache_resource`, the API keeps one on
app state, and the CLI makes one per command; nobody constructs components
directly, so every entry point shares the same retrieval path.
"""

from __future__ import annotations

from functools import cached_property

from app.services.ingest import IngestService
from app.services.retrieval import RetrievalService
from app.settings import Settings


class Container:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    @cached_property
    def ingest(self) -> IngestService:
        return IngestService(self.settings)

    @cached_property
    def retrieval(self) -> RetrievalService:
        return RetrievalService(self.settings, self.ingest)
