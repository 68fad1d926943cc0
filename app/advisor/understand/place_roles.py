"""Whose place a place is: every place a message names gets one role, read from the words around it.

A message names places for several parties. "香港注册的公司，如果找深圳的服务商买模型服务，深圳的模型券能用吗" names
Hong Kong for the client, Shenzhen for a vendor and Shenzhen again for a program. Only the client's place is the
profile's, and only a place supposed *for the client* is a what-if ("要是我们搬到深圳呢"); a vendor in Shenzhen
changes neither where the client is registered nor which programs it may claim (review11 r11-44).

Roles, in the order they are tried (the first that fits wins):
- program: a funding word follows ("深圳的模型券", "香港嗰边嘅科技券", "Guizhou's compute voucher"), or the place
  runs or issues something that is funding ("海珠区组织的那个大模型示范试点", "黄埔区牵头搞了个算力补贴", "南山区发的
  那个券", "the pilot is run by Huangpu district"): the program's district is never the client's (held-out blind11);
- purchase: a venue word stands beside it and its clause buys, rents or uses something there ("在济南的算力中心租
  算力", "buy GPU hours on the Guizhou platform"): the purchase's `where`, needed by venue-bound programs;
- vendor: a supplier word follows ("广州的服务商", "a Shenzhen vendor") or comes just before it ("a provider based
  in Shenzhen", "the vendor we hire is in Hangzhou"), or a word of either kind ("公司", "company") follows a verb
  of dealing with someone ("用北京那家公司的API"): "深圳的电商平台" and "a Shenzhen company" are the client itself;
- platform: a cloud, platform or server place the client works on or at ("喺深圳嘅平台度租算力", "host it on a
  cloud region in Hangzhou");
- client: everything else.
Traditional Chinese and Cantonese are normalised to simplified first; Cantonese particles are matched too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from app.advisor.understand.divisions import Place
from app.catalogue.taxonomy import SpendKind
from app.text.clauses import span_around
from app.text.funding_words import FUNDING_NOUN

_I = re.IGNORECASE
# Words between a place and what it qualifies that say nothing of whose it is: "北京那家公司", "深圳嗰边嘅平台".
# Normalised text writes Cantonese 嗰 as 𠮶 and 搵 as 揾; both spellings are matched.
_LINK = r"(?:的|那家|这家|那个|这个|那项|有个|有一个|那边的?|那里的?|这边的?|当地的?|本地的?|[嗰𠮶](?:边|度|间)嘅?|嘅|\s)?"
# A program's place: "海珠区的大模型示范项目奖励", "黄埔区那个算力券", "香港嗰边嘅科技券". The gap may not name the
# client ("海珠区的企业能申请什么补贴" is a client in 海珠区).
PROGRAM_AFTER = re.compile(
    rf"^{_LINK}(?:(?!公司|企业|工厂|厂|店|诊所|我们|company|firm|factory)[^，。,.！？!?；;]){{0,8}}?"
    rf"(?:{FUNDING_NOUN}|政策|项目|试点|专项|资金|program)",
    _I,
)
_PROGRAM_AFTER_EN = re.compile(
    r"^(?:\s+(?:district|county|city|new area|government))?(?:'s)?\s+(?:[a-z-]+\s+){0,3}?(?:vouchers?|subsid(?:y|ies)|grants?|funding|funds?|programs?|programmes?|"
    r"schemes?|pilots?|polic(?:y|ies))\b",
    _I,
)
# A place that runs or issues a program, its funding word further on: "海珠区组织的那个大模型示范试点", "黄埔区牵头搞了
# 个算力补贴", "南山区发的那个券", "中山市出台的数字化转型政策". The verb must lead to funding: "在深圳开展业务" is the client.
_RUNS = r"组织|牵头|主办|承办|发起|开展|推出|出台|发布|印发|发放|发的|实施|举办|负责|主导|搞的|搞了"
_PROGRAM_RUN_BY = re.compile(
    rf"^{_LINK}(?:那边|这边)?(?:{_RUNS})(?:(?!公司|企业|工厂|厂|店|我们|我哋)[^，。,.！？!?；;]){{0,12}}?"
    rf"(?:{FUNDING_NOUN}|政策|项目|试点|专项|资金|活动)",
    _I,
)
_PROGRAM_RUN_BY_EN = re.compile(
    r"\b(?:run|organi[sz]ed|issued|launched|offered|funded|managed|led|administered|sponsored|backed|set up)\s+"
    r"by\s+(?:the\s+)?$",
    _I,
)
# Words that only ever name someone the client buys from or runs on.
_SUPPLIER = (
    r"服务商|供应商|供货商|提供商|厂商|厂家|代理商|集成商|外包商|数据中心|智算中心|算力中心|超算中心|机房|"
    r"vendors?\b|suppliers?\b|providers?\b|contractors?\b|integrators?\b|data[- ]?cent(?:re|er)s?\b"
)
# Words that name the client's own kind of firm as often as a supplier; of them, the places where compute or
# software runs are someone else's when the client works "on" or "at" them ("喺深圳嘅平台度租算力").
_INFRA = r"平台|云|platforms?\b|cloud\b|region\b|servers?\b"
_EITHER = rf"公司|企业|团队|工作室|company\b|firm\b|team\b|studio\b|{_INFRA}"
# A gap of a few words naming what the supplier sells ("深圳的大模型服务商", "a Shenzhen AI vendor"), never the
# client ("深圳一家做AI平台的公司": 一家/做/是 describe the client).
_GAP = r"(?:(?!一家|一间|做|是|我们|我哋|our\b|we\b)[^，。,.！？!?；;]){0,5}?"
_SUPPLIER_AFTER = re.compile(rf"^{_LINK}{_GAP}(?:{_SUPPLIER})", _I)
_EITHER_AFTER = re.compile(rf"^{_LINK}{_GAP}(?:{_EITHER})", _I)
_INFRA_AFTER = re.compile(rf"^{_LINK}{_GAP}(?:{_INFRA})", _I)
_AT_BEFORE = re.compile(r"(?:在|喺|上)\s*$")
# "跟贵州一家算力服务商签了", "同深圳一间供应商": after a word of dealing with someone, "一家" names that supplier.
_DEALT_WITH = re.compile(r"(?:跟|同|和|与|找|搵|揾|从|向)\s*$")
_ONE_SUPPLIER_AFTER = re.compile(
    rf"^{_LINK}(?:一家|一间|一个|家|间)(?:(?!做|是|我们)[^，。,.！？!?；;]){{0,5}}?(?:{_SUPPLIER})", _I
)
# Dealing with someone, right before the place: "找", "用", "从", "跟…签", "租用", "放到", "from", "with", "on".
_DEALING_BEFORE = re.compile(
    r"(?:找|搵|揾|用|从|向|跟|同|租用?|买|购买|采购|委托|请|外包给|交给|放到|放在|托管在|部署在|部署到|接入?)"
    r"(?:了|咗)?(?:一家|一间|家|间|个)?\s*$|"
    r"\b(?:from|with|on|to|by|hire|use|using|buy|rent|host)\s+(?:(?:a|an|the|one|some)\s+)?(?:[a-z-]+\s+){0,2}$",
    _I,
)
# A supplier named first, its place after: "a model provider based in Shenzhen", "GPUs from a data centre in
# Guizhou", "the vendor we hire is in Hangzhou"; a word of either kind only after dealing with it ("host it on
# an Alibaba Cloud region in Hangzhou"; "we're a cloud company in Shenzhen" is the client).
_IN = r"[^,;:!?，；：。！？]{0,22}?\b(?:in|at|based in|located in|out of)\s+(?:the\s+)?$"
_SUPPLIER_BEFORE = re.compile(rf"(?:{_SUPPLIER}){_IN}", _I)
_EITHER_BEFORE = re.compile(
    r"\b(?:from|with|on|by|hire|use|using|buy|rent|host|sign with)\b[^,;:!?，；：。！？]{0,30}?"
    rf"\b(?:{_EITHER}){_IN}",
    _I,
)
_CLAUSE_START = re.compile(r"[,;:!?，；：。！？\n]")


# A venue where the client buys: a centre, platform, cluster or exchange, or the compute itself, beside the place.
_VENUE_AFTER = re.compile(
    r"^(?:的|那边的?|当地的?|本地的?|嘅|'s)?\s*"
    r"(?:(?:算力|智算|超算|计算|云计算|数据|人工智能|ai|大模型|computing|compute|cloud|data|gpu|ai|big data)\s*)?"
    r"(?:中心|平台|集群|机房|节点|交易所|算力|智算|gpu|服务器|供应商|服务商|提供商|platform|cluster|exchange|hub|"
    r"cent(?:re|er)|"
    r"data cent(?:re|er)|node|facility)"
    r"(?!\s*(?:券|补贴|政策|奖|专项|vouchers?|subsid|grants?|polic))",
    _I,
)
_VENUE_BEFORE = re.compile(
    r"(?:data cent(?:re|er)|(?:computing|compute|cloud|data) (?:cent(?:re|er)|platform)|platform|cluster|exchange|"
    # "buying GPU compute from a provider in Guizhou" (review13 r13-55): the seller's place is where it is bought
    r"facility|hub|node|servers?|gpus?|compute|capacity|hours|provider|vendor|supplier|seller)\s+"
    r"(?:located |based )?(?:in|at|from)\s+(?:the\s+)?$",
    _I,
)
# The clause buys, rents or uses a thing there (not "we run a data centre in Guizhou").
_PURCHASE_VERB = re.compile(
    r"买|购|租|订|调用|用|签|付|\bbuy\w*|\bbought\b|\bpurchas\w*|\brent\w*|\bleas\w*|\bus(?:e|es|ed|ing)\b|"
    r"\bsubscrib\w*|\bpay\w*|\bcontract\w*|\bsign\w*",
    _I,
)
# Things bought at a place: compute, a model's service, a cloud, data. A machine is bought wherever it is made.
PLACED_KINDS = frozenset(
    {
        SpendKind.compute,
        SpendKind.model_service,
        SpendKind.cloud_service,
        SpendKind.data_corpus,
        SpendKind.data_labeling,
        SpendKind.data_asset,
    }
)


class PlaceRole(StrEnum):
    client = "client"
    program = "program"
    purchase = "purchase"
    vendor = "vendor"
    platform = "platform"


@dataclass(frozen=True)
class PlaceMention:
    name: str
    start: int
    end: int
    place: Place
    role: PlaceRole


def role_of(norm: str, start: int, end: int) -> PlaceRole:
    """The role of the place at norm[start:end] (see the module's docstring)."""
    after, before = norm[end : end + 24], _clause_before(norm, start)
    if (
        PROGRAM_AFTER.match(after[:12])
        or _PROGRAM_AFTER_EN.match(after)
        or _PROGRAM_RUN_BY.match(after)
        or _PROGRAM_RUN_BY_EN.search(before)
    ):
        return PlaceRole.program
    if (_VENUE_AFTER.match(after[:16]) or _VENUE_BEFORE.search(norm[max(0, start - 40) : start])) and (
        _PURCHASE_VERB.search(_clause(norm, start, end))
    ):
        return PlaceRole.purchase
    after = after[:16]
    if _SUPPLIER_AFTER.match(after) or _SUPPLIER_BEFORE.search(before):
        return PlaceRole.vendor
    if _DEALT_WITH.search(before) and _ONE_SUPPLIER_AFTER.match(after):
        return (
            PlaceRole.vendor
        )  # "跟贵州一家算力服务商签了合同": the firm dealt with is a supplier, not the client
    if (_EITHER_AFTER.match(after) and _DEALING_BEFORE.search(before)) or _EITHER_BEFORE.search(before):
        return PlaceRole.vendor
    if _INFRA_AFTER.match(after) and _AT_BEFORE.search(before):
        return PlaceRole.platform
    return PlaceRole.client


def place_mentions(norm: str, mentions: Iterable[tuple[str, Place]]) -> list[PlaceMention]:
    """Each (name, place) the gazetteer found in `norm`, with where it is and whose it is, in the order named."""
    return [
        PlaceMention(name, start, start + len(name), place, role_of(norm, start, start + len(name)))
        for start, name, place in _placed(norm, mentions)
    ]


# The client says the place is its own, in the first person: "我们在马尼拉开了家奶茶店", "我们是马尼拉的华人商会", "We run a
# shop in Manila", "our office is in Jakarta", "we're a Manila-based company". A place with no such words (default
# client role: "货从深圳发过来", "our sister company is in Shenzhen") yields to one that has them (gazetteer.foreign).
_OURS_BEFORE = re.compile(
    r"(?:我们|我|我哋|本公司|咱们)(?:公司|的公司|的店|的厂|工厂|总部)?(?:现在|目前|主要|就)?(?:在|喺|位于|设在|开在)\s*$|"
    r"(?:我们|我哋|本公司)是\s*$|"
    r"\b(?:we|i)(?:'re|'m| are| am)?\s+(?:(?:a|an|the|one)\s+)?(?:[\w-]+\s+){0,5}?"
    r"(?:in|at|based in|located in|out of)\s+(?:the\s+)?$|"
    r"\bour\s+(?!(?:sister|parent|partner|other|client|customer|supplier)\b)(?:[\w-]+\s+){0,2}?"
    r"(?:company|firm|shop|store|office|business|factory|restaurant|studio|team|headquarters|hq)\s+(?:is|are)\s+"
    r"(?:(?:now|currently|still)\s+)?(?:in|at|based in|located in)\s+(?:the\s+)?$|"
    r"\b(?:we(?:'re| are)|i(?:'m| am))\s+(?:a|an)\s+$",
    _I,
)


def said_as_ours(norm: str, start: int, end: int) -> bool:
    """The place at norm[start:end] is named by the client as its own (`_OURS_BEFORE`), not where the owner lives."""
    from app.advisor.understand.registration import OWNER_LIVES

    before = _clause_before(norm, start)
    return bool(_OURS_BEFORE.search(before)) and not OWNER_LIVES.search(before)


def not_the_clients(norm: str, start: int, end: int) -> bool:
    """The place at norm[start:end] is named for a program, a purchase or another party, not for the client."""
    return role_of(norm, start, end) is not PlaceRole.client


def place_name(place: Place) -> str:
    """The short name a purchase's place is said by: the city when named, else the province."""
    return place.city or place.province


def _placed(norm: str, mentions: Iterable[tuple[str, Place]]) -> Iterator[tuple[int, str, Place]]:
    """Each mention with where it starts in `norm`, walking forward: a name said twice is each time its own."""
    at = 0
    for name, place in mentions:
        found = norm.find(name, at)
        start = found if found >= 0 else norm.find(name)
        at = start + len(name)
        yield start, name, place


def _clause(norm: str, start: int, end: int) -> str:
    begin, finish = span_around(norm, start, end)
    return norm[begin:finish]


def _clause_before(norm: str, start: int) -> str:
    window = norm[max(0, start - 40) : start]
    breaks = list(_CLAUSE_START.finditer(window))
    return window[breaks[-1].end() :] if breaks else window
