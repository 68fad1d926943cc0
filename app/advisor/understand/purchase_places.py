"""Where a purchase is made, when the client says it: "在济南的算力中心租算力", "租的是庆阳的算力", "rent compute at a
data centre in Jinan", "buy GPU hours on the Guizhou platform", "leases GPU servers in Ulanqab".

A venue-bound program (贵州's or 庆阳's compute bought on their own platform, a province's voucher for compute
bought inside it) needs that place, and it is never the place of the company: "Weihai logistics firm … we rent
compute at a data centre in Jinan" is a Weihai firm. A place is a purchase's place when a word of a venue
(centre, platform, cluster, exchange, the compute or servers themselves) stands right beside it and the clause
buys, rents or uses something; a program named with a place ("杭州的算力券") is no venue.
"""

from __future__ import annotations

import re

from app.advisor.understand.divisions import Place
from app.advisor.understand.gazetteer import RegionGazetteer
from app.catalogue.taxonomy import SpendKind

_I = re.IGNORECASE
_VENUE_AFTER = re.compile(
    r"^(?:的|那边的?|当地的?|本地的?|嘅|'s)?\s*"
    r"(?:(?:算力|智算|超算|计算|云计算|数据|人工智能|ai|大模型|computing|compute|cloud|data|gpu|ai|big data)\s*)?"
    r"(?:中心|平台|集群|机房|节点|交易所|算力|智算|gpu|服务器|供应商|服务商|提供商|platform|cluster|exchange|hub|cent(?:re|er)|"
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
_CLAUSE_END = re.compile(r"[,，;；。!?！？\n]|\.(?=\s|$)")
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


def _clause(norm: str, start: int, end: int) -> str:
    cuts = [m.start() for m in _CLAUSE_END.finditer(norm)]
    begin = max((c + 1 for c in cuts if c < start), default=0)
    finish = min((c for c in cuts if c >= end), default=len(norm))
    return norm[begin:finish]


def venues(norm: str, places: RegionGazetteer) -> list[tuple[int, int, Place]]:
    """Each place `norm` names as where something is bought, with its span, in the order named."""
    found: list[tuple[int, int, Place]] = []
    for name, place in dict(places.mentions(norm)).items():
        for m in re.finditer(re.escape(name), norm):
            start, end = m.start(), m.end()
            beside = _VENUE_AFTER.match(norm[end : end + 16]) or _VENUE_BEFORE.search(
                norm[max(0, start - 40) : start]
            )
            if beside and _PURCHASE_VERB.search(_clause(norm, start, end)):
                found.append((start, end, place))
    return sorted(found, key=lambda v: v[0])


def without_venues(norm: str, spans: list[tuple[int, int, Place]]) -> str:
    """`norm` with the purchase places blanked (same length), so that the company's place is read from the rest."""
    chars = list(norm)
    for start, end, _ in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def place_name(place: Place) -> str:
    """The short name a purchase's place is said by: the city when named, else the province."""
    return place.city or place.province
