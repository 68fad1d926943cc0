"""The tools the intent handlers share (never the container), and the one way they ask for what is missing."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from app.advisor.compose import canned
from app.advisor.engine.program_names import ProgramNames
from app.advisor.engine.recommend import SolutionRecommender
from app.advisor.funding_judge import FundingJudge
from app.advisor.turn import Turn
from app.advisor.understand.classify import ASKS_ABOUT_AI_ONLY, GENERIC_FUNDING_ASK
from app.advisor.understand.gazetteer import RegionGazetteer
from app.advisor.understand.vague import names_nothing
from app.catalogue.coverage import Absence
from app.catalogue.models import Catalogue
from app.services.retrieval import RetrievalService
from app.text.normalize import normalize
from app.text.segment import Glossary, Segmenter

_GENERIC_CAPITALS = {"AI", "SME", "SMEs", "I", "OK"}


def _names_in_english(text: str) -> bool:
    """A capitalised English word that does not open a sentence and is not a generic one ("EU", "Act"): a name."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9'-]*", text)
    opening = {
        m.group(1) for m in re.finditer(r"(?:^|[.?!]\s+)[^A-Za-z]{0,3}([A-Za-z][A-Za-z0-9'-]*)", text.strip())
    }
    return any(w[0].isupper() and w not in _GENERIC_CAPITALS and w not in opening for w in words)


class HandlerTools:
    """What every handler uses: the query-time tools, the funding judge, and asking when nothing is known."""

    def __init__(
        self,
        catalogue: Catalogue,
        recommender: SolutionRecommender,
        retrieval: RetrievalService,
        segmenter: Segmenter,
        glossary: Glossary,
        places: RegionGazetteer,
        today: Callable[[], date],
        absences: Mapping[str, Absence] | None = None,
        uploaded: Callable[[], dict[str, str]] = dict,
    ) -> None:
        self.catalogue = catalogue
        self.recommender = recommender
        self.retrieval = retrieval
        self.segmenter = segmenter
        self.glossary = glossary
        self.places = places
        self.today = today  # a callable: a server running past midnight judges deadlines by the new day
        self.funding = FundingJudge(catalogue, today, absences)
        # The stretches of program names a message repeats: funding named, not a need (answering/need_named.py).
        self.program_names = ProgramNames(catalogue.funding)
        self.uploaded = uploaded  # {doc id: title} of the files users added: their own, not public reports

    def _asks_blind(self, turn: Turn) -> bool:
        """A funding question, or a request to talk about AI, with nothing to go on: no place, no program, no
        facts, no need."""
        profile = turn.conversation.profile
        query = normalize(turn.query)
        return (
            bool(
                GENERIC_FUNDING_ASK.search(query) or ASKS_ABOUT_AI_ONLY.search(query) or names_nothing(query)
            )
            # A longer question names something: answer it. English words count as one character each, as a
            # Chinese word of one or two does; an English name ("the EU AI Act") is something named.
            and len(re.sub(r"[a-z]+", "w", query)) <= 30
            and not _names_in_english(turn.query)
            and not turn.foreign
            and not turn.places
            and not profile.province
            and not profile.industry
            and not turn.need_stated
        )

    def _ask(self, turn: Turn) -> None:
        turn.answer, turn.clarifying = canned.ask_what_is_needed(turn.language)
        turn.conversation.awaiting_profile = turn.conversation.asked_clarification = True
