"""What a reading of the business is: the GB/T section, the MIIT sector that sizes it, and the owner's word.

Split from industry_classes.py (session 18); every industry module returns an `IndustryMatch`.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.advisor.understand.size import SECTION_SECTOR

# MIIT sectors (size thresholds) per GB/T division where a section holds several.
DIVISION_SECTOR = {
    "51": "wholesale",
    "52": "retail",
    "59": "warehousing",
    "60": "postal",
    "61": "accommodation",
    "62": "catering",
    "63": "telecom",
    "64": "telecom",
    "65": "software",
}


@dataclass(frozen=True)
class IndustryMatch:
    label: str
    section: str
    sector: str
    keyword: str


def sector_of(section: str, division: str) -> str:
    """The MIIT sector of a GB/T class: its division's where the section holds several, else the section's."""
    return DIVISION_SECTOR.get(division, SECTION_SECTOR.get(section, "other"))
