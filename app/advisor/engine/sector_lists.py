"""A pilot's list of sectors judged against the trade the client names (advice_rules.md §3, review10 r10-20).

Most city pilots take firms of a few named sub-sectors only ("试点行业：智能电网设备制造、特种装备及零部件制造、
新型材料制品制造、医药及健康制品制造"). Manufacturing as a section says nothing about that: a wig factory in 许昌 is
manufacturing and in none of the four. The list is read from the entry's own requirement, so every pilot that states
one is judged alike; entries whose list the catalogue already judges (`stated_conditions` with `closed_list`) are
left to that rule.

- the client names a trade none of whose words is in the list (发制品厂, 做服装加工的): unmet, naming the list and
  quoting the trade;
- a trade naming a listed sector by two characters of its own (金刚石锯片 → 金刚石工具): met, naming the sector;
- a trade sharing a character with the list, or a broad one (机械, 五金, 电子 may make any of them), a list with a
  broad sector (消费品: consumer goods of any kind), or no trade named: to confirm, naming the list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.advisor.engine.conditions import Condition, Reason, Status
from app.catalogue.models import FundingProgram

if TYPE_CHECKING:
    from app.advisor.engine.eligibility import Assessment

_PILOT_SECTOR = "pilot_sector"

# "试点行业：A、B、C" / "试点细分行业：A、B": a closed list. "重点细分行业" (priorities) and "3+N" lists are open,
# unless the entry's own condition says the firm must be in them ("企业须属于重点细分行业", 广州: review15 r15-38).
_LIST = re.compile(r"^试点(?:细分)?行业[：:](.+)$")
_PRIORITY_LIST = re.compile(r"^重点(?:细分)?行业[：:](.+)$")
_MUST_BELONG = re.compile(r"须属于重点(?:细分)?行业")
_OPEN = re.compile(r"\+\s*N|等|其他行业|相关行业")
_EN_LIST = re.compile(r"^[^:：]*[:：]\s*(.+)$")

# A trade named by the place it is made: "发制品厂", "做服装加工的厂子", "一家纸箱包装厂".
_MADE_AT = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:工厂|厂子|厂|作坊)")
_MAKES = re.compile(r"(?:做|生产|加工|造)((?:(?!的)[\u4e00-\u9fff]){2,6}?)(?:加工|生产|制造)?的?$")
_BEFORE_TRADE = re.compile(r".*(?:一家|家|个|的|是|开|我们|我)")
# ...or by the firm that makes it: "做金刚石刀头的企业", "生产陶瓷餐具的公司".
_MAKER = re.compile(r"(?:做|生产|加工|制造)((?:(?!的)[\u4e00-\u9fff]){2,8}?)的(?:企业|公司|厂家|厂商)")
# Words every list shares: they say nothing about which sub-sector a trade is in.
_GENERIC_CHARS = frozenset("制造品加工生产业类及和与其他相关装产厂")
# Trades that may make what any list names (a machinery or electronics shop could be a parts maker): never ruled out.
_BROAD = re.compile(
    r"机械|设备|机电|五金|配件|零件|部件|材料|电子|电器|化工|装备|器材|金属|科技|工业|实业|"
    r"machin|equipment|parts?\b|component|material|electr|chemical|metal|hardware|tech|industr|manufactur",
    re.I,
)
# A listed sector broad enough to hold many trades ("绿色消费品制造": a goji processor may be in it, review12
# r12-22): with one on the list, a trade matching no item is to confirm, never ruled out.
_BROAD_ITEM = re.compile(r"消费品|轻工")
# ...and in English: "wig factory", "a garment plant", "we are a furniture maker"; a head count before it is no
# trade ("a 70-person textile mill" is a textile mill, not a "person textile" one: review12 r12-26/55).
_EN_MADE_AT = re.compile(
    r"\b(?!(?:person|people|staff|strong|employee|worker|man)s?\b)([a-z]+(?:[ -][a-z]+)?) "
    r"(?:factory|plant|mill|workshop|maker|manufacturer)\b"
)
_EN_FILLER = re.compile(r"^(?:a|an|the|our|small|big|large|local|family)\b\s*")
_EN_STOP = frozenset({"and", "or", "of", "the", "products", "product", "making", "manufacturing"})


def sector_list(program: FundingProgram) -> tuple[str, str] | None:
    """The entry's closed list of sectors, in Chinese and English, when it states one."""
    if any(rule.closed_list for rule in program.eligibility.stated_conditions):
        return None  # the catalogue's own rule judges it
    english = program.eligibility.requirements_en
    binding = any(_MUST_BELONG.search(c) for c in program.eligibility.special_conditions)
    for n, text in enumerate(program.eligibility.requirements):
        match = _LIST.match(text.strip()) or (_PRIORITY_LIST.match(text.strip()) if binding else None)
        if match and not _OPEN.search(match.group(1)):
            en = _EN_LIST.match(english[n]) if n < len(english) else None
            return match.group(1).strip("。 "), (en.group(1) if en else match.group(1)).strip(". ")
    return None


def named_trade(said: str) -> str | None:
    """The client's trade in their own words, by what their factory makes ("发制品", "服装加工", "纸箱包装")."""
    for match in _MADE_AT.finditer(said):
        run = match.group(1)
        makes = _MAKES.search(run)
        trade = makes.group(1) if makes else _BEFORE_TRADE.sub("", run)
        if len(trade) >= 2 and set(trade) - _GENERIC_CHARS:
            return trade
    for match in _MAKER.finditer(said):  # "做金刚石刀头的企业": a maker named by what it makes, no 厂 word
        trade = match.group(1)
        if len(trade) >= 2 and set(trade) - _GENERIC_CHARS:
            return trade
    for match in _EN_MADE_AT.finditer(said):
        trade = _EN_FILLER.sub("", _EN_FILLER.sub("", match.group(1)))
        if trade:
            return trade
    return None


def english_trade(said: str) -> re.Match[str] | None:
    """A specific trade named in English ("food processing plant"), for a closed list the catalogue words itself;
    a broad one (a machinery plant may make any listed part) is none."""
    match = _EN_MADE_AT.search(said)
    return match if match and not _BROAD.search(match.group(1)) else None


# What a listed sector is called by the trades in it, where they share no character with it: jeans and knitwear
# are 服装, a cosmetics plant is 美妆 (review15 r15-38's 广州 list). A trade of its kin is to confirm, never ruled out.
_KIN = {
    "服装": re.compile(r"衣|裤|裙|衫|服饰|时装|纺织|针织|羊毛|牛仔|制衣|成衣"),
    "美妆": re.compile(r"化妆|护肤|彩妆|日化|美容"),
    "家居": re.compile(r"家具|沙发|橱柜|床垫|门窗|木门|地板|灯饰|卫浴|窗帘"),
    "箱包": re.compile(r"皮具|皮革|行李|背包|钱包"),
    "汽车": re.compile(r"汽配|车灯|轮毂|刹车|线束|车身|座椅"),
    "机器人": re.compile(r"机械臂|自动化"),
    "母机": re.compile(r"机床|数控"),
}


def _shares_a_word(trade: str, zh: str, en: str) -> bool:
    if any(key in zh and kin.search(trade) for key, kin in _KIN.items()):
        return True
    if re.search(r"[a-z]", trade):
        words = {w[:5] for w in re.findall(r"[a-z]+", en.lower()) if w not in _EN_STOP}
        return any(w[:5] in words for w in re.findall(r"[a-z]+", trade) if w not in _EN_STOP)
    return any(ch in zh for ch in set(trade) - _GENERIC_CHARS)


def _item_named(trade: str, zh: str) -> str | None:
    """The listed sector the trade names by two characters in a row of its own (金刚石锯片 → 金刚石工具)."""
    for item in re.split(r"[、；;，,]", zh):
        pairs = {item[i : i + 2] for i in range(len(item) - 1)}
        if any(
            trade[i : i + 2] in pairs and set(trade[i : i + 2]) - _GENERIC_CHARS
            for i in range(len(trade) - 1)
        ):
            return item.strip()
    return None


def sectors(program: FundingProgram, said: str, cased: str = "") -> Condition | None:
    """The pilot's sector list against the client's trade; `said` lower-cased, `cased` as typed."""
    found = sector_list(program)
    if found is None:
        return None
    zh, en = found
    trade = named_trade(said)
    at = said.find(trade) if trade else -1
    words = cased[at : at + len(trade)] if trade and at >= 0 and len(cased) == len(said) else trade
    item = _item_named(trade, zh) if trade and not _BROAD.search(trade) else None
    if item is not None:  # review11 r11-14: 金刚石锯片 is plainly 金刚石工具, so say it is met
        return Condition(
            "industry",
            Status.met,
            Reason(
                f"试点行业“{item}”：符合（您说“{words}”）",
                f"in the pilot sector “{item}” (you said “{words}”)",
            ),
        )
    if trade is not None and _BROAD.search(trade):
        # A general plant (五金, machinery) is in none of them as such, but may make for or supply one (review15
        # r15-37: a 番禺 五金厂 was told only to get on the enrolment list, the four sectors unnamed).
        shared = _shares_a_word(trade, zh, en)
        return Condition(
            "industry",
            Status.unknown,
            Reason(
                f"只面向试点行业（{zh}）：一般的“{words}”企业"
                + ("未必在其中，须产品属于其中之一或" if shared else "不在其中，除非")
                + "为其中某一行业配套（如零部件），请确认",
                f"only for the pilot sectors ({en}): a general “{words}” business is "
                + (
                    "not necessarily in them: it must make one of their products or supply one"
                    if shared
                    else "in none of them unless it supplies one"
                )
                + " (parts, say); confirm which",
            ),
            fact=_PILOT_SECTOR,
        )
    if trade is None or _BROAD.search(trade) or _shares_a_word(trade, zh, en) or _BROAD_ITEM.search(zh):
        return Condition(
            "industry",
            Status.unknown,
            Reason(
                f"只面向试点行业（{zh}），请确认您的产品属于其中之一",
                f"only for the pilot sectors ({en}); confirm your products are in one of them",
            ),
            fact=_PILOT_SECTOR,  # the section is known: what is open is the sub-sector, not "your industry"
        )
    return Condition(
        "industry",
        Status.unmet,
        Reason(
            f"只面向试点行业（{zh}），您说的“{words}”不在其中",
            f"only for the pilot sectors ({en}); “{words}”, your trade, is in none of them",
        ),
    )


def pilot_sector_open(assessment: Assessment) -> Reason | None:
    """The pilot's sub-sector list, when whether the client is in it is still open: the one condition of a pilot's
    ❔ the client can check themselves, so its line names the list (review15 r15-38: "我哋啱唔啱" was told only to
    get on the enrolment list, the four sectors of 广州's pilot unnamed)."""
    open_sector = (c for c in assessment.conditions if c.fact == _PILOT_SECTOR and c.status is Status.unknown)
    return next((c.reason for c in open_sector), None)
