"""Whether a catalogue solution fits the client at all, before any need is matched: its platform reaches the
client's place, its trades include theirs, its sizes theirs, and its skills are within one level of theirs.

Split from recommend.py (session 15) so the ranking module holds the ranking only.
"""

from __future__ import annotations

import re

from app.advisor.engine.channel_fit import channel_caveat
from app.advisor.engine.conditions import outside_mainland
from app.advisor.engine.need_words import says
from app.advisor.engine.pack_picks import SolutionPick
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import Solution
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, ITSkill, SizeClass
from app.text.normalize import normalize

_SKILL_ORDER = [ITSkill.none, ITSkill.basic, ITSkill.intermediate, ITSkill.advanced]


# A tool built on WeChat (企业微信, 朋友圈) reaches customers only where they use WeChat: not in Taiwan, where shops
# reach members through LINE (review12 r12-39, review13 r13-40: a WeCom tool for a Taipei shop).
# Only a tool built on WeChat alone counts: one that answers by phone *or* WeChat ("AI电话和微信预约接待"), or links
# to WeCom *or* DingTalk, works there too (a Taiwan homestay's phone bookings lost their only pick at integration).
_WECHAT_BOUND = re.compile(r"基于企业微信|基于微信|私域|built on wecom|built on wechat", re.I)
_NO_WECHAT = frozenset({"台湾"})


def _platform_fits(solution: Solution, profile: CompanyProfile) -> bool:
    bound = _WECHAT_BOUND.search(f"{solution.name_zh} {solution.summary_zh}")
    return not (bound and profile.province in _NO_WECHAT)


# A tool that plugs into an online shop's back end (淘宝、拼多多、抖店, "各电商平台") serves a business selling on such a
# platform, not a shop whose customers come through its door and its social media (review12 r12-37: a Macau souvenir
# shop asking for social-media promotion got an e-commerce ad-analytics tool and a Taobao/PDD bot).
_SHOP_BACKEND = re.compile(r"淘宝|拼多多|抖店|电商平台")
# The client's words say it sells on such a platform. "没开网店" / "no online shop" says the opposite.
_SELLS_ONLINE = re.compile(
    r"电商|网店|网上店|淘宝|天猫|京东|拼多多|抖店|抖音小店|快手小店|小红书店|有赞|微店|1688|速卖通|亚马逊|独立站|"
    r"跨境|店铺后台|生意参谋|直通车|千川|店小蜜|"
    r"e-?commerce|online (?:shop|store)|web ?shop|amazon|shopee|lazada|aliexpress|shopify|tmall|taobao|"
    r"pinduoduo|jd\.com|temu|tiktok shop|cross-border",
    re.I,
)
_NOT_BEFORE = re.compile(
    r"(?:没|没有|不|未|无|never|no|not|don't have an?|without an?)\s*(?:开|做|有|上)?\s*$", re.I
)


def _said_online(said: str) -> list[bool]:
    """Each mention of an online shop platform in the client's words: True said as theirs, False denied."""
    return [
        not _NOT_BEFORE.search(said[max(0, m.start() - 8) : m.start()]) for m in _SELLS_ONLINE.finditer(said)
    ]


def sells_online(said: str) -> bool:
    """The client's own words say it sells through an online shop platform (not "没开网店")."""
    return any(_said_online(said))


def platform_in_use(solution: Solution, profile: CompanyProfile, said: str, named_itself: bool) -> bool:
    """A shop-platform tool is for a client selling on one: said in its words, or (in the mainland, where those
    platforms are where shops sell) the tool's job named in the catalogue's words ("再买个客服SaaS", "想上个智能客服").
    Outside the mainland the platform itself must be said: Taobao and Pinduoduo back ends are not where a Macau or
    Hong Kong shop sells; and a client saying it has no online shop ("没开网店") gets none anywhere."""
    if not _SHOP_BACKEND.search(solution.summary_zh):
        return True
    mentions = _said_online(said)
    if any(mentions):
        return True
    return not mentions and named_itself and not outside_mainland(profile.province)


def fits(solution: Solution, profile: CompanyProfile) -> tuple[bool, str]:
    if not _platform_fits(solution, profile):
        return False, "platform"
    if profile.industry and solution.industries and profile.industry not in solution.industries:
        return False, "industry"
    if profile.size_class and not _size_fits(solution, profile.size_class):
        return False, "size"
    if profile.it_skill is not None:
        need = _SKILL_ORDER.index(solution.prerequisites.it_skill)
        if need > _SKILL_ORDER.index(profile.it_skill) + 1:  # one level can be bought in from the vendor
            return False, "skills"
    return True, ""


def outside_classes(solution: Solution, client_class: str | None) -> bool:
    """The client's GB/T class (`client_class`, read from its own words for the business) is in a division the tool
    is made for but none of its classes (`Solution.classes`): a kindergarten (8310) and the homework tool listed for
    the schools of 832-839. The section alone let a kindergarten asking for parent reports be offered homework
    grading; a class in another division is left to the section's fit."""
    if not solution.classes or not client_class:
        return False
    in_division = any(client_class[:2] == listed[:2] for listed in solution.classes)
    return in_division and not any(client_class.startswith(listed) for listed in solution.classes)


def objects_of(solution: Solution) -> list[str]:
    """What the tool works on (`works_on`), normalised as `names_its_object` reads it."""
    return [normalize(w) for w in solution.works_on]


def names_its_object(objects: list[str], need: str) -> bool:
    """The need (normalised, the business left out) names something the tool works on (`objects_of`).

    The one way a tool listed for other trades reaches a client: a pig farm's "风机和水泵老坏" names what the factory
    maintenance sensors watch, a sewage plant's 电费 what the energy monitor meters. A word the tool shares with tools
    of other trades names only the kind of job: "原材料备货不准" at a food factory says 备货 like a shop's and a
    restaurant's forecasting tools, and none of their objects (商品, 菜品), so neither is offered; nor is a greenhouse
    controller to a cold-chain carrier for the 温湿度 of its trucks (s20 brief)."""
    return any(says(o, need) for o in objects)


def serves_trade(solution: Solution, industry: str | None, need: str) -> bool:
    """The tool is for a client of `industry` whose need (normalised) is `need`: listed for any trade or for theirs, or
    (unless made for its trades alone) the need names what it works on."""
    if not industry or not solution.industries or industry in solution.industries:
        return True
    return not solution.audience_only and names_its_object(objects_of(solution), need)


def trade_caveat(solution: Solution, other_trade: bool, english: bool) -> str:
    """One sentence after the line of a tool made for other trades than the client's (a shop's sales forecaster for a
    factory forecasting its orders): whom it was made for and what to confirm, in the catalogue's own words."""
    if not other_trade or not solution.industries:
        return ""
    if english:
        trades = " / ".join(INDUSTRY_SECTIONS[code][1].lower() for code in solution.industries)
        return f"It was made for {trades}: ask the vendor whether it works with your own data before you buy."
    trades = "、".join(INDUSTRY_SECTIONS[code][0] for code in solution.industries)
    return (
        f"该工具原为{trades}设计，需要{solution.prerequisites.data}：购买前请向服务商确认能用您自己的数据。"
    )


def pick_caveats(pick: SolutionPick, english: bool) -> str:
    """What to confirm after a pick's line: the channel its entry does not describe, whom it was made for."""
    said = [
        channel_caveat(pick.solution, pick.channels_unlisted, english),
        trade_caveat(pick.solution, pick.other_trade, english),
    ]
    return (" " if english else "").join(c for c in said if c)


def _size_fits(solution: Solution, size_class: SizeClass) -> bool:
    if size_class in solution.sizes:
        return True
    # A large group starts where a medium firm would: a pilot in one site or department.
    return size_class == SizeClass.large and SizeClass.medium in solution.sizes
