"""aipack: the AI enablement-pack advisor for SMEs.

from app import Advisor
Advisor().ask("我在杭州开了一家20人的餐厅……").model_dump()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.advisor.service import AdvisorService
    from app.settings import Settings

__all__ = ["Advisor"]


def Advisor(settings: Settings | None = None) -> AdvisorService:
    """The advisor over the app's index and catalogue (one `Container`, built from settings)."""
    from app.container import Container, configure_process

    box = Container(settings)
    configure_process(box.settings)
    return box.advisor
