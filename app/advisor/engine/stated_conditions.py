"""The program's own conditions the client's words settle (advice_rules.md §3).

The catalogue's `stated_conditions` of a program: the purpose of the spend (训练 vs 推理), its timing (approval
before the project), the program's target group (an AI OPC), a closed list of trades. Each is met when the client's
words say so, unmet when they say the opposite (a violation quotes their words), else still to confirm.
"""

from __future__ import annotations

import re

from app.advisor.engine.compute_purpose import purpose_words
from app.advisor.engine.condition_words import VENUE_WORD, judge, venue
from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.purchase_places import judge_place, place_reason
from app.advisor.engine.sector_lists import english_trade
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.fields import said_match
from app.catalogue.models import FundingProgram, StatedCondition

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


# The `fact` of a closed list's condition the client's words meet: said back even when the verdict is still open.
ON_CLOSED_LIST = "on_closed_list"


def stated(
    program: FundingProgram, said: str, cased: str = "", profile: CompanyProfile | None = None
) -> list[Condition]:
    """Each condition the catalogue lets the client's words settle; a violation quotes their words (§3)."""
    out = []
    words = said
    said = re.sub(r"(?<=\w)[-_/](?=\w)", " ", said)  # "auto-parts maker" says "auto parts"
    for rule in program.eligibility.stated_conditions:
        if rule.compute_purpose is not None:
            out.append(_purpose(rule.compute_purpose, rule.zh, rule.en, said))
            continue
        if rule.bought_in and (placed := _bought_in(rule, program, profile, cased or words)) is not None:
            out += placed
            continue
        against = said_match(rule.unmet_when, said) if rule.unmet_when else None
        # Only a closed list's bracket is a list of items: "（在省外采购的算力不在其内）" is a remark, and its "的算力"
        # was read as the client naming an item ("山东的算力券", review13 r13-55).
        listed = rule.met_when and (
            said_match(rule.met_when, said) or (rule.closed_list and listed_item(rule.zh, said))
        )
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
        elif isinstance(listed, re.Match) and rule.closed_list:
            # On a closed list (成都's five pilot sectors): the client hears that their trade is on it, in their words.
            quoted = cased if len(cased) == len(said) else said
            words = quoted[listed.start() : listed.end()].strip()
            out.append(
                Condition(
                    "special",
                    Status.met,
                    Reason(f"{rule.zh}：符合（您说“{words}”）", f"{rule.en}: met (you said “{words}”)"),
                    fact=ON_CLOSED_LIST,
                )
            )
        elif listed:
            out.append(Condition("special", Status.met, Reason(f"{rule.zh}：符合", f"{rule.en}: met")))
        else:
            out.append(
                Condition("special", Status.unknown, Reason(f"须确认：{rule.zh}", f"to confirm: {rule.en}"))
            )
    return out


def _purpose(wanted: str, zh: str, en: str, said: str) -> Condition:
    """What the rented compute is for, as the client states it (compute_purpose.py): the program's purpose said
    is met; only another purpose said ("淨係做推理", "inference only, no training") is unmet, quoting them."""
    said_for = purpose_words(said)
    if wanted in said_for:
        return Condition("special", Status.met, Reason(f"{zh}：符合", f"{en}: met"))
    if said_for:
        words = next(iter(said_for.values()))
        return Condition("special", Status.unmet, Reason(f"{zh}，您说“{words}”", f"{en}; you said “{words}”"))
    return Condition("special", Status.unknown, Reason(f"须确认：{zh}", f"to confirm: {en}"))


# A provider the client calls local: in their own place, which settles a rule to buy in the province or city.
_LOCAL_VENUE = re.compile(
    r"(?:本地|本市|当地|local)[^，。；,.;]{0,8}?(?:智算中心|算力中心|数据中心|机房|云|算力|智算|"
    r"computing cent|data cent|gpu|compute|cloud)",
    re.I,
)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _named_venues(rule: StatedCondition) -> bool:
    """The condition names the centres or platform the spend must be bought at, not only the place."""
    return bool(VENUE_WORD.search(rule.zh))


def _bought_in(
    rule: StatedCondition, program: FundingProgram, profile: CompanyProfile | None, said: str
) -> list[Condition] | None:
    """Where the spend is bought: the place the client says it buys in settles it (purchase_places.py); else, for
    an entry without phrases of its own, the client's words as a venue's wording is judged (condition_words); None:
    the entry's phrases decide, like any stated condition's."""
    placed = judge_place(rule.bought_in, program, profile) if profile is not None else None
    if placed is not None and (placed.status is Status.unmet or not _named_venues(rule)):
        return [Condition("special", placed.status, place_reason(placed, rule.zh, rule.en, rule.bought_in))]
    local = _LOCAL_VENUE.search(said)
    if (
        placed is None
        and local
        and profile is not None
        and any(r.covers(profile.province, profile.city) for r in rule.bought_in)
        and not _named_venues(rule)
    ):
        # "在本地智算中心租算力" from a 青岛 firm is compute bought in Shandong (review16 r16-22: asked again).
        words = local.group(0)
        return [
            Condition(
                "special",
                Status.met,
                Reason(f"{rule.zh}：符合（您说“{words}”）", f"{rule.en}: met (you said “{words}”)"),
            )
        ]
    if _named_venues(rule) and (placed is not None or local):
        # Bought in the right city is not yet bought at the centres the text names (成都's 2023 voucher: 国家超算成都
        # 中心 or 成都智算中心; review17: "a provider in Chengdu" was met): one of them said is met, else to confirm.
        named = venue(rule.zh if _HAN.search(said) else rule.en, program, said)
        if named.status is Status.met:
            return [
                Condition(
                    "special",
                    Status.met,
                    Reason(
                        f"{rule.zh}：符合（您说“{named.words}”）",
                        f"{rule.en}: met (you said “{named.words}”)",
                    ),
                )
            ]
        return [
            Condition(
                "special",
                Status.unknown,
                Reason(
                    f"须确认：{rule.zh}（在当地采购还不够，须是其中点名的算力中心）",
                    f"to confirm: {rule.en} (buying locally is not enough: it must be one of the centres named)",
                ),
            )
        ]
    if rule.met_when or rule.unmet_when:
        return None
    return [Condition("special", status, reason) for status, reason in judge(rule.zh, rule.en, program, said)]
