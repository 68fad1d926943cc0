"""One handler per intent: the answer, pack, programs and arithmetic of a turn.

The service decides what a message means (understanding.py); these decide what
to say about it, from the engine's results only. Each handler is a method of
`TurnHandlers` named in its `IntentSpec` (intents.py): the pack, funding and cost
handlers are in answering/, the short answers (greeting, refusal, policy text) here.
The handlers get the query-time tools they use (answering/base.py), never the container.
"""

from __future__ import annotations

from app.advisor.answering.costs import CostHandlers
from app.advisor.answering.funding import FundingHandlers
from app.advisor.compose import canned
from app.advisor.compose.policy import no_evidence, policy_answer
from app.advisor.engine.place_scope import place_filter
from app.advisor.engine.program_subjects import asks_which_of_raised_kind
from app.advisor.llm.guard import looks_like_instruction
from app.advisor.turn import Turn
from app.advisor.understand.classify import FOREIGN_JURISDICTION


class TurnHandlers(FundingHandlers, CostHandlers):
    """Every intent's handler: the pack, funding and cost ones (answering/), and the short answers here."""

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

    def policy(self, turn: Turn) -> None:
        if self._asks_blind(turn) or turn.unsure:
            self._ask(turn)
            return
        if asks_which_of_raised_kind(turn.query) and not turn.claimed:
            # "有什么税收优惠？", "any tax breaks for us?": the tax programs' verdicts, not a digest of their texts.
            self._funding_answer(turn)
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
