"""The advisor: one conversation turn from message to `AdviceResponse`.

understand (profile, follow-up, intent) → retrieve → recommend (engine) →
compose (offline composer, or the LLM with the offline answer as fallback).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import date
from functools import cached_property

from app.advisor import canned
from app.advisor.answer_pack import (
    disclaimer,
    funding_section,
    no_fitting_solution,
    pack_answer,
    profile_line,
)
from app.advisor.answer_policy import no_evidence, policy_answer, select_evidence
from app.advisor.contract import AdviceResponse, CitationOut, ProfileOut, SolutionOut, Timings
from app.advisor.conversation import rewrite_follow_up
from app.advisor.costing import CostedSolution, cost_pack
from app.advisor.eligibility import Assessment, assess
from app.advisor.extraction import RuleExtractor
from app.advisor.funding_view import (
    apply_steps,
    funding_out,
    select_programs,
    spend_from_question,
    verdict_line,
)
from app.advisor.gazetteer import regions
from app.advisor.guard import looks_like_instruction, unknown_vouchers
from app.advisor.llm_composer import LLMComposer
from app.advisor.llm_extraction import LLMProfileExtractor
from app.advisor.place_scope import place_filter
from app.advisor.profile import CompanyProfile
from app.advisor.recommend import SolutionPick, SolutionRecommender
from app.advisor.sessions import ConversationStore
from app.advisor.turn import Turn
from app.advisor.understanding import resolve_intent, states_profile_facts
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.catalogue.render import format_cny
from app.components.embeddings import encodable
from app.components.vector_store import CollectionName
from app.container import Container
from app.services.retrieval import SearchFilters
from app.services.session_store import SessionFile
from app.text.normalize import clean_text, detect_language

MAX_MESSAGE_CHARS = 4000  # longer messages are answered from their first part, and the user is told


class AdvisorService:
    def __init__(self, container: Container | None = None) -> None:
        self.container = container or Container()
        self.settings = self.container.settings
        advisor = self.settings.advisor
        path = advisor.sessions_file or self.settings.paths.data_dir / "sessions.sqlite3"
        self.sessions = ConversationStore(
            SessionFile(path, advisor.session_ttl_days), solution=lambda id_: self.catalogue.solution(id_)
        )

    @cached_property
    def catalogue(self) -> Catalogue:
        return load_catalogue(self.settings.paths.catalogue_dir)

    @property
    def today(self) -> date:
        return self.settings.advisor.today or date.today()

    @cached_property
    def extractor(self) -> RuleExtractor:
        return RuleExtractor(self.settings.paths.knowledge_dir, self.catalogue, self.today)

    @cached_property
    def recommender(self) -> SolutionRecommender:
        return SolutionRecommender(self.catalogue, self.container.retrieval)

    @cached_property
    def llm(self) -> LLMComposer | None:
        """The LLM composer when `llm.mode == "openai"`; None offline."""
        if self.settings.llm.mode != "openai":
            return None
        from app.advisor.llm_composer import LLMComposer

        return LLMComposer(self.settings, self.catalogue)

    @cached_property
    def llm_extractor(self) -> LLMProfileExtractor | None:
        if self.settings.llm.mode != "openai":
            return None
        from app.advisor.llm_extraction import LLMProfileExtractor

        return LLMProfileExtractor(self.settings, regions(self.settings.paths.knowledge_dir))

    def warm_up(self) -> None:
        """Load what the first answer needs (catalogue, jieba, e5, BM25) without a model call or a session.

        The UI calls it once per process after the first page is shown, so the first question
        of a fresh app does not pay for loading models.
        """
        text = "我们是杭州一家20人的餐厅，想用AI解决备货不准，预算3万"
        if self.llm_extractor is None:  # offline: the whole pipeline but the composer
            turn = self._prepare(text, None, None)
            self.sessions.reset(turn.conversation.session_id)
            return
        profile = self.extractor.extract(text)
        self.container.retrieval.search(text)
        self.recommender.rank(profile, text)

    def ask(
        self, message: str, session_id: str | None = None, profile: CompanyProfile | None = None
    ) -> AdviceResponse:
        for event in self.stream(message, session_id=session_id, profile=profile):
            if isinstance(event, AdviceResponse):
                return event
        raise AssertionError("stream() always ends with the response")

    def stream(
        self, message: str, session_id: str | None = None, profile: CompanyProfile | None = None
    ) -> Iterator[str | AdviceResponse]:
        """Answer text as it is produced, then the full `AdviceResponse` as the last item."""
        started = time.perf_counter()
        turn = self._prepare(message, session_id, profile)
        if self.llm is not None and turn.intent not in ("smalltalk", "out_of_scope") and not turn.clarifying:
            yield from self.llm.stream(turn)
        else:
            # Stream the text with the citation numbers of the final response (unused entries
            # dropped, the rest renumbered), so a streamed "[1]" is the response's citation 1.
            yield from turn.book.keep_only_used(turn.answer)[0].splitlines(keepends=True)
        turn.mark("compose")
        conversation = turn.conversation
        conversation.turns += [("user", turn.raw[:MAX_MESSAGE_CHARS]), ("assistant", turn.answer)]
        conversation.last_intent = turn.intent
        conversation.awaiting_profile = bool(turn.clarifying)
        if turn.intent not in ("smalltalk", "out_of_scope") and not turn.clarifying:
            conversation.last_question = turn.query
        self.sessions.save(conversation)
        yield self._response(turn, started)

    def _prepare(self, message: str, session_id: str | None, profile: CompanyProfile | None) -> Turn:
        conversation = self.sessions.get(session_id)
        message = encodable(message or "")  # invalid UTF-8 from a terminal: U+FFFD, not a crash
        turn = Turn(id=uuid.uuid4().hex[:12], raw=message, conversation=conversation)
        text = clean_text(message or "")
        if len(text) > MAX_MESSAGE_CHARS:
            turn.notices.append(_long_message_notice(len(text), detect_language(text[:500])))
            text = text[:MAX_MESSAGE_CHARS]
        turn.language = detect_language(text) if text.strip() else (conversation.turns and "zh") or "zh"
        if profile is not None:
            conversation.profile = conversation.profile.merged_with(profile)
        self._understand(turn, text)
        self._dispatch(turn)
        claimed = unknown_vouchers(turn.query, self.catalogue, regions(self.settings.paths.knowledge_dir))
        if claimed and turn.intent != "out_of_scope":
            # Say plainly that we cannot back what the user asserts, before anything else.
            turn.answer = canned.unknown_programs(claimed, turn.language) + "\n\n" + turn.answer
        return turn

    # ------------------------------------------------------------------ understand

    def _understand(self, turn: Turn, text: str) -> None:
        conversation = turn.conversation
        places = regions(self.settings.paths.knowledge_dir)
        rewritten = rewrite_follow_up(text, conversation, places)
        turn.query = rewritten or text
        delta = self.extractor.extract(text)
        extracted = self.llm_extractor.extract(text) if self.llm_extractor and text.strip() else None
        if extracted is not None:
            delta = delta.merged_with(extracted)  # the model's validated facts win
        conversation.profile = conversation.profile.merged_with(delta)
        facts = states_profile_facts(delta, text, conversation)
        turn.places = places.all_places(turn.query)
        turn.mark("understand")
        turn.search = self.container.retrieval.search(turn.query) if turn.query.strip() else None
        turn.mark("retrieve")
        turn.intent = resolve_intent(
            turn.query,
            text,
            facts=facts,
            has_evidence=bool(turn.search and turn.search.has_evidence),
            rewritten=rewritten is not None,
            conversation=conversation,
        )

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self, turn: Turn) -> None:
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
        if looks_like_instruction(turn.query):
            turn.answer = canned.injection_notice(turn.language) + "\n\n" + canned.out_of_scope(turn.language)
        else:
            turn.answer = canned.out_of_scope(turn.language)
        turn.has_evidence = False

    def _policy(self, turn: Turn) -> None:
        if turn.search is None or not turn.search.has_evidence:
            turn.answer, turn.has_evidence = no_evidence(turn.language), False
            return
        expanded = self.container.ingest.glossary.expand_english(turn.query)
        keep = place_filter(turn.places, self.catalogue, regions(self.settings.paths.knowledge_dir))
        turn.answer, turn.has_evidence = policy_answer(
            turn.query, turn.search, self.container.ingest.segmenter, turn.book, turn.language, expanded, keep
        )

    def _assessments(self, profile: CompanyProfile) -> list[Assessment]:
        return [assess(program, profile, self.today) for program in self.catalogue.funding]

    def _recommend(self, turn: Turn) -> None:
        conversation, profile = turn.conversation, turn.conversation.profile
        missing = profile.missing_for_recommendation()
        if missing and not conversation.asked_clarification:
            turn.answer, turn.clarifying = canned.clarify(missing, turn.language)
            conversation.asked_clarification = True
            if profile.pain_points or profile.goals or profile.industry:
                turn.answer += "\n\n" + self._preview(turn)
            return
        picks = self.recommender.pack(profile, turn.query, conversation.user_text())
        if not picks:
            # No spend to subsidise either: listing every program would be noise.
            turn.answer, turn.has_evidence = no_fitting_solution(profile, turn.language), False
            return
        conversation.pack = picks
        spend = {kind for pick in picks for kind in pick.solution.spend_kinds}
        turn.programs = select_programs(self._assessments(profile), profile, spend, turn.places, turn.query)
        turn.costed = cost_pack(picks, turn.programs, profile)
        text = pack_answer(
            profile, turn.costed, turn.programs, turn.book, turn.language, self._policy_basis(turn)
        )
        turn.answer, turn.next_steps, turn.arithmetic = text.answer, text.next_steps, text.arithmetic
        turn.solution_citations = text.solution_citations

    def _preview(self, turn: Turn) -> str:
        """While asking, show the closest solution so the owner gets something useful now."""
        conversation = turn.conversation
        best = self.recommender.rank(conversation.profile, turn.query, conversation.user_text())[:1]
        if not best:
            return ""
        solution = best[0].solution
        n = turn.book.cite_solution(solution)
        cost = solution.cost.first_year_cny
        if turn.language == "en":
            return (
                f"Meanwhile, the closest match to what you describe: {solution.name_en} — {solution.summary_en} "
                f"Addresses (catalogue wording): {'、'.join(solution.pain_points[:3])}. "
                f"First year about CNY {cost.min:,.0f}–{cost.max:,.0f}. [{n}]"
            )
        pains = "、".join(solution.pain_points[:3])
        return (
            f"先参考与您描述最接近的方案：{solution.name_zh}——{solution.summary_zh}"
            f"（针对：{pains}；首年约{format_cny(cost.min)}–{format_cny(cost.max)}）[{n}]"
        )

    def _policy_basis(self, turn: Turn) -> tuple[str, int] | None:
        """The policy sentence that grounds the idea of a low-cost pack for SMEs."""
        query = "面向中小企业推出AI赋能包，提供低成本、轻量化、可复制推广的解决方案"
        result = self.container.retrieval.search(
            query, k=2, filters=SearchFilters(collections=frozenset({CollectionName.policies}))
        )
        if not result.has_evidence:
            return None
        best = select_evidence(query, result, self.container.ingest.segmenter)[:1]
        return (best[0].sentence, turn.book.cite_hit(best[0].hit, best[0].sentence)) if best else None

    def _funding_programs(self, turn: Turn) -> list[Assessment]:
        profile = turn.conversation.profile
        spend = spend_from_question(turn.query) or None
        return select_programs(self._assessments(profile), profile, spend, turn.places, turn.query)

    def _eligibility(self, turn: Turn) -> None:
        turn.programs = self._funding_programs(turn)
        lines = [profile_line(turn.conversation.profile, turn.language), ""]
        lines += funding_section(turn.programs, turn.book, turn.language)
        lines += ["", disclaimer(turn.language)]
        turn.answer = "\n".join(lines)

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
        from app.advisor.answer_pack import _solution_line, cost_basis

        turn.costed = self._matching_solutions(turn, 2)
        en = turn.language == "en"
        lines = ["Typical first-year cost:" if en else "参考费用（首年）："]
        for index, item in enumerate(turn.costed, start=1):
            n = turn.book.cite_solution(item.pick.solution)
            turn.solution_citations[item.pick.solution.id] = n
            lines.append(_solution_line(index, item, n, turn.language))
            lines.append("   " + cost_basis(item.pick.solution, turn.language))
            turn.arithmetic += [d.arithmetic.text(turn.language) for d in item.discounts]
        if turn.arithmetic:
            lines += [
                "How the subsidy was computed:" if en else "补贴计算：",
                *[f"- {a}" for a in turn.arithmetic],
            ]
        lines += ["", disclaimer(turn.language)]
        turn.answer = "\n".join(lines)

    def _compare(self, turn: Turn) -> None:
        from app.advisor.answer_pack import compare_answer

        turn.costed = self._matching_solutions(turn, 3)
        turn.answer = compare_answer([c.pick.solution for c in turn.costed], turn.book, turn.language)
        turn.solution_citations = {
            c.pick.solution.id: turn.book.cite_solution(c.pick.solution) for c in turn.costed
        }

    # ------------------------------------------------------------------ response

    def _response(self, turn: Turn, started: float) -> AdviceResponse:
        answer, citations, mapping = turn.book.keep_only_used(turn.answer)
        language = "en" if turn.language == "en" else "zh"
        solutions = [
            SolutionOut(
                id=item.pick.solution.id,
                name=item.pick.solution.name_en if language == "en" else item.pick.solution.name_zh,
                category=item.pick.solution.category,
                score=item.pick.score,
                first_year_cost_cny={"min": item.first_year.min, "max": item.first_year.max},
                net_first_year_cost_cny={"min": item.net.min, "max": item.net.max},
                why=item.pick.why[0].text(language) if item.pick.why else "",
                citations=[
                    mapping[n]
                    for n in [turn.solution_citations.get(item.pick.solution.id, 0)]
                    if n in mapping
                ],
            )
            for item in turn.costed
        ]
        profile = turn.conversation.profile
        timings = turn.timings(started)
        return AdviceResponse(
            id=turn.id,
            answer=answer,
            language=language,
            intent=turn.intent,
            mode=turn.mode,
            profile=ProfileOut.model_validate(profile.model_dump()),
            clarifying_questions=turn.clarifying,
            solutions=solutions,
            funding=[funding_out(a, language) for a in turn.programs],
            citations=[CitationOut.model_validate(c.model_dump()) for c in citations],
            timings_ms=Timings(**timings),
            session_id=turn.conversation.session_id,
            has_evidence=turn.has_evidence,
            notices=turn.notices,
            next_steps=turn.next_steps,
            arithmetic=turn.arithmetic,
        )


def _empty(language: str) -> str:
    return (
        "Please type a question or describe your business."
        if language == "en"
        else "请输入您的问题，或简单介绍一下您的企业。"
    )


def _long_message_notice(length: int, language: str) -> str:
    if language == "en":
        return f"Your message has {length:,} characters; I read the first {MAX_MESSAGE_CHARS:,}."
    return f"您的消息有{length}个字符，我只读取了前{MAX_MESSAGE_CHARS}个字符。"
