"""One vocabulary for a firm's presence away from its registered seat: a branch (分公司) and an office.

A branch (分公司, 分支机构, "the Wuhan branch of a Shanghai company") is no legal person of its own: a program for
independent legal persons is claimed by the parent, where the parent is registered (engine/form_conditions.py). An
office a firm opens away from home (办事处, 代表处, "a Shenzhen office") is not where it is registered either
(understand/conversation.py). Both readers use these words, so a phrasing one knows the other knows too.
"""

from __future__ import annotations

import re

# "分公司", "分支机构", "branch office", "a branch of", "the Wuhan branch of a Shanghai company", "our branch in Wuhan"
BRANCH_WORDS = (
    r"分公司|分支机构|分支機構|\bbranch (?:office|company)\b|\bbranch of\b|\b(?:our|a|the) branch in\b"
)
BRANCH = re.compile(BRANCH_WORDS, re.IGNORECASE)
# A branch, or any office away from the seat ("plan to open a Shenzhen office", "明年在深圳设办事处").
OFFICE = re.compile(
    rf"{BRANCH_WORDS}|\b(?:office|branch|representative office|rep office)\b|办事处|辦事處|分部|代表处|代表處",
    re.IGNORECASE,
)
