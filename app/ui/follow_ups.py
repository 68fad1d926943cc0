"""Suggested next questions under an answer: deterministic, in the answer's language and script, fitted
to what the conversation has already said and shown."""

from __future__ import annotations

from app.advisor.contract import AdviceResponse
from app.advisor.intents import FollowUp, spec
from app.advisor.understand.classify import HOW_TO_APPLY
from app.advisor.understand.program_question import DEADLINE, STACKING
from app.advisor.understand.script import reply_script, traditional
from app.text.normalize import normalize
from app.ui.texts import STARTERS


def follow_ups(response: AdviceResponse, question: str) -> list[str]:
    """Deterministic next questions for the answer's intent, in the answer's language and script, that fit
    what was said: no "那杭州呢？" to a Hangzhou business (however written: "那蘇州呢"), no comparing a
    one-solution pack, no "how to apply" with no program, "能叠加吗" only under two programs that may pay,
    "还来得及吗" only when one has an end date, and never the question just asked again. At most three."""
    if response.clarifying_questions or not response.has_evidence:
        return []
    en = response.language == "en"
    asked = normalize(question)
    apply, pack, compare, stack, in_time = (
        (
            "How do I apply?",
            "Recommend an AI pack for us",
            "Compare these solutions",
            "Can these subsidies be combined?",
            "Is there still time to apply?",
        )
        if en
        else (
            "这些补贴怎么申请？",
            "给我推荐适合的AI方案",
            "对比一下这几个方案",
            "这些补贴能叠加吗？",
            "现在申请还来得及吗？",
        )
    )
    # Another city than the client's and the one asked about.
    here = {response.profile.city or "", response.profile.province or ""}
    city, city_en = next(
        (
            (zh, name)
            for zh, name in _OTHER_CITIES
            if zh not in here and zh not in asked and name.lower() not in asked
        ),
        ("", ""),
    )
    place = (f"What about {city_en}?" if en else f"那{city}呢？") if city else ""
    words: dict[FollowUp, list[str]] = {
        "apply": [apply],
        "pack": [pack],
        "compare": [compare],
        "place": [place] if place else [],
        "stack": [stack],
        "deadline": [in_time],
        "starters": STARTERS["en" if en else "zh"][:2],
    }
    may_pay = [f for f in response.funding if f.listed and f.verdict != "ineligible"]
    fits: dict[FollowUp, bool] = {
        "apply": any(f.listed for f in response.funding) and not HOW_TO_APPLY.search(asked),
        "compare": len(response.solutions) >= 2,
        "pack": not response.solutions,
        "stack": len(may_pay) >= 2 and not STACKING.search(asked),
        "deadline": any(f.deadline for f in may_pay) and not DEADLINE.search(asked),
    }
    options = [q for key in spec(response.intent).follow_ups if fits.get(key, True) for q in words[key]][:3]
    # A question in traditional script is answered in it (understand/script.py): its suggestions too.
    return [traditional(q) for q in options] if not en and reply_script(question) == "hant" else options


# Offered in this order for "那X呢？", skipping the client's own city and the one just asked about.
_OTHER_CITIES = (("杭州", "Hangzhou"), ("上海", "Shanghai"), ("深圳", "Shenzhen"))
