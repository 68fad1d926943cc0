"""Reading one message: the profile it states, the follow-up it continues, its one embedding and its intent.

Fills the `Turn` before a handler answers it: `turn.query` (the message, or its follow-up rewrite),
the profile delta merged into the conversation, `turn.need` and the turn's search, and `turn.intent`.
"""

from __future__ import annotations

import re

from app.advisor.engine.program_referents import referred_programs
from app.advisor.parts import AdvisorParts
from app.advisor.turn import Turn
from app.advisor.understand.budget import states_own_figures
from app.advisor.understand.certainty import asks_for_certainty
from app.advisor.understand.classify import ASKS_ABOUT_AI_ONLY, NEED, states_need
from app.advisor.understand.conversation import (
    follow_up_place,
    hypothetical_place,
    hypothetical_spans,
    rewrite_follow_up,
    supposed_text,
    supposition_words,
    without_hypotheticals,
)
from app.advisor.understand.gazetteer import Place, not_the_company
from app.advisor.understand.industry_turns import industry_in_passing
from app.advisor.understand.later_facts import re_asks_last_question
from app.advisor.understand.out_of_scope import refused_by_rule
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.program_question import FUNDING_WORDS
from app.advisor.understand.resolve import (
    CORRECTION,
    held_by_conversation,
    resolve_intent,
    states_profile_facts,
)
from app.advisor.understand.restated_contract import restated_contract
from app.advisor.understand.scope import asks_the_banks, decide_scope, private_life_first
from app.advisor.understand.sources_intent import asks_about_the_texts, need_by_examples
from app.advisor.understand.vague import names_nothing
from app.advisor.understand.what_if import supposed_changes, without_contract_figures
from app.components.llm_calls import Deadline
from app.text.normalize import normalize

EXTRACTION_SHARE = 0.3  # of llm.deadline_s; structured extraction is short, the answer is not
# A question about a policy with nothing to quote gets the honest "no evidence" answer, not a question back.
POLICY_WORDS = re.compile(r"政策|法规|税收|抵免|policy|policies|\bact\b|\blaw\b|tax", re.IGNORECASE)


def _states_measures(supposed: CompanyProfile | None) -> bool:
    """The supposition gives a place or a figure of the company ("如果预算只有5万呢"): a fact, read as one."""
    if supposed is None:
        return False
    facts = (supposed.province, supposed.employees, supposed.annual_revenue_cny, supposed.budget_cny)
    return any(fact is not None for fact in facts)


def understand(advisor: AdvisorParts, turn: Turn, text: str) -> None:
    """Read `text` (the cleaned message) into `turn` and the conversation's profile."""
    conversation = turn.conversation
    places = advisor.places
    saved = turn.known_before = conversation.profile
    mentioned = places.all_places(not_the_company(text))
    named = advisor.program_names.named_in(text, saved.province, saved.city, mentioned)
    named = advisor.program_names.with_partners(named, text)
    # "算力券和试点能叠加吗": the compute voucher and the pilot the last answer showed.
    names = advisor.program_names
    named = referred_programs(
        text,
        named,
        names.by_ids(conversation.shown_programs),
        names.by_ids(conversation.asked_programs),
        names.everyday_name,
        elsewhere=any((p.province, p.city) != (saved.province, saved.city) for p in mentioned),
    )
    turn.named_programs = [program.id for program in named]
    # "那数据产品使用补助呢？" asks about that program, not the previous question again with its name added.
    rewritten = None if named else rewrite_follow_up(text, conversation, places)
    turn.query = rewritten or text
    asked_place = follow_up_place(text, places) if rewritten else hypothetical_place(text, places)
    # Where the company is: the saved place, or one this message states outside its hypothetical
    # ("我们在成都，如果搬到重庆呢" is in 成都).
    home = places.find(not_the_company(without_hypotheticals(normalize(text)))) if not rewritten else None
    home = home or (Place(saved.province, saved.city) if saved.province else None)
    # "那苏州呢": asked about, not moved to ("那杭州的算力券…" in Hangzhou is no what-if). With no known place
    # there is nothing to compare: the place asked about is simply where the pack is judged.
    what_if = (
        asked_place is not None
        and home is not None
        and (asked_place.province, asked_place.city) != (home.province, home.city)
    )
    delta = advisor.extractor.extract(text)
    # What the message supposes ("要是改成有限公司呢", "and for a 300-person firm?"), read on its own.
    supposition = supposed_text(text) if conversation.last_question else ""
    supposed = advisor.extractor.extract(supposition) if supposition else None
    if supposed is not None:
        delta = without_contract_figures(delta, supposed)
    extracted = None
    if advisor.llm_extractor and text.strip():
        # Extraction may use part of the turn's LLM deadline; the answer gets the rest.
        share = advisor.settings.llm.deadline_s * EXTRACTION_SHARE
        extracted = advisor.llm_extractor.extract(text, Deadline(turn.started + share, share))
    if extracted is not None:
        delta = delta.merged_with(extracted)  # the model's validated facts win
    if not delta.purchases and (
        restated := restated_contract(
            normalize(text),
            conversation.profile.purchases,
            corrected=bool(CORRECTION.search(normalize(text))) and conversation.profile.budget_cny is None,
            earlier_text=normalize(conversation.user_text()),
        )
    ):
        delta = delta.model_copy(update={"purchases": restated})
    if industry_in_passing(delta, text, conversation.profile):
        delta = delta.model_copy(update={"industry": None, "industry_text": None, "sector": None})
    if saved.province and delta.province and not places.names_the_client(not_the_company(text)):
        # "咁香港嗰邊嘅科技券又點？": a program's place; the client has not moved there.
        delta = delta.model_copy(update={"province": None, "city": None, "district": None})
    conversation.profile = conversation.profile.merged_with(delta)
    if what_if and asked_place is not None and home is not None:
        # Judged at the place asked about ("如果从成都搬到重庆": 重庆), whichever place the message names
        # first. A what-if saves nothing, except where the company is when this message is the one that
        # says so ("我们在成都，如果搬到重庆呢").
        turn.what_if_from = (
            saved
            if (home.province, home.city) == (saved.province, saved.city)
            else conversation.profile.model_copy(
                update={
                    "province": home.province,
                    "city": home.city,
                    "district": places.client_district(text, home),
                }
            )
        )
        # The district the what-if names goes with it ("如果公司在台州天台县呢？": 天台县 is not asked back, r10-26).
        conversation.profile = conversation.profile.model_copy(
            update={
                "province": asked_place.province,
                "city": asked_place.city,
                "district": places.client_district(text, asked_place),
            }
        )
    # "要是改成有限公司呢", "and for a 300-person firm?": a known fact supposed otherwise, for this answer only.
    changes = supposed_changes(supposed, saved, supposition) if supposed is not None else {}
    if changes:
        unchanged = {name: getattr(saved, name) for name in changes}
        turn.what_if_from = (turn.what_if_from or conversation.profile).model_copy(update=unchanged)
        conversation.profile = conversation.profile.model_copy(update=changes)
        if not rewritten and conversation.last_question:
            turn.query = conversation.last_question  # the last question again, for the supposed company
    elif not (rewritten or named or what_if) and re_asks_last_question(text, delta, conversation):
        # "补充一下，我们登记的是有限合伙企业" after a tax question: that question again, judged with the new fact.
        turn.query = conversation.last_question or text
        turn.named_programs = list(conversation.asked_programs)
    located = conversation.profile
    # A firm abroad that plans a China office ("based in Singapore … plan to open a Shenzhen office") is abroad.
    stated = without_hypotheticals(text, plans=True)  # as written: English city names are read capitalised
    # A place abroad the client is in wins over a place of China named only as a program's: "a Dubai trading firm
    # — can we get Shenzhen's model voucher?" (gazetteer.foreign; read as written, the extractor reads lower case).
    foreign = places.foreign(
        not_the_company(stated)
    )  # not a hometown, nor a place being left ("moving from …")
    if foreign is None and saved.province is None and delta.province and not places.names_the_client(text):
        # A firm said to be abroad earlier stays there when a later turn names a place of China only as a program's
        # ("registered in Dubai" … "Can we get Shenzhen's model voucher?"): where it is wins over the program's place.
        foreign = places.foreign(without_hypotheticals(conversation.user_text(), plans=True))
    if foreign:
        turn.foreign = foreign  # outside every program's coverage: no place, no verdicts
        conversation.profile = conversation.profile.model_copy(
            update={"province": None, "city": None, "district": None}
        )
    facts = states_profile_facts(delta, text, conversation)
    turn.places = places.all_places(not_the_company(turn.query))  # not "不在宁波" nor a hometown
    turn.mark("understand")
    # In the advisor's field at all? Decided from the message and the conversation, before anything is
    # looked up, so the same message gets the same answer on every index build (understand/scope.py).
    # A place asked about holds the message only as a supposition ("如果搬到重庆呢"): "明天从广州去深圳走哪条路" is a trip.
    supposes_place = what_if and bool(rewritten or hypothetical_spans(normalize(text)))
    # A trade that wants something ("拉萨的藏餐厅，想看看哪些菜好卖"): a consultant's client described in the third
    # person is a business need, though no "我们" makes it a fact about the asker's own firm.
    wants = delta.industry is not None and bool(NEED.search(normalize(text)))
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
    turn.need = advisor.recommender.turn_need(
        conversation.profile, turn.query, history if needs_stated else ""
    )
    held = facts or wants or bool(named or rewritten or supposes_place or changes or delta.purchases)
    held = held or held_by_conversation(text, delta, conversation)
    asks = asks_the_banks(text, held)
    private = private_life_first(
        text, delta
    )  # "我家狗不爱吃东西，要不要带去医院": its private-life vote first
    if turn.query.strip():
        # One e5 call per turn: the turn's text and the words of each need stated so far (matched on their
        # own nearest examples, engine/need_parts.py) are embedded together; every search and vote of the
        # turn is then a cache hit, and a need said again later is embedded once per process. The message
        # itself joins them when its scope is left to the banks' nearest examples (`asks`).
        needs = advisor.recommender.need_texts(conversation.profile, turn.query, history)
        advisor.deps.retrieval.embed_together(
            [*([text] if asks or private else []), turn.need or turn.query, *needs]
        )
    scope = decide_scope(
        asks,
        vote=lambda: advisor.intent_bank.scope(text),
        need_by_bank=lambda: advisor.need_bank.vote(text).states_need,
        private=private,
    )
    if scope in ("out", "greeting") or (scope == "unsure" and not conversation.in_business):
        # A short answer saying what the advisor does; an aside saves nothing of what it mentions ("从广州去
        # 深圳走哪条路" does not move a Tianjin firm) and the next turn is back on the client's business.
        turn.intent = "smalltalk" if scope == "greeting" else "out_of_scope"
        turn.foreign, turn.what_if_from, turn.places = None, None, []
        turn.need = ""  # nothing is looked up for it
        conversation.profile = saved
        return
    turn.search = advisor.deps.retrieval.search(turn.query, meaning=turn.need) if turn.query.strip() else None
    turn.mark("retrieve")
    turn.wants_certainty = asks_for_certainty(text, conversation.last_question or "")
    # A need in words no rule knows ("冲床动不动就罢工") is read by its nearest labelled examples, on the
    # turn's need: the message's own, since a vote on the needs stated before is no news about it.
    # "我想咨询一下AI这块" names nothing but AI: no need, whatever need examples it sits near (it is asked back).
    # A question that names nothing ("想问下而家有咩AI资助可以攞") states no need either, whatever examples it sits near.
    named_nothing = ASKS_ABOUT_AI_ONLY.search(normalize(turn.query)) or names_nothing(turn.query)
    turn.need_stated = not named_nothing and (
        states_need(turn.query)
        or (
            not needs_stated
            and need_by_examples(turn.query, lambda: advisor.need_bank.vote(turn.need), turn.search)
        )
    )
    turn.intent = resolve_intent(
        turn.query,
        text,
        facts=facts,
        certain=turn.wants_certainty,
        has_evidence=bool(turn.search and turn.search.has_evidence),
        rewritten=rewritten is not None,
        names_program=bool(named),
        own_figures=states_own_figures(delta.purchases, normalize(text)),
        conversation=conversation,
        semantic_need=lambda: turn.need_stated,
    )
    if turn.what_if_from is not None and turn.intent != "how_to_apply":
        if changes and conversation.asked_programs and not named:
            # "What if we became a limited company?" after "Can we use the R&D super deduction?": that
            # program again, judged for the supposed company.
            turn.intent = "funding_eligibility"
        elif conversation.pack:
            turn.intent = "recommend_pack"  # the same pack for the supposed company, with what changes
        elif changes and conversation.last_intent in ("recommend_pack", "funding_eligibility"):
            turn.intent = conversation.last_intent  # the programs asked about before, judged again
    supposes = bool(hypothetical_spans(normalize(text)))
    if (
        supposes
        and not what_if
        and not changes
        and conversation.last_question
        and not _states_measures(supposed)
    ):
        # "如果12月20號先簽約呢": no profile fact supposed; the answer says what the supposition changes.
        turn.supposed_words = supposition_words(text)
    if supposes and not what_if and not named and turn.intent in ("funding_eligibility", "how_to_apply"):
        # A supposition in the same place names no program of its own ("如果12月20號先簽約，仲得唔得？", "What if
        # we became a limited company?"): it is about the programs the last question asked about.
        turn.named_programs = list(conversation.asked_programs)
    asks_policy = FUNDING_WORDS.search(normalize(turn.query)) or POLICY_WORDS.search(turn.query)
    if (
        turn.intent == "policy_question"
        and not (turn.search and turn.search.has_evidence)
        and not asks_policy
    ):
        # No rule decided and nothing to quote: the nearest labelled examples decide, or we ask.
        vote = advisor.intent_bank.vote(turn.need)
        turn.intent = vote.intent or "policy_question"
        turn.unsure = vote.intent is None
    if turn.intent in ("out_of_scope", "smalltalk") and names_nothing(text) and not refused_by_rule(text):
        # "老闆話要上AI，唔知由邊度開始": a vague wish about AI names nothing to refuse or to plan: it is asked back.
        turn.intent = "policy_question"
    if turn.intent == "out_of_scope" and conversation.in_business:
        # An aside mid-conversation ("順便問下，移民台灣要幾多錢？") saves nothing it mentions: the next turn is back on
        # the client's business as it stood.
        turn.foreign, turn.what_if_from, turn.places, conversation.profile = None, None, [], saved
    elif turn.intent == "out_of_scope" and turn.foreign:
        # "美国签证怎么办" is about a trip, not where the company is: the profile keeps its place.
        turn.foreign, conversation.profile = None, located
    about_the_firm = any((delta.province, delta.employees, delta.industry, delta.budget_cny))
    if asks_about_the_texts(turn.search, turn.intent, about_the_firm):
        # The sources answer it, or the answer says they hold nothing on it; not a pack.
        turn.intent, turn.unsure = "policy_question", False
