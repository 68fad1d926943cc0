"""Which currency an owner wrote beside an amount: "港币", "HK$", "美金", "新台币", Cantonese "蚊" by the place named.

We hold no exchange rates, so an amount in another currency is kept as stated, never turned into CNY; numbers.py
reads the figures, this module says whose money they are.
"""

from __future__ import annotations

import re

from app.advisor.understand.numbers import Money

# Currencies owners write next to an amount. We hold no exchange rates (knowledge/ has none), so an amount in
# one of them is never turned into CNY: it is kept with its currency (advisor says the comparison is approximate).
# Longer marks first: "us$" before "s$", "hk$" and "nt$" before a bare "$".
_CURRENCIES: list[tuple[str, str]] = [
    (r"新台币|台币|nt\$|ntd|twd", "TWD"),
    (r"港币|港元|港纸|港幣|港紙|hk\$|hkd", "HKD"),
    (r"美元|美金|us\$|usd", "USD"),
    (r"新加坡元|新加坡币|新元|新币|sgd|s\$", "SGD"),
    (r"澳元|aud|a\$", "AUD"),
    (r"欧元|eur\b|euros?", "EUR"),
    (r"日元|jpy|\byen", "JPY"),
    (r"英镑|gbp|£", "GBP"),
    (r"马币|令吉|myr", "MYR"),
    (r"澳门元|澳门币|澳币|葡币|mop\$?", "MOP"),
    (r"韩元|krw", "KRW"),
    (r"加元|加币|cad|c\$", "CAD"),
    (r"\$|dollars?", "USD?"),  # a bare dollar: most likely US, said as such
]
_BEFORE = [(re.compile(rf"(?:{pattern})\s*$", re.IGNORECASE), code) for pattern, code in _CURRENCIES]
_AFTER = [(re.compile(rf"^\s*(?:{pattern})", re.IGNORECASE), code) for pattern, code in _CURRENCIES]


# "蚊" is the Cantonese word for the local dollar: Hong Kong's in Hong Kong, Macau's in Macau, and the yuan in
# Guangzhou ("五十蚊"). Read by the place the message names (review12 r12-34: "5萬港紙" was read as 5万元).
_LOCAL_DOLLAR_AFTER = re.compile(r"^\s*蚊")
_LOCAL_PLACES = [
    (re.compile(r"香港|港岛|九龙|新界|hong ?kong|\bhk\b", re.IGNORECASE), "HKD"),
    (re.compile(r"澳门|macau|macao", re.IGNORECASE), "MOP"),
]


def foreign_currency(text: str, money: Money, local: str | None = None) -> str | None:
    """The non-CNY currency written right before or after `money` in `text` ("HKD", "SGD", "USD?"), else None.

    Only adjacent: in "营收300万港元，预算5万" the 港元 belongs to the revenue, not to the budget. `local`: the
    currency of the place the client is in, when it is not named in `text` ("喺黑沙環…預算兩萬蚊" is MOP, r16-35).
    """
    before, after = text[max(0, money.start - 10) : money.start], text[money.end : money.end + 10]
    for (before_re, code), (after_re, _) in zip(_BEFORE, _AFTER, strict=True):
        if before_re.search(before) or after_re.search(after):
            return code
    if _LOCAL_DOLLAR_AFTER.match(after):
        return next((code for place, code in _LOCAL_PLACES if place.search(text)), local)
    return None


# The local dollar of the SAR a client is in (the province the place reader found), for "蚊".
LOCAL_DOLLARS = {"香港": "HKD", "澳门": "MOP"}


_ANY = [(re.compile(pattern, re.IGNORECASE), code) for pattern, code in _CURRENCIES]


def currency_in(text: str) -> str | None:
    """The first non-CNY currency mark anywhere in a short context, else None."""
    return next((code for pattern, code in _ANY if pattern.search(text)), None)
