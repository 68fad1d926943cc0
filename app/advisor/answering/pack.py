"""Answering "what should we use": the pack, its programs and net cost, or the questions first."""

from __future__ import annotations

from app.advisor.answering.base import HandlerTools
from app.advisor.compose import canned
from app.advisor.compose.costs import subsidy_lines
from app.advisor.compose.funding_brief import funding_brief
from app.advisor.compose.pack import no_fitting_solution, pack_answer, profile_line, unanswered_line
from app.advisor.compose.policy import select_evidence
from app.advisor.compose.solution_views import preview_line
from app.advisor.compose.what_if import changed_verdicts, supposition_changed, what_changed
from app.advisor.compose.wording import add_to_brief
from app.advisor.engine.asked_facts import facts_worth_asking
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.eligibility import Assessment
from app.advisor.engine.notices import asks_about_policy
from app.advisor.engine.pack_choice import PackChoice
from app.advisor.engine.pack_contracts import with_client_contracts
from app.advisor.engine.program_subjects import spend_from_question
from app.advisor.engine.programs import listed_programs
from app.advisor.engine.purchases import Purchase, chosen_items, client_items, kinds, plan
from app.advisor.engine.rumours import paying_only
from app.advisor.turn import Turn
from app.advisor.understand.classify import states_need
from app.advisor.understand.purchases import priced
from app.catalogue.taxonomy import SpendKind
from app.components.vector_store import CollectionName
from app.services.retrieval import SearchFilters

# The fixed query for the policy sentence behind every pack: embedded once per process.
POLICY_BASIS_QUERY = "面向中小企业推出AI赋能包，提供低成本、轻量化、可复制推广的解决方案"


class PackHandlers(HandlerTools):
    """A recommendation: the pack the stated need calls for, costed and judged against the programs."""

    def recommend(self, turn: Turn) -> None:
        """Recommend first: a stated need gets the pack at once, with the questions the verdicts need."""
        conversation, profile = turn.conversation, turn.conversation.profile
        # A company registered abroad has no Chinese city to ask for (it is outside every program's coverage).
        missing = [m for m in profile.missing_for_recommendation() if not (turn.foreign and m == "region")]
        # Goals such as "用AI" are not a need; pain points (also typed into the sidebar form) are.
        # What the client says it buys is what the pack stands on ("buy a licensed corpus for 2 million"): no
        # "what does your business do" before it (review12 r12-43).
        stated = (
            profile.pain_points
            or profile.purchases
            or turn.need_stated
            or states_need(f"{conversation.user_text()}\n{turn.query}")
            # a need the catalogue's own words name ("安老院想用AI做跌倒偵測": 跌倒 of the fall monitor), though no rule
            # knows its noun and the nearest examples are split: recommend first
            or any(need.worded for need in self.recommender.stated_needs(profile, turn.query))
        )
        if missing and not stated and not profile.industry and not conversation.asked_clarification:
            # Nothing to recommend from yet ("我们公司想用AI，不知道从哪开始"): ask.
            turn.answer, turn.clarifying = canned.clarify(missing, turn.language)
            conversation.asked_clarification = True
            if profile.pain_points or profile.goals or profile.industry:
                turn.answer += "\n\n" + self._preview(turn)
            programs = self.funding.for_question(turn)
            named = [a for a in programs if a.asked]
            if priced(profile.purchases) or named:
                # The client's own contract can be costed now, while we ask for the rest (§5: their figures win);
                # a program the client names hears its verdict now, not after the questions.
                turn.programs = programs if priced(profile.purchases) else named
                lines = subsidy_lines(turn.subsidies, turn.language)
                lines += funding_brief(
                    turn.programs, turn.book, turn.language, profile=turn.conversation.profile
                )
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
            choice = with_client_contracts(
                choice,
                chosen_items(profile.purchases, self.recommender.matcher.named_in),
                lambda: self.recommender.rank(
                    profile, turn.query, conversation.user_text(), shared=turn.search
                ),
                lambda: self.recommender.stated_needs(profile, turn.query, conversation.user_text()),
                self.recommender.problem_of(f"{conversation.user_text()}\n{turn.query}"),
            )
        if not choice.picks and not profile.purchases:
            # No spend to subsidise either: listing every program would be noise. (A contract the client
            # names is spend: it stands as its own line even when no catalogued solution is built around it.)
            turn.answer = no_fitting_solution(profile, turn.language, choice.ruled_out)
            turn.has_evidence = False
            if choice.unanswered != choice.ruled_out:  # needs the catalogue cannot answer: not "nothing fits"
                turn.answer = profile_line(profile, turn.language) + "\n\n"
                turn.answer += unanswered_line(choice.unanswered, turn.language)
            self._programs_for_the_need(turn)
            # A program the client names still hears its verdict ("想上云ERP…上云券能用吗", review13 r13-24).
            named = [] if turn.programs else [a for a in self.funding.for_question(turn) if a.asked]
            if named:
                turn.programs, turn.has_evidence = named, True
                turn.answer += "\n\n" + "\n".join(
                    funding_brief(named, turn.book, turn.language, profile=turn.conversation.profile)
                )
            return
        conversation.pack = choice.picks
        # named in this turn or an earlier one
        client = client_items(profile.purchases, self.recommender.matcher.named_in)
        purchases = plan([pick.solution for pick in choice.picks], client)
        # A program type the client asks about, and what they say they buy, priced or not.
        spend = kinds(purchases) | {p.kind for p in profile.purchases} | spend_from_question(turn.query)
        # A company registered abroad is outside every program's coverage: no verdicts to show.
        turn.programs = (
            []
            if turn.foreign
            else self.funding.shown(
                profile,
                purchases,
                self.funding.said_in(turn),
                spend,
                turn.places,
                turn.query,
                turn.named_programs,
            )
        )
        turn.programs = paying_only(
            turn.programs, turn.claimed, client
        )  # nothing unrelated under "not in my sources"
        # "如果12月20號先簽約呢": the same programs judged without the supposition, to say what it changes.
        as_stated = (
            self._as_stated(turn, purchases, spend) if turn.supposed_words and not turn.foreign else None
        )
        cost = cost_pack(choice.picks, turn.programs, profile, client)
        turn.costed, turn.subsidies = cost.solutions, cost.subsidies
        policy = self._policy_basis(turn) if asks_about_policy(turn.query) else None
        notes = self.funding.notes(turn, summary_first=True)
        notes += [unanswered_line(choice.unanswered, turn.language)] if choice.unanswered else []
        # Asked only when the answer can change a verdict shown, and only the part still missing (asked_facts.py).
        missing = facts_worth_asking(missing, listed_programs(turn.programs), profile)
        # The facts this answer's own questions ask for (below): the verdict lines do not ask them again.
        asking = (
            frozenset(missing[: canned.ASKED_AT_ONCE])
            if missing and not conversation.asked_clarification
            else frozenset()
        )
        text = pack_answer(
            profile,
            cost,
            choice,
            turn.programs,
            turn.book,
            turn.language,
            policy,
            notes,
            bool(turn.foreign),
            asking,
            lead=self.funding.pack_lead(turn),
        )
        turn.answer, turn.next_steps, turn.arithmetic = text.answer, text.next_steps, text.arithmetic
        turn.solution_citations = text.solution_citations
        if turn.what_if_from is not None and not turn.foreign:
            saved = turn.what_if_from
            before = self.funding.shown(saved, purchases, self.funding.said_in(turn), spend, [], turn.query)
            turn.answer = (
                what_changed(saved, profile, before, turn.programs, self.places, turn.language)
                + "\n\n"
                + turn.answer
            )
        if as_stated is not None:
            lead = supposition_changed(turn.supposed_words, as_stated, turn.programs, turn.language)
            turn.answer = lead + "\n\n" + turn.answer
        if missing and not conversation.asked_clarification:  # asked once; a decline is respected
            questions_text, turn.clarifying = canned.pack_questions(missing, turn.language)
            turn.answer = add_to_brief(turn.answer, questions_text)  # asked before the folded details
            conversation.asked_clarification = conversation.awaiting_profile = True

    def _programs_for_the_need(self, turn: Turn) -> None:
        """No catalogued solution fits, yet the need's purpose is a program's: a micro workshop that wants to go
        digital in a city on the SME digital-transformation pilot list hears that pilot (❔, what it buys still
        open), not nothing (held-out blind11). Judged as a funding question on the need's spend, so only programs
        of the client's place, size and trade whose spend the need names are listed; a need no program pays for
        still gets the plain "nothing fits"."""
        if turn.foreign or not spend_from_question(turn.query):
            return
        programs = self.funding.for_question(turn)
        if listed_programs(programs):
            turn.programs = programs
            turn.answer += "\n\n" + "\n".join(
                funding_brief(programs, turn.book, turn.language, profile=turn.conversation.profile)
            )
            self.funding.lead_with_notes(turn)

    def _as_stated(self, turn: Turn, purchases: list[Purchase], spend: set[SpendKind]) -> list[Assessment]:
        """The programs judged on the client's words without this turn's supposition; each one the supposition
        changes is listed with its reason (asked about), as when one message says it all (r8-C3: a signing day
        after the end date dropped the voucher from the list without a word)."""
        profile = turn.conversation.profile
        said = self.funding.said_as_stated(turn)
        before = self.funding.shown(profile, purchases, said, spend, turn.places, turn.query)
        for assessment in changed_verdicts(before, turn.programs):
            assessment.asked = True
        return before

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
