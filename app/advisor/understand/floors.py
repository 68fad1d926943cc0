"""A floor: an amount the client says their spend clears, not what it is ("每年肯定超过5万", "不少于10万",
"起码30万", "多過五萬", "well over 50k", "at least RMB 100k", "10万以上").

Owners say it to show they meet a program's yearly threshold (a compute voucher pays only on spend of 5万 a year or
more), often after they have given the contract itself ("年合同60万" then "每年肯定超过5万", review14 r14-24). A floor
is the least the spend is, never the spend: beside a contract of the same kind it adds nothing (the contract's
figure stands; `beside_contracts`), and on its own it is the purchase at that amount, marked `at_least` so no one
reads it as the contract's price (StatedPurchase.at_least). A later exact figure for the same purchase replaces a
floor; a floor never replaces an exact figure (CompanyProfile.merged_with).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.advisor.understand.stated_purchase import PurchaseSpan

_I = re.IGNORECASE
# Right before the figure, with fillers between ("超过了", "至少也有", "well over RMB"); "不超过" is a ceiling.
_FLOOR_BEFORE = re.compile(
    r"(?:(?<!不)超过|(?<!不)超出|不少于|不低于|不止|至少|起码|最少|最低|多过|多於|多于|高于|大于|"
    r"(?<!no )(?<!not )(?<!never )\b(?:well |way |easily |comfortably )?(?:over|above|more than|in excess of|upwards of|"
    r"north of)|"
    r"\bat least|\bno less than|\bnot less than|\ba minimum of|\bminimum of)"
    r"(?:了|都|也|也有|都有|有|得|\s|:|rmb|cny|¥|￥)*$",
    _I,
)
# Right after it: "10万以上", "30万起", "5万打底", "100k or more", "50k+".
_FLOOR_AFTER = re.compile(
    r"\s*(?:元|块|人民币|rmb|cny|yuan)?\s*(?:以上|往上|朝上|打底|起步|起(?![来码])|\+|or more\b|and up\b|plus\b)",
    _I,
)


# A negated bound is a ceiling: "不能超过3万", "不想超过两万", "别超过5千" (budget.py reads those).
_NEGATED = re.compile(
    r"(?:不|别|没|勿|莫|未)(?:能|想|要|得|会|可|宜|许|准|应|该|敢|必)?\s*$|"
    # ...and in English: "we can't go above 80k", "won't spend more than 50k", "shouldn't be over 30k"
    r"\b(?:can'?t|cannot|won'?t|shouldn'?t|mustn'?t|don'?t want to|not)\s+(?:\w+\s+){0,2}$",
    _I,
)


def is_floor(text: str, start: int, end: int) -> bool:
    """The amount at text[start:end] is said as a bound the spend clears ("超过5万", "at least 100k")."""
    before = text[max(0, start - 24) : start]
    if found := _FLOOR_BEFORE.search(before):
        return not _NEGATED.search(before[: found.start()])
    return bool(_FLOOR_AFTER.match(text, end))


def beside_contracts(spans: Sequence[PurchaseSpan]) -> list[PurchaseSpan]:
    """The spans without the floors of a kind the message also prices exactly: "年合同60万，每年肯定超过5万" is one
    purchase of 60万 (the 5万 only says it clears the threshold)."""
    exact = {span.purchase.kind for span in spans if not span.purchase.at_least}
    return [span for span in spans if not (span.purchase.at_least and span.purchase.kind in exact)]
