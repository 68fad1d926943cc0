"""A conversation rebuilt from the chat history a stateless client resends (OpenAI-style chat).

Replaying every earlier user turn through a full ask costs a retrieval and a pack per
turn, so a long history was a denial of service. What the next answer needs from the
history can be read off the text cheaply: the profile (rule extraction over the earlier
user messages), the recent turns, the last question (for "那杭州呢？") and the kind of
the last request (so "其实我们有60个员工" still corrects a pack). The solutions of an
earlier pack are not rebuilt: a cost question after it is answered from the profile.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.advisor.intents import spec
from app.advisor.understand.conversation import Conversation, rewrite_follow_up
from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.gazetteer import RegionGazetteer
from app.advisor.understand.resolve import resolve_intent, states_profile_facts
from app.text.normalize import clean_text

MAX_TURN_CHARS = 4000  # the advisor reads no more of one message (service.MAX_MESSAGE_CHARS)
KEPT_TURNS = 24  # as many as a stored session keeps


def conversation_from_history(
    history: Sequence[tuple[str, str]], extractor: RuleExtractor, places: RegionGazetteer
) -> Conversation:
    """`history` is (role, text) in order, without the message being answered now."""
    conversation = Conversation("history", remember=False)
    for role, raw in history:
        if role != "user":
            continue
        text = clean_text(raw)[:MAX_TURN_CHARS]
        if not text.strip():
            continue
        rewritten = rewrite_follow_up(text, conversation, places)
        query = rewritten or text
        delta = extractor.extract(text)
        conversation.profile = conversation.profile.merged_with(delta)
        facts = states_profile_facts(delta, text, conversation)
        intent = resolve_intent(
            query,
            text,
            facts=facts,
            has_evidence=True,
            rewritten=rewritten is not None,
            conversation=conversation,
        )
        conversation.last_intent = intent
        # A pack request with industry, region or size unknown was answered with questions.
        conversation.awaiting_profile = intent == "recommend_pack" and bool(
            conversation.profile.missing_for_recommendation()
        )
        if spec(intent).substantive and not conversation.awaiting_profile:
            conversation.last_question = query
    spoken = [
        (role, clean_text(text)[:MAX_TURN_CHARS]) for role, text in history if role in ("user", "assistant")
    ]
    conversation.turns = spoken[-KEPT_TURNS:]
    return conversation
