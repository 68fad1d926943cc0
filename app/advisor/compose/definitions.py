"""What a kind of voucher is, from the catalogue: "算力券是啥", "what is a compute voucher" (review13 r13-26).

An owner who has only heard the word asks what it is before asking whether they can get one. The answer listed
the vouchers of two platforms far from the client (庆阳, 贵州) and asked for the place: no definition. A
consultant says what the kind pays for, how the money arrives, what share it pays and where the sources hold
one, then offers to check the client's city. Every part is read from the catalogue's programs of that kind
(place_vouchers.of_kind), so the definition never says more than the sources: the purchases their scopes name,
their mechanisms, the range of their published rates, their places.
"""

from __future__ import annotations

import re
from collections import Counter

from app.advisor.contract import Lang
from app.advisor.engine.place_vouchers import KINDS_EN, KINDS_ZH, of_kind
from app.catalogue.models import ApplicationMechanism, Catalogue, FundingProgram
from app.catalogue.place_names import english_place
from app.catalogue.render import format_ratio
from app.catalogue.taxonomy import SPEND_LABELS
from app.text.normalize import normalize

_KIND_ZH = "|".join(sorted(KINDS_ZH, key=len, reverse=True))
_KIND_EN = "|".join(sorted(KINDS_EN, key=len, reverse=True))
# "算力券是啥", "模型券是什么意思", "语料券到底是个什么东西", "什么是算力券", "算力券是干嘛用的"
_ASKS_ZH = re.compile(
    rf"(?:什么是|啥是|何为|解释一?下)\s*(?P<a>{_KIND_ZH})|"
    rf"(?P<b>{_KIND_ZH})\s*(?:到底|究竟)?\s*(?:是|是个|是一种|指的是|指)?\s*"
    r"(?:啥|什么|什麼|甚么|干嘛|干什么|怎么回事|咩|乜)(?:东西|意思|玩意|用的|的)?"
)
# "what is a compute voucher", "what's a corpus voucher", "what are model vouchers", "explain the data voucher"
_ASKS_EN = re.compile(
    rf"\b(?:what(?:'s| is| are| exactly is| exactly are)|explain|define)\s+(?:an?\s+|the\s+)?(?:ai\s+)?"
    rf"(?P<c>{_KIND_EN})[ -]vouchers?\b|\bwhat does (?:an?\s+|the\s+)?(?P<d>{_KIND_EN})[ -]voucher mean"
)
HOW_ZH = {
    ApplicationMechanism.two_step_claim: "先签合同申领、付款结算后兑付",
    ApplicationMechanism.post_award: "先全额付款、审核后事后奖补",
    ApplicationMechanism.instant_deduction: "领券后付款时直接抵扣",
    ApplicationMechanism.via_platform: "须在指定平台购买",
    ApplicationMechanism.competitive_selection: "须申报遴选、入选才有",
    ApplicationMechanism.vendor_deduction: "由服务商在售价中先行折抵",
    ApplicationMechanism.via_pilot_city: "只给所在城市入选试点、且进入当地改造名单的企业",
    ApplicationMechanism.tax_filing: "在年度纳税申报时享受，不是采购折扣",
    ApplicationMechanism.no_application: "符合条件即享，无需申请",
}
HOW_EN = {
    ApplicationMechanism.two_step_claim: "claimed on a signed contract and paid back after settlement",
    ApplicationMechanism.post_award: "paid after the award, once you have paid in full and passed review",
    ApplicationMechanism.instant_deduction: "deducted from the bill when you pay",
    ApplicationMechanism.via_platform: "usable only on a designated platform",
    ApplicationMechanism.competitive_selection: "given only to selected projects",
    ApplicationMechanism.vendor_deduction: "deducted by the vendor up front",
    ApplicationMechanism.via_pilot_city: "given only to firms on the retrofit list of a city selected as a pilot",
    ApplicationMechanism.tax_filing: "claimed in the annual tax filing, not a purchase discount",
    ApplicationMechanism.no_application: "granted without an application to firms that qualify",
}


def asked_kind(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The voucher kind a definition question asks about, as (the word asked, the words in programs' names)."""
    norm = normalize(text)
    match = _ASKS_ZH.search(norm)
    if match:
        word = match.group("a") or match.group("b")
        return word, KINDS_ZH[word]
    match = _ASKS_EN.search(norm)
    if match:
        word = match.group("c") or match.group("d")
        return f"{word} voucher", KINDS_EN[word]
    return None


def definition(text: str, catalogue: Catalogue, language: Lang, place_known: bool) -> str | None:
    """The definition a question asks for, from the catalogue's programs of that kind; None when it asks none
    or the catalogue holds no program of the kind (then the not-in-sources checks answer)."""
    asked = asked_kind(text)
    if asked is None:
        return None
    word, kin = asked
    programs = [p for p in catalogue.funding if of_kind(p, kin)]
    if not programs:
        return None
    en = language == "en"
    scope = Counter(k for p in programs for k in p.eligibility.spend_scope)
    pays = [SPEND_LABELS[k][1 if en else 0] for k, _ in scope.most_common(2)]
    ways = Counter(p.how_to_apply.mechanism for p in programs)
    how = [(HOW_EN if en else HOW_ZH)[m] for m, _ in ways.most_common(3) if m in HOW_ZH]
    ratios = sorted({p.benefit.ratio for p in programs if p.benefit.ratio})
    places = list(dict.fromkeys(_place(p, en) for p in programs))
    shown = places[:6]
    more = len(places) - len(shown)
    if en:
        rate = (
            f" The published shares run from {format_ratio(ratios[0])} to {format_ratio(ratios[-1])}, each with a cap."
            if len(ratios) > 1
            else ""
        )
        where = ", ".join(shown) + (f" and {more} more" if more else "")
        offer = (
            "Whether yours applies depends on where your company is registered: tell me your city and what you "
            "plan to buy, and I will check."
            if not place_known
            else "Below is what applies where your company is registered."
        )
        return (
            f"A {word} is a local government subsidy that pays a share of what a firm spends on "
            f"{' and '.join(pays)}; it is not cash and does not pay for other purchases. Most are "
            f"{'; others are '.join(how)}.{rate} My sources hold one for {where}. {offer}"
        )
    rate = (
        f"公布的比例在{format_ratio(ratios[0])}到{format_ratio(ratios[-1])}之间，各有上限。"
        if len(ratios) > 1
        else ""
    )
    where = "、".join(shown) + (f"等{len(places)}地" if more else "")
    offer = (
        "能不能用要看公司注册在哪个城市：告诉我所在城市和打算买什么，我帮您核对。"
        if not place_known
        else "下面是贵公司注册地适用的情况。"
    )
    return (
        f"{word}是地方政府按比例补贴企业{'、'.join(pays)}费用的券，不是现金，也不能用于其他采购；"
        f"多数{'，有的'.join(how)}。{rate}资料中有{where}的{word}。{offer}"
    )


def _place(program: FundingProgram, en: bool) -> str:
    region = program.region
    if en:
        return english_place(region.province or "", region.city).split(",")[0]
    return region.city or region.province or region.label
