"""The conditions on what the client buys and where (advice_rules.md §1, §3).

- a planned purchase of a kind the program pays for (`purchase`), bought where the program says (`venue`),
  reaching the year's least spend the program requires (`min_spend`, on the client's own figure).

When the client spends, against the program's end, is in spend_timing.py; the program's own conditions the
client's words settle (训练 vs 推理, a target group, a listed trade) in stated_conditions.py; whether the client
develops or buys in role_conditions.py.
"""

from __future__ import annotations

import re

from app.advisor.engine.condition_words import venue_said
from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.listed_kinds import unlisted_need
from app.advisor.engine.names_in_order import english_orders, without_name
from app.advisor.engine.open_parts import open_purchase_reason, read_as_other_kind
from app.advisor.engine.purchase_places import judge_place, located, place_reason
from app.advisor.engine.purchases import Purchase, pays_for
from app.advisor.understand.currencies import foreign_currency
from app.advisor.understand.numbers import money_amounts
from app.advisor.understand.plans import adopted, said_purchases, self_done
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.fields import said_match
from app.catalogue.models import FundingProgram
from app.catalogue.render import format_cny, format_ratio
from app.catalogue.taxonomy import SPEND_LABELS, FundingType
from app.text.normalize import normalize

# The `fact` of a purchase condition left open because nothing the client buys is yet of the program's kind (they
# named no purchase, or one of another kind): the program pays for nothing they named, so its date is no call to
# apply (notices.py), unlike a purchase of its kind whose amount or place is still open.
KIND_OPEN = "purchase_kind"


def purchase(program: FundingProgram, purchases: list[Purchase] | None, said: str = "") -> Condition | None:
    """`_purchase`, with the kinds of product a closed list pays for named whenever the purchase is not met (a
    Taiwan shop told only "pays for software" could not check its LINE bot against the 7 kinds)."""
    judged = _purchase(program, purchases, said)
    kinds = program.eligibility.paid_kinds
    if judged is None or judged.status is Status.met or not kinds:
        return judged
    kinds_en = program.eligibility.paid_kinds_en or kinds
    unnamed = without_name(said, normalize(program.name), english_orders(program.name_en))
    need = unlisted_need(program, unnamed) if purchases is None and judged.status is Status.unknown else None
    if need is not None:  # what they want is none of the listed kinds: that decides before size (r15-34)
        return Condition(
            "purchase",
            Status.unmet,
            Reason(
                f"只支付公告列明的{len(kinds)}类：{'、'.join(kinds)}；您说的“{need}”不在其中",
                f"pays only for the {len(kinds)} kinds it lists: {', '.join(kinds_en)}; “{need}” is none of them",
            ),
        )
    reason = Reason(
        f"{judged.reason.zh}（公告列明的{len(kinds)}类：{'、'.join(kinds)}）",
        f"{judged.reason.en} (the {len(kinds)} kinds it lists: {', '.join(kinds_en)})",
    )
    return Condition(judged.name, judged.status, reason, judged.fact)


def _purchase(program: FundingProgram, purchases: list[Purchase] | None, said: str = "") -> Condition | None:
    """A purchase of a kind the program pays for, in the plan; `said`: the client's words.

    A kind the client names without an amount ("把系统迁到云上") is in their plan even when the pack does not
    price it: that leaves the condition open (how much, bought where), never "nothing of that kind".
    """
    tax = program.type is FundingType.tax_incentive
    if tax and not program.eligibility.tax_on_purchase:
        return None  # follows the tax position or a certification, not a purchase (its own conditions decide)
    scope = program.eligibility.spend_scope
    scope_zh = "、".join(SPEND_LABELS[k][0] for k in scope)
    scope_en = ", ".join(SPEND_LABELS[k][1] for k in scope)
    # A tax benefit on a purchase (a one-off deduction of equipment bought) applies to it; it pays for nothing.
    only_zh, only_en = ("只适用于", "applies only to") if tax else ("只支付", "pays only for")
    # Work the client does themselves is no purchase: the pack's catalogue item of that kind does not count.
    done = {p.kind: p for p in self_done(said)} if said else {}
    matched = [p for p in purchases or [] if pays_for(program, p) and (p.stated or p.kind not in done)]
    if matched:
        names = "、".join(dict.fromkeys(p.name_zh for p in matched[:3]))
        names_en = ", ".join(dict.fromkeys(p.name_en for p in matched[:3]))
        return Condition(
            "purchase", Status.met, Reason(f"支持的采购：{names}", f"matching purchase: {names_en}")
        )
    # What the client said they buy, in their words: only recognised words are quoted back (plans.py).
    # The program's own name is no purchase: "设备一次性税前扣除能用吗" buys no equipment (names_in_order.py).
    unnamed = without_name(said, normalize(program.name), english_orders(program.name_en)) if said else ""
    said_kinds = said_purchases(unnamed) if said else ()
    named = next(
        (p for p in said_kinds if p.kind in scope and not read_as_other_kind(p.words, p.kind, purchases)),
        None,
    )
    if named is not None:
        # An amount in another currency ("HK$12萬") is no yuan purchase, but it is an amount (foreign_figures.py).
        norm = normalize(named.words)
        foreign = any(foreign_currency(norm, m) for m in money_amounts(norm))
        # Only what the client's words leave open: the amount, where they buy, or neither (open_parts.py).
        reason = open_purchase_reason(
            named.words, SPEND_LABELS[named.kind], said, foreign, _where_matters(program)
        )
        return Condition("purchase", Status.unknown, reason)
    if purchases is None:
        other = said_kinds[0] if said_kinds else None
        if other is None and (plan := adopted(unnamed)):  # "上AI质检": a plan, of no one kind yet
            return Condition(
                "purchase",
                Status.unknown,
                Reason(
                    f"须有{scope_zh}类采购：您提到“{plan}”，须确认具体采购哪一类和金额",
                    f"{only_en} {scope_en}: you mention “{plan}”; which of these you buy, and for how much, is "
                    "still to confirm",
                ),
                fact=KIND_OPEN,
            )
        return Condition(
            "purchase",
            Status.unknown,
            Reason(
                f"须有{scope_zh}类采购，您还没说要买什么"
                if other is None
                else f"{only_zh}{scope_zh}类采购，您提到的“{other.words}”不属于这类，须确认是否另有这类采购",
                f"{only_en} {scope_en}; tell us what you will buy"
                if other is None
                else f"{only_en} {scope_en}; “{other.words}” is not of that kind: do you buy any?",
            ),
            fact=KIND_OPEN,
        )
    unlisted = [p for p in purchases if p.kind in scope and not pays_for(program, p)]
    if unlisted:  # a product of the right kind, but not one of the kinds the program lists (its closed list)
        names = "、".join(dict.fromkeys(p.name_zh for p in unlisted[:2]))
        names_en = ", ".join(dict.fromkeys(p.name_en for p in unlisted[:2]))
        return Condition(
            "purchase",
            Status.unmet,
            Reason(
                f"只支付公告列明的几类方案，您方案里的“{names}”不在其中",
                f"pays only for the kinds of product it lists; “{names_en}” in your plan is not one of them",
            ),
        )
    own = next((done[p.kind] for p in purchases if p.kind in scope and p.kind in done), None)
    if own is not None:
        zh, en = SPEND_LABELS[own.kind]
        return Condition(
            "purchase",
            Status.unmet,
            Reason(
                f"{only_zh}{scope_zh}；您说“{own.words}”，这是自己做的，不是采购的{zh}",
                f"{only_en} {scope_en}; you said “{own.words}”: work you do yourselves is no {en} bought",
            ),
        )
    return Condition(
        "purchase",
        Status.unmet,
        Reason(
            f"{only_zh}{scope_zh}，您的方案里没有这类采购",
            f"{only_en} {scope_en}; nothing in your plan is of that kind",
        ),
    )


# A program's own condition on where the spend is made: a platform, an exchange, a cluster, a centre, the place.
_PLACE_RULE = re.compile(r"平台|交易所|集群|中心|本地|省内|市内")


def _where_matters(program: FundingProgram) -> bool:
    """The program says where the spend is made (a venue, a purchase place, a platform in its conditions)."""
    eligibility = program.eligibility
    return (
        eligibility.venue is not None
        or any(r.bought_in or _PLACE_RULE.search(r.zh) for r in eligibility.stated_conditions)
        or any(_PLACE_RULE.search(c) for c in eligibility.special_conditions)
    )


def place_unruled(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
    """A purchase place the client states outside the program's own place, for a program whose text sets no rule on
    where the spend is made: said so, for the issuer to confirm (review15 r15-54: "does a Tianjin firm buying its
    compute in Inner Mongolia qualify" was never answered)."""
    home = program.eligibility.regions
    if not home or _where_matters(program) or program.eligibility.venue is not None:
        return None
    scope = program.eligibility.spend_scope
    for bought in profile.purchases:
        where = located(bought.where) if bought.kind in scope and bought.where else None
        if where is not None and not any(r.covers(where.province, where.city) for r in home):
            return Condition(
                "venue",
                Status.unknown,
                Reason(
                    f"原文没有规定须在哪里采购；您说在{bought.where}采购，能否申领请向发文单位确认",
                    f"the text sets no rule on where it is bought; you buy in {where.label_en}: whether that "
                    "qualifies is for the issuer to confirm",
                ),
            )
    return None


def _stated_spend(program: FundingProgram, purchases: list[Purchase] | None) -> float | None:
    """What the client says it spends on the kinds the program pays for (first year), None when it names no
    amount for them: the catalogue's range is no evidence of theirs."""
    stated = [p for p in purchases or [] if p.stated and p.kind in program.eligibility.spend_scope]
    return sum(p.first_year.max for p in stated) if stated else None


def min_spend(program: FundingProgram, purchases: list[Purchase] | None) -> Condition | None:
    """A program paying only above a yearly spend ("年度实际支出5万元（含）以上"): met or not on the amount the
    client states for that kind of spend; our catalogue range is no evidence of theirs, so it is asked for."""
    least = program.eligibility.min_annual_spend_cny
    if least is None:
        return None
    spent = _stated_spend(program, purchases)
    need_zh, need_en = format_cny(least), f"CNY {least:,.0f}"
    if spent is None:
        return Condition(
            "threshold",
            Status.unknown,
            Reason(
                f"须年度实际支出达到{need_zh}（含）以上，请告诉我们一年大约花多少",
                f"requires at least {need_en} of such spend in the year; tell us roughly how much you spend",
            ),
        )
    spent_zh, spent_en = format_cny(spent), f"CNY {spent:,.0f}"
    if spent >= least:
        return Condition(
            "threshold",
            Status.met,
            Reason(
                f"您说的{spent_zh}达到年度支出门槛{need_zh}",
                f"your {spent_en} meets the {need_en} yearly minimum",
            ),
        )
    return Condition(
        "threshold",
        Status.unmet,
        Reason(
            f"年度实际支出须达到{need_zh}（含）以上，您说的{spent_zh}不到门槛",
            f"requires at least {need_en} of such spend in the year; your {spent_en} is below it",
        ),
    )


def min_award(program: FundingProgram, purchases: list[Purchase] | None) -> Condition | None:
    """A program that pays no claim below a least award ("申领额度为合同费用的30%，最低不少于5000元"): on the
    amount the client states, ratio × amount under that least means nothing can be claimed (review: a 1.2万
    contract at 30% is 3,600). Unstated amounts leave it open; the least is said in the summary either way."""
    least, ratio = program.eligibility.min_award_cny, program.benefit.ratio
    if least is None or not ratio:
        return None
    spent = _stated_spend(program, purchases)
    if spent is None or (share := spent * ratio) >= least:
        return None
    share_zh, least_zh = format_cny(share), format_cny(least)
    return Condition(
        "threshold",
        Status.unmet,
        Reason(
            f"按{format_ratio(ratio)}只能申领{share_zh}，低于最低申领额{least_zh}",
            f"{format_ratio(ratio)} of what you named is CNY {share:,.0f}, below the least award of CNY {least:,.0f}",
        ),
    )


def venue(program: FundingProgram, said: str, profile: CompanyProfile | None = None) -> Condition | None:
    """A program bound to a platform or cluster pays only when the client says they buy there (§1); a purchase
    they say they make in another place is not made there (purchase_places.py: both places named)."""
    place = program.eligibility.venue
    if place is None:
        return None
    placed = judge_place(place.bought_in, program, profile) if profile is not None else None
    if placed is not None and placed.status is Status.unmet:
        return Condition("venue", Status.unmet, place_reason(placed, place.zh, place.en, place.bought_in))
    # The entry's own phrases first, then the venue's wording itself as the client may put it (condition_words).
    judged = venue_said(place.zh, program, said)
    if said_match(place.said, said) or judged.status is Status.met:
        return Condition(
            "venue", Status.met, Reason(f"您说在那里采购：{place.zh}", f"you buy there: {place.en}")
        )
    if judged.status is Status.unmet:
        return Condition(
            "venue",
            Status.unmet,
            Reason(f"{place.zh}，您说“{judged.words}”", f"{place.en}; you said “{judged.words}”"),
        )
    if placed is not None:  # bought in that place: whether on that platform or cluster is what is left
        return Condition(
            "venue",
            Status.unknown,
            Reason(
                f"须确认：{place.zh}（您说在{placed.said}采购，是否在这里采购须确认）",
                f"to confirm: {place.en} (you buy in {placed.where.label_en}; whether there is to confirm)",
            ),
        )
    return Condition(
        "venue",
        Status.unknown,
        Reason(
            f"须确认：{place.zh}（您没有说在那里采购）",
            f"to confirm: {place.en} (you did not say you buy there)",
        ),
    )
