"""A later turn that only tells a fact of the firm re-asks the conversation's last question (issue #12).

"我们是苏州一家做工业软件的，研发费用能加计扣除吗", then "补充一下，我们登记的是有限合伙企业": the legal form decides the
answer already given (a partnership pays no enterprise income tax), so that question is asked again for the firm
as now known, as one message saying it all would be. Read as a message of its own, the fact got the trade's pack,
and the first turn's tax verdict was never judged again. A pack shown is re-planned by its own rule
(resolve.py); this covers a conversation about programs with no pack. The fact is already merged into the
profile (a correction wins), so re-asking judges every verdict with it.
"""

from __future__ import annotations

import re

from app.advisor.understand.classify import states_need
from app.advisor.understand.conversation import Conversation
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.resolve import ASKS_ANYTHING, states_own_fact
from app.text.normalize import normalize

# Whether the fact matters is the last question again ("我们其实是个人独资企业，影响吗", "does that change anything?").
ASKS_IF_IT_MATTERS = re.compile(
    r"影响|有关系|还能|还可以|还行|还适用|还符合|算不算|会不会变|"
    r"\b(?:matter|matters|change anything|affect|still (?:qualify|eligible|apply|count|ok))\b",
    re.IGNORECASE,
)


def re_asks_last_question(text: str, delta: CompanyProfile, conversation: Conversation) -> bool:
    """The message states a fact of the firm and asks nothing new, after a question about programs (no pack)."""
    about_programs = bool(conversation.asked_programs) or conversation.last_intent in (
        "funding_eligibility",
        "how_to_apply",
    )
    norm = normalize(text)
    asks_nothing_new = not ASKS_ANYTHING.search(norm) or bool(ASKS_IF_IT_MATTERS.search(norm))
    return bool(
        conversation.last_question
        and about_programs
        and not conversation.pack
        and states_own_fact(delta, text)
        and asks_nothing_new
        and not states_need(text)
    )
