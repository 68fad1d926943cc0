"""aipack: the AI enablement-pack advisor for SMEs.

from app import Advisor
Advisor().ask("我在杭州开了一家20人的餐厅……").model_dump()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.advisor.service import AdvisorService as Advisor

__all__ = ["Advisor"]


def __getattr__(name: str) -> Any:
    # Lazy: importing `app` must stay cheap for the CLI and Streamlit.
    if name == "Advisor":
        from app.advisor.service import AdvisorService

        return AdvisorService
    raise AttributeError(name)
