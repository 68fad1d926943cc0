"""What the advisor is built from: catalogue, gazetteer, extractors, recommender, example banks and handlers.

Each part is built on first use and kept, so a process that never asks a question loads nothing and
a second question reuses what the first one loaded. `AdvisorService` (service.py) adds the turn itself.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Protocol

import numpy as np

from app.advisor.engine.need_bank import NeedBank, load_examples
from app.advisor.engine.program_names import ProgramNames
from app.advisor.engine.recommend import SolutionRecommender
from app.advisor.handlers import TurnHandlers
from app.advisor.llm.composer import LLMComposer
from app.advisor.turn import Turn
from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.gazetteer import RegionGazetteer, industries, regions
from app.advisor.understand.industry_class_words import client_class_reader
from app.advisor.understand.intent_bank import IntentBank
from app.advisor.understand.llm_extraction import LLMProfileExtractor
from app.advisor.understand.sessions import ConversationStore
from app.catalogue.coverage import load_absences
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.components.example_vectors import example_vectors
from app.corpus.documents import uploaded_documents
from app.services.retrieval import MAX_QUERY_CHARS, RetrievalService, query_vector
from app.services.session_store import SessionFile
from app.settings import Settings
from app.text.normalize import normalize
from app.text.segment import Glossary, Segmenter


class AdvisorDeps(Protocol):
    """What the advisor uses from the rest of the app (`app.container.Container` provides it)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def retrieval(self) -> RetrievalService: ...
    @property
    def segmenter(self) -> Segmenter: ...
    @property
    def glossary(self) -> Glossary: ...


class AdvisorParts:
    """The advisor's parts, each built on first use and kept for the process (the service adds the turn)."""

    def __init__(self, deps: AdvisorDeps) -> None:
        self.deps = deps
        self.settings = deps.settings
        advisor = self.settings.advisor
        path = advisor.sessions_file or self.settings.paths.data_dir / "sessions.sqlite3"
        self.sessions = ConversationStore(
            SessionFile(path, advisor.session_ttl_days), solution=lambda id_: self.catalogue.solution(id_)
        )

    @cached_property
    def catalogue(self) -> Catalogue:
        return load_catalogue(self.settings.paths.catalogue_dir)

    @cached_property
    def places(self) -> RegionGazetteer:
        """The one gazetteer this advisor reads places with (knowledge/regions.yaml, loaded once per path)."""
        return regions(self.settings.paths.knowledge_dir)

    @property
    def today(self) -> date:
        return self.settings.advisor.today or date.today()

    @cached_property
    def program_names(self) -> ProgramNames:
        return ProgramNames(self.catalogue.funding)

    @cached_property
    def extractor(self) -> RuleExtractor:
        return RuleExtractor(self.settings.paths.knowledge_dir, self.catalogue, self.today)

    @cached_property
    def recommender(self) -> SolutionRecommender:
        return SolutionRecommender(
            self.catalogue,
            self.deps.retrieval,
            industries(self.settings.paths.knowledge_dir).sector_of,
            need_of=self.extractor.need_text,
            problem_of=lambda text: self.extractor.need_text(text, keep_business=False),
            needs=self.need_bank,
            meaning_of=self._meaning_of,
            class_of=client_class_reader(self.settings.paths.knowledge_dir / "industry_class_words.tsv"),
        )

    def _meaning_of(self, text: str) -> str:
        """A message's need with the programs it names: the text the turn's retrieval ranks by."""
        return self.extractor.need_text(text, keep_programs=True)

    @cached_property
    def need_bank(self) -> NeedBank:
        retrieval, paths = self.deps.retrieval, self.settings.paths
        examples = load_examples(
            self.catalogue,
            paths.knowledge_dir / "need_examples.yaml",
            paths.knowledge_dir / "intent_examples.yaml",
        )
        model = self.settings.embedding.model_name
        return NeedBank(
            # Read as a message's need is read (`need_in`), so both sides compare alike.
            [(label, self._meaning_of(text) or text) for label, text in examples],
            embed=retrieval.embedding,  # of the turn's need: its one query embedding, a cache hit
            embed_examples=lambda texts: example_vectors(
                [retrieval.prepare(t[:MAX_QUERY_CHARS]) for t in texts], paths.data_dir, model
            ),
        )

    @cached_property
    def llm(self) -> LLMComposer | None:
        """The LLM composer when `llm.mode == "openai"`; None offline."""
        if self.settings.llm.mode != "openai":
            return None
        return LLMComposer(self.settings, self.catalogue)

    @cached_property
    def llm_extractor(self) -> LLMProfileExtractor | None:
        if self.settings.llm.mode != "openai":
            return None
        return LLMProfileExtractor(self.settings, self.places)

    @cached_property
    def handlers(self) -> TurnHandlers:
        return TurnHandlers(
            self.catalogue,
            self.recommender,
            self.deps.retrieval,
            self.deps.segmenter,
            self.deps.glossary,
            self.places,
            lambda: self.today,
            load_absences(self.settings.paths.knowledge_dir),
            uploaded=lambda: uploaded_documents(self.settings.paths.policies_dir),
        )

    @cached_property
    def intent_bank(self) -> IntentBank:
        glossary, paths = self.deps.glossary, self.settings.paths

        def prepared(text: str) -> str:
            # The same text preparation as retrieval: the message's vector is a cache hit, not a second embedding.
            return normalize(glossary.expand_english(text[:MAX_QUERY_CHARS]))

        return IntentBank(
            paths.knowledge_dir / "intent_examples.yaml",
            lambda text: query_vector(prepared(text)),
            embed_examples=lambda texts: example_vectors(
                [prepared(t) for t in texts], paths.data_dir, self.settings.embedding.model_name
            ),
        )

    def turn_vector(self, turn: Turn) -> np.ndarray:
        """The turn's one query embedding (of `turn.need`), for anything that matches the message by meaning:
        a cache hit after `understanding.understand`, never a second embedding."""
        return self.deps.retrieval.embedding(turn.need)
