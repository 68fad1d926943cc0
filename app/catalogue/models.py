"""Pydantic models for the solution and funding catalogues (knowledge/catalogue/*.yaml).

Models are strict (`extra="forbid"`) so that a typo in a YAML key is reported
instead of silently ignored: a consultant who writes `ratoi: 0.3` must hear
about it, or the advisor would quote a program with no ratio.

The models live in fields.py (shared types and limits), solution_models.py, eligibility_models.py
and funding_models.py; this module holds the catalogue itself and is where callers import them from.
"""

from __future__ import annotations

from app.catalogue.eligibility_models import (
    Eligibility,
    PilotBatch,
    Region,
    ScopeLevel,
    StatedCondition,
    Venue,
)
from app.catalogue.fields import AmountRange, StrictModel
from app.catalogue.funding_models import (
    ApplicationMechanism,
    Benefit,
    FundingProgram,
    HowToApply,
    Provenance,
    SpecialRate,
    Stacking,
    StackTier,
    Validity,
)
from app.catalogue.solution_models import Prerequisites, PurchaseItem, Solution, SolutionCost

__all__ = [
    "AmountRange",
    "ApplicationMechanism",
    "Benefit",
    "Catalogue",
    "Eligibility",
    "FundingProgram",
    "HowToApply",
    "PilotBatch",
    "Prerequisites",
    "Provenance",
    "PurchaseItem",
    "Region",
    "ScopeLevel",
    "Solution",
    "SolutionCost",
    "SpecialRate",
    "StackTier",
    "Stacking",
    "StatedCondition",
    "Validity",
    "Venue",
]


class Catalogue(StrictModel):
    solutions: tuple[Solution, ...]
    funding: tuple[FundingProgram, ...]

    def solution(self, solution_id: str) -> Solution | None:
        return next((s for s in self.solutions if s.id == solution_id), None)

    def program(self, program_id: str) -> FundingProgram | None:
        return next((p for p in self.funding if p.id == program_id), None)
