"""One handler per intent: the answer, pack, programs and arithmetic of a turn.

The service decides what a message means (`understand/`); these decide what
to say about it, from the engine's results only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.advisor.compose import canned
from app.advisor.compose.focus import asked, focus_line
from app.advisor.compose.pack import (
    compare_answer,
    cost_answer,
    disclaimer,
    funding_section,
    no_fitting_solution,
    pack_answer,
    preview_line,
    profile_line,
)
from app.advisor.compose.policy import no_evidence, policy_answer, select_evidence
from app.advisor.engine.costing import CostedSolution, cost_pack
from app.advisor.engine.eligibility import Assessment, Verdict, assess
from app.advisor.engine.place_scope import place_filter
from app.advisor.engine.programs import apply_steps, select_programs, spend_from_question, verdict_line
from app.advisor.engine.recommend import SolutionPick, SolutionRecommender
from app.advisor.llm.guard import looks_like_instruction
from app.advisor.turn import Turn
from app.advisor.understand.classify import GENERIC_FUNDING_ASK, states_need
from app.advisor.understand.gazetteer import regions
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import Catalogue
from app.components.vector_store import CollectionName
from app.container import Container
from app.corpus.documents import load_metadata
from app.errors import AipackError
from app.services.retrieval import SearchFilters
from app.text.normalize import normalize

# The fixed query for the policy sentence behind every pack: embedded once per process.
POLICY_BASIS_QUERY = "面向中小企业推出AI赋能包，提供低成本、轻量化、可复制推广的解决方案"


class TurnHandlers:
    def __init__(
        self,
        container: Container,
        catalogue: Catalogue,
        recommender: SolutionRecommender,
        today: Callable[[], date],
    ) -> None:
        self.container = container
        self.settings = container.settings
        self.catalogue = catalogue
        self.recommender = recommender
        self.today = today  # a callable: a server running past midnight judges deadlines by the new day

    def handle(self, turn: Turn) -> None:
        """Fill in the turn's answer (and pack, programs, arithmetic) for its intent."""
        handler = {
            "smalltalk": self._smalltalk,
            "out_of_scope": self._out_of_scope,
            "recommend_pack": self._recommend,
            "funding_eligibility": self._eligibility,
            "how_to_apply": self._how_to_apply,
            "cost_estimate": self._cost,
            "compare_solutions": self._compare,
            "policy_question": self._policy,
        }[turn.intent]
        handler(turn)
        turn.mark("recommend")

    def _smalltalk(self, turn: Turn) -> None:
        turn.answer = canned.smalltalk(turn.language) if turn.query.strip() else _empty(turn.language)

    def _out_of_scope(self, turn: Turn) -> None:
        # A short refusal: no subsidy list, and no "no evidence" banner (nothing was looked up).
        if looks_like_instruction(turn.query):
            turn.answer = canned.injection_notice(turn.language) + "\n\n" + canned.out_of_scope(turn.language)
        else:
            turn.answer = canned.out_of_scope(turn.language)

    def _asks_blind(self, turn: Turn) -> bool:
        """A funding question with nothing to go on: no place, no program, no facts, no need."""
        profile = turn.conversation.profile
        query = normalize(turn.query)
        return (
            GENERIC_FUNDING_ASK.search(query) is not None
            and len(query) <= 30  # a longer question names something ("the EU AI Act"): answer it
            and not turn.foreign
            and not turn.places
            and not profile.province
            and not profile.industry
            and not states_need(turn.query)
        )

    def _ask(self, turn: Turn) -> None:
        turn.answer, turn.clarifying = canned.ask_what_is_needed(turn.language)
        turn.conversation.awaiting_profile = True

    def _policy(self, turn: Turn) -> None:
        if self._asks_blind(turn) or turn.unsure:
            self._ask(turn)
            return
        if turn.search is None or not turn.search.has_evidence:
            turn.answer, turn.has_evidence = no_evidence(turn.language), False
            return
        expanded = self.container.ingest.glossary.expand_english(turn.query)
        keep = place_filter(turn.places, self.catalogue, regions(self.settings.paths.knowledge_dir))
        turn.answer, turn.has_evidence = policy_answer(
            turn.query,
            turn.search,
            self.container.ingest.segmenter,
            turn.book,
            turn.language,
            expanded,
            keep,
            self.container.retrieval.next_chunk,
            uploaded_documents(self.settings.paths.policies_dir),
        )

    def _assessments(self, profile: CompanyProfile) -> list[Assessment]:
        return [assess(program, profile, self.today()) for program in self.catalogue.funding]

    def _recommend(self, turn: Turn) -> None:
        """Recommend first: a stated need gets the pack at once, with the questions the verdicts need."""
        conversation, profile = turn.conversation, turn.conversation.profile
        missing = profile.missing_for_recommendation()
        # Goals such as "用AI" are not a need; pain points (also typed into the sidebar form) are.
        stated = profile.pain_points or states_need(f"{conversation.user_text()}\n{turn.query}")
        if missing and not stated and not profile.industry and not conversation.asked_clarification:
            # Nothing to recommend from yet ("我们公司想用AI，不知道从哪开始"): ask, list nothing.
            turn.answer, turn.clarifying = canned.clarify(missing, turn.language)
            conversation.asked_clarification = True
            return
        picks = self.recommender.pack(profile, turn.query, conversation.user_text())
        if not picks:
            # No spend to subsidise either: listing every program would be noise.
            turn.answer, turn.has_evidence = no_fitting_solution(profile, turn.language), False
            return
        conversation.pack = picks
        spend = {kind for pick in picks for kind in pick.solution.spend_kinds}
        # A company registered abroad is outside every program's coverage: no verdicts to show.
        turn.programs = (
            []
            if turn.foreign
            else select_programs(self._assessments(profile), profile, spend, turn.places, turn.query)
        )
        turn.costed = cost_pack(picks, turn.programs, profile)
        text = pack_answer(
            profile, turn.costed, turn.programs, turn.book, turn.language, self._policy_basis(turn)
        )
        turn.answer, turn.next_steps, turn.arithmetic = text.answer, text.next_steps, text.arithmetic
        turn.solution_citations = text.solution_citations
        if missing and not conversation.asked_clarification:  # asked once; a decline is respected
            questions_text, turn.clarifying = canned.pack_questions(missing, turn.language)
            turn.answer += "\n\n" + questions_text
            conversation.asked_clarification = conversation.awaiting_profile = True

    def _preview(self, turn: Turn) -> str:
        """While asking, show the closest solution so the owner gets something useful now."""
        conversation = turn.conversation
        best = self.recommender.rank(conversation.profile, turn.query, conversation.user_text())[:1]
        if not best:
            return ""
        solution = best[0].solution
        return preview_line(solution, turn.book.cite_solution(solution), turn.language)

    def _policy_basis(self, turn: Turn) -> tuple[str, int] | None:
        """The policy sentence that grounds the idea of a low-cost pack for SMEs."""
        query = POLICY_BASIS_QUERY
        result = self.container.retrieval.search(
            query, k=2, filters=SearchFilters(collections=frozenset({CollectionName.policies}))
        )
        if not result.has_evidence:
            return None
        best = select_evidence(query, result, self.container.ingest.segmenter)[:1]
        return (best[0].sentence, turn.book.cite_hit(best[0].hit, best[0].sentence)) if best else None

    def _funding_programs(self, turn: Turn) -> list[Assessment]:
        if turn.foreign:
            return []  # outside every program's coverage (the answer says so)
        profile = turn.conversation.profile
        spend = spend_from_question(turn.query) or None
        return select_programs(self._assessments(profile), profile, spend, turn.places, turn.query)

    def _eligibility(self, turn: Turn) -> None:
        if self._asks_blind(turn):
            self._ask(turn)
            return
        turn.programs = self._shown_programs(turn) or self._funding_programs(turn)
        lines = [profile_line(turn.conversation.profile, turn.language), ""]
        if focus := focus_line(turn.query, turn.programs, self.today(), turn.language):
            lines = [focus, "", *lines]  # the direct answer first: yes/no, the figure, the date
        lines += funding_section(turn.programs, turn.book, turn.language)
        lines += ["", disclaimer(turn.language)]
        turn.answer = "\n".join(lines)

    def _shown_programs(self, turn: Turn) -> list[Assessment]:
        """For "这些补贴能叠加吗" / "能补多少": the programs of the pack just shown, re-assessed."""
        conversation = turn.conversation
        if not conversation.pack or asked(turn.query) is None or turn.places:
            return []
        profile = conversation.profile
        spend = {kind for pick in conversation.pack for kind in pick.solution.spend_kinds}
        programs = select_programs(
            self._assessments(profile), profile, spend, [], conversation.last_question or ""
        )
        return [a for a in programs if a.verdict != Verdict.ineligible] or programs

    def _how_to_apply(self, turn: Turn) -> None:
        turn.programs = self._funding_programs(turn)[:3]
        if not turn.programs:
            turn.answer, turn.has_evidence = no_evidence(turn.language), False
            return
        en = turn.language == "en"
        lines = ["How to apply:" if en else "申请方式："]
        for assessment in turn.programs:
            lines.append(verdict_line(assessment, turn.book, turn.language))
            lines.append("  " + apply_steps(assessment, turn.language))
            turn.next_steps.append(apply_steps(assessment, turn.language))
        lines += ["", disclaimer(turn.language)]
        turn.answer = "\n".join(lines)

    def _matching_solutions(self, turn: Turn, limit: int) -> list[CostedSolution]:
        """The pack just shown ("这些方案要花多少钱？"), or the solutions the question is about."""
        conversation = turn.conversation
        picks = self._shown_pack(turn)
        if not picks:
            seen: set[str] = set()
            for pick in self.recommender.rank(conversation.profile, turn.query):
                if pick.solution.category not in seen or len(picks) < limit:
                    picks.append(pick)
                    seen.add(pick.solution.category)
                if len(picks) == limit:
                    break
        profile = conversation.profile
        spend = {kind for pick in picks for kind in pick.solution.spend_kinds}
        turn.programs = select_programs(self._assessments(profile), profile, spend, turn.places, turn.query)
        return cost_pack(picks, turn.programs, profile)

    def _shown_pack(self, turn: Turn) -> list[SolutionPick]:
        conversation = turn.conversation
        about_pack = conversation.last_intent in ("recommend_pack", "cost_estimate", "compare_solutions")
        named = self.recommender.named_in(turn.query)
        shown = {pick.solution.id for pick in conversation.pack}
        if not shown or not about_pack or (named and not named & shown):
            return []  # a new need ("再加一个智能客服要多少钱？") is a new question
        return list(conversation.pack)

    def _cost(self, turn: Turn) -> None:
        turn.costed = self._matching_solutions(turn, 2)
        text = cost_answer(turn.costed, turn.book, turn.language)
        turn.answer, turn.arithmetic, turn.solution_citations = (
            text.answer,
            text.arithmetic,
            text.solution_citations,
        )

    def _compare(self, turn: Turn) -> None:
        turn.costed = self._matching_solutions(turn, 3)
        turn.answer = compare_answer([c.pick.solution for c in turn.costed], turn.book, turn.language)
        turn.solution_citations = {
            c.pick.solution.id: turn.book.cite_solution(c.pick.solution) for c in turn.costed
        }


def uploaded_documents(folder: Path) -> frozenset[str]:
    """Ids of the documents users added through the app (their own files, not public reports)."""
    try:
        return frozenset(doc_id for doc_id, meta in load_metadata(folder).items() if meta.uploaded)
    except AipackError:
        return frozenset()  # a broken metadata file is reported by the knowledge page, not here


def uploaded_titles(folder: Path) -> list[str]:
    try:
        return [normalize(meta.title) for meta in load_metadata(folder).values() if meta.uploaded]
    except AipackError:
        return []


def _empty(language: str) -> str:
    return (
        "Please type a question or describe your business."
        if language == "en"
        else "请输入您的问题，或简单介绍一下您的企业。"
    )
