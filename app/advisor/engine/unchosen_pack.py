"""A program the client asks about is never ruled out by a pack they have not chosen (advice_rules.md §1, §3).

The pack is our suggestion, shown in the same answer: its items say what the client *could* buy, not what they
will. A program the client names or asks about by place and kind ("桐乡那个开源AI项目奖励能拿吗") that pays for
software or equipment was told "❌ 您的方案里没有这类采购" because our pack happened to be a model API (review14
r14-05), and a model developer asking about Qingdao's model voucher heard "nothing in your plan is of that kind"
under a document-OCR pack. When the client's own words call for the kind of purchase the program pays for (an
open-source model run in-house is software and equipment; a firm building AI buys compute, model calls, data), it
is judged on what the client says it buys (still open when they name nothing), as funding_judge.for_question does
for a pack not shown. A program their words do not call for keeps its ❌ (review4 c16: a dispatch need asking
about 天津算力券 hears it does not pay for that); what they say they buy still rules one out ("租GPU…模型券能用
吗": GPU rental is no model service). The program's own name is not the client's words ("算力券" asks, not buys).
"""

from __future__ import annotations

from collections.abc import Callable

from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.program_subjects import RAISED_ONLY, spend_from_question
from app.advisor.engine.purchases import Purchase
from app.advisor.understand.kind_words import without_programs
from app.catalogue.models import FundingProgram

Rejudge = Callable[[FundingProgram, list[Purchase] | None], Assessment]


def asked_not_ruled_out_by_pack(
    shown: list[Assessment], purchases: list[Purchase] | None, said: str, rejudge: Rejudge
) -> list[Assessment]:
    """`shown`, each asked-about program ruled out on the pack re-judged on the client's own purchases only, when
    the client's words (`said`) call for the kind it pays for.

    `purchases`: the pack's items and the client's; `rejudge(program, purchases)`: the verdict on other purchases.
    A re-judged program replaces the first only when that lifts the ❌ (the pack was the only reason)."""
    if not purchases:
        return shown
    stated = [p for p in purchases if p.stated] or None
    called_for = spend_from_question(without_programs(said))
    out: list[Assessment] = []
    for assessment in shown:
        program = assessment.program
        # A tax or loan program follows a status or a loan, not a purchase (program_subjects.RAISED_ONLY).
        scope = set() if program.type in RAISED_ONLY else set(program.eligibility.spend_scope)
        if assessment.asked and assessment.verdict is Verdict.ineligible and scope & called_for:
            again = rejudge(assessment.program, stated)
            if again.verdict is not Verdict.ineligible:
                again.asked = True
                again.reached_through, again.companion_of = (
                    assessment.reached_through,
                    assessment.companion_of,
                )
                assessment = again
        out.append(assessment)
    return out
