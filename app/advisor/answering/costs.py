"""Answering "how much does it cost" and "which is better": the solutions costed with their subsidies."""

from __future__ import annotations

from app.advisor.answering.base import HandlerTools
from app.advisor.compose.budget import budget_lines
from app.advisor.compose.costs import cost_answer, currency_note
from app.advisor.compose.funding_brief import funding_brief
from app.advisor.compose.solution_views import compare_answer
from app.advisor.engine.costing import PackCost, cost_pack, fit_client_figures
from app.advisor.engine.pack_choice import PackChoice, SolutionPick
from app.advisor.engine.pack_contracts import with_client_contracts
from app.advisor.engine.purchases import chosen_items, client_items, kinds, plan
from app.advisor.turn import Turn
from app.text.funding_words import names_funding


class CostHandlers(HandlerTools):
    """Cost and comparison questions: about the pack just shown, or the solutions the question names."""

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
            choice = with_client_contracts(
                choice,
                chosen_items(conversation.profile.purchases, self.recommender.matcher.named_in),
                lambda: self.recommender.rank(conversation.profile, turn.query, shared=turn.search),
                lambda: self.recommender.stated_needs(conversation.profile, turn.query),
                self.recommender.problem_of(turn.query),
            )
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
        client = client_items(profile.purchases, self.recommender.matcher.named_in)
        purchases = plan([pick.solution for pick in picks], client)
        turn.programs = self.funding.shown(
            profile, purchases, self.funding.said_in(turn), kinds(purchases), turn.places, turn.query
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
        if self._asks_blind(turn) and not turn.conversation.asked_clarification:
            self._ask(turn)  # "帮我们出个整体的方案，大概要花多少钱" with no need or trade: a cost of what?
            return
        cost, choice = self._matching_solutions(turn, 2, choose=True)
        profile = turn.conversation.profile
        fixed = cost.own_contracts.min
        budget = budget_lines(
            choice,
            profile.budget_cny,
            turn.language,
            profile.budget_other,
            costed=cost.solutions,
            fixed=fixed,
        )
        notes = [*currency_note(profile.province, turn.language), *self.funding.notes(turn)]
        # "…and which programs apply?": a cost question that names funding hears the verdicts, not only costs.
        asked = turn.programs if names_funding(turn.query) else [a for a in turn.programs if a.asked]
        named = (
            funding_brief(asked, turn.book, turn.language, profile=turn.conversation.profile)
            if asked
            else None
        )
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
