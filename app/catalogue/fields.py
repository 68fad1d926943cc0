"""Field types shared by the catalogue models: length limits, strict base model, id and code checks.

Free text has a maximum length, several times the longest entry in knowledge/catalogue/
(names ≤ 120, list items ≤ 300, paragraphs ≤ 1,000, descriptions ≤ 2,000): a field far over
it is a paste accident (a whole web page in `quote`), and would swell every index chunk and
LLM prompt it lands in. The length is checked before any other rule, so the error names the
field without echoing the text.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.catalogue.taxonomy import (
    INDUSTRY_SECTIONS,
)

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")

NAME_MAX = 120  # names, issuers, document numbers
ITEM_MAX = 300  # one list item or condition: a pain point, a step, a requirement
TEXT_MAX = 1_000  # a paragraph: a benefit summary, the quote, notes
LONG_MAX = 2_000  # a description: solution summaries
URL_MAX = 1_000
PLACE_MAX = 20  # short place names ("内蒙古")

Item = Annotated[str, StringConstraints(max_length=ITEM_MAX)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
Url = Annotated[str, StringConstraints(max_length=URL_MAX)]
Code = Annotated[str, StringConstraints(max_length=8)]  # checked against the taxonomy afterwards
Ref = Annotated[str, StringConstraints(max_length=64)]  # another entry's id


class StrictModel(BaseModel):
    # `cap: .inf` or `ratio: .nan` is a typo, not a number the advisor may quote or add up.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def check_id(value: str) -> str:
    if not _ID_PATTERN.match(value):
        raise ValueError("id must be 3-64 chars of lowercase letters, digits and '-'")
    return value


def check_industries(codes: list[str]) -> list[str]:
    unknown = [c for c in codes if c not in INDUSTRY_SECTIONS]
    if unknown:
        raise ValueError(f"unknown industry section code(s) {unknown}; use GB/T 4754 letters A-T")
    return codes


class AmountRange(StrictModel):
    min: float = Field(ge=0)
    max: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> AmountRange:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        return self


# ---------------------------------------------------------------- solutions


def first_year(one_off: AmountRange, monthly: AmountRange) -> AmountRange:
    """A one-off price plus twelve months of a monthly one: what a contract costs in its first year."""
    return AmountRange(min=one_off.min + 12 * monthly.min, max=one_off.max + 12 * monthly.max)


def check_regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
    return value


def said_match(pattern: str, text: str) -> re.Match[str] | None:
    """A catalogue pattern of the client's words (`said`, `met_when`, `unmet_when`) searched in their text.

    ASCII word boundaries: a Latin word typed against Chinese ("上云ERP", "买CRM系统") is still a word, where
    Unicode's `\\b` sees none between 云 and E (review7 p10: "想上云ERP" missed 贵州上云券's application layer).
    """
    return re.search(pattern, text, re.IGNORECASE | re.ASCII)
