"""When the client spends, against when the program ends (advice_rules.md §4).

A spend the client says starts next year, or signs on a day they name, after a program that ends before it: that
spend is covered only if the program is renewed. The day itself is read by stated_days.py.
"""

from __future__ import annotations

import re
from datetime import date

from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.stated_days import signed_by, stated_day
from app.catalogue.models import FundingProgram
from app.text.clauses import sentences

# A spend the client places next year: "明年…每个月花3万", "from next January", "2027年起".
_NEXT_YEAR = re.compile(r"明年|下一年|来年|next year|from january|starting (?:in )?january", re.I)
_SPEND_WORDS = re.compile(r"花|买|采购|租|调用|合同|签|付|下单|spend|pay|buy|rent|sign|contract|order", re.I)


def _spend_after_end(until: date, said: str, today: date) -> Condition | None:
    """The client signs or spends on a day after the program ends (review8 probe p3: "12月20号签约" and the
    measures end on 12-17; "1月份签", "过完年再签": every day those can mean): that spend is not covered unless
    the program is renewed (engine/stated_days.py reads the day)."""
    for sentence in sentences(said):
        when = stated_day(sentence, today) if _SPEND_WORDS.search(sentence) else None
        if when is not None and (by := signed_by(when, until)):
            return by
        if when is not None and when.day > until:
            return Condition(
                "validity",
                Status.unmet,
                Reason(
                    f"您说{when.zh}签约或支出，而这项政策有效期至{until}：之后的支出不在其内，除非续期或出新一期",
                    f"you sign or spend {when.en} and the program runs until {until}: spend after that is "
                    "covered only if it is renewed",
                ),
            )
    return None


# A spend the client places next quarter ("下季度租", "renting … next quarter"): it starts on the quarter's first day.
_NEXT_QUARTER = re.compile(r"下(?:个|一)?季度|next quarter|following quarter", re.I)


def _next_quarter(today: date) -> date:
    first_month = (today.month - 1) // 3 * 3 + 4
    return date(today.year + 1, 1, 1) if first_month > 12 else date(today.year, first_month, 1)


def _quarter_after_end(until: date, said: str, today: date) -> Condition | None:
    """The client spends next quarter and the program ends before it starts (review14 r14-46: renting 300k of
    GPU "next quarter" was ✅ for 天津算力券, which ends 2026-12-31): covered only if renewed."""
    start = _next_quarter(today)
    for sentence in sentences(said):
        if start > until and _NEXT_QUARTER.search(sentence) and _SPEND_WORDS.search(sentence):
            return Condition(
                "validity",
                Status.unmet,
                Reason(
                    f"您说下季度（{start}起）支出，而这项政策有效期至{until}：之后的支出不在其内，除非续期或出新一期",
                    f"you spend next quarter (from {start}) and the program runs until {until}: spend after "
                    "that is covered only if it is renewed or a new round is issued",
                ),
            )
    return None


def spend_timing(program: FundingProgram, said: str, today: date) -> Condition | None:
    """The client's spend starts next year, or on a day they name, after the program ends (§4): covered only if
    renewed."""
    until = program.validity.effective_until
    if until is None or until < today:
        return None
    after_end = _spend_after_end(until, said, today) or _quarter_after_end(until, said, today)
    if after_end is not None or until >= date(today.year + 1, 1, 1):
        return after_end
    years = [str(y) for y in range(today.year + 1, today.year + 3)]
    pieces = sentences(said)
    later = [
        s
        for s in pieces
        if (_NEXT_YEAR.search(s) or any(f"{y}年" in s or f"in {y}" in s for y in years))
        and _SPEND_WORDS.search(s)
    ]
    if not later:
        return None
    return Condition(
        "validity",  # the program's period against when the client spends
        Status.unmet,
        Reason(
            f"您的支出从明年开始，而这项政策有效期至{until}：除非续期或出新一期，明年的支出不在其内",
            f"your spend starts next year and the program runs until {until}: next year's spend is covered only "
            "if it is renewed",
        ),
    )
