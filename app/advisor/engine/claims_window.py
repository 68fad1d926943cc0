"""A spending period that has ended while its claims window has not (advice_rules.md §4).

南宁算力券 paid for compute used 2025-03-01 … 2025-12-31 and took claims 2026-01-04 … 01-23: in between and in the
window it is not "ended" (review18: it was). Spend the client dates in the period is claimable until the window
closes; a spend still to come is not. The catalogue says which dates are which (`Validity.claims_after_spending`).
"""

from __future__ import annotations

import re
from datetime import date

from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.purchases import Purchase
from app.catalogue.models import FundingProgram

# A spend still to come ("下个月打算租", "we plan to rent"): it cannot fall in a spending period that has ended.
_PLANNED = re.compile(
    r"(?:打算|计划|准备|将要|下个?月|下季度|明年)[^，,。；;]{0,6}(?:租|买|购|采购|签|用)|"
    r"(?:plan(?:ning)? to|will|going to) (?:rent|buy|sign|use)|next (?:month|quarter|year)",
    re.I,
)


def claims_window(
    program: FundingProgram, today: date, purchases: list[Purchase] | None, said: str
) -> Condition:
    """The spending period is over, its claims window not yet (南宁算力券: spend by 2025-12-31, claims 2026-01-04 …
    01-23): not "ended". Spend the client dates in the period is claimable until the window closes, a spend still
    to come is not; undated, the client is told which spend counts (review18: judged "ended" in its window)."""
    validity = program.validity
    until, closes, opens = validity.effective_until, validity.claims_close, validity.application_opens
    if until is None or closes is None:  # claims_after_spending holds: both are dates
        raise ValueError(program.id)
    start = validity.effective_from
    days = (closes - today).days
    if opens and opens > today:
        when_zh, when_en = f"申报期{opens}至{closes}，尚未开始受理", f"claims are filed {opens} to {closes}"
    else:
        when_zh, when_en = f"申报截止{closes}，还剩{days}天", f"claims open until {closes} ({days} days left)"
    scope = program.eligibility.spend_scope
    paid = [p for p in purchases or [] if p.kind in scope]
    in_period = [
        p
        for p in paid
        if p.year is not None and p.year <= until.year and (start is None or p.year >= start.year)
    ]
    if in_period:
        return Condition(
            "validity",
            Status.met,
            Reason(
                f"支出须在{until}前发生（您说是{in_period[0].year}年的支出）；{when_zh}",
                f"spending had to happen by {until} (yours is from {in_period[0].year}); {when_en}",
            ),
        )
    if all(p.year is None for p in paid) and _PLANNED.search(said):
        return Condition(
            "validity",
            Status.unmet,
            Reason(
                f"支出期已于{until}结束，之后的支出不在其内，除非出新一期（本期申报截止{closes}，只受理此前的支出）",
                f"spending had to happen by {until}: later spend is not covered unless a new round is issued (this "
                f"round's claims close on {closes}, for earlier spend only)",
            ),
        )
    return Condition(
        "validity",
        Status.unknown,
        Reason(
            f"支出须在{until}前发生，只有此前的支出可以申报；{when_zh}",
            f"spending had to happen by {until}; only that spend can be claimed; {when_en}",
        ),
    )


def claims_line(program: FundingProgram, conditions: list[Condition], en: bool) -> str | None:
    """ "⏰ 南宁算力券：支出须在2025-12-31前发生；申报截止2026-01-23，还剩13天": the validity condition's own words, so
    the lead and the verdict line cannot disagree."""
    reason = next((c.reason for c in conditions if c.name == "validity"), None)
    if reason is None:
        return None
    return f"⏰ {program.name_en}: {reason.en}." if en else f"⏰ {program.name}：{reason.zh}。"
