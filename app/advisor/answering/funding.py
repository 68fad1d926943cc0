"""Answering "which subsidies can we get" and "how do we apply": the verdicts, the named program first."""

from __future__ import annotations

import re

from app.advisor.answering.costs import CostHandlers
from app.advisor.answering.need_named import names_need
from app.advisor.answering.pack import PackHandlers
from app.advisor.compose import canned
from app.advisor.compose.applying import apply_steps
from app.advisor.compose.costs import subsidy_lines
from app.advisor.compose.details import funding_details
from app.advisor.compose.direct_answer import kind_line, others_line, verdict_lines
from app.advisor.compose.focus import focus_line
from app.advisor.compose.funding import program_summary, verdict_line
from app.advisor.compose.funding_brief import funding_brief
from app.advisor.compose.pack import profile_line
from app.advisor.compose.policy import no_evidence
from app.advisor.compose.what_if import changed_verdicts, supposition_changed, verdicts_changed
from app.advisor.compose.wording import DETAILS_HEADING, disclaimer, pick
from app.advisor.engine.guarantee import amount_asked_for, asked_amount_note
from app.advisor.engine.notices import ended_note, said_ended
from app.advisor.engine.program_subjects import RAISED_ONLY, asks_which_of_raised_kind, raised_types
from app.advisor.engine.purchases import Purchase, solution_purchases
from app.advisor.turn import Turn
from app.advisor.understand.classify import states_need
from app.advisor.understand.program_question import FUNDING_WORDS, asked_of_program, asks_for_others
from app.advisor.understand.purchases import priced
from app.text.normalize import normalize


class FundingHandlers(PackHandlers, CostHandlers):
    """Funding questions: which programs, the verdict on a named one, and how to apply."""

    def recommend(self, turn: Turn) -> None:
        """A pack for a stated need or purchase; a funding question stating neither hears about the funding.

        Read as a recommendation for the company facts it gives ("松江的注塑厂，90人，试点能参加吗"), such a
        question got the trade's tools in its pack cost, which nobody asked for (review7 rev7-40, p9a;
        review6 c25): a solution enters the pack because it answers a stated need or the client's purchase.
        """
        if self._asks_blind(turn) and not turn.conversation.asked_clarification:
            # "有哪些AI相关的补贴政策", read as a pack request, names nothing to plan or judge: asked back, as the
            # same words are under any other intent (never "还不知道贵公司的注册地" with no question to answer).
            # Asked once: the same words again get the pack, with what would settle the verdicts.
            self._ask(turn)
            return
        if self._asks_funding_only(turn):
            self._funding_answer(turn)
            return
        super().recommend(turn)

    def _asks_funding_only(self, turn: Turn) -> bool:
        conversation = turn.conversation
        profile = conversation.profile
        # The client's own spend with no need ("改造投入100万，能补多少") is judged as the funding question it is: the
        # trade's tools nobody asked for are no pack for it (review8 r8-12); its figure is costed all the same. A
        # what-if with no pack shown asks the funding question again ("What if we became a limited company?").
        if conversation.pack or profile.pain_points:
            return False
        if priced(profile.purchases) and (self.recommender.named_in(turn.query) or turn.need_stated):
            # "算力合同30万", "buy RMB 500k of corpus to train a model": a contract for what a solution sells, or
            # with a purpose, is costed in its pack (the client's own line, nothing added).
            return False
        # A program the sources lack ("an AI Act compliance grant") is a funding question too, though its words
        # are set apart from the query (engine/rumours.py).
        asks = turn.named_programs or turn.claimed or _asks_funding(turn.query) or _asks_funding(turn.raw)
        return bool(asks) and not self.need_named(turn, f"{conversation.user_text()}\n{turn.query}")

    def need_named(self, turn: Turn, text: str) -> bool:
        """The client says what AI should do for it, outside the funding it asks about (need_named.py); read once a
        turn for each text."""
        if text not in turn.needs_named:
            turn.needs_named[text] = self._reads_need(turn, text)
        return turn.needs_named[text]

    def _reads_need(self, turn: Turn, text: str) -> bool:
        profile = turn.conversation.profile
        if priced(profile.purchases) and (
            turn.need_stated or states_need(text) or self.recommender.states_needs(profile, text)
        ):
            # The client's own contract with a purpose ("花25万买一台大模型一体机做款式设计"): costed in its pack,
            # as its own line, on the broad reading the need readers give.
            return True
        named = [p for p in self.catalogue.funding if p.id in turn.named_programs]
        return names_need(
            turn.conversation.profile,
            text,
            named_names=[n for p in named for n in (p.name, p.name_en)],
            program_stretches=self.program_names.stretches,
            states_needs=self.recommender.states_needs,
            named_tools=self.recommender.named_in,
        )

    def cost(self, turn: Turn) -> None:
        """ "Can we join the pilot, and how much would it pay?" asks what the program pays, not what a pack costs:
        with no need named and no pack shown, the funding answer (review14 r14-48 got a cost list)."""
        if self._asks_funding_only(turn) and not self._asks_blind(turn):
            self._funding_answer(turn)
            return
        super().cost(turn)

    def eligibility(self, turn: Turn) -> None:
        if self._asks_blind(turn):
            self._ask(turn)
            return
        if (
            not turn.conversation.pack
            and not turn.wants_certainty  # "保证能拿1000万吗": the cap arithmetic, not a pack
            and self.need_named(turn, turn.query)
        ):
            # "想用AI做质检，预算20万，有哪些补贴可以叠加？": the pack the need calls for, judged with the
            # programs; the direct answer to the funding question leads (never "您还没说要买什么").
            self.recommend(turn)
            focus = focus_line(turn.query, turn.programs, self.today(), turn.language, turn.subsidies)
            focus = focus or self._about_named(turn)
            if focus and turn.programs:
                # The pack's date notes under the summary line repeat what the lead just said (r15-27).
                said = focus.split("\n")
                kept = [line for line in turn.answer.split("\n") if not _said_in(line, said)]
                turn.answer = f"{focus}\n\n" + "\n".join(kept)
            return
        self._funding_answer(turn)

    def _funding_answer(self, turn: Turn) -> None:
        """The programs for the question, the direct answer to it first, then the details."""
        if self._before_others(turn):
            # "还有别的补贴吗" is asked afresh of the client's place and purchases: read as the last question again
            # (a follow-up rewrite) it would list only that question's programs and find "no others".
            turn.query, turn.named_programs = turn.raw, []
        planned = self._planned(turn)
        saved = turn.what_if_from
        profile = turn.conversation.profile
        # "要是改成有限公司呢": the same programs judged for the saved company first, to say what changes.
        supposed_here = saved is not None and (saved.province, saved.city) == (profile.province, profile.city)
        before = self.funding.for_question(turn, planned, saved) if saved and supposed_here else None
        # "要是12月25号才签约呢": the same programs judged on the client's words without the supposition.
        as_stated = (
            self.funding.for_question(turn, planned, said=self.funding.said_as_stated(turn))
            if turn.supposed_words and saved is None
            else None
        )
        turn.programs = self.funding.for_question(turn, planned)
        for assessment in changed_verdicts(as_stated or [], turn.programs):
            assessment.asked = True  # listed with the reason the supposition gives
        # The direct answer first: stacking yes/no with the combined cap, or the rate and the cap; a program
        # named with no other question ("那数据产品使用补助呢？") gets its verdict, mechanism, cap and date.
        focus = focus_line(turn.query, turn.programs, self.today(), turn.language, turn.subsidies)
        focus = focus or self._about_named(turn) or self._others(turn) or self._of_kind(turn)
        # One line a program: the date notes below repeat an ended program's line, dropped once (review10).
        # "能补到50万吗" is answered before the rate and cap (review13 r13-48).
        notes = [
            *asked_amount_note(turn.query, turn.subsidies, turn.language),
            *(focus.split("\n") if focus else []),
        ]
        if saved is not None and before is not None and turn.programs:
            notes.insert(
                0, verdicts_changed(saved, profile, before, turn.programs, self.places, turn.language)
            )
        if as_stated is not None and turn.programs:
            notes.insert(0, supposition_changed(turn.supposed_words, as_stated, turn.programs, turn.language))
        notes += [n for n in self.funding.notes(turn) if not _said_in(n, notes)]
        notes = list(dict.fromkeys(notes))  # a sentence the direct answer already said is not said again
        province = turn.conversation.profile.province
        brief = funding_brief(
            turn.programs,
            turn.book,
            turn.language,
            province,
            bool(turn.foreign),
            place_known=province is not None,
            profile=turn.conversation.profile,
        )
        lines = [*notes, *([""] if notes else []), *brief]
        if not (planned or turn.conversation.pack or profile.purchases or turn.foreign):
            lines += ["", canned.offer_pack(turn.language)]  # no need named: the pack is offered, not imposed
        if turn.programs:  # the details, folded on a phone: profile, arithmetic, every condition
            lines += [
                "",
                pick(DETAILS_HEADING, turn.language),
                profile_line(turn.conversation.profile, turn.language),
            ]
            lines += subsidy_lines(turn.subsidies, turn.language)
            lines += ["", *funding_details(turn.programs, [], turn.book, turn.language)]
        lines += ["", disclaimer(turn.language)]
        turn.answer = "\n".join(
            lines
        ).strip()  # abroad with nothing listed: the disclaimer alone, no blank lead

    def _about_named(self, turn: Turn) -> str | None:
        """The programs the question names, answered first: verdict, mechanism, cap and date; whether they pay
        for the thing asked about when that is the question."""
        if turn.wants_certainty:  # a guarantee question has its own answer
            return None
        # "杭州算力券能不能用在买服务器上": yes or no first, then each program's verdict, cap and date as ever;
        # "有没有试点补贴": the pilot lists for the client's place, a program named or not.
        cover = self.funding.cover(turn)
        if not turn.named_programs:
            return "\n".join(cover) or None
        # In the order the client named them: "东莞的试点" is Dongguan's own (ended) before the province's that
        # still runs (review9 r9-17), whatever order the verdicts sort the list in.
        order = {program_id: i for i, program_id in enumerate(turn.named_programs)}
        named = sorted(
            (a for a in turn.programs if a.program.id in order), key=lambda a: order[a.program.id]
        )[:2]
        # One that ended is answered by "已于…结束，不能再申请", the sentence the date notes lead with: the answer
        # says it once (the notes repeating it are dropped in `_funding_answer`; review10: said twice).
        today, en = self.today(), turn.language == "en"
        verdict = asked_of_program(turn.query) == "verdict" and amount_asked_for(turn.query) is None
        if verdict and not any(said_ended(a, today) for a in named):
            # "能拿东莞的算力券吗": the verdict with its icon, the place's own program before the province's.
            everyone = [a for a in turn.programs if a.program.id in order]
            return "\n".join([*cover, *verdict_lines(everyone, turn.language, today)]) or None
        summaries = [
            ended_note(a, en) if said_ended(a, today) else program_summary(a, turn.language, today)
            for a in named
        ]
        return "\n".join([*cover, *summaries]) or None

    @staticmethod
    def _before_others(turn: Turn) -> list[str]:
        """The programs the last answer was about, when this message asks for the others ("还有别的吗")."""
        conversation = turn.conversation
        before = conversation.asked_programs or conversation.shown_programs
        return list(before) if before and asks_for_others(turn.raw) else []

    def _others(self, turn: Turn) -> str | None:
        """ "还有别的补贴吗" after programs were asked about or shown: the other programs for the client, or none."""
        before = self._before_others(turn)
        if not before:
            return None
        asked = [p for p in self.catalogue.funding if p.id in before]
        return others_line(turn.programs, asked, turn.language)

    @staticmethod
    def _of_kind(turn: Turn) -> str | None:
        """ "有什么税收优惠？": the programs of the kind asked about, counted by verdict, before the list."""
        if turn.named_programs or not asks_which_of_raised_kind(turn.query):
            return None
        return kind_line(turn.programs, raised_types(turn.query) & RAISED_ONLY, turn.language)

    def _planned(self, turn: Turn) -> list[Purchase]:
        """A funding question that states a need, before any pack: what the pack for that need would buy (§1)."""
        conversation = turn.conversation
        # The one reader that decides whether a funding question gets a pack (need_named.py) decides what it
        # plans to buy: a need voted by nearest examples on "我们做了一个…数据集" is what the firm made, no purchase.
        if conversation.pack or not self.need_named(turn, f"{conversation.user_text()}\n{turn.query}"):
            return []
        choice = self.recommender.pack(
            conversation.profile, turn.query, conversation.user_text(), shared=turn.search
        )
        return [p for pick in choice.picks for p in solution_purchases(pick.solution)]

    def how_to_apply(self, turn: Turn) -> None:
        if self._asks_blind(turn) and not turn.conversation.asked_clarification:
            self._ask(turn)  # "具体要怎么申请，需要准备哪些材料" for no program, place or trade: which ones?
            return
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


# Funding named by its kind rather than a funding noun: a pilot, an interest subsidy, a tax benefit.
# A fund ("转型资金", "SME funds") is one too, unless it is the client's own money ("资金紧张").
_PROGRAM_KINDS = re.compile(
    r"试点|贴息|加计扣除|税|资金(?!紧|不足|有限|周转|链)|\bpilot|deduction|\btax|interest subsid|\bfunds\b|"
    # "N+X能补多少", "能报几成": what a program pays, asked without its noun (review15 r15-29).
    r"(?:能|可以|可|最多)\s*(?:补|报|返)(?:贴|助|销)?\s*(?:多少|几成|百分之几|多少钱)",
    re.I,
)


def _asks_funding(query: str) -> bool:
    """The question is about public funding: a funding noun (补贴, 券…) or a kind of program."""
    text = normalize(query)
    return bool(FUNDING_WORDS.search(text) or _PROGRAM_KINDS.search(text))


def _said_in(note: str, said: list[str]) -> bool:
    """A program's date note whose every clause its summary line above already says ("Shanghai AI model voucher:
    no end date published…" under the line giving the verdict, rate, cap and that date): one headline, not two
    (review14 r14-41)."""
    for sep in (": ", "："):
        name, found, rest = note.partition(sep)
        if found and rest:
            parts = [p.strip(" .。") for p in re.split(r"[;；]", rest) if p.strip(" .。")]
            return any(
                line.startswith(name + sep) and all(part in line or _same_date(part, line) for part in parts)
                for line in said
            )
    return False


_DATE_NOTE = re.compile(r"^(?:有效期至|截止|valid until|runs until|ends on)\s*(\d{4}-\d{2}-\d{2})$", re.I)


def _same_date(part: str, line: str) -> bool:
    """ "有效期至2027-12-31" is said by a line giving "截止2027-12-31（还剩396天）": the date is the clause."""
    date = _DATE_NOTE.match(part)
    return bool(date and date.group(1) in line)
