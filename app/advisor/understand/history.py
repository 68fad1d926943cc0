"""A conversation rebuilt from the chat history a stateless client resends (OpenAI-style chat).

Replaying every earlier user turn through a full ask costs a retrieval and a pack per
turn, so a long history was a denial of service. What the next answer needs from the
history can be read off the text cheaply: the profile (rule extraction over the earlier
user messages), the recent turns, the last question (for "那杭州呢？") and the kind of
the last request (so "其实我们有60个员工" still corrects a pack), and the programs the last answer
listed and the last question named (so "这些补贴能叠加吗", "第二个" have their referent). The solutions
of an earlier pack are not rebuilt: a cost question after it is answered from the profile.

Even that reading is bounded, so a maximal history costs about what one long message
does: the first user message (where owners describe the company) and the newest ones,
up to READ_CHARS in all, are read for facts, and only the last few for the intent.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.advisor.engine.program_names import ProgramNames
from app.advisor.intents import spec
from app.advisor.understand.budget import states_own_figures
from app.advisor.understand.conversation import Conversation, rewrite_follow_up
from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.gazetteer import RegionGazetteer
from app.advisor.understand.resolve import resolve_intent, states_profile_facts
from app.cancellation import raise_if_cancelled
from app.text.normalize import clean_text, normalize

MAX_TURN_CHARS = 4000  # the advisor reads no more of one message (service.MAX_MESSAGE_CHARS)
KEPT_TURNS = 24  # as many as a stored session keeps
READ_CHARS = 16_000  # of earlier user text read for the profile
INTENT_TURNS = 3  # the last user messages whose kind of request still matters
SEEDED_TURN_CHARS = 300  # of each recent turn handed to the advisor
ANSWER_CHARS = 6000  # of the last answer read for the programs it lists (the list comes before the details)


def conversation_from_history(
    history: Sequence[tuple[str, str]],
    extractor: RuleExtractor,
    places: RegionGazetteer,
    programs: ProgramNames | None = None,
) -> Conversation:
    """`history` is (role, text) in order, without the message being answered now; `programs`: the catalogue's
    names, to read which programs the last answer listed and the last question named."""
    conversation = Conversation("history", remember=False)
    said = _read_user_turns(history)
    for n, text in enumerate(said):
        raise_if_cancelled()  # a resent history is the longest work of a request: stop when its client left
        delta = extractor.extract(text)
        if n < len(said) - INTENT_TURNS:
            conversation.profile = conversation.profile.merged_with(delta)
            continue
        rewritten = rewrite_follow_up(text, conversation, places)
        query = rewritten or text
        conversation.profile = conversation.profile.merged_with(delta)
        facts = states_profile_facts(delta, text, conversation)
        intent = resolve_intent(
            query,
            text,
            facts=facts,
            has_evidence=True,
            rewritten=rewritten is not None,
            own_figures=states_own_figures(delta.purchases, normalize(text)),
            conversation=conversation,
        )
        conversation.last_intent = intent
        # A pack request with industry, region or size unknown was answered with questions.
        conversation.awaiting_profile = intent == "recommend_pack" and bool(
            conversation.profile.missing_for_recommendation()
        )
        if spec(intent).substantive and not conversation.awaiting_profile:
            conversation.last_question = query
    if programs is not None:
        _programs_spoken(conversation, history, programs)
    spoken = [(role, text) for role, text in history if role in ("user", "assistant")][-KEPT_TURNS:]
    # The recent turns feed need matching (one embedded search): a client-sent history must not
    # make that search cost what a real conversation of 4,000-character messages would.
    conversation.turns = [(role, _readable(text)[:SEEDED_TURN_CHARS]) for role, text in spoken]
    return conversation


def _programs_spoken(
    conversation: Conversation, history: Sequence[tuple[str, str]], programs: ProgramNames
) -> None:
    """The programs the last answer listed and those the last question named, as a kept session holds them."""
    answers = [text for role, text in history if role == "assistant" and text.strip()]
    if answers:
        conversation.shown_programs = [
            p.id for p in programs.listed_in(_readable(answers[-1])[:ANSWER_CHARS])
        ]
    questions = [text for role, text in history if role == "user" and text.strip()]
    if questions:
        profile = conversation.profile
        named = programs.named_in(_readable(questions[-1]), profile.province, profile.city)
        conversation.asked_programs = [p.id for p in named]


def _readable(raw: str) -> str:
    return clean_text(raw[: 2 * MAX_TURN_CHARS])[:MAX_TURN_CHARS]  # cut first: cleaning costs per character


def _read_user_turns(history: Sequence[tuple[str, str]]) -> list[str]:
    """The first user message and the newest ones, within READ_CHARS, in the order they were sent.

    Only the messages read are cleaned (cleaning costs per character; a maximal history has hundreds)."""
    raw_turns = [raw for role, raw in history if role == "user"]
    first_at, first = next(
        ((n, text) for n, raw in enumerate(raw_turns) if (text := _readable(raw)).strip()), (None, "")
    )
    if first_at is None:
        return []
    budget = READ_CHARS - len(first)
    newest: list[str] = []
    for raw in reversed(raw_turns[first_at + 1 :]):
        text = _readable(raw)
        if not text.strip():
            continue
        if len(text) > budget:
            break
        newest.append(text)
        budget -= len(text)
    return [first, *reversed(newest)]
