"""What the client's own purchases mean for the programs listed (advice_rules.md §1, §2, §5).

- A contract the client names that no listed program pays for is said to be matched to nothing, with what
  the programs do pay for ("天津算力券只支付智能算力租用，不支付您提到的软件4万元"); one only awards pay for is
  said to be paid only if selected, with no amount.
- Two listed programs that pay for the same kind of spend, with no stacking rule between them: at the same level
  the same spend is claimed under one of them only, never twice; at different levels the sources do not say, so it
  is to confirm with both issuers (advice_rules §5).
A selected program (award, application grant) gets no figure on the client's contract: it pays nothing unless
selected, so it is shown as "selection required" with its published rate and cap only (funding_brief, focus).
"""

from __future__ import annotations

import re

from app.advisor.contract import Lang
from app.advisor.engine.arithmetic import product, ratio_is_ceiling
from app.advisor.engine.conditions import Reason, Status
from app.advisor.engine.costing import Subsidy
from app.advisor.engine.eligibility import Assessment, Verdict, deciding_reason
from app.advisor.engine.foreign_figures import foreign_money
from app.advisor.engine.pilot_lists import off_published_list
from app.advisor.engine.programs import listed_programs
from app.advisor.engine.purchases import Purchase
from app.catalogue.models import AmountRange, ApplicationMechanism
from app.catalogue.render import format_cny
from app.catalogue.taxonomy import SPEND_LABELS, FundingType, SpendKind


def _name(assessment: Assessment, en: bool) -> str:
    return assessment.program.name_en if en else assessment.program.name


def _amount(purchase: Purchase, en: bool) -> str:
    if (
        purchase.currency and purchase.amount_other is not None
    ):  # the client's figure in its currency (r12-47)
        return foreign_money(purchase.amount_other, purchase.currency, "en" if en else "zh")
    value = purchase.first_year.max
    return f"CNY {value:,.0f}" if en else format_cny(value)


def unpaid_client_items(client: list[Purchase], programs: list[Assessment], language: Lang) -> list[str]:
    """Each named contract no program open to the client pays for, said once, with what the programs pay for."""
    shown = listed_programs(programs)
    # Nothing listed (none applies): the client's own place's programs checked say what money there pays for.
    local = [a for a in programs if any(c.name == "region" and c.status is Status.met for c in a.conditions)]
    if not client or not (shown or local):
        return []
    en = language == "en"
    lines = []
    for purchase in client:
        payers = [a for a in programs if purchase.kind in a.program.eligibility.spend_scope]
        open_ = [a for a in payers if a.verdict is not Verdict.ineligible]
        zh_kind, en_kind = SPEND_LABELS[purchase.kind]
        amount = _amount(purchase, en)
        if open_ and all(a.selection_only for a in open_):
            # Only awards pay for it: never an amount to count on (§2), but the published ceiling on the
            # client's figure is what they ask "能补多少" for (review6 c26: "120万 × 50% = 60万, capped at 50万").
            names = (", " if en else "、").join(_name(a, en) for a in open_[:2])
            # Only for a program the client named: its figure is the one they asked for (review11 r11-21); a
            # pilot they did not ask about gets no "if selected" amount (review12 r12-56).
            ceilings = [c for a in open_ if a.asked and (c := selection_ceiling(a, purchase)) is not None][:1]
            said = (
                ("; ".join(c.en for c in ceilings) if en else "；".join(c.zh for c in ceilings))
                if ceilings
                else ""
            )
            lines.append(
                f"The {en_kind} you named ({amount}): only {names} may pay for it, and only if your project is "
                "selected; do not count on it in your budget."
                + (f" If selected, as published: {said}." if said else "")
                if en
                else f"您提到的{zh_kind}（{amount}）：能支付这类采购的只有须申报入选的{names}，入选才有，不要先算进预算"
                + (f"；入选后按公布口径：{said}。" if said else "。")
            )
            continue
        if open_:
            continue
        if payers and not (
            shown and not any(purchase.kind in a.program.eligibility.spend_scope for a in shown)
        ):
            # Some programs pay for it, but each rules the client out (manufacturing only, ended…): the first
            # one's deciding reason, the same the verdict line gives (review6 s1t2 said a false "pays for none").
            first = next((a for a in payers if any(a is b for b in local)), payers[0])
            reason = deciding_reason(first)
            bare_en, bare_zh = (
                re.sub(r"\s*[（(][^（）()]*[）)]$", "", _name(first, en)) for en in (True, False)
            )
            why_en = f" ({bare_en}: {reason.en})" if reason else ""
            why_zh = f"（{bare_zh}：{reason.zh}）" if reason else ""
            lines.append(
                f"The {en_kind} you named ({amount}): none of the programs that pay for this kind of purchase is "
                f"open to you{why_en}, so nothing is subtracted from it."
                if en
                else f"您提到的{zh_kind}（{amount}）：支付这类采购的补贴都不适用于您{why_zh}，这笔钱不能用它们抵扣。"
            )
            continue
        scopes = {k for a in shown or local for k in a.program.eligibility.spend_scope}
        paid_zh = "、".join(SPEND_LABELS[k][0] for k in sorted(scopes))
        paid_en = ", ".join(SPEND_LABELS[k][1] for k in sorted(scopes))
        lines.append(
            f"The {en_kind} you named ({amount}) is matched to no program here: the programs checked pay only "
            f"for {paid_en}, so nothing is subtracted from it."
            if en
            else f"您提到的{zh_kind}（{amount}）：所查的补贴都不支付这类采购（只支付{paid_zh}），这笔钱不能用它们抵扣。"
        )
    return lines


def selection_ceiling(assessment: Assessment, purchase: Purchase) -> Reason | None:
    """The most a pilot program could pay on the client's figure once enrolled, as published ("120万元 × 最高50% = 最多60万元，
    超过上限50万元…最多50万元"); None without a published rate in yuan. Said, never subtracted (§2)."""
    program = assessment.program
    ratio = assessment.ratio or program.benefit.ratio
    # A named award paid at a fixed published rate to every project certified at a level (黑龙江: 10% of the contract
    # once 认定 at 先进级, r11-21) is worked on the client's figure; a contest for a few selected projects is not,
    # nor a discretionary "最高30%" rate (issue #11), nor an award nobody asked about.
    ratio_fixed = ratio is not None and not ratio_is_ceiling(program, ratio)
    certified = any(re.search(r"须经[^，。；]{0,6}认定", text) for text in program.eligibility.requirements)
    named_award = assessment.asked and assessment.selection_only and ratio_fixed and certified
    if program.how_to_apply.mechanism is not ApplicationMechanism.via_pilot_city and not named_award:
        return None
    if off_published_list(assessment):
        return (
            None  # the client's city is on none of its published lists (哈尔滨, review11 r11-21): no figure
        )
    if not ratio or program.benefit.currency != "CNY" or purchase.first_year.max <= 0:
        return None
    subsidy = Subsidy(assessment, purchase, ratio, AmountRange(min=0, max=0), in_net=False)
    figure = product(subsidy)
    if program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city:
        return figure
    # A named award's figure is paid only on what it requires ("须经省级认定…", "须认定为先进级"): said with it.
    must = [n for n, text in enumerate(program.eligibility.requirements) if "须" in text][:2]
    en = program.eligibility.requirements_en
    if not must:
        return figure
    zh_terms = "；".join(program.eligibility.requirements[n] for n in must)
    en_terms = "; ".join(en[n] for n in must if n < len(en))
    return Reason(f"{figure.zh}（前提：{zh_terms}）", f"{figure.en} (provided: {en_terms})")


def _tax_rule(assessment: Assessment) -> bool:
    """A tax benefit is claimed in a tax filing, not paid on the spend: a VAT credit, an income-tax deduction and a
    grant on the same machines do not exclude each other unless the catalogue says so (review12 r12-49)."""
    return assessment.program.how_to_apply.mechanism is ApplicationMechanism.tax_filing


def _interest(assessment: Assessment) -> bool:
    return assessment.program.type is FundingType.loan_interest_subsidy


def same_spend_twice(
    programs: list[Assessment],
    bought: set[SpendKind],
    language: Lang,
    computed: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    """One sentence for the first pair of listed programs paying for the same spend the client has.

    `computed`: the programs the answer puts an amount on; only then is there an amount to say is for one.
    """
    listed = [a for a in listed_programs(programs) if a.verdict is not Verdict.ineligible]
    en = language == "en"
    for i, one in enumerate(listed):
        for other in listed[i + 1 :]:
            shared = set(one.program.eligibility.spend_scope) & set(other.program.eligibility.spend_scope)
            shared &= bought
            if (
                not shared
                or one.program.stacks_with(other.program)
                or one.selection_only
                or other.selection_only
                or _tax_rule(one)
                or _tax_rule(other)
            ):
                continue
            zh_kind, en_kind = SPEND_LABELS[sorted(shared)[0]]
            if _interest(one) and _interest(other):  # they pay interest on a loan, not the thing it buys
                zh_kind, en_kind = "同一笔贷款的利息", "the interest on the same loan"
            amounts = {one.program.id, other.program.id} & computed
            if not one.program.claimed_once_with(other.program):
                # Not said to exclude each other unless the catalogue says so (review13 r13-09: "不能重复申领" of
                # central and 苏州 interest; s21: of two programs of one level whose entries never say it)
                levels = one.program.scope_level is not other.program.scope_level
                return [
                    f"{_name(one, en)} and {_name(other, en)}"
                    + (" (different levels of government)" if levels else "")
                    + f" both pay for "
                    f"{en_kind}: the sources do not say whether the same spend can be claimed under both; confirm "
                    "with both issuers before counting on the second"
                    + ("; the amounts shown are for one program." if amounts else ".")
                    if en
                    else f"{_name(one, en)}和{_name(other, en)}"
                    + ("（不同层级）" if levels else "")
                    + f"都支付{zh_kind}：所读原文没有写明同一笔支出能否两项都申领，请先向两个发文单位确认，再计入第二项"
                    + ("；所列金额只按其中一项计算。" if amounts else "。")
                ]
            return [
                f"{_name(one, en)} and {_name(other, en)} both pay for {en_kind}: the same spend can be claimed "
                "under one of them only, not twice"
                + ("; the amounts shown are for one program." if amounts else ".")
                if en
                else f"{_name(one, en)}和{_name(other, en)}都支付{zh_kind}：同一笔支出只能在其中一项申领，"
                "不能重复申领" + ("；所列金额只按其中一项计算。" if amounts else "。")
            ]
    return []
