"""A spend the client made in an earlier year ("去年实打实付了25万的算力费", "we paid 300k for GPU rental last year";
profile.purchases[].year, understand/purchase_dates.py).

It was bought and paid: a program may still pay for it when its window covers that year (the client's own figure
is the base, advice_rules.md §5), so it is judged like any purchase the client names. It is never this year's
spend: no pack item, never in the first-year cost, the budget check or the net, and what a program may pay on it
is shown apart, "up to", never subtracted (costing.py). "去年…花了50万，今年再签30万" costs 30万 this year (r9-06).
"""

from __future__ import annotations

from typing import Protocol, TypeVar


class _Dated(Protocol):
    @property
    def year(self) -> int | None: ...


Item = TypeVar("Item", bound=_Dated)


def this_years(items: list[Item]) -> list[Item]:
    """The items bought this year (or with no year said): what the pack costs."""
    return [item for item in items if item.year is None]


def earlier_years(items: list[Item]) -> list[Item]:
    """The items the client says were bought in an earlier year."""
    return [item for item in items if item.year is not None]


def dated(names: tuple[str, str], year: int | None) -> tuple[str, str]:
    """A line's name with the year it was bought, when that was before this one ("您提到的智能算力租用（2025年）")."""
    if year is None:
        return names
    zh, en = names
    return f"{zh}（{year}年）", f"{en} ({year})"
