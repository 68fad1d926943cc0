"""One handler per intent: the answer, pack, programs and arithmetic of a turn.

The service decides what a message means (`understand/`); these decide what
to say about it, from the engine's results only. Each handler is a method of
`TurnHandlers` named in its `IntentSpec` (intents.py); the handlers get the
query-time tools they use, never the container.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from app.advisor.compose import canned
from app.advisor.compose.costs import budget_lines, cost_answer, currency_note, subsidy_lines
from app.advisor.compose.details import funding_details
from app.advisor.compose.focus import focus_line, what_changed
from app.advisor.compose.funding import apply_steps, program_summary, verdict_line
from app.advisor.compose.funding_brief import funding_brief
from app.advisor.compose.pack import no_fitting_solution, pack_answer, profile_line, unanswered_line
from app.advisor.compose.policy import no_evidence, policy_answer, select_evidence
from app.advisor.compose.solution_views import compare_answer, preview_line
from app.advisor.compose.wording import DETAILS_HEADING, add_to_brief, disclaimer, pick
from app.advisor.engine.costing import PackCost, cost_pack, fit_client_figures
from app.advisor.engine.notices import (
    asks_about_policy,
)
from app.advisor.engine.pack_choice import PackChoice, SolutionPick
from app.advisor.engine.place_scope import place_filter
from app.advisor.engine.programs import select_programs, spend_from_question
from app.advisor.engine.purchases import Purchase, client_items, kinds, plan, solution_purchases
from app.advisor.engine.recommend import SolutionRecommender
from app.advisor.funding_judge import FundingJudge
from app.advisor.llm.guard import looks_like_instruction
from app.advisor.turn import Turn
from app.advisor.understand.classify import FOREIGN_JURISDICTION, GENERIC_FUNDING_ASK, states_need
from app.advisor.understand.gazetteer import RegionGazetteer
from app.catalogue.coverage import Absence
from app.catalogue.models import Catalogue
from app.components.vector_store import CollectionName
from app.services.retrieval import RetrievalService, SearchFilters
from app.text.funding_words import names_funding
from app.text.normalize import normalize
from app.text.segment import Glossary, Segmenter

# The fixed query for the policy sentence behind every pack: embedded once per process.
POLICY_BASIS_QUERY = "面向中小企业推出AI赋能包，提供低成本、轻量化、可复制推广的解决方案"


class TurnHandlers:
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
        self.uploaded = uploaded  # {doc id: title} of the files users added: their own, not public reports

    def smalltalk(self, turn: Turn) -> None:
        turn.answer = (
            canned.smalltalk(turn.language) if turn.query.strip() else canned.empty_message(turn.language)
        )

    def out_of_scope(self, turn: Turn) -> None:
        if looks_like_instruction(turn.query):
            turn.answer = canned.injection_notice(turn.language) + "\n\n" + canned.out_of_scope(turn.language)
        else:
            turn.answer = canned.out_of_scope(turn.language)
        # A short refusal: no subsidy list, and no "no evidence" banner (nothing was looked up).

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
            and not turn.need_stated
        )

    def _ask(self, turn: Turn) -> None:
        turn.answer, turn.clarifying = canned.ask_what_is_needed(turn.language)
        turn.conversation.awaiting_profile = True

    def policy(self, turn: Turn) -> None:
        if self._asks_blind(turn) or turn.unsure:
            self._ask(turn)
            return
        # A foreign jurisdiction with no Chinese place named: the catalogue holds none of its programs.
        foreign = FOREIGN_JURISDICTION.search(turn.query) and not turn.places
        if turn.search is None or not turn.search.has_evidence or foreign:
            turn.answer, turn.has_evidence = no_evidence(turn.language), False
            return
        expanded = self.glossary.expand_english(turn.query)
        keep = place_filter(turn.places, self.catalogue, self.places)
        turn.answer, turn.has_evidence = policy_answer(
            turn.query,
            turn.search,
            self.segmenter,
            turn.book,
            turn.language,
            expanded,
            keep,
            self.retrieval.next_chunk,
            frozenset(self.uploaded()),  # ids of the user's own files
        )
        self.funding.lead_with_notes(turn)

    def recommend(self, turn: Turn) -> None:
        """Recommend first: a stated need gets the pack at once, with the questions the verdicts need."""
        conversation, profile = turn.conversation, turn.conversation.profile
        # A company registered abroad has no Chinese city to ask for (it is outside every program's coverage).
        missing = [m for m in profile.missing_for_recommendation() if not (turn.foreign and m == "region")]
        # Goals such as "用AI" are not a need; pain points (also typed into the sidebar form) are.
        stated = (
            profile.pain_points
            or turn.need_stated
            or states_need(f"{conversation.user_text()}\n{turn.query}")
        )
        if missing and not stated and not profile.industry and not conversation.asked_clarification:
            # Nothing to recommend from yet ("我们公司想用AI，不知道从哪开始"): ask.
            turn.answer, turn.clarifying = canned.clarify(missing, turn.language)
            conversation.asked_clarification = True
            if profile.pain_points or profile.goals or profile.industry:
                turn.answer += "\n\n" + self._preview(turn)
            programs = self.funding.for_question(turn)
            named = [a for a in programs if a.asked]
            if profile.purchases or named:
                # The client's own contract can be costed now, while we ask for the rest (§5: their figures win);
                # a program the client names hears its verdict now, not after the questions.
                turn.programs = programs if profile.purchases else named
                lines = subsidy_lines(turn.subsidies, turn.language)
                lines += funding_brief(turn.programs, turn.book, turn.language)
                turn.answer += "\n\n" + "\n".join(lines)
            self.funding.lead_with_notes(turn)
            return
        if turn.what_if_from is not None and conversation.pack:
            choice = PackChoice(
                list(conversation.pack)
            )  # "那苏州呢": the same pack, judged for the other place
        else:
            choice = self.recommender.pack(
                profile, turn.query, conversation.user_text(), shared=turn.search, stated=bool(stated)
            )
        if not choice.picks:
            # No spend to subsidise either: listing every program would be noise.
            turn.answer, turn.has_evidence = no_fitting_solution(profile, turn.language), False
            if choice.unanswered != choice.ruled_out:  # needs the catalogue cannot answer: not "nothing fits"
                turn.answer = profile_line(profile, turn.language) + "\n\n"
                turn.answer += unanswered_line(choice.unanswered, turn.language)
            return
        conversation.pack = choice.picks
        client = client_items(profile.purchases)  # named in this turn or an earlier one
        purchases = plan([pick.solution for pick in choice.picks], client)
        spend = kinds(purchases) | spend_from_question(turn.query)  # a program type the client asks about
        # A company registered abroad is outside every program's coverage: no verdicts to show.
        turn.programs = (
            []
            if turn.foreign
            else select_programs(
                self.funding.assessments(profile, purchases, self.funding.said_in(turn)),
                profile,
                spend,
                turn.places,
                turn.query,
            )
        )
        cost = cost_pack(choice.picks, turn.programs, profile, client)
        turn.costed, turn.subsidies = cost.solutions, cost.subsidies
        policy = self._policy_basis(turn) if asks_about_policy(turn.query) else None
        notes = self.funding.notes(turn)
        notes += [unanswered_line(choice.unanswered, turn.language)] if choice.unanswered else []
        text = pack_answer(profile, cost, choice, turn.programs, turn.book, turn.language, policy, notes)
        turn.answer, turn.next_steps, turn.arithmetic = text.answer, text.next_steps, text.arithmetic
        turn.solution_citations = text.solution_citations
        if turn.what_if_from is not None and not turn.foreign:
            saved = turn.what_if_from
            before = select_programs(
                self.funding.assessments(saved, purchases, self.funding.said_in(turn)),
                saved,
                spend,
                [],
                turn.query,
            )
            turn.answer = (
                what_changed(saved, profile, before, turn.programs, self.places, turn.language)
                + "\n\n"
                + turn.answer
            )
        if missing and not conversation.asked_clarification:  # asked once; a decline is respected
            questions_text, turn.clarifying = canned.pack_questions(missing, turn.language)
            turn.answer = add_to_brief(turn.answer, questions_text)  # asked before the folded details
            conversation.asked_clarification = conversation.awaiting_profile = True

    def _preview(self, turn: Turn) -> str:
        """While asking, show the closest solution so the owner gets something useful now."""
        conversation = turn.conversation
        # The pack's own first pick (the stated need's solution, not the whole message's nearest one).
        choice = self.recommender.pack(
            conversation.profile, turn.query, conversation.user_text(), shared=turn.search
        )
        best = choice.picks[:1]
        if not best:
            return ""
        solution = best[0].solution
        return preview_line(solution, turn.book.cite_solution(solution), turn.language)

    def _policy_basis(self, turn: Turn) -> tuple[str, int] | None:
        """The policy sentence that grounds the idea of a low-cost pack for SMEs."""
        query = POLICY_BASIS_QUERY
        result = self.retrieval.search_fixed(
            query, k=2, filters=SearchFilters(collections=frozenset({CollectionName.policies}))
        )
        if not result.has_evidence:
            return None
        best = select_evidence(query, result, self.segmenter)[:1]
        return (best[0].sentence, turn.book.cite_hit(best[0].hit, best[0].sentence)) if best else None

    def eligibility(self, turn: Turn) -> None:
        if self._asks_blind(turn):
            self._ask(turn)
            return
        profile = turn.conversation.profile
        if (
            not turn.conversation.pack
            and not turn.wants_certainty  # "保证能拿1000万吗": the cap arithmetic, not a pack
            and (states_need(turn.query) or self.recommender.states_needs(profile, turn.query))
        ):
            # "想用AI做质检，预算20万，有哪些补贴可以叠加？": the pack the need calls for, judged with the
            # programs; the direct answer to the funding question leads (never "您还没说要买什么").
            self.recommend(turn)
            focus = focus_line(turn.query, turn.programs, self.today(), turn.language, turn.subsidies)
            focus = focus or self._about_named(turn)
            turn.answer = f"{focus}\n\n{turn.answer}" if focus and turn.programs else turn.answer
            return
        turn.programs = self.funding.for_question(turn, self._planned(turn))
        # The direct answer first: stacking yes/no with the combined cap, or the rate and the cap; a program
        # named with no other question ("那数据产品使用补助呢？") gets its verdict, mechanism, cap and date.
        focus = focus_line(turn.query, turn.programs, self.today(), turn.language, turn.subsidies)
        focus = focus or self._about_named(turn)
        notes = [focus] if focus else []
        notes += self.funding.notes(turn)
        brief = funding_brief(turn.programs, turn.book, turn.language, turn.conversation.profile.province)
        lines = [*notes, *([""] if notes else []), *brief]
        if turn.programs:  # the details, folded on a phone: profile, arithmetic, every condition
            lines += [
                "",
                pick(DETAILS_HEADING, turn.language),
                profile_line(turn.conversation.profile, turn.language),
            ]
            lines += subsidy_lines(turn.subsidies, turn.language)
            lines += ["", *funding_details(turn.programs, [], turn.book, turn.language)]
        lines += ["", disclaimer(turn.language)]
        turn.answer = "\n".join(lines)

    def _about_named(self, turn: Turn) -> str | None:
        """The programs the question names, answered first: verdict, mechanism, cap and date."""
        if not turn.named_programs or turn.wants_certainty:  # a guarantee question has its own answer
            return None
        named = [a for a in turn.programs if a.program.id in turn.named_programs][:2]
        return "\n".join(program_summary(a, turn.language, self.today()) for a in named) or None

    def _planned(self, turn: Turn) -> list[Purchase]:
        """A funding question that states a need, before any pack: what the pack for that need would buy (§1)."""
        conversation = turn.conversation
        said = f"{conversation.user_text()}\n{turn.query}"
        if conversation.pack or not (
            conversation.profile.pain_points or turn.need_stated or states_need(said)
        ):
            return []
        choice = self.recommender.pack(
            conversation.profile, turn.query, conversation.user_text(), shared=turn.search
        )
        return [p for pick in choice.picks for p in solution_purchases(pick.solution)]

    def how_to_apply(self, turn: Turn) -> None:
        turn.programs = self.funding.for_question(turn, self._planned(turn))[:3]
        if not turn.programs:
            turn.answer, turn.has_evidence = no_evidence(turn.language), False
            return
        en = turn.language == "en"
        # "怎么申请？比例是多少？": the rate (or that the sources lack it) before the steps.
        focus = focus_line(turn.query, turn.programs, self.today(), turn.language)
        notes = [*([focus] if focus else []), *self.funding.notes(turn)]
        lines = [*notes, *([""] if notes else []), "How to apply:" if en else "申请方式："]
        for assessment in turn.programs:
            lines.append(verdict_line(assessment, turn.book, turn.language))
            # The verdict line above names the program: the steps under it do not name it again.
            lines.append("  " + apply_steps(assessment, turn.language, named=False))
            turn.next_steps.append(apply_steps(assessment, turn.language))
        lines += ["", disclaimer(turn.language)]
        turn.answer = "\n".join(lines)

    def _matching_solutions(
        self, turn: Turn, limit: int, choose: bool = False
    ) -> tuple[PackCost, PackChoice]:
        """The pack just shown ("这些方案要花多少钱？"), or the solutions the question is about.

        `choose`: a cost question about a new need gets the pack `choose_pack` would recommend, under the
        same budget rule (what a stated budget buys, or the gap); a comparison lists the closest variants.
        """
        conversation = turn.conversation
        picks = self._shown_pack(turn)
        choice = PackChoice(picks)
        if not picks and choose:
            choice = self.recommender.pack(conversation.profile, turn.query, size=limit, shared=turn.search)
            picks = choice.picks
        elif not picks:
            seen: set[str] = set()
            for pick in self.recommender.rank(conversation.profile, turn.query, shared=turn.search):
                if pick.solution.category not in seen or len(picks) < limit:
                    picks.append(pick)
                    seen.add(pick.solution.category)
                if len(picks) == limit:
                    break
        profile = conversation.profile
        client = client_items(profile.purchases)
        purchases = plan([pick.solution for pick in picks], client)
        turn.programs = select_programs(
            self.funding.assessments(profile, purchases, self.funding.said_in(turn)),
            profile,
            kinds(purchases),
            turn.places,
            turn.query,
        )
        cost = cost_pack(picks, turn.programs, profile, client)
        turn.costed, turn.subsidies = cost.solutions, cost.subsidies
        return cost, fit_client_figures(choice, cost, profile.budget_cny)

    def _shown_pack(self, turn: Turn) -> list[SolutionPick]:
        conversation = turn.conversation
        about_pack = conversation.last_intent in ("recommend_pack", "cost_estimate", "compare_solutions")
        named = self.recommender.named_in(turn.query)
        shown = {pick.solution.id for pick in conversation.pack}
        if not shown or not about_pack or (named and not named & shown):
            return []  # a new need ("再加一个智能客服要多少钱？") is a new question
        return list(conversation.pack)

    def cost(self, turn: Turn) -> None:
        cost, choice = self._matching_solutions(turn, 2, choose=True)
        profile = turn.conversation.profile
        budget = budget_lines(
            choice, profile.budget_cny, turn.language, profile.budget_other, costed=cost.solutions
        )
        notes = [*currency_note(profile.province, turn.language), *self.funding.notes(turn)]
        # "…and which programs apply?": a cost question that names funding hears the verdicts, not only costs.
        asked = turn.programs if names_funding(turn.query) else [a for a in turn.programs if a.asked]
        named = funding_brief(asked, turn.book, turn.language) if asked else None
        text = cost_answer(cost, turn.book, turn.language, notes, budget, named)
        turn.answer, turn.arithmetic, turn.solution_citations = (
            text.answer,
            text.arithmetic,
            text.solution_citations,
        )

    def compare(self, turn: Turn) -> None:
        self._matching_solutions(turn, 3)
        turn.answer = compare_answer([c.pick.solution for c in turn.costed], turn.book, turn.language)
        turn.solution_citations = {
            c.pick.solution.id: turn.book.cite_solution(c.pick.solution) for c in turn.costed
        }
