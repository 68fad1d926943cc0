"""The advisor: one conversation turn from message to `AdviceResponse`.

understand (profile, follow-up, intent: understanding.py) → retrieve → recommend (handlers.py) →
compose (offline composer, or the LLM with the offline answer as fallback).

The advisor gets its dependencies (`AdvisorDeps`: settings, retrieval and the query-time
text tools) from whoever builds it; the app's `Container` is one such builder. Its parts
(catalogue, extractors, recommender, handlers, …) are built on first use in parts.py.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

from app.advisor.compose import canned
from app.advisor.compose.definitions import asked_kind, definition
from app.advisor.compose.policy import no_evidence
from app.advisor.compose.program_definitions import asks_what_it_is, program_definitions, programs_asked
from app.advisor.compose.wording import lang_of
from app.advisor.contract import AdviceResponse, Lang
from app.advisor.engine.claims import (
    foreign_programs_not_in_sources,
    nearest_real_program,
    one_name_per_claim,
    quoted_programs_not_in_sources,
    relayed_programs_not_in_sources,
    titled_programs_not_in_sources,
)
from app.advisor.engine.held_instead import held_instead
from app.advisor.engine.place_vouchers import place_vouchers_not_in_sources
from app.advisor.engine.rumours import rumour_clauses, rumoured, without_rumours
from app.advisor.engine.unheld_names import unheld_names, unheld_programs_named
from app.advisor.engine.voucher_mentions import mentioned_programs, unknown_vouchers
from app.advisor.intents import spec
from app.advisor.parts import AdvisorDeps, AdvisorParts
from app.advisor.response import build_response
from app.advisor.turn import Turn
from app.advisor.understand.classify import states_need
from app.advisor.understand.out_of_scope import out_of_scope_aside
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.script import for_reader, in_traditional, reply_script
from app.advisor.understanding import understand
from app.components.embeddings import encodable
from app.corpus.documents import uploaded_documents
from app.text.normalize import clean_text, detect_language, normalize

MAX_MESSAGE_CHARS = 4000  # longer messages are answered from their first part, and the user is told

__all__ = ["MAX_MESSAGE_CHARS", "AdvisorDeps", "AdvisorService"]


class AdvisorService(AdvisorParts):
    def warm_up(self) -> None:
        """Load what the first answer needs (catalogue, jieba, e5, BM25) without a model call or a session.

        The UI calls it once per process after the first page is shown, so the first question
        of a fresh app does not pay for loading models.
        """
        text = "我们是杭州一家20人的餐厅，想用AI解决备货不准，预算3万"
        if self.llm_extractor is None:  # offline: the whole pipeline but the composer
            self._prepare(text, None, None)  # no session id: nothing is kept
            return
        profile = self.extractor.extract(text)
        need = self.recommender.need_in(text)
        self.recommender.rank(profile, text, shared=self.deps.retrieval.search(text, meaning=need))

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
        substantive = spec(turn.intent).substantive and not turn.clarifying
        if self.llm is not None and substantive:
            yield from (self._for_reader(turn, chunk) for chunk in self.llm.stream(turn))
        else:
            # Stream the text with the citation numbers of the final response (unused entries
            # dropped, the rest renumbered), so a streamed "[1]" is the response's citation 1.
            text = turn.book.keep_only_used(turn.answer)[0]
            yield from self._for_reader(turn, text).splitlines(keepends=True)
        turn.mark("compose")
        conversation = turn.conversation
        conversation.turns += [("user", turn.raw[:MAX_MESSAGE_CHARS]), ("assistant", turn.answer)]
        if turn.intent != "out_of_scope":
            # An aside ("对了，牛肉面怎么做？") is refused and forgotten: the next turn continues the client's
            # business as if it had not been asked (the questions we asked are still open).
            conversation.last_intent = turn.intent
            conversation.awaiting_profile = bool(turn.clarifying)
        # Whether a need was stated, for the later turns' one embedding (`understanding.understand`): by this turn's
        # rules or vote, or by a pack whose picks the owner's words name.
        conversation.need_stated |= turn.need_stated or any(pick.named for pick in conversation.pack)
        if substantive and turn.what_if_from is None:
            conversation.last_question = turn.query  # a what-if asks it again for another company: kept
        response = build_response(turn, started)
        if turn.script == "hant":
            response = in_traditional(response)
        elif turn.language == "zh":
            response = response.model_copy(update={"answer": for_reader(response.answer, "hans")})
        if listed := [f.id for f in response.funding if f.listed]:
            conversation.shown_programs = listed  # what "算力券和试点", "第二个" refer to next
        if substantive:
            conversation.asked_programs = turn.named_programs
        if turn.what_if_from is not None:
            conversation.profile = turn.what_if_from  # a what-if answers for the other place, saves nothing
        self.sessions.save(conversation)
        yield response

    @staticmethod
    def _for_reader(turn: Turn, text: str) -> str:
        """Streamed text in the reader's script (English answers quote the Chinese sources as published)."""
        return for_reader(text, turn.script) if turn.language == "zh" else text

    def _prepare(self, message: str, session_id: str | None, profile: CompanyProfile | None) -> Turn:
        conversation = self.sessions.get(session_id)
        message = encodable(message or "")  # invalid UTF-8 from a terminal: U+FFFD, not a crash
        turn = Turn(id=uuid.uuid4().hex[:12], raw=message, conversation=conversation)
        text = clean_text(message or "")
        if len(text) > MAX_MESSAGE_CHARS:
            turn.notices.append(_long_message_notice(len(text), lang_of(detect_language(text[:500]))))
            text = text[:MAX_MESSAGE_CHARS]
        turn.language = lang_of(detect_language(text)) if text.strip() else "zh"
        earlier = [said for role, said in conversation.turns if role == "user"]
        turn.script = reply_script(text, earlier) if turn.language == "zh" else "hans"
        if profile is not None:
            conversation.profile = conversation.profile.merged_with(profile)
        understand(self, turn, text)
        # Programs the user named in their own words that the sources lack, known before the answer is built: the
        # rumour is no purchase of the client's, and nothing unrelated is listed under it (engine/rumours.py).
        turn.claimed = self._claims(text)
        if turn.claimed:
            self._set_rumour_apart(turn, text)
        defined = self._program_defined(turn, text)
        if defined is not None and not self._verdict_wanted(turn, text):
            # "廊坊的算力券是什么": the program defined, then what would settle it; no pack, no verdict (r14-52).
            turn.answer = defined
        else:
            spec(turn.intent).handler(self.handlers, turn)
            turn.answer = f"{defined}\n\n{turn.answer}" if defined else turn.answer
        turn.mark("recommend")
        if turn.intent == "out_of_scope":
            return turn  # a short refusal: no coverage notice, no program check (c30: a visa question)
        if turn.foreign:
            note = canned.outside_coverage(
                turn.foreign, turn.language, bool(turn.costed), conversation.profile.budget_other
            )
            turn.answer = note + "\n\n" + turn.answer
        if not defined and (
            explained := definition(
                text, self.catalogue, turn.language, conversation.profile.province is not None
            )
        ):
            # "算力券是啥": what the kind is, from the catalogue, before anything else; with no place and no pack,
            # the other places' vouchers are no answer to it (review13 r13-26), so the definition stands alone.
            if conversation.profile.province is None and not turn.costed:
                turn.answer, turn.programs = explained, []
            else:
                turn.answer = explained + "\n\n" + turn.answer
        if aside := out_of_scope_aside(text):
            turn.answer = canned.aside_declined(aside, turn.language) + "\n\n" + turn.answer
        claimed = turn.claimed
        national = nearest_real_program(text, self.catalogue) if claimed else None
        nearest = (national.name, national.name_en) if national else None
        if claimed:
            # What the sources do hold of that kind and for that place, in place of "no reliable evidence".
            held = held_instead(claimed, self.catalogue, self.places, turn.language) if not national else ""
            turn.answer = turn.answer.replace(no_evidence(turn.language), "").strip()
            alone = turn.intent == "policy_question" or not turn.answer
            more = bool(held) or not alone  # "以下只列…" only with something under it (r15-11)
            said = canned.unknown_programs(claimed, turn.language, nearest, more) + (
                " " + held if held else ""
            )
        if claimed and (turn.intent == "policy_question" or not turn.answer):
            # A digest of other policies under a program we don't hold reads like confirmation: say only that.
            turn.answer = said
        elif claimed:
            # Say plainly that we cannot back what the user asserts, before anything else.
            turn.answer = said + "\n\n" + turn.answer
        return turn

    def _program_defined(self, turn: Turn, text: str) -> str | None:
        """ "What is the Langfang compute voucher?": the named catalogued programs defined (program_definitions.py)."""
        if turn.intent == "out_of_scope" or not asks_what_it_is(text):
            return None
        programs = programs_asked(turn.named_programs, text, self.catalogue, turn.places)
        if not programs:
            return None
        place_known = turn.conversation.profile.province is not None
        return program_definitions(
            programs, turn.language, self.handlers.today(), turn.book.cite_program, place_known
        )

    def _verdict_wanted(self, turn: Turn, text: str) -> bool:
        """A definition question that also gives what the client buys or needs gets the verdict under it."""
        profile = turn.conversation.profile
        return bool(profile.purchases or turn.conversation.pack) or self.handlers.need_named(turn, text)

    def _set_rumour_apart(self, turn: Turn, text: str) -> None:
        """What the rumour says it pays is no question, need, purchase or program named by the client: the answer
        is built on the rest of the message (engine/rumours.py)."""
        clauses = rumour_clauses(text, turn.claimed)
        if not clauses:
            return
        conversation, rest = turn.conversation, without_rumours(text, turn.claimed)
        profile = conversation.profile
        kept = [p for p in profile.purchases if not rumoured(p, clauses)]
        if len(kept) < len(profile.purchases):
            conversation.profile = profile.model_copy(update={"purchases": kept})
        if turn.query == text:  # not a follow-up rewritten from the last question
            turn.query = rest
        # "调用大模型API能补40%" says what the rumour pays, not what the client needs done.
        turn.need_stated = turn.need_stated and states_need(rest)
        # "郑州是不是也出了语料券" names no 郑州 program by "郑州…券": only a program named outside the rumour counts.
        places = self.places.all_places(rest)
        named = {p.id for p in self.program_names.named_in(rest, profile.province, profile.city, places)}
        turn.named_programs = [i for i in turn.named_programs if i in named]

    def _claims(self, text: str) -> list[str]:
        """Programs the user names in their own words that no catalogue entry backs: "那苏州呢" after "深圳有模型券吗"
        names no "苏州模型券"."""
        claimed = unknown_vouchers(text, self.catalogue, self.places)
        placed = place_vouchers_not_in_sources(text, self.catalogue, self.places, self._names_a_program)
        claimed = list(
            dict.fromkeys(
                claimed
                + quoted_programs_not_in_sources(text, self.catalogue)
                + titled_programs_not_in_sources(text, self.catalogue)
                + foreign_programs_not_in_sources(text, self.places.foreign, self._names_a_program)
                + placed
                + unheld_programs_named(text, unheld_names(self.catalogue))
            )
        )
        # the same name found quoted ("「AI轉型津貼」" is "ai转型津贴" once normalised) is said once
        claimed = one_name_per_claim(
            claimed + relayed_programs_not_in_sources(text, self.catalogue, self._names_a_program),
            placed,
        )
        # A program named in a document the user uploaded is known: it is answered from that file.
        own = [normalize(title) for title in uploaded_documents(self.settings.paths.policies_dir).values()]
        claimed = [name for name in claimed if not any(normalize(name) in title for title in own)]
        # "算力券是啥": the kind asked about is no program claimed (compose/definitions.py answers it).
        asked = asked_kind(text)
        return [name for name in claimed if not asked or normalize(name).strip("“”") != normalize(asked[0])]

    def _names_a_program(self, text: str) -> bool:
        """By its name or place and kind, or as owners shorten it ("研发费用加计扣除", "R&D super deduction")."""
        return bool(
            mentioned_programs(text, self.catalogue, self.places) or self.program_names.named_in(text)
        )


def _long_message_notice(length: int, language: Lang) -> str:
    if language == "en":
        return f"Your message has {length:,} characters; I read the first {MAX_MESSAGE_CHARS:,}."
    return f"您的消息有{length}个字符，我只读取了前{MAX_MESSAGE_CHARS}个字符。"
