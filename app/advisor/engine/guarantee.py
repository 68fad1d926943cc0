"""No guarantees, and the arithmetic a request for one deserves (advice_rules.md §5).

A request for certainty ("能打保票吗", "can I be sure we'll receive 3 million") gets: no guarantee; for the
programs named, what spend the published cap implies or that they are selected by review; the amount the owner
hopes for set against the cap and the rate ("想拿800万" from a voucher capped at 500万 a year cannot come from
it); then that the issuer decides and confirms.
"""

from __future__ import annotations

import re

from app.advisor.contract import Lang
from app.advisor.engine.arithmetic import ratio_is_ceiling
from app.advisor.engine.costing import Subsidy
from app.advisor.engine.eligibility import Assessment, Verdict, deciding_reason
from app.advisor.engine.programs import listed_programs
from app.advisor.understand.numbers import AMOUNT, parse_amount
from app.catalogue.render import cap_phrase, format_cny, format_ratio
from app.text.normalize import normalize

# The amount hoped for: after a verb of getting ("拿800万", "receive 3 million", "get CNY 1,000,000"), the program's
# name between them or not ("肯定能拿到上海算力券500万", review14 r14-15: the spend it implies was never said).
_HOPED = re.compile(
    r"(?:拿到?|攞到?|领到?|获得|得到|补到?|报到?|批下?来?|到账|receive|get|obtain|be granted|cover)"
    rf"(?:[^\d，。；！？,;!?\n]{{0,12}}?(?:的|券|补贴|补助|奖励|voucher|subsidy|grant)\s*)?\s*"
    rf"(?:at least |至少|最少)?(?:cny|rmb|¥)?\s*{AMOUNT}",
    re.I,
)
_PERIOD = {
    "per_year": ("每年", " a year"),
    "per_project": ("每个项目", " per project"),
    "once": ("一次性", " once"),
}


def amount_asked_for(question: str) -> float | None:
    """The largest amount the owner says they hope to get, in CNY; None when none is named."""
    amounts = [parse_amount(m.group(1), m.group(2)) for m in _HOPED.finditer(normalize(question))]
    found = [a for a in amounts if a and a >= 1000]  # "拿到2个" is no money
    return max(found) if found else None


def asked_amount_note(question: str, subsidies: list[Subsidy], language: Lang) -> list[str]:
    """ "能补到50万吗" answered first, on the client's own figure: at most what the first program's rate gives on
    the contract they named, and whether that reaches the amount asked (review13 r13-48: the cap's implied spend
    came first, the 50万 asked was never answered)."""
    hoped = amount_asked_for(question)
    computed = [s for s in subsidies if s.purchase.stated and s.amount.max > 0]
    if hoped is None or not computed:
        return []
    first = computed[0]
    at_most, base, en = first.amount.max, first.purchase.first_year.max, language == "en"
    program = first.assessment.program
    name, pct = (program.name_en if en else program.name), format_ratio(first.ratio)
    if en:
        verdict = (
            f"short of the CNY {hoped:,.0f} you ask about"
            if at_most < hoped
            else f"enough for the CNY {hoped:,.0f} you ask about only if review grants the full rate"
        )
        return [
            f"On the CNY {base:,.0f} you named, {name} gives at most CNY {at_most:,.0f} (up to {pct}): {verdict}."
        ]
    verdict = (
        f"达不到您问的{format_cny(hoped)}"
        if at_most < hoped
        else f"审核按最高比例核定时才够{format_cny(hoped)}"
    )
    return [f"按您说的{format_cny(base)}，{name}最多约{format_cny(at_most)}（最高{pct}），{verdict}。"]


def _against_the_cap(hoped: float, assessment: Assessment, en: bool) -> list[str]:
    """The amount hoped for, set against one program's published cap and rate."""
    program, ratio = assessment.program, assessment.ratio
    cap, name = program.benefit.cap, (program.name_en if en else program.name)
    if program.benefit.currency != "CNY":
        return []
    period_zh, period_en = _PERIOD.get(program.benefit.cap_period or "", ("", ""))
    if cap is not None and hoped > cap:
        return [
            f"The CNY {hoped:,.0f} you hope for is above {name}'s published cap of CNY {cap:,.0f}{period_en}: "
            "the part above the cap cannot come from this program, whatever you spend."
            if en
            else f"您想要的{format_cny(hoped)}超过{name}{period_zh}上限{format_cny(cap)}（按公布口径）："
            "超出上限的部分不可能来自这一项，花再多也不行。"
        ]
    principle = program.benefit.cap_in_principle
    if principle is not None and hoped > principle:
        # 深圳模型券 "原则上100万元、最高200万元" (review9 r9-11): the exceptional highest is no basis for a plan;
        # the spend the cap in principle implies is in the program's line above.
        return [
            f"The CNY {hoped:,.0f} you hope for is above {name}'s cap in principle of CNY {principle:,.0f}"
            f"{period_en}: more is granted only by exception (the text does not say when), so do not plan on it."
            if en
            else f"您想要的{format_cny(hoped)}超过{name}{period_zh}原则上限{format_cny(principle)}："
            "超出部分只有例外情况才可能批（何时放宽原文未写明），不能按它打算。"
        ]
    if ratio:
        spend = hoped / ratio
        return [
            f"CNY {hoped:,.0f} at {format_ratio(ratio)} (a ceiling, not a promise) needs about CNY {spend:,.0f} "
            "of eligible spend accepted on review."
            if en
            else f"按最高{format_ratio(ratio)}（上限比例，不是承诺）计算，{format_cny(hoped)}需要约{format_cny(spend)}"
            "经审核认定的合格支出。"
        ]
    return []


def guarantee_note(wanted: bool, programs: list[Assessment], language: Lang, question: str = "") -> list[str]:
    """A request for certainty (understand/certainty.py) gets no guarantee and the arithmetic behind one (§5).

    What the owner can act on instead: for each program, what spend its published cap implies, or that it is
    selected by review (or not open to them, and why); then that the issuer decides and confirms.
    """
    if not wanted:
        return []
    en = language == "en"
    lines = [
        "I cannot guarantee any amount: approval is the issuer's decision, and the subsidy follows your eligible spend."
        if en
        else "我不能保证任何金额：是否批准、批多少由发文单位审核决定，补贴按实际合格支出计算。"
    ]
    # The programs the owner named first, then those the answer lists; one without a rate says nothing here.
    ordered = sorted(listed_programs(programs) or programs, key=lambda a: not a.asked)
    # A program ruled out for other reasons tells the owner something only if they asked about it.
    telling = [
        a
        for a in ordered
        if (a.ratio or a.selection_only or a.verdict is Verdict.ineligible)
        and (a.asked or a.verdict is not Verdict.ineligible)
    ]
    shown = (telling or ordered)[:2]
    lines += [line for a in shown if (line := _what_decides(a, en))]
    asked_for = amount_asked_for(question)
    # Against a program that cannot pay, a spend figure reads as a plan (review8 r8-04: "10万元需要约50万元合格支出"
    # after saying the voucher ended): its line above says why it is not open.
    if asked_for and shown and shown[0].verdict is not Verdict.ineligible:
        lines += _against_the_cap(asked_for, shown[0], en)
    issuer = (shown[0].program.issuer_en if en else shown[0].program.issuer) if shown else ""
    lines.append(
        "Before you sign or count on it, confirm the current notice with the issuer"
        + (f" ({issuer})" if issuer else "")
        + ": many programs require applying before buying, and pay only after review of contracts, invoices "
        "and payments."
        if en
        else "签合同或把补贴算进预算之前，请向发文单位"
        + (f"（{issuer}）" if issuer else "")
        + "确认最新申报通知：很多项目要求先申报后采购，并在审核合同、发票和付款凭证后才兑付。"
    )
    return lines


def _what_decides(assessment: Assessment, en: bool) -> str:
    """One program's line under a refused guarantee: not open (why), selection, or what spend the cap implies."""
    program, ratio = assessment.program, assessment.ratio
    benefit = program.benefit
    name = program.name_en if en else program.name
    if assessment.verdict is Verdict.ineligible and (deciding := deciding_reason(assessment)):
        reason = deciding.text("en" if en else "zh")
        return (
            f"{name}: not open to you as things stand — {reason}."
            if en
            else f"{name}：目前不适用——{reason}。"
        )
    if assessment.selection_only:
        return (
            f"{name}: awarded by selection (or through a selected pilot), so no amount can be promised; "
            "most applicants are not selected."
            if en
            else f"{name}：须申报并经评审遴选（或所在城市入选试点），金额无法事先承诺，多数申报者拿不到。"
        )
    cap = benefit.expected_cap  # the cap in principle, never the exceptional highest (§5, review9 r9-11)
    if ratio and cap is not None and benefit.currency == "CNY":
        spend = cap / ratio
        ceiling = "最高" if ratio_is_ceiling(program, ratio) else ""
        exception = benefit.cap if benefit.cap_in_principle is not None else None
        return (
            f"{name}: the cap{' in principle' if exception else ''} of CNY {cap:,.0f} at {format_ratio(ratio)} "
            f"means about CNY {spend:,.0f} of eligible spend in that period, and only if every condition holds."
            + (
                f" CNY {exception:,.0f} is the highest, by exception only; do not plan on it."
                if exception
                else ""
            )
            if en
            else f"{name}：{'原则上限' if exception else '上限'}{format_cny(cap)}按{ceiling}{format_ratio(ratio)}计算，"
            f"需要约{format_cny(spend)}的合格支出才可能达到上限，且须满足全部条件"
            + (f"；最高{format_cny(exception)}只是例外情况下的上限，不能按它打算" if exception else "")
            + "。"
        )
    if ratio and cap is not None:
        # A cap in another currency (香港科技券 累计60万港元) is published all the same: no spend in CNY is implied.
        return (
            f"{name}: {format_ratio(ratio)} of eligible spend, at most {cap_phrase(benefit, 'en')} as published; "
            "the amount depends on what the review accepts."
            if en
            else f"{name}：按合格支出的{format_ratio(ratio)}计算，公布上限{cap_phrase(benefit)}，金额取决于审核认定的支出。"
        )
    if ratio:
        return (
            f"{name}: {format_ratio(ratio)} of eligible spend; the text publishes no cap, so the amount depends "
            "on what the review accepts."
            if en
            else f"{name}：按合格支出的{format_ratio(ratio)}计算，原文未公布上限，金额取决于审核认定的支出。"
        )
    return (
        f"{name}: the text publishes no rate, so no amount can be estimated."
        if en
        else f"{name}：原文未公布补贴比例，无法估算金额。"
    )
