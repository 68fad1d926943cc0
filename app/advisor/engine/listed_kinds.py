"""A program that pays only for the kinds of product its notice lists, against the need the client states.

Taiwan's store subsidy pays for 7 kinds (线上点餐、云端订位/候位、云端POS、行动支付、电子发票、店面人流计数、优惠券/
点数核销). A clothing shop that "想用AI做会员行销" named none of them, yet heard "❔ 有规模要求" (review15 r15-34):
what it buys decides before its size. A stated AI need whose words touch none of the listed kinds is unmet, and the
line names the kinds; a need that shares a kind's word ("会员点数") stays to confirm.
"""

from __future__ import annotations

import re

from app.catalogue.models import FundingProgram

# The client wants AI for something: "想用AI做会员行销", "打算上AI客服", "we want an AI tool that writes our posts".
_WANTS_AI = re.compile(
    r"(?:想|打算|准备|希望|计划|要)(?:要)?(?:用|上|引入|搞|做)[^，。；？?,;.!]{0,4}(?:ai|人工智能)[^，。；？?,;.!]{0,12}|"
    r"\b(?:want|plan|would like|need)s?\b[^.?!]{0,12}?\ban? ai\b[^.?!,]{0,40}",
    re.I,
)
# Words every kind's name may share with anything: they say nothing about which kind a need is.
_GENERIC = frozenset({"云端", "线上", "在线", "店面", "电子", "行动"})
_EN_GENERIC = frozenset({"online", "cloud", "store", "mobile", "counting"})


def _kind_words(program: FundingProgram) -> set[str]:
    eligibility = program.eligibility
    words = {
        part[i : i + 2]
        for kind in eligibility.paid_kinds
        for part in kind.split("/")
        for i in range(len(part) - 1)
        if part[i : i + 2] not in _GENERIC
    }
    words |= {
        w.lower()
        for kind in eligibility.paid_kinds_en
        for w in re.findall(r"[A-Za-z]{3,}", kind)
        if w.lower() not in _EN_GENERIC
    }
    return words


def unlisted_need(program: FundingProgram, said: str) -> str | None:
    """The client's stated AI need, in their words, when it names none of the kinds the program lists; `said` is
    lower-cased and without the program's own name. None: no such list, no need stated, or a kind may be meant."""
    if not program.eligibility.paid_kinds:
        return None
    wish = _WANTS_AI.search(said)
    if wish is None:
        return None
    latin = set(re.findall(r"[a-z]{3,}", said))
    if any(w in said if not w.isascii() else w in latin for w in _kind_words(program)):
        return None
    return re.sub(r"(?<![a-z])ai(?![a-z])", "AI", wish.group(0).strip())  # quoted as owners write it
