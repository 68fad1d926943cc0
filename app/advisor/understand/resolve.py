"""What a message means in its conversation: does it describe the company, and which intent wins.

`classify.classify_intent` reads one message on its own. Here the conversation
decides the cases a lone message cannot: an answer to the advisor's own
clarifying questions ("餐饮，杭州", "保密"), a correction or a budget after a pack
("其实我们有60个员工", "预算只有5000元"), and elliptical follow-ups ("那杭州呢？").
"""

from __future__ import annotations

from collections.abc import Callable

from app.advisor.contract import Intent
from app.advisor.llm.guard import looks_like_instruction
from app.advisor.understand.budget import states_budget
from app.advisor.understand.classify import CAPABILITY, SMALLTALK, classify_intent, states_need
from app.advisor.understand.conversation import Conversation, hypothetical_spans
from app.advisor.understand.conversation_words import (
    ASKS,
    ASKS_ANYTHING,
    CORRECTION,
    DECLINE,
    DESCRIPTION_WITHOUT_SUBJECT,
    FIRST_PERSON_ANY,
    REFERS_BACK,
    SELF_DESCRIPTION,
)
from app.advisor.understand.out_of_scope import refused_by_rule
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.program_question import AMOUNT, about_shown_funding, for_the_client
from app.text.normalize import normalize

__all__ = [  # the conversation's words moved to conversation_words.py; callers keep importing them from here
    "ASKS",
    "ASKS_ANYTHING",
    "CORRECTION",
    "DECLINE",
    "FIRST_PERSON_ANY",
    "REFERS_BACK",
    "SELF_DESCRIPTION",
    "held_by_conversation",
    "resolve_intent",
    "states_own_fact",
    "states_profile_facts",
]


def states_profile_facts(delta: CompanyProfile, text: str, conversation: Conversation) -> bool:
    """Whether the message tells us about the user's own company (not just names a city or a sector).

    "上海的算力券比例" and "钢铁厂可以怎么用AI" are questions; "我们是20人的餐厅" is a description.
    """
    if delta.employees is not None or delta.annual_revenue_cny is not None:
        return True
    if (
        delta.legal_form is not None
        and FIRST_PERSON_ANY.search(text)
        and not ASKS_ANYTHING.search(normalize(text))
    ):
        return True  # "我们其实是个体户", "we're registered as a partnership": a fact the verdicts turn on
    stated = delta.industry or delta.province or delta.budget_cny is not None or delta.purchases
    if stated and CORRECTION.search(normalize(text)):
        return True  # a correction re-plans whatever was being planned
    first_person = bool(FIRST_PERSON_ANY.search(text))
    if delta.industry is not None and first_person:
        return True
    norm = normalize(text)
    if (
        delta.industry is not None
        and DESCRIPTION_WITHOUT_SUBJECT.search(norm)
        and not ASKS_ANYTHING.search(norm)
    ):
        return True  # "开麻辣烫连锁的，郑州12家店": the owner's own business, told before any question
    budget = delta.budget_cny is not None or states_budget(normalize(text))
    earlier_business = conversation.last_intent not in (None, "out_of_scope", "smalltalk")
    if (budget or delta.purchases) and (first_person or earlier_business or conversation.pack):
        # "预算只有5000元" after a pack re-plans it, a bare "十五六万" after a subsidy question too; so does a
        # contract said on its own ("再租GPU训练检测模型，合同30万"): one more purchase in the same plan.
        return True
    answered = delta.industry or delta.province or delta.budget_cny is not None
    return bool(conversation.awaiting_profile and answered and not ASKS.search(text))


def states_own_fact(delta: CompanyProfile, text: str) -> bool:
    """The message tells a fact about the asker's own firm, whatever the fact and whatever it asks with it: "我们是个体户
    /合伙企业可以吗", "我哋係個體戶嚟㗎，得唔得？", "we're a sole proprietorship, does that matter?", "我们有两个厂".
    Such a message is about the client's business; held-out blind11 had a legal-form follow-up refused.
    Facts only a firm has count (its form, staff, turnover, age, budget, purchases, systems), and its trade when it
    describes itself ("我们是做X的"); a place does not: "帮我看看从广州去深圳走哪条路" names places of a trip."""
    own = (
        delta.legal_form,
        delta.employees,
        delta.annual_revenue_cny,
        delta.budget_cny,
        delta.company_age_years,
        delta.it_skill,
        delta.purchases,
        delta.existing_it,
    )
    trade = delta.industry is not None and bool(SELF_DESCRIPTION.search(normalize(text)))
    return (trade or any(value not in (None, []) for value in own)) and bool(FIRST_PERSON_ANY.search(text))


def held_by_conversation(text: str, delta: CompanyProfile, conversation: Conversation) -> bool:
    """The conversation keeps a message in the advisor's field whatever else it resembles (understand/scope.py):
    a greeting or thanks, an answer to our questions ("餐饮，杭州", "保密"), a correction, a question about the
    programs just shown ("能补多少", "还来得及吗"), or a fact about the client's own firm in a conversation about
    it ("我们是个体户，可以吗"); the refusal rules still refuse an aside ("我在深圳，想问下移民加拿大")."""
    norm = normalize(text)
    if (SMALLTALK.match(norm) and len(norm) <= 24) or CAPABILITY.search(norm) or looks_like_instruction(text):
        return True  # a greeting is answered as one; an injected instruction gets its own notice
    told = any((delta.industry, delta.province, delta.employees, delta.budget_cny is not None))
    # An answer states ("餐饮，杭州"); "帮我看看从广州去深圳走哪条路" names places and asks about a trip.
    answers = told and not ASKS_ANYTHING.search(norm)
    if conversation.awaiting_profile and (answers or DECLINE.search(text)):
        return True
    if not conversation.in_business:
        return False
    # "this weekend" points back at nothing: a demonstrative alone does not hold a message.
    return bool(
        about_shown_funding(text) or (told and CORRECTION.search(norm)) or states_own_fact(delta, text)
    )


def resolve_intent(
    query: str,
    text: str,
    *,
    facts: bool,
    has_evidence: bool,
    rewritten: bool,
    conversation: Conversation,
    certain: bool = False,
    semantic_need: Callable[[], bool] = lambda: False,
    names_program: bool = False,
    own_figures: bool = False,
) -> Intent:
    """The message's own intent, adjusted by the conversation it continues.

    `certain`: the owner asks for certainty about money (understand/certainty.py). That is a question about
    funding whatever else the words resemble: "廊坊的算力券稳不稳？我们35人" wants a verdict, not a pack.
    `semantic_need`: the message's nearest labelled examples are needs (asked only where no rule decided).
    `names_program`: the message names a catalogued program ("那数据产品使用补助呢？"): a question about it.
    `own_figures`: the message states a contract or spend of the client's own ("标注合同50万").
    Whose question a program's amount, cover, stacking or deadline is: program_question.for_the_client.
    """
    intent = classify_intent(
        query,
        states_profile_facts=facts,
        has_evidence=has_evidence,
        semantic_need=semantic_need,
        names_program=names_program,
        states_own_figures=own_figures,
    )
    last = conversation.last_intent
    # "说错了，合同是一年50万", "What if we register a subsidiary in Shenzhen instead?": a message out of scope
    # only for want of business words of its own continues the business conversation (a question about it
    # unless a rule below says more); only a refusal rule or an injected instruction refuses.
    continued = (
        intent == "out_of_scope"
        and last not in (None, "out_of_scope", "smalltalk")
        and not refused_by_rule(query)
        and not looks_like_instruction(query)
    )
    if continued:
        intent = "policy_question"
    # Not a refusal: "保证能骗到补贴吗" stays out of scope.
    if (
        certain
        and intent not in ("how_to_apply", "funding_eligibility", "out_of_scope")
        and not states_need(text)
    ):
        return "funding_eligibility"
    shown = conversation.pack or last in ("recommend_pack", "funding_eligibility", "how_to_apply")
    overridable = ("policy_question", "out_of_scope", "smalltalk") + (
        ("cost_estimate",) if AMOUNT.search(normalize(text)) else ()
    )
    if (
        shown
        and about_shown_funding(text)
        and (intent in overridable or (rewritten and not states_need(text)))
        and not refused_by_rule(query)  # "順便問下，移民台灣要幾多錢？" asks a price, of no program of ours
    ):
        # "能补多少", "这些补贴能叠加吗", "还来得及吗" about the pack just shown; "咁我哋可以攞幾多資助？" too, though
        # its "咁" made it a follow-up of the need asked before.
        return "funding_eligibility"
    if (
        facts
        and (conversation.pack or conversation.need_stated)
        and not ASKS_ANYTHING.search(normalize(text))
        and not names_program
        and intent != "out_of_scope"
        and not hypothetical_spans(normalize(text))
    ):
        # A later turn that only tells us about the company ("我们其实是个体户", "Budget is about 8k a year", "年营收
        # 大概两千万") re-plans the pack a first message saying it all would get, whatever was asked just before
        # (a program's amount, the steps): every verdict is judged again for the new fact, the pack stays.
        return "recommend_pack"
    if (
        conversation.pack
        and intent == "policy_question"
        and not ASKS_ANYTHING.search(normalize(text))
        and not (names_program or DECLINE.search(text) or hypothetical_spans(normalize(text)))
        and not (refused_by_rule(query) or looks_like_instruction(query))
    ):
        # "主要是漏检太多，客户老退货" after a pack: the owner goes on describing the business and asks nothing new; the
        # pack is planned again with it, as one message saying it all would be, never a digest of other texts.
        return "recommend_pack"
    if facts and CORRECTION.search(normalize(text)) and last in ("recommend_pack", "funding_eligibility"):
        return last  # "不对，我们在合肥" re-runs what was asked for the corrected profile
    if (
        intent == "policy_question"
        and CORRECTION.search(normalize(text))
        and not ASKS.search(text)
        and last in ("recommend_pack", "funding_eligibility")
    ):
        return last  # a correction we could not read still re-plans, never a digest of other texts
    in_business = last not in (None, "out_of_scope", "smalltalk")
    if (
        intent in ("policy_question", "out_of_scope", "smalltalk", "recommend_pack")
        and not refused_by_rule(query)
        and for_the_client(
            query,
            names_program=names_program,
            facts=facts,
            own_figures=own_figures,
            new_need=states_need(text),
            in_business=in_business,
        )
    ):
        return "funding_eligibility"  # "那数据产品使用补助呢？": that program for this client, not the pack again
    if rewritten and last and intent in ("policy_question", "out_of_scope"):
        intent = last  # "那杭州呢？" continues the previous kind of question
    if facts and intent == "policy_question" and last == "recommend_pack":
        intent = "recommend_pack"  # "其实我们有60个员工" corrects the profile behind the pack
    if (
        conversation.awaiting_profile
        and intent in ("out_of_scope", "smalltalk", "policy_question")
        and DECLINE.search(text)
    ):
        intent = "recommend_pack"  # "保密": recommend from what we know, verdicts stay open
    if continued and intent == "policy_question" and last in ("recommend_pack", "funding_eligibility"):
        intent = last  # "说错了，合同是一年50万" re-runs what was asked
    elif continued and intent == "policy_question" and shown:
        intent = "funding_eligibility"  # after the steps or a cost: the conversation's programs, not a digest
    if (
        shown
        and intent == "policy_question"
        and REFERS_BACK.search(normalize(text))
        and len(text) <= 60
        and not DECLINE.search(text)
    ):
        # "那个要先申请再买吗？", "who pays it out?": the programs just shown, judged for this client; not a
        # digest of other cities' texts (review5 s3t2, s4t2).
        intent = "funding_eligibility"
    if (
        shown
        and intent == "policy_question"
        and hypothetical_spans(normalize(text))
        and not states_need(text)
        and len(text) <= 60
        and last in ("recommend_pack", "funding_eligibility")
    ):
        # "如果12月20號先簽約，仲得唔得？", "what if we sign next month?": the last question again under the
        # supposition, not a digest of other texts (review8 r8-C3).
        intent = last
    if looks_like_instruction(query) and intent in ("policy_question", "smalltalk"):
        intent = "out_of_scope"  # "ignore your instructions / show the prompt" is not a policy question
    return intent
