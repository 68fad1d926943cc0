"""The first line of a funding answer answers the question that was asked.

"这些补贴能叠加吗" gets yes or no for the programs shown, with the combined cap the catalogue states;
"能补多少" gets the rate and the cap ("还来得及吗" is answered by the engine's date notes). Everything
comes from the engine's assessments and the catalogue entries behind them; nothing is estimated here.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from app.advisor.compose.funding import verdict_words
from app.advisor.compose.payout import payout_line
from app.advisor.compose.stacking import stacking_line
from app.advisor.compose.wording import verdict_icon
from app.advisor.contract import Lang
from app.advisor.engine.arithmetic import combined_limit, product, ratio_is_ceiling, unknown_tier_limits
from app.advisor.engine.costing import Subsidy, tier_unknown
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.layers import rates_by_layer
from app.advisor.engine.pilots import pilot_city_confirmed
from app.advisor.understand.program_question import AMOUNT, DEADLINE, PAYOUT, STACKING
from app.catalogue.models import ApplicationMechanism
from app.catalogue.render import cap_phrase, format_ratio
from app.text.normalize import normalize

Asked = Literal["stacking", "amount", "deadline", "payout"]
# "比例是多少" asks for the rate: answered like "能补多少" (the rate and the cap, or that the sources lack them).
_RATE = re.compile(
    r"比例是多少|比例多少|什么比例|补贴比例|补助比例|补几成|百分之几|"
    r"what(?:'s| is)? the (?:rate|percentage|ratio|share)|what percent|(?:what|which) (?:rate|share|percentage)",
    re.I,
)


def asked(question: str) -> Asked | None:
    text = normalize(question)
    if STACKING.search(text):
        return "stacking"
    if DEADLINE.search(text):
        return "deadline"
    # "先付钱再返？" before "能补多少": a question about both gets the payout line with the amounts under it.
    if PAYOUT.search(text):
        return "payout"
    if _asks_amount(text):
        return "amount"
    return None


def _asks_amount(text: str) -> bool:
    """The normalized question asks how much ("能补多少") or at what rate ("比例是多少")."""
    return bool(AMOUNT.search(text) or _RATE.search(text))


def _amount(programs: list[Assessment], language: Lang) -> str:
    # An ended or excluded program's rate is no answer to "how much" (its ❌ line says why).
    # A national pilot reached through the local one is that line's money, not a line of its own (m43).
    # A question about some programs ("how much would the R&D super-deduction save") is answered for them alone,
    # not for the pilots shown beside them (review12 r12-44).
    about = [a for a in programs if a.asked] or programs
    open_ = [a for a in about if a.verdict is not Verdict.ineligible and a.reached_through is None]
    if not open_:
        return (
            "How much: none of the programs shown applies to you now; the reasons are below."
            if language == "en"
            else "能补多少：下列补贴目前都用不上，原因见下。"
        )
    lines = []
    for a in open_[:3]:
        benefit = a.program.benefit
        name = a.program.name_en if language == "en" else a.program.name
        ratio = f"{format_ratio(a.ratio)}" if a.ratio else None
        ceiling = a.ratio is not None and ratio_is_ceiling(a.program, a.ratio)
        cap = cap_phrase(benefit, language) if benefit.cap else None
        # No ratio and no cap in the catalogue: say the sources lack them, never a figure from elsewhere (§7).
        if language == "en" and a.program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city:
            bits = [f"up to {ratio}" if ratio else "", f"capped at {cap}" if cap else ""]
            published = (
                f"{', '.join(b for b in bits if b)} as published" if any(bits) else "amounts set locally"
            )
            where = (
                "your city is a selected pilot" if pilot_city_confirmed(a) else "only if your city is a pilot"
            )
            lines.append(
                f"{name}: {where}; your firm must be on its enrolment list; {published}; not counted in net cost"
            )
        elif language == "en" and a.selection_only:
            bits = [f"up to {ratio}" if ratio else "", f"capped at {cap}" if cap else ""]
            published = f"; if selected, {', '.join(b for b in bits if b)} as published" if any(bits) else ""
            lines.append(
                f"{name}: paid only if your project is selected{published}; most applicants are not, "
                "and it is not counted in net cost"
            )
        elif language == "en" and tier_unknown(a):
            tiers = " or ".join(format_ratio(t.ratio) for t in benefit.stacking.tiers)
            lines.append(f"{name}: paid by an awarded tier ({tiers}); yours is not known, so no figure yet")
        elif language == "en":
            rate = rates_by_layer(a, True) or (f"rate {'up to ' * ceiling}{ratio}" if ratio else "")
            bits = [rate, f"capped at {cap}" if cap else ""]
            lines.append(
                f"{name}: "
                + (
                    ", ".join(b for b in bits if b)
                    # a loan-interest program publishes points, not a ratio ("1.5 points of interest for 2 years")
                    or (
                        benefit.interest_points
                        and f"as published, {benefit.per_firm_en or benefit.summary_en}"
                    )
                    # a tax rule publishes what it does to taxable income, not a ratio of a purchase (r10-50)
                    or (
                        _tax_rule(a)
                        and benefit.per_firm_en
                        and f"as published: {benefit.per_firm_en[:1].lower()}{benefit.per_firm_en[1:]}"
                    )
                    or "the rate and the cap are not in my sources (not published in the text I hold); "
                    "ask the issuing authority"
                )
            )
        elif tier_unknown(a):  # 杭州智能券: 30% or 10% by an awarded tier the client has not stated
            tiers = "或".join(format_ratio(t.ratio) for t in benefit.stacking.tiers)
            lines.append(f"{name}：按评定档位补贴（{tiers}），您的档位未知，暂不算金额")
        elif a.program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city:
            # a pilot pays firms on its city's list: not a contest most applicants lose (review8 r8-25)
            bits = [f"最高{ratio}" if ratio else "", f"上限{cap}" if cap else ""]
            published = f"按公布口径{'、'.join(b for b in bits if b)}" if any(bits) else "金额以当地通知为准"
            where = "所在城市在试点之列，" if pilot_city_confirmed(a) else "须所在城市入选试点，"
            lines.append(f"{name}：{where}企业须进入当地改造名单，{published}，不计入净成本")
        elif a.selection_only:  # an award: nothing unless selected, whatever the rate (§2)
            bits = [f"最高{ratio}" if ratio else "", f"上限{cap}" if cap else ""]
            published = f"，入选后按公布口径{'、'.join(b for b in bits if b)}" if any(bits) else ""
            lines.append(f"{name}：须申报并经评审入选才有{published}，多数申报者拿不到，不计入净成本")
        else:
            rate = rates_by_layer(a) or ((f"最高{ratio}" if ceiling else f"按{ratio}补贴") if ratio else "")
            bits = [rate, f"上限{cap}" if cap else ""]
            lines.append(
                f"{name}："
                + (
                    "，".join(b for b in bits if b)
                    or (benefit.interest_points and f"按公布口径{benefit.per_firm or benefit.summary}")
                    or (_tax_rule(a) and f"按公布口径{benefit.per_firm}")
                    or "补贴比例和上限不在我的资料中（所读原文未公开），请向发文单位确认"
                )
            )
    head = "How much: " if language == "en" else "能补多少："
    return head + ("; " if language == "en" else "；").join(lines) + ("." if language == "en" else "。")


def _figures(subsidies: list[Subsidy], language: Lang) -> str:
    """The money on the contracts the client named: each program's own product and cap, then, apart, a combined
    cap that limits the pair ("叠加合计不超过60%…两项合计最多27万元，…之外本项实际最多可再补4.5万元"), never a remainder
    printed as a product (§5)."""
    en = language == "en"
    lines = []
    for s in subsidies:
        own = product(s)
        line = own.en if en else own.zh
        # The pair's combined cap is said once, on its last line, with what is left for that program.
        last = [o for o in subsidies if o.purchase is s.purchase][-1]
        limit = combined_limit(s, subsidies) if s is last else None
        if limit is not None:
            line += f"; {limit.en}" if en else f"；{limit.zh}"
        if (tiers := unknown_tier_limits(s)) is not None:
            line += f"; {tiers.en}" if en else f"；{tiers.zh}"
        if not s.in_net:
            line += " (at most, to be confirmed)" if en else "（最多，待确认）"
        if s.assessment.asked:
            # "语料券怎么算" is answered with the verdict beside the figure: a product alone reads as money on the
            # way when a condition is still open (r15-15).
            label, reason = verdict_words(s.assessment, language)
            said = label + (f" — {reason}" if en and reason else f"，{reason}" if reason else "")
            line += (
                f"; {verdict_icon(s.assessment.verdict)} {said}"
                if en
                else f"；{verdict_icon(s.assessment.verdict)} {said}"
            )
        lines.append(line)
    head = "On the amounts you named: " if en else "按您提到的金额："
    return head + ("; " if en else "。").join(lines) + ("." if en else "。")


def focus_line(
    question: str,
    programs: list[Assessment],
    today: date,
    language: Lang,
    subsidies: list[Subsidy] | None = None,
) -> str | None:
    """The direct answer to a stacking, amount, payout or deadline question, or None for other questions.

    `subsidies`: computed on the contracts the client named; "给个准数" is answered with their figures
    before the published rates.
    """
    kind = asked(question)
    if kind is None or not programs:
        return None
    # Only the client's own figures are "the amounts you named": a catalogue range of a pack item is not one.
    subsidies = [s for s in subsidies or [] if s.purchase.stated]
    if kind == "stacking":
        return stacking_line(programs, language)
    if kind == "payout":
        payout = payout_line(programs, language)
        if not _asks_amount(normalize(question)):
            return payout
        return "\n".join(line for line in (payout, _amount_answer(programs, subsidies, language)) if line)
    if kind == "amount":
        return _amount_answer(programs, subsidies, language)
    return None  # deadlines: the engine's date notes lead the answer (date and days left)


def _amount_answer(programs: list[Assessment], subsidies: list[Subsidy], language: Lang) -> str:
    """The figures on the client's own amounts (when it named any), above the published rates and caps."""
    if subsidies:
        return _figures(subsidies, language) + "\n" + _amount(programs, language)
    return _amount(programs, language)


def _tax_rule(assessment: Assessment) -> bool:
    """A tax benefit that states what it does (an extra 100% deduction, a lower rate) in `per_firm`."""
    program = assessment.program
    return program.how_to_apply.mechanism is ApplicationMechanism.tax_filing and bool(
        program.benefit.per_firm
    )
