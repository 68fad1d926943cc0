"""The conditions on what the client buys, where and when (advice_rules.md §1, §3, §4).

- a planned purchase of a kind the program pays for (`purchase`), bought where the program says (`venue`),
  reaching the year's least spend the program requires (`min_spend`, on the client's own figure);
  whether the client develops or buys is in role_conditions.py;
- a spend the client says starts next year, for a program that ends this year: covered only if renewed;
- the program's own conditions the client's words settle (`stated`): the purpose of the spend (训练 vs 推理),
  its timing (approval before the project), the program's target group (an AI OPC).
"""

from __future__ import annotations

import re
from datetime import date

from app.advisor.engine.condition_words import venue_said
from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.names_in_order import english_orders, without_name
from app.advisor.engine.purchases import Purchase, pays_for
from app.advisor.engine.sector_lists import english_trade
from app.advisor.engine.stated_days import signed_by, stated_day
from app.advisor.understand.numbers import foreign_currency, money_amounts
from app.advisor.understand.plans import adopted, said_purchases, self_done
from app.catalogue.fields import said_match
from app.catalogue.models import FundingProgram
from app.catalogue.render import format_cny
from app.catalogue.taxonomy import SPEND_LABELS, FundingType
from app.text.normalize import normalize


def purchase(program: FundingProgram, purchases: list[Purchase] | None, said: str = "") -> Condition | None:
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
    named = next((p for p in said_kinds if p.kind in scope), None)
    if named is not None:
        zh, en = SPEND_LABELS[named.kind]
        # An amount in another currency ("HK$12萬") is no yuan purchase, but it is an amount (foreign_figures.py).
        norm = normalize(named.words)
        foreign = any(foreign_currency(norm, m) for m in money_amounts(norm))
        open_zh, open_en = (
            ("", "where you buy it is") if foreign else ("金额和", "the amount and where you buy it are")
        )
        return Condition(
            "purchase",
            Status.unknown,
            Reason(
                f"您提到“{named.words}”（{zh}），但还没有{open_zh}采购方式，须确认",
                f"you mention “{named.words}” ({en}); {open_en} still to confirm",
            ),
        )
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


def min_spend(program: FundingProgram, purchases: list[Purchase] | None) -> Condition | None:
    """A program paying only above a yearly spend ("年度实际支出5万元（含）以上"): met or not on the amount the
    client states for that kind of spend; our catalogue range is no evidence of theirs, so it is asked for."""
    least = program.eligibility.min_annual_spend_cny
    if least is None:
        return None
    scope = program.eligibility.spend_scope
    stated = [p for p in purchases or [] if p.stated and p.kind in scope]
    need_zh, need_en = format_cny(least), f"CNY {least:,.0f}"
    if not stated:
        return Condition(
            "threshold",
            Status.unknown,
            Reason(
                f"须年度实际支出达到{need_zh}（含）以上，请告诉我们一年大约花多少",
                f"requires at least {need_en} of such spend in the year; tell us roughly how much you spend",
            ),
        )
    spent = sum(p.first_year.max for p in stated)
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


def venue(program: FundingProgram, said: str) -> Condition | None:
    """A program bound to a platform or cluster pays only when the client says they buy there (§1)."""
    place = program.eligibility.venue
    if place is None:
        return None
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
    return Condition(
        "venue",
        Status.unknown,
        Reason(
            f"须确认：{place.zh}（您没有说在那里采购）",
            f"to confirm: {place.en} (you did not say you buy there)",
        ),
    )


# A spend the client places next year: "明年…每个月花3万", "from next January", "2027年起".
_NEXT_YEAR = re.compile(r"明年|下一年|来年|next year|from january|starting (?:in )?january", re.I)
_SPEND_WORDS = re.compile(r"花|买|采购|租|调用|合同|签|付|下单|spend|pay|buy|rent|sign|contract|order", re.I)


def _spend_after_end(until: date, said: str, today: date) -> Condition | None:
    """The client signs or spends on a day after the program ends (review8 probe p3: "12月20号签约" and the
    measures end on 12-17; "1月份签", "过完年再签": every day those can mean): that spend is not covered unless
    the program is renewed (engine/stated_days.py reads the day)."""
    for sentence in re.split(r"[。！？!?\n;；]", said):
        when = stated_day(sentence, today) if _SPEND_WORDS.search(sentence) else None
        if when is not None and (by := signed_by(when, until)):
            return by
        if when is not None and when.day > until:
            return Condition(
                "validity",
                Status.unmet,
                Reason(
                    f"您说{when.zh}签约或支出，而这项政策有效期至{until}：之后的支出不在其内，除非续期或出新一期",
                    f"you sign or spend {when.en} and the program runs until {until}: spend after that is "
                    "covered only if it is renewed",
                ),
            )
    return None


def spend_timing(program: FundingProgram, said: str, today: date) -> Condition | None:
    """The client's spend starts next year, or on a day they name, after the program ends (§4): covered only if
    renewed."""
    until = program.validity.effective_until
    if until is None or until < today:
        return None
    after_end = _spend_after_end(until, said, today)
    if after_end is not None or until >= date(today.year + 1, 1, 1):
        return after_end
    years = [str(y) for y in range(today.year + 1, today.year + 3)]
    sentences = re.split(r"[。！？!?\n;；]", said)
    later = [
        s
        for s in sentences
        if (_NEXT_YEAR.search(s) or any(f"{y}年" in s or f"in {y}" in s for y in years))
        and _SPEND_WORDS.search(s)
    ]
    if not later:
        return None
    return Condition(
        "validity",  # the program's period against when the client spends
        Status.unmet,
        Reason(
            f"您的支出从明年开始，而这项政策有效期至{until}：除非续期或出新一期，明年的支出不在其内",
            f"your spend starts next year and the program runs until {until}: next year's spend is covered only "
            "if it is renewed",
        ),
    )


# A trade the client names by its product: "食品厂", "家具厂", "做卤味的" (not "工厂", "一家厂", "的工厂").
_TRADE = re.compile(
    r"([\u4e00-\u9fff]{2})(?:工?厂|作坊)|(?:做|生产|加工)([\u4e00-\u9fff]{2,6}?)(?:加工|生产|制造)?的"
)
_NOT_A_TRADE = re.compile(r"[的个们这那我工型]|一家|制造|加工|生产")


def _named_trade(said: str) -> re.Match[str] | None:
    return next((m for m in _TRADE.finditer(said) if not _NOT_A_TRADE.search(m.group(1) or m.group(2))), None)


# Modifiers of a listed trade a client leaves out ("新型耐火材料": they say 耐火砖; "高端数控机床": 数控机床).
_LIST_FILLER = re.compile(r"^(?:新型|高端|精品|智能|新)+|(?:及配件|加工|制造|制品|新材料|材料)$")


def listed_item(condition: str, said: str) -> bool:
    """The client names an item of the condition's own list ("（汽车零部件及配件、新型耐火材料…）"): its core (a
    two-character one whole, a longer one by any three characters in a row), so 耐火砖 is 新型耐火材料."""
    inner = re.search(r"[（(]([^（）()]+)[）)]", condition)
    for item in re.split(r"[、与和]", inner.group(1)) if inner else []:
        core = _LIST_FILLER.sub("", _LIST_FILLER.sub("", item.strip()))
        if len(core) == 2 and core in said:
            return True
        if len(core) > 2 and any(core[i : i + 3] in said for i in range(len(core) - 2)):
            return True
    return False


def stated(program: FundingProgram, said: str, cased: str = "") -> list[Condition]:
    """Each condition the catalogue lets the client's words settle; a violation quotes their words (§3)."""
    out = []
    said = re.sub(r"(?<=\w)[-_/](?=\w)", " ", said)  # "auto-parts maker" says "auto parts"
    for rule in program.eligibility.stated_conditions:
        against = said_match(rule.unmet_when, said) if rule.unmet_when else None
        listed = rule.met_when and (said_match(rule.met_when, said) or listed_item(rule.zh, said))
        if rule.closed_list and not listed:
            # a trade they name that is not on the list ("食品厂", "food processing plant": review11 r11-45)
            against = against or _named_trade(said) or english_trade(said)
        if against:
            quoted = cased if len(cased) == len(said) else said  # their words as typed ("不是OPC")
            words = quoted[against.start() : against.end()].strip()
            out.append(
                Condition(
                    "special",  # the program's own condition, settled by the client's words
                    Status.unmet,
                    Reason(f"{rule.zh}，您说“{words}”", f"{rule.en}; you said “{words}”"),
                )
            )
        elif listed:
            out.append(Condition("special", Status.met, Reason(f"{rule.zh}：符合", f"{rule.en}: met")))
        else:
            out.append(
                Condition("special", Status.unknown, Reason(f"须确认：{rule.zh}", f"to confirm: {rule.en}"))
            )
    return out
