"""A program's own ceilings on the firm judged from the figures the client states (advice_rules.md §3).

Some programs are defined by ceilings rather than a size class: a small low-profit enterprise has at most 300万
of taxable income, 300 staff and 5000万 of assets; a technology-based SME at most 500 staff and 2亿 of sales and
assets. A client who says "应纳税所得额超过300万" or "we have 600 staff" has answered the question: the verdict is
❌ with their figure, not "to confirm" (held-out sets, session 12). The ceilings are read from the entry's own
requirement text, so every entry that states one is judged the same way; a figure the client does not give
leaves the condition to the program's other terms (no condition is added).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.advisor.engine.client_clauses import clauses
from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.understand.loans import stated_loan
from app.advisor.understand.numbers import money_amounts
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import FundingProgram
from app.catalogue.render import format_cny


@dataclass(frozen=True)
class _Measure:
    zh: str  # as the condition names it back
    en: str
    said: re.Pattern[str]  # how a client names it, in a clause that gives the figure
    people: bool = False


_STAFF = _Measure("从业人数", "staff", re.compile(r"x^"), people=True)  # from the profile's headcount
_REVENUE = _Measure("年销售收入", "annual sales", re.compile(r"x^"))  # from the profile's revenue
_TAXABLE = _Measure(
    "应纳税所得额",
    "taxable income",
    re.compile(r"应纳税所得额?|应税所得|应纳税额|taxable (?:income|profit)", re.I),
)
_ASSETS = _Measure("资产总额", "total assets", re.compile(r"资产总额|总资产|total assets", re.I))
# A program's loan ceiling ("创业担保贷款额度最高不超过300万元") against the loan the client says it takes
# (understand/loans.py reads "贷款800万", "borrowing RMB 12 million"): a loan above it is not this program's loan.
_LOAN = _Measure("贷款额度", "loan amount", re.compile(r"x^"))

# The entry's wording of each measure, and of the ceiling: "年度应纳税所得额不超过300万元", "职工总数不超过500人".
_MEASURES = (
    (re.compile(r"应纳税所得额"), _TAXABLE),
    (re.compile(r"从业人数|职工总数|员工人数|从业人员"), _STAFF),
    (re.compile(r"年销售收入|营业收入"), _REVENUE),
    (re.compile(r"资产总额"), _ASSETS),
    (re.compile(r"贷款额度"), _LOAN),
)
_CEILING = re.compile(
    r"(应纳税所得额|从业人数|职工总数|员工人数|从业人员|年销售收入|营业收入|资产总额|贷款额度)"
    r"(?:[^、，；。\d]{0,3}?)(不超过|不高于|不多于)(\d+(?:\.\d+)?)(人|万元|亿元)"
)
_UNITS = {"人": 1.0, "万元": 10_000.0, "亿元": 100_000_000.0}
# The client's figure is itself a bound above: "超过300万", "300多万", "over 3 million", "more than".
_ABOVE = re.compile(r"(?:超过|超了|高于|多于|大于|过了|above|over|more than|exceed\w*)\s*$", re.I)
_MORE = re.compile(r"\d\s*(?:多|余|出头)")


def ceilings(program: FundingProgram) -> list[tuple[_Measure, float, str]]:
    """Each ceiling the entry's requirements state, with the entry's own words for it."""
    out = []
    for text in program.eligibility.requirements:
        for match in _CEILING.finditer(text):
            measure = next(m for pattern, m in _MEASURES if pattern.search(match.group(1)))
            limit = float(match.group(3)) * _UNITS[match.group(4)]
            out.append((measure, limit, match.group(0)))
    return out


def _said_figure(measure: _Measure, said: str) -> tuple[float, bool, str] | None:
    """The client's figure for a measure named in the same clause: (value, said to be above it, their words)."""
    for _, clause in clauses(said):
        named = measure.said.search(clause)
        if not named:
            continue
        amounts = [m for m in money_amounts(clause[named.end() :]) if m.value > 0]
        if not amounts:
            continue
        first = amounts[0]
        tail = clause[named.end() :]
        said_as = tail[first.start : first.end + 2]
        above = bool(_ABOVE.search(tail[: first.start])) or bool(_MORE.search(said_as))
        # Quoted from the measure to the figure ("taxable income last year was about RMB 4 million").
        return first.value, above, clause[named.start() : named.end() + first.end].strip()
    return None


def _client_figure(
    measure: _Measure, profile: CompanyProfile, said: str, cased: str
) -> tuple[float, bool, str, str] | None:
    """(value, said to be above it, their figure in Chinese, in English)."""
    if measure is _STAFF:
        n = profile.employees
        return (float(n), False, f"{n}人", f"{n} staff") if n is not None else None
    if measure is _LOAN:
        loan = stated_loan(said)
        return (loan, False, format_cny(loan), _en_cny(loan)) if loan is not None else None
    if measure is _REVENUE:
        revenue = profile.annual_revenue_cny
        if revenue is None:
            return None
        return revenue, False, format_cny(revenue), _en_cny(revenue)
    figure = _said_figure(measure, said)
    if figure is None:
        return None
    value, above, words = figure
    words = _as_typed(words, said, cased)
    return value, above, f"“{words}”", f"“{words}”"


def _en_cny(amount: float) -> str:
    return f"CNY {amount:,.0f}"


def stated_limits(
    program: FundingProgram, profile: CompanyProfile, said: str, cased: str = ""
) -> list[Condition]:
    """One `threshold` condition per ceiling the client's figure settles: unmet above it, met within it."""
    out = []
    for measure, limit, wording in ceilings(program):
        figure = _client_figure(measure, profile, said, cased)
        if figure is None:
            continue
        value, above, zh, en = figure
        shown_en = f"{limit:g}" if measure.people else _en_cny(limit)
        if value > limit or (above and value >= limit):
            out.append(
                Condition(
                    "threshold",
                    Status.unmet,
                    Reason(
                        f"须{wording}，您说的是{zh}，超出了这个上限",
                        f"{measure.en} must be at most {shown_en}; yours is {en}, above it",
                    ),
                )
            )
        elif not above:
            out.append(
                Condition(
                    "threshold",
                    Status.met,
                    Reason(
                        f"{wording}：符合（您说的是{zh}）", f"{measure.en} at most {shown_en}: met ({en})"
                    ),
                )
            )
    return out


def _as_typed(words: str, said: str, cased: str) -> str:
    """The client's words as typed ("RMB 4 million"), when the lower-cased text lines up with them."""
    at = said.find(words)
    return cased[at : at + len(words)] if at >= 0 and len(cased) == len(said) else words
