"""Builds services from settings once per process.

The UI caches one container with `st.cache_resource`, the API keeps one on
app state, and the CLI makes one per command; nobody constructs components
directly, so every entry point shares the same retrieval path.

Building a container changes nothing process-wide: each entry point (CLI, API, UI,
`app.Advisor`) calls `configure_process` once, which is where the log scrubbing and the
number of e5 copies are set.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from app.components import embeddings
from app.log_privacy import protect_logs
from app.services.ingest import IngestService
from app.services.retrieval import RetrievalService
from app.settings import Settings
from app.text.segment import Glossary, Segmenter

if TYPE_CHECKING:
    from app.advisor.service import AdvisorService
    from app.services.knowledge_admin import KnowledgeAdmin
    from app.services.store import Store


def configure_process(settings: Settings, *secrets: str) -> None:
    """What an entry point sets once for its process: every log record scrubbed of this configuration's
    secrets (and `secrets`, e.g. keys read from a file), and how many e5 copies may embed at once."""
    protect_logs(settings, *secrets)
    embeddings.configure(settings.embedding.copies)


class Container:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def derive(self, settings: Settings) -> Container:
        """A container with other settings that shares this one's warm index, e5, jieba and chunk table.

        Only valid when `settings` keeps the same paths, vector store and retrieval settings.
        """
        derived = Container(settings)
        derived.__dict__["ingest"] = self.ingest
        derived.__dict__["retrieval"] = self.retrieval
        return derived

    @cached_property
    def ingest(self) -> IngestService:
        return IngestService(self.settings)

    @cached_property
    def retrieval(self) -> RetrievalService:
        return RetrievalService(self.settings, self.ingest)

    @property
    def segmenter(self) -> Segmenter:
        """Query-time word segmentation; built with the index's glossary, so owned by ingest."""
        return self.ingest.segmenter

    @property
    def glossary(self) -> Glossary:
        return self.ingest.glossary

    @cached_property
    def advisor(self) -> AdvisorService:
        from app.advisor.service import AdvisorService

        return AdvisorService(self)

    @cached_property
    def store(self) -> Store:
        from app.services.store import Store

        return Store(self.settings.paths.data_dir / "aipack.sqlite3")

    @cached_property
    def knowledge(self) -> KnowledgeAdmin:
        from app.services.knowledge_admin import KnowledgeAdmin

        return KnowledgeAdmin(self.ingest, self.retrieval)
