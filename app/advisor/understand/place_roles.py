"""Whose place a place is: the client's, or that of someone the client deals with.

A message names places for several parties. "香港注册的公司，如果找深圳的服务商买模型服务，深圳的模型券能用吗" names
Hong Kong for the client, Shenzhen for a vendor and Shenzhen again for a program. Only the client's place is the
profile's, and only a place supposed *for the client* is a what-if ("要是我们搬到深圳呢"); a vendor in Shenzhen
changes neither where the client is registered nor which programs it may claim (review11 r11-44: a Hong Kong
firm buying from a Shenzhen vendor was re-planned "for Shenzhen instead of Hong Kong").

The role is read from the words around one mention, in simplified Chinese (traditional and Cantonese are
normalised to it first), Cantonese particles and English:
- a program's place: a funding word follows ("深圳的模型券", "香港嗰边嘅科技券", "Guizhou's compute voucher");
- another party's place: a supplier word follows ("广州的服务商", "贵州数据中心", "a Shenzhen vendor") or comes
  just before it ("a provider based in Shenzhen", "a data centre in Guizhou", "the vendor we hire is in Hangzhou");
  a word that may name the client's own kind of firm ("公司", "平台", "cloud", "company") counts only after a
  verb of dealing with someone ("找深圳嗰边嘅公司做", "用北京那家公司的API", "host it on a cloud region in Hangzhou"),
  since "深圳的电商平台" and "a Shenzhen company" are usually the client itself.
"""

from __future__ import annotations

import re

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
    r"^(?:'s)?\s+(?:[a-z-]+\s+){0,3}?(?:vouchers?|subsid(?:y|ies)|grants?|funding|funds?|programs?|programmes?|"
    r"schemes?|pilots?|polic(?:y|ies))\b",
    _I,
)
# Words that only ever name someone the client buys from or runs on.
_SUPPLIER = (
    r"服务商|供应商|供货商|提供商|厂商|厂家|代理商|集成商|外包商|数据中心|智算中心|算力中心|超算中心|机房|"
    r"vendors?\b|suppliers?\b|providers?\b|contractors?\b|integrators?\b|data ?cent(?:re|er)s?\b"
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


def program_place(norm: str, end: int) -> bool:
    """The place ending at norm[end] is named as a program's ("深圳的模型券", "Guizhou's compute voucher")."""
    after = norm[end : end + 24]
    return bool(PROGRAM_AFTER.match(after[:12]) or _PROGRAM_AFTER_EN.match(after))


def another_partys_place(norm: str, start: int, end: int) -> bool:
    """The place at norm[start:end] is a supplier's, a platform's or a data centre's, not the client's."""
    after = norm[end : end + 16]
    before = _clause_before(norm, start)
    return bool(
        _SUPPLIER_AFTER.match(after)
        or (_EITHER_AFTER.match(after) and _DEALING_BEFORE.search(before))
        or (_INFRA_AFTER.match(after) and _AT_BEFORE.search(before))
        or _SUPPLIER_BEFORE.search(before)
        or _EITHER_BEFORE.search(before)
    )


def not_the_clients(norm: str, start: int, end: int) -> bool:
    """The place at norm[start:end] is named for a program or for another party, not for the client."""
    return program_place(norm, end) or another_partys_place(norm, start, end)


def _clause_before(norm: str, start: int) -> str:
    window = norm[max(0, start - 40) : start]
    breaks = list(_CLAUSE_START.finditer(window))
    return window[breaks[-1].end() :] if breaks else window
