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
from app.advisor.compose.wording import lang_of
from app.advisor.contract import AdviceResponse, Lang
from app.advisor.engine.claims import (
    quoted_programs_not_in_sources,
    relayed_programs_not_in_sources,
    titled_programs_not_in_sources,
)
from app.advisor.intents import spec
from app.advisor.llm.guard import mentioned_programs, unknown_vouchers
from app.advisor.parts import AdvisorDeps, AdvisorParts
from app.advisor.response import build_response
from app.advisor.turn import Turn
from app.advisor.understand.classify import out_of_scope_aside
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
        conversation.last_intent = turn.intent
        # Whether a need was stated, for the later turns' one embedding (`understanding.understand`): by this turn's
        # rules or vote, or by a pack whose picks the owner's words name.
        conversation.need_stated |= turn.need_stated or any(pick.named for pick in conversation.pack)
        conversation.awaiting_profile = bool(turn.clarifying)
        if substantive:
            conversation.last_question = turn.query
        response = build_response(turn, started)
        if turn.script == "hant":
            response = in_traditional(response)
        elif turn.language == "zh":
            response = response.model_copy(update={"answer": for_reader(response.answer, "hans")})
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
        spec(turn.intent).handler(self.handlers, turn)
        turn.mark("recommend")
        if turn.intent == "out_of_scope":
            return turn  # a short refusal: no coverage notice, no program check (c30: a visa question)
        if turn.foreign:
            turn.answer = canned.outside_coverage(turn.foreign, turn.language) + "\n\n" + turn.answer
        if aside := out_of_scope_aside(text):
            turn.answer = canned.aside_declined(aside, turn.language) + "\n\n" + turn.answer
        # Programs the user named in their own words: "那苏州呢" after "深圳有模型券吗" names no "苏州模型券".
        claimed = unknown_vouchers(text, self.catalogue, self.places)
        claimed = list(
            dict.fromkeys(
                claimed
                + quoted_programs_not_in_sources(text, self.catalogue)
                + titled_programs_not_in_sources(text, self.catalogue)
            )
        )
        claimed += [
            name
            for name in relayed_programs_not_in_sources(text, self.catalogue, self._names_a_program)
            if not any(name in c or c in name for c in claimed)
        ]
        # A program named in a document the user uploaded is known: it is answered from that file.
        own = [normalize(title) for title in uploaded_documents(self.settings.paths.policies_dir).values()]
        claimed = [name for name in claimed if not any(normalize(name) in title for title in own)]
        if claimed and turn.intent == "policy_question":
            # A digest of other policies under a program we don't hold reads like confirmation: say only that.
            turn.answer = canned.unknown_programs(claimed, turn.language)
        elif claimed:
            # Say plainly that we cannot back what the user asserts, before anything else.
            turn.answer = canned.unknown_programs(claimed, turn.language) + "\n\n" + turn.answer
        return turn

    def _names_a_program(self, text: str) -> bool:
        return bool(mentioned_programs(text, self.catalogue, self.places))

<<<<<<< HEAD
    # ------------------------------------------------------------------ understand

    def _understand(self, turn: Turn, text: str) -> None:
        conversation = turn.conversation
        places = self.places
        saved = conversation.profile
        named = self.program_names.named_in(
            text, saved.province, saved.city, places.all_places(not_the_company(text))
        )
        turn.named_programs = [program.id for program in named]
        # "那数据产品使用补助呢？" asks about that program, not the previous question again with its name added.
        rewritten = None if named else rewrite_follow_up(text, conversation, places)
        turn.query = rewritten or text
        asked_place = follow_up_place(text, places) if rewritten else hypothetical_place(text, places)
        if asked_place is not None and (asked_place.province, asked_place.city) != (
            saved.province,
            saved.city,
        ):
            turn.what_if_from = (
                saved  # "那苏州呢": asked about, not moved to ("那杭州的算力券…" in Hangzhou is no what-if)
            )
        delta = self.extractor.extract(text)
        extracted = None
        if self.llm_extractor and text.strip():
            # Extraction may use part of the turn's LLM deadline; the answer gets the rest.
            share = self.settings.llm.deadline_s * EXTRACTION_SHARE
            extracted = self.llm_extractor.extract(text, Deadline(turn.started + share, share))
        if extracted is not None:
            delta = delta.merged_with(extracted)  # the model's validated facts win
        if not delta.purchases and (
            restated := restated_contract(
                normalize(text),
                conversation.profile.purchases,
                corrected=bool(CORRECTION.search(normalize(text)))
                and conversation.profile.budget_cny is None,
            )
        ):
            delta = delta.model_copy(update={"purchases": restated})
        if industry_in_passing(delta, text, conversation.profile):
            delta = delta.model_copy(update={"industry": None, "industry_text": None, "sector": None})
        conversation.profile = conversation.profile.merged_with(delta)
        if turn.what_if_from is not None and asked_place is not None:
            # Judged at the place asked about ("如果从成都搬到重庆": 重庆), whichever place the message names first.
            conversation.profile = conversation.profile.model_copy(
                update={"province": asked_place.province, "city": asked_place.city, "district": None}
            )
        located = conversation.profile
        if delta.province is None and (foreign := places.foreign(text)):
            turn.foreign = foreign  # outside every program's coverage: no place, no verdicts
            conversation.profile = conversation.profile.model_copy(
                update={"province": None, "city": None, "district": None}
            )
        facts = states_profile_facts(delta, text, conversation)
        turn.places = places.all_places(not_the_company(turn.query))  # not "不在宁波" nor a hometown
        turn.mark("understand")
        # One query embedding per turn, of what the turn asks for (`turn_need`). Once the conversation has
        # stated a need (an earlier turn did, a pain point is known, or a resent history states one by the
        # rules), a later turn is about those needs: the needs stated so far, the message's own last. Until
        # then, the message's own need, as a first turn (a pack given for the trade alone states no need).
        # The turn's retrieval ranks by it (BM25 still reads the whole message); the solution ranking and
        # the votes reuse its vector.
        history = conversation.user_text()
        needs_stated = bool(history.strip()) and bool(
            conversation.need_stated or saved.pain_points or states_need(history)
        )
        turn.need = self.recommender.turn_need(
            conversation.profile, turn.query, history if needs_stated else ""
        )
        if turn.query.strip():
            # One e5 call per turn: the turn's text and the words of each need stated so far (matched on their
            # own nearest examples, engine/need_parts.py) are embedded together; every search and vote of the
            # turn is then a cache hit, and a need said again later is embedded once per process.
            needs = self.recommender.need_texts(conversation.profile, turn.query, history)
            self.deps.retrieval.embed_together([turn.need or turn.query, *needs])
        turn.search = (
            self.deps.retrieval.search(turn.query, meaning=turn.need) if turn.query.strip() else None
        )
        turn.mark("retrieve")
        turn.wants_certainty = asks_for_certainty(text, conversation.last_question or "")
        # A need in words no rule knows ("冲床动不动就罢工") is read by its nearest labelled examples, on the
        # turn's need: the message's own, since a vote on the needs stated before is no news about it.
        turn.need_stated = states_need(turn.query) or (
            not needs_stated
            and need_by_examples(turn.query, lambda: self.need_bank.vote(turn.need), turn.search)
        )
        turn.intent = resolve_intent(
            turn.query,
            text,
            facts=facts,
            certain=turn.wants_certainty,
            has_evidence=bool(turn.search and turn.search.has_evidence),
            rewritten=rewritten is not None,
            names_program=bool(named),
            conversation=conversation,
            semantic_need=lambda: turn.need_stated,
        )
        if turn.what_if_from is not None and conversation.pack and turn.intent != "how_to_apply":
            turn.intent = "recommend_pack"  # the same pack for the other place, with what changes there
        asks_policy = FUNDING_WORDS.search(normalize(turn.query)) or POLICY_WORDS.search(turn.query)
        if (
            turn.intent == "policy_question"
            and not (turn.search and turn.search.has_evidence)
            and not asks_policy
        ):
            # No rule decided and nothing to quote: the nearest labelled examples decide, or we ask.
            vote = self.intent_bank.vote(turn.need)
            turn.intent = vote.intent or "policy_question"
            turn.unsure = vote.intent is None
        if turn.intent == "out_of_scope" and turn.foreign:
            # "美国签证怎么办" is about a trip, not where the company is: the profile keeps its place.
            turn.foreign, conversation.profile = None, located
        about_the_firm = any((delta.province, delta.employees, delta.industry, delta.budget_cny))
        if asks_about_the_texts(turn.search, turn.intent, about_the_firm):
            # The sources answer it, or the answer says they hold nothing on it; not a pack.
            turn.intent, turn.unsure = "policy_question", False

=======
>>>>>>> main

def _long_message_notice(length: int, language: Lang) -> str:
    if language == "en":
        return f"Your message has {length:,} characters; I read the first {MAX_MESSAGE_CHARS:,}."
    return f"您的消息有{length}个字符，我只读取了前{MAX_MESSAGE_CHARS}个字符。"
