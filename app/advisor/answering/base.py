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
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.vague import asks_for_help, names_nothing
from app.catalogue.coverage import Absence
from app.catalogue.models import Catalogue
from app.services.retrieval import RetrievalService
from app.text.normalize import normalize
from app.text.segment import Glossary, Segmenter

_GENERIC_CAPITALS = {"AI", "SME", "SMEs", "I", "OK"}
# A kind of program named by what it pays ("算力券怎么申请", "贴息", "a compute voucher"): a program is named,
# though no place tells which; the definition or the programs of that kind answer it. "什么券", "有个券" name none.
_KIND_VOUCHER = re.compile(r"([\u4e00-\u9fff]{2})券")
_NO_KIND = re.compile(r"什么|啥|咩|乜|个|些|种|张|哪|优惠|代金|消费")
_PROGRAM_KIND = re.compile(
    r"试点|贴息|加计扣除|\b(?:compute|model|corpus|data|training) vouchers?\b|\bpilots?\b|\bdeduction\b",
    re.IGNORECASE,
)


def _names_program_kind(text: str) -> bool:
    norm = normalize(text)
    kinds = [m.group(1) for m in _KIND_VOUCHER.finditer(norm)]
    return bool(_PROGRAM_KIND.search(norm)) or any(not _NO_KIND.search(kind) for kind in kinds)


def _names_in_english(text: str) -> bool:
    """A capitalised English word that does not open a sentence and is not a generic one ("EU", "Act"): a name."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9'-]*", text)
    opening = {
        m.group(1) for m in re.finditer(r"(?:^|[.?!]\s+)[^A-Za-z]{0,3}([A-Za-z][A-Za-z0-9'-]*)", text.strip())
    }
    # "I've", "I'd", "I'm" are the asker, not a name.
    return any(
        w[0].isupper() and w not in _GENERIC_CAPITALS and w not in opening and not w.startswith("I'")
        for w in words
    )


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
        """A question about AI, policy or its funding that names nothing the advisor can act on: asked back.

        A short one is vague by its words alone (vague.names_nothing: nothing is left once the words every such
        question is made of are taken away: "有什么AI补贴可以申请", "政府有没有钱给小企业搞AI"); a short question about
        a topic ("人工智能安全有哪些政策") is answered from the sources. A longer one is asked back too when it asks for
        money, help, a plan, the steps or where to begin (an opener of 60 characters about the boss and the news). Either
        is asked back (place and trade) only when it names no place, trade, need, purchase, program, figure or name.
        """
        if names_nothing(turn.raw) and turn.known_before is not None:
            # Made only of the words every vague question is made of, it names nothing itself, whatever a reader took
            # from them ("给小企业搞AI" read as a software firm, "看了新闻" as a news agency, "AI补贴" as a program the
            # sources lack): only what the conversation knew before it counts (issue #12).
            return not _knows_anything(turn.known_before)
        query = normalize(turn.query)
        short = len(re.sub(r"[a-z]+", "w", query)) <= 30  # English words count as one character each
        vague = GENERIC_FUNDING_ASK.search(query) or ASKS_ABOUT_AI_ONLY.search(query) or names_nothing(query)
        return bool(vague if short else vague or asks_for_help(query)) and self._names_nothing_known(turn)

    @staticmethod
    def _names_nothing_known(turn: Turn) -> bool:
        """Nothing the advisor can plan or judge on: no place, trade, need, purchase, program, figure or name."""
        profile = turn.conversation.profile
        return not (
            turn.foreign
            or turn.places
            or _knows_anything(profile)
            or turn.need_stated
            or turn.named_programs
            or turn.claimed
            or _names_program_kind(turn.query)
            # An English name ("the EU AI Act") is something named.
            or _names_in_english(turn.query)
            # So is an article's speaker ("汪小帆建议怎么降低…门槛"): the articles answer it.
            or _names_a_speaker(turn)
        )

    def _ask(self, turn: Turn) -> None:
        turn.answer, turn.clarifying = canned.ask_what_is_needed(turn.language)
        turn.conversation.awaiting_profile = turn.conversation.asked_clarification = True


def _knows_anything(profile: CompanyProfile) -> bool:
    """The profile holds a fact a plan or a verdict can use: a place, a trade, a pain point, a purchase, a figure."""
    figures = (profile.budget_cny, profile.budget_other, profile.employees, profile.annual_revenue_cny)
    facts = (profile.province, profile.industry, profile.pain_points, profile.purchases)
    return any(facts) or any(figure is not None for figure in figures)


def _names_a_speaker(turn: Turn) -> bool:
    """The message names a person the retrieved passages quote (their `speaker`, services/chunk_names.py)."""
    if turn.search is None:
        return False
    query = normalize(turn.query)
    speakers = {normalize(str(h.metadata.get("speaker") or "")).strip() for h in turn.search.hits}
    return any(name and name in query for name in speakers)
