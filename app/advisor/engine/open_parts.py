"""What is still open about a purchase the client names but the pack does not price (advice_rules.md §3, §8).

"您提到“打算从数据交易所采购行业语料”，但还没有金额和采购方式，须确认" was said to a client who had given a
budget of 50万 and named the data exchange they buy from (review12 r12-20), and to one who had named a 40万
contract (r12-01). The sentence that says what is missing names only what the client's words leave open: the
amount when no figure was given, where they buy when they did not say; with both given, what stays to confirm
is that this purchase is one the program accepts.
"""

from __future__ import annotations

import re

from app.advisor.engine.conditions import Reason
from app.advisor.engine.purchases import Purchase
from app.advisor.understand.numbers import money_amounts
from app.catalogue.taxonomy import SpendKind
from app.text.normalize import normalize

# Where the client buys: a seller, a platform or an exchange after 从/向/跟/在/找/通过, or after "from"/"on".
_WHERE_ZH = re.compile(
    r"(?:从|向|跟|在|找|通过|经|由)[^，。；,;]{0,16}?(?:交易所|交易中心|平台|服务商|供应商|厂商|厂家|云|公司|机构|中心|商城)"
)
_WHERE_EN = re.compile(
    r"\b(?:from|through|via|on|with)\s+(?:the\s+|a\s+|an\s+)?[a-z' -]{0,30}?"
    r"(?:exchange|platform|provider|vendor|supplier|cloud|marketplace|company|centre|center)\b"
)


def open_parts(said: str) -> tuple[bool, bool]:
    """(no amount given, no place of purchase given) in the client's words."""
    norm = normalize(said)
    return not money_amounts(norm), not (_WHERE_ZH.search(norm) or _WHERE_EN.search(norm))


def open_purchase_reason(
    words: str, kind: tuple[str, str], said: str, foreign: bool, where_matters: bool = True
) -> Reason:
    """The purchase condition left open, naming only what is missing. `words`: the client's words for the
    purchase; `kind`: its label (zh, en); `foreign`: the amount given is in another currency (still an amount);
    `where_matters`: the program says where the spend is made (a platform, a place): else where they buy is never
    asked (review14 r14-15: 上海算力券 has no such rule, and "在上海租" was told "还没说在哪里采购")."""
    no_amount, no_where = open_parts(said)
    no_where = no_where and where_matters
    no_amount = no_amount and not foreign
    zh, en = kind
    if no_amount and no_where:
        open_zh, open_en = "还没有金额和采购方式", "the amount and where you buy it are still to confirm"
    elif no_amount:
        open_zh, open_en = "还没有金额", "the amount is still to confirm"
    elif no_where:
        open_zh, open_en = "还没说在哪里采购", "where you buy it is still to confirm"
    else:
        open_zh, open_en = "须确认这笔采购符合申报要求", "whether this purchase qualifies is still to confirm"
    said_zh = f"但{open_zh}，须确认" if open_zh.startswith("还") else open_zh
    return Reason(f"您提到“{words}”（{zh}），{said_zh}", f"you mention “{words}” ({en}); {open_en}")


def read_as_other_kind(words: str, kind: SpendKind, purchases: list[Purchase] | None) -> bool:
    """The words are a purchase the client priced, already read as another kind ("在阿里云上买算力…，20万" is compute
    rental, not a cloud subscription because "云" is in the seller's name): that reading wins, so a program is not
    judged on the kind a second reading of the same words gives (review18: 算力券 judged on "云服务")."""
    said = normalize(words)
    return any(
        p.kind is not kind and p.said and (said in p.said or p.said in said)
        for p in purchases or []
        if p.stated
    )
