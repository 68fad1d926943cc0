"""Whether a catalogue solution fits the client at all, before any need is matched: its platform reaches the
client's place, its trades include theirs, its sizes theirs, and its skills are within one level of theirs.

Split from recommend.py (session 15) so the ranking module holds the ranking only.
"""

from __future__ import annotations

import re

from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import Solution
from app.catalogue.taxonomy import ITSkill, SizeClass

_SKILL_ORDER = [ITSkill.none, ITSkill.basic, ITSkill.intermediate, ITSkill.advanced]


# A tool built on WeChat (企业微信, 朋友圈) reaches customers only where they use WeChat: not in Taiwan, where shops
# reach members through LINE (review12 r12-39, review13 r13-40: a WeCom tool for a Taipei shop).
# Only a tool built on WeChat alone counts: one that answers by phone *or* WeChat ("AI电话和微信预约接待"), or links
# to WeCom *or* DingTalk, works there too (a Taiwan homestay's phone bookings lost their only pick at integration).
_WECHAT_BOUND = re.compile(r"基于企业微信|基于微信|私域|built on wecom|built on wechat", re.I)
_NO_WECHAT = frozenset({"台湾"})


def _platform_fits(solution: Solution, profile: CompanyProfile) -> bool:
    bound = _WECHAT_BOUND.search(f"{solution.name_zh} {solution.summary_zh}")
    return not (bound and profile.province in _NO_WECHAT)


def fits(solution: Solution, profile: CompanyProfile) -> tuple[bool, str]:
    if not _platform_fits(solution, profile):
        return False, "platform"
    if profile.industry and solution.industries and profile.industry not in solution.industries:
        return False, "industry"
    if profile.size_class and not _size_fits(solution, profile.size_class):
        return False, "size"
    if profile.it_skill is not None:
        need = _SKILL_ORDER.index(solution.prerequisites.it_skill)
        if need > _SKILL_ORDER.index(profile.it_skill) + 1:  # one level can be bought in from the vendor
            return False, "skills"
    return True, ""


def _size_fits(solution: Solution, size_class: SizeClass) -> bool:
    if size_class in solution.sizes:
        return True
    # A large group starts where a medium firm would: a pilot in one site or department.
    return size_class == SizeClass.large and SizeClass.medium in solution.sizes
