"""A what-if: a fact of the company supposed otherwise for one answer, never saved.

"那苏州呢", "要是改成有限公司呢？", "and for a 300-person firm?" ask the last question again for a changed
company and what changes with it; the saved profile keeps its facts (a correction, "不对，是绍兴", saves them).
Where the company is has its own reading (understanding.py: the place asked about against where the company
is); these are the other facts a what-if may change. Only a known fact can be supposed otherwise: one never
stated is simply stated now.
"""

from __future__ import annotations

import re
from typing import Any

from app.advisor.understand.profile import CompanyProfile

# A supposed fact and the profile fields that go with it.
SUPPOSABLE: dict[str, tuple[str, ...]] = {
    "employees": ("employees",),
    "annual_revenue_cny": ("annual_revenue_cny",),
    "legal_form": ("legal_form",),
    "industry": ("industry", "industry_text", "sector"),
}
# Another trade is supposed in so many words ("如果我们是做餐饮的", "if we were a restaurant"); a trade word in
# passing ("要是再租GPU训练模型") supposes nothing about what the company does.
# Company measures a supposed purchase's sentence may seem to state.
_CONTRACT_FIGURES = ("employees", "annual_revenue_cny")
# The 是 of a supposing word ("要是", "若是", "倘是") or of "但是/还是/就是" says nothing of the trade: "要是租贵州
# 数据中心的算力自己跑模型" supposes a rental, not a software firm.
_AS_TRADE = re.compile(
    r"(?<![要若倘但还就总于凡而正真也都不可算])是|做|改做|转做|换成|\b(?:were|was|are|became|become|be)\b",
    re.IGNORECASE,
)


def supposed_changes(supposed: CompanyProfile, saved: CompanyProfile, supposition: str) -> dict[str, Any]:
    """The profile fields `supposed` (read from the `supposition`) sets otherwise than `saved`, with its values."""
    changes: dict[str, Any] = {}
    for slot, fields in SUPPOSABLE.items():
        new, old = getattr(supposed, slot), getattr(saved, slot)
        if new is None or old is None or new == old:
            continue
        if supposed.purchases and slot in _CONTRACT_FIGURES:
            continue  # figures of a supposed purchase are the contract's (without_contract_figures)
        if slot == "industry" and not _AS_TRADE.search(supposition):
            continue
        changes.update({name: getattr(supposed, name) for name in fields})
    return changes


def without_contract_figures(delta: CompanyProfile, supposed: CompanyProfile) -> CompanyProfile:
    """The message's facts without the company measures read inside a supposed purchase.

    "那如果我们自己租算力微调一个客服模型，合同20万呢？" supposes one more purchase, not another company: a headcount
    or a revenue read there is the contract's wording ("一个"), not the firm's (review8 r8-A2: 30 staff became 1).
    """
    if not supposed.purchases:
        return delta
    read_there = {
        name: None
        for name in _CONTRACT_FIGURES
        if getattr(supposed, name) is not None and getattr(supposed, name) == getattr(delta, name)
    }
    return delta.model_copy(update=read_there) if read_there else delta
