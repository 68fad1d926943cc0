"""The nouns that name public funding (补贴, 券, 资助, subsidy, voucher…), one vocabulary for every reader.

Several readers must tell a funding program from the rest of a message: routing sends a question naming one
to the program sources, the classifier hears a funding question, need matching drops "算力券" so it does
not read as a need for compute, the purchase reader does not take "算力券" for a compute contract, the
gazetteer does not take "海珠区的奖补" for the client's district, and notices spot a quoted program name
the catalogue lacks. Each used to keep its own copy of this list, and the copies drifted (one knew 奖补,
another 资助, a third neither), so one phrasing was a program to one reader and a need to the next.
Readers add their own words around it (application verbs, 政策, 项目) but take the nouns from here;
tests/test_funding_words.py checks that they agree.
"""

from __future__ import annotations

import re

# Longer words first, so an alternation built from them prefers 扶持资金 to 扶持.
FUNDING_NOUNS_ZH: tuple[str, ...] = (
    "扶持资金",
    "专项资金",
    "补贴",
    "补助",
    "资助",
    "奖补",
    "奖励",
    "扶持",
    "贴息",  # a loan-interest subsidy ("设备更新贴息还有吗")
    "津贴",  # Hong Kong's word for a grant ("AI轉型津貼")
    "券",
)
# English, as whole words ("grants", but not "granted").
FUNDING_NOUNS_EN: tuple[str, ...] = (
    "subsidies",
    "subsidy",
    "subsidised",
    "subsidized",
    "vouchers",
    "voucher",
    "grants",
    "grant",
    "awards",
    "award",
    "funding",
)

# A coupon a shop hands its customers is no public money: "自動發優惠券給老客" asks for a marketing tool, not a program
# (review17). The kinds of coupon are named by what they give (优惠, 代金, 折扣, 满减 …) before 券.
_SHOP_COUPON = "".join(
    f"(?<!{kind})" for kind in ("优惠", "代金", "折扣", "团购", "抵用", "满减", "现金", "礼品", "红包")
)
FUNDING_NOUN_ZH = "|".join(_SHOP_COUPON + noun if noun == "券" else noun for noun in FUNDING_NOUNS_ZH)
FUNDING_NOUN_EN = r"\b(?:" + "|".join(FUNDING_NOUNS_EN) + r")\b"
# Either language, as one regex fragment for readers that add their own words around it.
FUNDING_NOUN = rf"(?:{FUNDING_NOUN_ZH}|{FUNDING_NOUN_EN})"
FUNDING_NOUN_RE = re.compile(FUNDING_NOUN, re.IGNORECASE)


def names_funding(text: str) -> bool:
    """The text names public funding in either language ("有没有补贴", "which vouchers apply")."""
    return FUNDING_NOUN_RE.search(text) is not None
