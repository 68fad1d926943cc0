"""The contract a turn ends in: `AdviceResponse`, with citations renumbered to those used."""

from __future__ import annotations

from app.advisor.compose.funding import funding_out
from app.advisor.contract import (
    AdviceResponse,
    CitationOut,
    CostRange,
    Lang,
    ProfileOut,
    SolutionOut,
    SubsidyOut,
    Timings,
)
from app.advisor.engine.costing import Subsidy
from app.advisor.turn import Turn


def build_response(turn: Turn, started: float) -> AdviceResponse:
    answer, citations, mapping = turn.book.keep_only_used(turn.answer)
    language = turn.language
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
                mapping[n] for n in [turn.solution_citations.get(item.pick.solution.id, 0)] if n in mapping
            ],
        )
        for item in turn.costed
    ]
    profile = turn.conversation.profile
    timings = turn.timings(started)
    cited = {c.source for c in citations}
    return AdviceResponse(
        id=turn.id,
        answer=answer,
        language=language,
        intent=turn.intent,
        mode=turn.mode,
        # The class the stated figures settle, or none: 60 factory workers without revenue may be micro or
        # small (MIIT needs both), so no class is asserted; size_basis says what is missing.
        profile=ProfileOut.model_validate(profile.model_dump() | {"size_class": profile.size_certain}),
        clarifying_questions=turn.clarifying,
        solutions=solutions,
        # A program's verdict line always cites it: one the answer leaves out is kept, marked unlisted.
        funding=[funding_out(a, language, a.program.id in cited) for a in turn.programs],
        citations=[CitationOut.model_validate(c.model_dump()) for c in citations],
        timings_ms=Timings(**timings),
        session_id=turn.conversation.session_id if turn.conversation.remember else None,
        has_evidence=turn.has_evidence,
        notices=turn.notices,
        next_steps=turn.next_steps,
        arithmetic=turn.arithmetic,
        subsidies=[subsidy_out(s, language) for s in turn.subsidies],
    )


def subsidy_out(subsidy: Subsidy, language: Lang) -> SubsidyOut:
    purchase = subsidy.purchase
    return SubsidyOut(
        program_id=subsidy.program_id,
        solution_id=purchase.solution_id,
        purchase_item=purchase.name(language),
        kind=purchase.kind.value,
        base_cny=CostRange(min=purchase.first_year.min, max=purchase.first_year.max),
        ratio=subsidy.ratio,
        amount_cny=CostRange(min=round(subsidy.amount.min, 2), max=round(subsidy.amount.max, 2)),
        cap_cny=subsidy.cap,
        in_net_cost=subsidy.in_net,
    )
