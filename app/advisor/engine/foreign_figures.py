"""A client's amount in another currency, kept in it (review6 c18: "HK$40萬" was shown as "人民幣40萬").

We hold no exchange rates, so such an amount is never costed as yuan (understand/purchases.py leaves it out of
the purchases) and never added to one. A program paying in that same currency (香港科技券 in HK$) is worked
out on it in that currency: "HK$30萬 × 最高75% = 最多HK$22.5萬，上限累計60萬港元". Programs in yuan get no figure
on it: the answer would have to convert, and it says so instead.
"""

from __future__ import annotations

from app.advisor.contract import Lang
from app.advisor.engine.arithmetic import ratio_is_ceiling
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.purchases import Purchase
from app.advisor.understand.budget import foreign_amounts
from app.catalogue.render import cap_phrase, format_cny, format_ratio


def _money(value: float, currency: str, en: bool) -> str:
    return f"{currency} {value:,.0f}" if en else format_cny(value, currency)


def _bought_outside(program: Assessment, value: float, currency: str, client: list[Purchase]) -> bool:
    """The amount is a purchase of a kind the program does not pay for ("HK$30k a quarter on cloud GPU" and TVP):
    the answer already says nothing is subtracted from it (spend_notes.unpaid_client_items), so no figure."""
    scope = program.program.eligibility.spend_scope
    return any(p.currency == currency and p.amount_other == value and p.kind not in scope for p in client)


def foreign_figure_notes(
    norm: str, programs: list[Assessment], language: Lang, client: list[Purchase] | None = None
) -> list[str]:
    """Each open program paying in the currency of an amount the client states, worked out in that currency.
    `client`: the client's own lines, so a purchase the program does not pay for gets no figure."""
    amounts = foreign_amounts(norm)
    if not amounts:
        return []
    en = language == "en"
    lines = []
    for assessment in programs:
        benefit, ratio = assessment.program.benefit, assessment.ratio or assessment.program.benefit.ratio
        if assessment.verdict is Verdict.ineligible or not ratio:
            continue
        for value, currency in amounts:
            if currency != benefit.currency or _bought_outside(assessment, value, currency, client or []):
                continue
            ceiling = ratio_is_ceiling(assessment.program, ratio)
            raw = value * ratio
            cap = benefit.expected_cap
            amount = raw if cap is None else min(raw, cap)
            name = assessment.program.name_en if en else assessment.program.name
            pct = format_ratio(ratio)
            if en:
                capped = f", above the cap, so at most {_money(amount, currency, en)}" if amount < raw else ""
                cap_said = f"; cap {cap_phrase(benefit, 'en')} as published" if cap is not None else ""
                lines.append(
                    f"{name}: the {_money(value, currency, en)} you named × {'up to ' * ceiling}{pct} = "
                    f"{'at most ' * ceiling}{_money(raw, currency, en)}{capped}{cap_said}, in {currency} "
                    "(no conversion to CNY)."
                )
            else:
                capped = f"，超过上限，最多{_money(amount, currency, en)}" if amount < raw else ""
                cap_said = f"；上限{cap_phrase(benefit)}（按公布口径）" if cap is not None else ""
                lines.append(
                    f"{name}：您说的{_money(value, currency, en)} × {'最高' * ceiling}{pct} = "
                    f"{'最多' * ceiling}{_money(raw, currency, en)}{capped}{cap_said}（按原币种计算，未换算成人民币）。"
                )
    return lines


# The currencies understand/numbers.py reads, as a Chinese answer names them; any other is shown by its code.
_UNITS_ZH = {
    "HKD": "港元",
    "TWD": "新台币",
    "MOP": "澳门元",
    "USD": "美元",
    "EUR": "欧元",
    "GBP": "英镑",
    "JPY": "日元",
    "SGD": "新加坡元",
}


def foreign_money(value: float, currency: str, language: Lang) -> str:
    """An amount in its own currency, unconverted: "80万港元", "HKD 800,000"."""
    unit = _UNITS_ZH.get(currency)
    if language == "en" or unit is None:
        return f"{currency} {value:,.0f}"
    return f"{round(value / 1e4, 2):g}万{unit}" if value >= 1e4 else f"{value:,.0f}{unit}"


def in_own_currency(items: list[Purchase]) -> list[Purchase]:
    """The client's lines priced in a currency we hold no rate for (engine/purchases.py `_in_its_currency`)."""
    return [p for p in items if p.currency and p.amount_other is not None]


def foreign_total(items: list[Purchase], language: Lang) -> str:
    """Those lines summed per currency, never across currencies: "80万港元", "HKD 800,000 + USD 20,000"."""
    sums: dict[str, float] = {}
    for p in in_own_currency(items):
        sums[p.currency or ""] = sums.get(p.currency or "", 0.0) + (p.amount_other or 0.0)
    return " + ".join(foreign_money(value, currency, language) for currency, value in sums.items())
