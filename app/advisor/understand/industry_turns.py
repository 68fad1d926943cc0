"""A later turn keeps the trade the client already told us, unless it corrects or restates it (issue #12).

"我们是连锁火锅，成都8家店" then "我们也卖自己炒的火锅底料": the hot-pot chain also sells its own base, it did not
become a grocer. Later turns name a product also sold ("We also sell our tea through a Tmall store"), a
department ("另外我们物流部也想优化路线"), a sideline ("还开了个小民宿") or a question with a business word in it
("算力券能抵我这些软件的钱吗？"); none of them says what the business is. Only a correction ("不对，我们其实是做…",
"Actually, we're mostly a tea factory now") or a fresh description of the business ("我们是做冻品批发的",
"主要生产数控机床") changes the known trade. A turn that adds something ("也", "还", "另外", "also", "as well") adds
a line of business, never replaces the main one, unless it corrects.
"""

from __future__ import annotations

import re

from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.resolve import ASKS, CORRECTION, SELF_DESCRIPTION
from app.text.normalize import normalize

# A description of what the business mainly is or does: "我们主要生产…", "公司是做…的", "our business is …".
_RESTATES = re.compile(
    r"主要(?:是|做|生产|制造|加工|经营|卖|从事|搞)|专门(?:做|生产|卖)|(?:公司|我司|本身|我们这边)(?:是|做|主要)|"
    r"\b(?:we (?:make|produce|manufacture|sell|do)|our (?:business|company|firm) (?:is|does|makes))\b",
    re.I,
)
# What is said besides the main business: a product also sold, a sideline, one more department.
_ADDS = re.compile(
    r"也|还|另外|此外|顺便|同时|兼|副业|顺带|"
    r"\b(?:also|as well|too|besides|on the side|in addition|plus)\b",
    re.I,
)


def industry_in_passing(delta: CompanyProfile, text: str, profile: CompanyProfile) -> bool:
    """Whether this turn's industry is to be dropped because the client already told us another one.

    A question names a business word in passing; a statement changes the trade only when it corrects it or
    describes the business afresh without adding to it ("我们也卖…" adds a product)."""
    said, known = (delta.industry, delta.industry_text), (profile.industry, profile.industry_text)
    # Another class of the same section is still a relabel ("那研发费用加计扣除呢？" made a 精密机械厂 a maker of
    # calculators: review8 r8-B3).
    if not (profile.industry and delta.industry and said != known):
        return False
    norm = normalize(text)
    if CORRECTION.search(norm):
        return False
    if ASKS.search(text):
        return not SELF_DESCRIPTION.search(norm)
    describes = SELF_DESCRIPTION.search(norm) or _RESTATES.search(norm)
    return not describes or bool(_ADDS.search(norm))
