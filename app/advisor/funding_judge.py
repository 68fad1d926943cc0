"""The funding side of a turn: every program judged against what the client buys, and the notes that lead.

Handlers ask this for verdicts; it holds the catalogue, the clock and the documented absences, so a
verdict is computed the same way whichever intent asked for it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date

from app.advisor.compose.cover import cover_lines, existence_lines
from app.advisor.compose.direct_answer import direct_lines, verdict_lines
from app.advisor.compose.payout import payout_lead
from app.advisor.compose.pilot_answer import pilot_lines
from app.advisor.compose.what_if import withdrawn_after_correction
from app.advisor.contract import Lang
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.coverage_notes import large_firm_note, no_program_for_place
from app.advisor.engine.eligibility import Assessment, Verdict, assess
from app.advisor.engine.foreign_figures import foreign_figure_notes
from app.advisor.engine.guarantee import amount_asked_for, asked_amount_note, guarantee_note
from app.advisor.engine.loan_interest import loan_interest_notes
from app.advisor.engine.notices import asks_about_time, deadline_notes
from app.advisor.engine.pilots import channel_programs, local_channels, pilot_channels
from app.advisor.engine.program_companions import paying_stated_purchases, same_spend_elsewhere
from app.advisor.engine.program_subjects import spend_from_question
from app.advisor.engine.programs import VERDICT_ORDER, could_show, listed_programs, select_programs
from app.advisor.engine.purchases import Purchase, client_items, financed_price, kinds, plan
from app.advisor.engine.rumours import paying_only, without_rumours
from app.advisor.engine.spend_notes import same_spend_twice, unpaid_client_items
from app.advisor.engine.stacking import question_programs, units
from app.advisor.engine.tax_deduction import deduction_notes, one_off_notes
from app.advisor.engine.unchosen_pack import asked_not_ruled_out_by_pack
from app.advisor.turn import Turn
from app.advisor.understand.conversation import without_hypotheticals
from app.advisor.understand.gazetteer import Place
from app.advisor.understand.loans import stated_loan
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.program_question import STACKING, asked_of_program
from app.advisor.understand.resolve import CORRECTION
from app.catalogue.coverage import Absence
from app.catalogue.models import Catalogue
from app.catalogue.taxonomy import SpendKind
from app.text.normalize import normalize, normalize_cased


class FundingJudge:
    def __init__(
        self, catalogue: Catalogue, today: Callable[[], date], absences: Mapping[str, Absence] | None = None
    ) -> None:
        self.catalogue = catalogue
        self.today = today  # a callable: a server running past midnight judges deadlines by the new day
        # Provinces with a documented absence of programs (knowledge/coverage.yaml).
        self.absences = absences or {}

    def assessments(
        self,
        profile: CompanyProfile,
        purchases: list[Purchase] | None,
        said: str = "",
        only: set[int] | None = None,
    ) -> list[Assessment]:
        """`said`: the client's words (`said_in`), for the conditions only they can state (where they buy);
        `only`: the `id()`s of the programs to judge (`_showable`), else the whole catalogue."""
        judged = [
            assess(program, profile, self.today(), purchases, said)
            for program in self.catalogue.funding
            if only is None or id(program) in only
        ]
        return pilot_channels(judged, profile)

    def _showable(
        self,
        profile: CompanyProfile,
        spend: set[SpendKind] | None,
        places: list[Place],
        question: str,
        named_ids: Collection[str] = (),
    ) -> set[int]:
        """The programs `select_programs` may keep and the pilot channels they may come through (`could_show`,
        `channel_programs`): judging only these gives the same programs and verdicts as judging the whole
        catalogue, for a tenth of the work (most of a later funding turn's time was every program's verdict)."""
        programs = self.catalogue.funding
        kept = could_show(programs, profile, spend, places, question, named_ids)
        return {id(p) for p in kept + channel_programs(programs, profile)}

    def shown(
        self,
        profile: CompanyProfile,
        purchases: list[Purchase] | None,
        said: str,
        spend: set[SpendKind] | None,
        places: list[Place],
        question: str,
        named_ids: Collection[str] = (),
    ) -> list[Assessment]:
        """`select_programs` over the judged programs, judging only those it may keep and the pilot channels
        they may come through (`could_show`, `channel_programs`): the same programs and verdicts as judging
        the whole catalogue, for a tenth of the work."""
        judged = self.assessments(
            profile, purchases, said, self._showable(profile, spend, places, question, named_ids)
        )
        shown = select_programs(judged, profile, spend, places, question, named_ids)
        # A program asked about is judged on what the client buys, not on a pack they have not chosen.
        return asked_not_ruled_out_by_pack(
            shown,
            purchases,
            said,
            lambda program, bought: assess(program, profile, self.today(), bought, said),
        )

    @staticmethod
    def said_in(turn: Turn) -> str:
        """The conversation's client words, normalised but in their own case (a reason quotes them), without a
        rumour they relay (engine/rumours.py: what it is said to pay is no plan of theirs)."""
        return normalize_cased(
            f"{turn.conversation.user_text()}\n{without_rumours(turn.query, turn.claimed)}"
        )

    @staticmethod
    def said_as_stated(turn: Turn) -> str:
        """The client's words without what this turn supposes ("如果12月20號先簽約呢"): the verdicts before it."""
        query = without_rumours(without_hypotheticals(turn.query), turn.claimed)
        return normalize_cased(f"{turn.conversation.user_text()}\n{query}")

    @staticmethod
    def before_summary(turn: Turn) -> list[str]:
        """What a pack answer says before its summary line: a large firm asking for SME funds hears first that they
        are not for it (advice_rules §3), not after a count of programs it cannot use (review18)."""
        return large_firm_note(turn.conversation.profile, turn.query, turn.programs, turn.language)

    @staticmethod
    def pack_lead(turn: Turn) -> list[str]:
        """A pack answer's lines above its summary: `before_summary`, then how the money arrives when asked ("先付钱
        再返？"), which a funding answer says in its focus line instead (compose/focus.py)."""
        return [*FundingJudge.before_summary(turn), *payout_lead(turn.query, turn.programs, turn.language)]

    def notes(self, turn: Turn, summary_first: bool = False) -> list[str]:
        """What leads the answer: large firm vs SME funds, dates, no guarantees, no program for the place.
        `summary_first`: a pack answer, which says `before_summary` above its summary line instead."""
        profile, query, language = turn.conversation.profile, turn.query, turn.language
        client = client_items(profile.purchases)
        bought = kinds(client) | {s.purchase.kind for s in turn.subsidies}
        return [
            *asked_amount_note(query, turn.subsidies, language),  # "能补到50万吗": answered first
            *([] if summary_first else self.before_summary(turn)),
            *no_program_for_place(
                profile, self.catalogue, language, self.absence(profile, language), turn.programs
            ),
            *deadline_notes(turn.programs, self.today(), query, language, turn.named_programs),
            *guarantee_note(turn.wants_certainty, turn.programs, language, query),
            *unpaid_client_items(client, turn.programs, language),
            *loan_interest_notes(
                stated_loan(self.said_in(turn)), turn.programs, language, financed_price(client)
            ),
            *foreign_figure_notes(normalize(turn.query), turn.programs, language, client),
            *deduction_notes(normalize(self.said_in(turn)), turn.programs, language),
            *one_off_notes(client, turn.programs, language),
            *same_spend_twice(turn.programs, bought, language, {s.program_id for s in turn.subsidies}),
            *self._withdrawn(turn),
        ]

    def _withdrawn(self, turn: Turn) -> list[str]:
        """After a correction ("不对，我们注册在东莞"), the programs the last answer showed that the corrected place
        rules out, by name (compose/what_if.withdrawn_after_correction)."""
        shown = turn.conversation.shown_programs
        if not shown or turn.what_if_from is not None or not CORRECTION.search(normalize(turn.raw)):
            return []
        profile, said = turn.conversation.profile, self.said_in(turn)
        earlier = [
            assess(p, profile, self.today(), None, said) for p in self.catalogue.funding if p.id in shown
        ]
        return withdrawn_after_correction(earlier, listed_programs(turn.programs), turn.language)

    def lead_with_notes(self, turn: Turn) -> None:
        """Answers without a verdict list (a question back, a policy digest) still lead with dates and no's."""
        # "能补到50万吗" is answered on the client's figure even under a policy digest (asked_amount_note).
        ask = asked_of_program(turn.query)
        asked_amount = amount_asked_for(turn.query) is not None
        # "算力券能补到50万吗" is answered on the client's figure (asked_amount_note), not by the verdict.
        verdict = ask == "verdict" and bool(turn.named_programs) and not asked_amount
        if asks_about_time(turn.query) or turn.wants_certainty or asked_amount or verdict:
            turn.programs = self.for_question(turn)
        direct = self.cover(turn)
        if not direct and verdict:
            # "青岛模型券能补吗", "is that for us": the verdict on the named program leads the quoted texts.
            named = [a for a in turn.programs if a.program.id in turn.named_programs]
            direct = verdict_lines(named, turn.language, self.today())
        direct = direct or payout_lead(turn.query, turn.programs, turn.language)
        notes = [*direct, *[n for n in self.notes(turn) if n not in direct]]
        if notes:
            turn.answer = "\n".join(notes) + "\n\n" + turn.answer

    def cover(self, turn: Turn) -> list[str]:
        """ "X能不能用在Y上", "does X cover Y": yes / no / the sources don't say for each program named; "有X吗":
        yes, with its rate and cap, or that it ended; "是50%吗", "能申请几次", "顺义是试点区吧": the figure, the count,
        the pilot lists (compose/direct_answer.py, program_figures.py, pilot_answer.py). The line that leads whichever answer the question gets (a policy
        digest, the verdicts, a pack)."""
        order = {program_id: i for i, program_id in enumerate(turn.named_programs)}
        named = sorted((p for p in self.catalogue.funding if p.id in order), key=lambda p: order[p.id])
        ask = asked_of_program(turn.query)
        if ask == "pilot":  # "顺义是试点区吧": the pilot lists, whatever program the words also name
            return pilot_lines(turn.query, self.catalogue.funding, turn.conversation.profile, turn.language)
        return (
            cover_lines(turn.query, named, turn.language)
            or existence_lines(turn.query, named, self.today(), turn.language)
            or direct_lines(ask, turn.query, named, turn.language)
        )

    def absence(self, profile: CompanyProfile, language: Lang) -> str | None:
        """What was searched for the client's province, so "nothing catalogued" never reads as "nothing exists"."""
        absence = self.absences.get(profile.province or "")
        if absence is None:
            return None
        return absence.note_en if language == "en" else absence.note_zh

    @staticmethod
    def _stacking(judged: list[Assessment], turn: Turn, spend: set[SpendKind] | None) -> list[Assessment]:
        """ "能一起拿吗": the programs it names (a pilot by its kind), with those for the client's purchases
        when that leaves fewer than two things to pair (engine/stacking.py)."""
        asked = question_programs(judged, turn.named_programs, normalize(turn.query))
        for assessment in asked:
            assessment.asked = True
        # Two programs asked about, even the levels of one pilot channel: the answer is about them alone, never
        # a voucher for another purchase paired in (review11 r11-38: a GD compute voucher beside 佛山's pilots).
        if len(asked) >= 2 or len(units(asked)) >= 2:
            return sorted(asked, key=lambda a: VERDICT_ORDER[a.verdict])
        profile = turn.conversation.profile
        others = select_programs(judged, profile, spend, turn.places, turn.query)
        return asked + [a for a in others if a not in asked]

    @staticmethod
    def _named_first(judged: list[Assessment], turn: Turn, client: list[Purchase]) -> list[Assessment]:
        """The programs the question names ("那场景应用创新项目呢？"): the answer is about them, whatever was shown
        before; empty when it names none."""
        named = [a for a in judged if a.program.id in turn.named_programs]
        # A national pilot is asked of the client's own place: its local entries (their sectors, their lists) too.
        named += local_channels(judged, named, turn.conversation.profile)
        for assessment in named:
            assessment.asked = True
        # ...with the program at another level that pays for the same spend where the client is (a province's),
        # and those paying for a purchase the client states (`client`: their contracts).
        answered = sorted(named, key=lambda a: VERDICT_ORDER[a.verdict]) + same_spend_elsewhere(judged, named)
        # Only a purchase this message states: a follow-up naming one program of the last answer ("那场景应用创新
        # 项目呢？") is about that program, not again about the contracts of an earlier turn.
        query = normalize(turn.query)
        now = [p for p in client if p.said and p.said in query]
        return answered + paying_stated_purchases(judged, answered, now) if named else []

    def for_question(
        self,
        turn: Turn,
        planned: list[Purchase] | None = None,
        profile: CompanyProfile | None = None,
        said: str | None = None,
    ) -> list[Assessment]:
        """Programs for a funding question, judged against the contracts named and the pack last shown.

        `planned`: what the pack for a need stated in the question would buy, when no pack was shown yet
        ("想用AI做车辆调度…天津算力券来得及吗" is judged on a dispatch subscription, not on nothing).
        `profile`: another company than the conversation's (a what-if's saved profile, to say what changes).
        `said`: other words than the conversation's (`said_as_stated`: without the turn's supposition).
        """
        if turn.foreign:
            return []  # outside every program's coverage (the answer says so)
        profile = profile or turn.conversation.profile
        client = client_items(profile.purchases)  # named in this turn or an earlier one
        shown = plan([pick.solution for pick in turn.conversation.pack], client)
        purchases = shown or planned or None  # a pack not shown counts only when nothing else does
        spend = spend_from_question(turn.query) | kinds(client) or None
        said = self.said_in(turn) if said is None else said
        stacking = bool(STACKING.search(normalize(turn.query)))
        # Only `select_programs` reads the verdicts unless the question pairs programs or names them.
        only = (
            None
            if stacking or turn.named_programs
            else self._showable(profile, spend, turn.places, turn.query)
        )
        judged = self.assessments(profile, purchases, said, only)
        if planned and not (client or shown):
            # A pack not shown may rule a program out (nothing of its kind), never make it eligible: the client
            # has not seen or chosen those purchases, so a program that pays for one stays "to confirm".
            unplanned = {a.program.id: a for a in self.assessments(profile, None, said, only)}
            # Nor rule out a program the client names: asking about it says they mean to buy what it pays for
            # (c54: "深圳训力券保证能拿1000万吗" from a model company was ❌ "您的方案里没有这类采购").
            judged = [
                unplanned[a.program.id]
                if a.verdict is Verdict.eligible or a.program.id in turn.named_programs
                else a
                for a in judged
            ]
        if stacking:
            programs = self._stacking(judged, turn, spend)
        else:
            programs = self._named_first(judged, turn, client) or select_programs(
                judged, profile, spend, turn.places, turn.query
            )
        programs = paying_only(programs, turn.claimed, client)  # nothing unrelated under "not in my sources"
        if client:
            turn.subsidies = cost_pack([], programs, profile, client).client
            turn.arithmetic = [s.arithmetic.text(turn.language) for s in turn.subsidies]
        return programs
