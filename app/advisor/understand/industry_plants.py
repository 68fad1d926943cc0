"""A plant named after a service is the service's own plant: "洗涤工厂" washes linen (O), it makes nothing.

A generic plant word (厂, 工厂, factory, plant) is the head of the noun, and a maker's product before it leaves
it a factory ("家具厂", "dairy plant"). But a service before it says what the plant does: a laundry chain's
"洗涤工厂" is 洗染服务, a "养鸡厂" farms (A), a "laundry plant" washes. The owner word of the service then names
the business, not the plant word after it.
"""

from __future__ import annotations

import re
from itertools import pairwise

from app.advisor.understand.industry_classes import IndustryMatch

# Words that say only "a plant": the kind of work is in the word before them.
_PLANT_WORDS = {
    "工厂",
    "厂",
    "厂子",
    "小厂",
    "加工厂",
    "车间",
    "factory",
    "factories",
    "plant",
    "plants",
    "workshop",
}
# Sections whose work a plant can do without making goods: farms and services (not construction or trade,
# whose "建材厂" or "批发工厂" do make things).
_SERVICE_SECTIONS = "AGHIKLMNOPQR"
# Nothing between them, or an English plural or possessive ("panel beaters' workshop").
_BETWEEN = re.compile(r"(?:e?s)?'?\s?")


def without_service_plants(
    hits: list[tuple[int, IndustryMatch]], clause: str
) -> list[tuple[int, IndustryMatch]]:
    """The hits without a plant word that follows a service's owner word right away ("洗涤工厂" keeps 洗涤)."""
    ordered = sorted(hits, key=lambda hit: hit[0])
    dropped: set[int] = set()
    for (start, match), (next_start, plant) in pairwise(ordered):
        end = start + len(match.keyword)
        if (
            plant.keyword.lower() in _PLANT_WORDS
            and match.section in _SERVICE_SECTIONS
            and _BETWEEN.fullmatch(clause[end:next_start])
        ):
            dropped.add(next_start)
    return [hit for hit in hits if hit[0] not in dropped]
