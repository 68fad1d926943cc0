"""Goods delivered or sold are trade, whatever made them (GB/T 4754: selling one's own goods is trade).

"卖工程机械配件的" (a trade verb before the goods) and "做医疗器械销售的" (a trade noun after them) are F though
配件 and 医疗器械 are made in factories (C); "药品配送", "桶装水配送站" deliver what they sell (F), while a way of
carrying ("冷链配送", "同城配送") is transport and delivered meals are catering. industry.py asks these
questions of the owner word it found; they live here so that the reader of the business noun stays short.
"""

from __future__ import annotations

import re

# Goods sold are trade whatever made them: "卖工程机械配件的" (a verb before the goods), "做医疗器械销售的" (a
# trade noun after them) are F, though 配件 and 医疗器械 are made in factories (C). Not when a making verb
# comes between ("卖的是自己做的配件" stays the maker's).
_TRADE_VERB = re.compile(r"(?<![外拍义变买])卖|销售|经销|代销|代理|批发|零售|进口|出口")  # 外卖 is a meal
_MAKING_AFTER = re.compile(r"做|生产|制造|加工|产")
# "做饰品生意", "做水果买卖": the goods of a 生意 are traded, whoever made them ("做点小生意" names no goods).
TRADE_NOUN_END = re.compile(r"(?:销售|经销|分销|批发|零售|贸易|代理|(?<![点小些大])(?:生意|买卖))$")
_TRADE_NOUN_AFTER = re.compile(r"(?:代理)?(?:销售|经销|分销|批发|零售|贸易|代理)")
# A business that delivers goods is classed by what it sells (GB/T 4754: delivering one's own goods is trade):
# "药品配送", "生鲜食材配送", "桶装水配送站" are F. Only a way of carrying ("冷链配送", "同城配送", "物流配送") or
# nothing at all ("做配送的") is transport; delivered meals are catering (GB/T 6241 餐饮配送服务).
DELIVERY_WORDS = {"配送", "送货", "配送站", "配送中心"}
_CARRYING = re.compile(
    r"(?:冷链|同城|城配|城市|市内|区域|县域|乡村|农村|即时|快递|物流|货运|货物|仓储|仓配|干线|零担|整车|专线|跑腿|末端|"
    r"城际|运输|危化品|危险品|车队|第三方)$"
)
# A meal, not the things it is served with ("餐具", "饭盒" are goods).
MEAL = re.compile(r"餐(?![具巾桌椅柜])|(?<!电)饭(?![盒碗])|外卖|便当|盒饭")
# What precedes the goods in "我们是做药品配送的", "开了个桶装水配送站".
_GOODS_LEAD = re.compile(
    r".*(?:是|[一两几这那每某0-9了开是有]家|我家|个|間|间|做|搞|开|了|的|嘅|在|经营|从事|专门|专业|主要|负责|我们|我)"
)


def delivered_goods(before: str) -> str | None:
    """The goods named right before a delivery word, or None when it names a way of carrying or nothing."""
    run = re.search(r"[\u4e00-\u9fff]*$", before)
    goods = _GOODS_LEAD.sub("", run.group(0)) if run else ""
    return goods if len(goods) >= 2 and not _CARRYING.search(goods) else None


def traded_goods(clause: str, start: int, end: int) -> str | None:
    """The goods at clause[start:end] with the trade verb before or trade noun after them, when sold."""
    sold = [m.start() for m in _TRADE_VERB.finditer(clause[:start])]
    if sold and not _MAKING_AFTER.search(clause[sold[-1] : start]):
        return clause[sold[-1] : end]
    if trade := _TRADE_NOUN_AFTER.match(clause[end:]):
        return clause[start : end + trade.end()]
    return None


def is_carrying(words: str) -> bool:
    """Whether the words name a way of carrying goods ("冷链", "冷链物流", "同城配送"): a transport business."""
    bare = re.sub(r"(?:配送|物流|运输)$", "", words) or words
    return bool(_CARRYING.fullmatch(bare))
