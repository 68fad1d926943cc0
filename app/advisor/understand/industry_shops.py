"""A shop sells: what an owner's shop is, when no owner word or class of a business noun has placed it.

"服饰店" sells clothes (F), it does not make them; "做牛肉面的，三家店" serves meals (H); "蛋糕店" is 糕点、面包零售
(retail thresholds), not the wholesale class its words name as well. Split from industry.py (session 17) so that
the reader of business nouns stays short.
"""

from __future__ import annotations

import re

from app.advisor.understand.industry_classes import ClassList, IndustryMatch
from app.advisor.understand.industry_dishes import DISH
from app.advisor.understand.industry_products import PRODUCT

_GOODS_SECTIONS = "ABC"  # what a shop named after a product sells: farm, mine and factory goods
_WHOLESALE = re.compile(r"批发|批發|供货|贸易|经销")
# A chain is its outlets: "麻辣烫连锁" serves as a 麻辣烫店 does.
_SHOP = re.compile(r"[\u4e00-\u9fff]{1,4}(?:店|铺|档口|门市|连锁)(?!长|员|里)")
_OUTLET_END = re.compile(r"(?:店|铺|档口|门市|连锁)$")
# "三家店", "两个门店": shops counted, which says how many, not what kind ("一间手信店" names its kind).
# "12家店": the figure stands outside the match, which is then the measure word and the outlet alone.
_COUNTED = re.compile(r"^[零一二三四五六七八九十百两几多\d]*[家个間间](?:门)?(?:店|铺|档口|门市)$")


def sold_in_a_shop(match: IndustryMatch, joined: str) -> bool:
    """A wholesale class named by a shop's words is its retail twin: a shop sells to the public."""
    return match.sector == "wholesale" and bool(_SHOP.search(joined)) and not _WHOLESALE.search(joined)


def read_shop(joined: str, classes: ClassList, outlet_words: set[str]) -> IndustryMatch | None:
    """The owner's shop ("服饰店", "做牛肉面的连锁店"), or None when no shop of a kind is named."""
    shops = [m for m in _SHOP.finditer(joined) if m.group(0) not in outlet_words]
    # A dish made and sold where it is eaten: "做牛肉面的，三家店", "做米粉的连锁店", "麻辣烫连锁" serve meals (H),
    # whatever the class of the raw product (面粉, 米粉 as factory goods).
    modifiers = [_OUTLET_END.sub("", m.group(0)) for m in shops]
    if shops and any(DISH.search(w) for w in [p.group(1) for p in PRODUCT.finditer(joined)] + modifiers):
        return classes.match("H", shops[0].group(0), "62")
    if shop := next((m for m in shops if not _COUNTED.match(m.group(0))), None):
        # A shop no class name places is the head of its phrase: it sells ("服饰店" does not make clothes),
        # unless the owner says what it does ("做宠物美容寄养的店": a service the class list names, O).
        said = classes.term(joined) if "的" in shop.group(0) else None
        return (
            said
            if said and said.section not in _GOODS_SECTIONS + "F"
            else classes.match("F", shop.group(0), "52")
        )
    return None
