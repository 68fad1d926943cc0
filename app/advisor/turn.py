"""The working state of one conversation turn, filled in stage by stage."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from app.advisor.compose.citations import CitationBook
from app.advisor.contract import Intent, Lang
from app.advisor.engine.costing import CostedSolution, Subsidy
from app.advisor.engine.eligibility import Assessment
from app.advisor.understand.conversation import Conversation
from app.advisor.understand.gazetteer import Place
from app.advisor.understand.profile import CompanyProfile
from app.cancellation import raise_if_cancelled
from app.services.retrieval import SearchResult


@dataclass
class Turn:
    id: str
    raw: str
    conversation: Conversation
    language: Lang = "zh"
    script: Literal["hans", "hant"] = "hans"  # zh answers: the script the owner writes in
    query: str = ""  # the message, or its rewrite when it was a follow-up
    need: str = ""  # what the query asks for, without the facts it states: the turn's one embedded text
    intent: Intent = "smalltalk"
    mode: Literal["offline", "llm"] = "offline"
    places: list[Place] = field(default_factory=list)
    search: SearchResult | None = None
    answer: str = ""
    clarifying: list[str] = field(default_factory=list)
    costed: list[CostedSolution] = field(default_factory=list)
    subsidies: list[Subsidy] = field(default_factory=list)  # every computed subsidy, pack items and client's
    programs: list[Assessment] = field(default_factory=list)
    book: CitationBook = field(default_factory=CitationBook)
    solution_citations: dict[str, int] = field(default_factory=dict)
    next_steps: list[str] = field(default_factory=list)
    arithmetic: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    has_evidence: bool = True
    # The owner asks for certainty about money ("稳拿吧", "for sure?"): answered with no guarantee, whatever
    # the intent (understand/certainty.py, engine/guarantee.guarantee_note).
    wants_certainty: bool = False
    need_stated: bool = False  # the message states a need: by the rules, or by its nearest labelled examples
    unsure: bool = False  # no rule decided the intent and the example bank was not sure: ask
    foreign: str | None = None  # a place outside China the message named (no program covers it)
    # Catalogued programs the message names, whole or in part ("那场景应用创新项目呢", "TVP"): the question is
    # about them, so a funding answer is about them (engine/program_names.py).
    named_programs: list[str] = field(default_factory=list)
    # Programs the message names that the sources do not hold ("合肥模型券"): said first to be absent, and the
    # answer under that lists only programs paying for what the client buys (engine/rumours.py).
    claimed: list[str] = field(default_factory=list)
    # The profile as known before this message (the form's facts and earlier turns'): a message naming nothing is
    # asked back on it, whatever its own generic words were read as (answering/base.py).
    known_before: CompanyProfile | None = None
    # "那苏州呢" after a pack: the profile saved before this what-if, restored once the turn is answered.
    what_if_from: CompanyProfile | None = None
    # "如果12月20號先簽約呢": a follow-up supposing something that is no profile fact (a signing day, a way of
    # buying), in the owner's words. The programs are judged with and without it (the same verdict path as one
    # message saying it all), and the answer leads with the verdicts it changes.
    supposed_words: str = ""
    # When the question arrived (time.monotonic()): the LLM deadline counts from here.
    started: float = field(default_factory=time.monotonic)
    _marks: dict[str, float] = field(default_factory=dict)
    # Whether a text names a need (answering/need_named.py), read once a turn: routing, the funding-only check and
    # the eligibility answer each ask about the same words.
    needs_named: dict[str, bool] = field(default_factory=dict)

    def mark(self, stage: str) -> None:
        """Record the end of a stage (the last mark of a stage wins); stop here if the client has gone."""
        self._marks[stage] = time.perf_counter()
        raise_if_cancelled()

    def timings(self, started: float) -> dict[str, float]:
        stages = ["understand", "retrieve", "recommend", "compose"]
        out: dict[str, float] = {}
        previous = started
        for stage in stages:
            end = self._marks.get(stage, previous)
            out[stage] = round(max(0.0, end - previous) * 1000, 2)
            previous = max(previous, end)
        out["total"] = round((time.perf_counter() - started) * 1000, 2)
        return out
