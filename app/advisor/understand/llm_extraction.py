"""LLM mode profile extraction via structured output, validated against our dictionaries.

The model's fields overlay the rule-based extraction only where they pass
validation (a real GB/T section, a place the gazetteer knows, sane numbers);
any failure leaves the rule-based profile in place.
"""

from __future__ import annotations

import logging

from pydantic import BaseModel, Field

from app.advisor.understand.gazetteer import RegionGazetteer
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.taxonomy import INDUSTRY_SECTIONS
from app.components.llm import build_chat_model
from app.components.llm_calls import Deadline, failure_reason, structured
from app.components.llm_endpoint import capabilities
from app.components.prompts import load_prompt
from app.redact import redact
from app.settings import Settings

log = logging.getLogger(__name__)


class ExtractedProfile(BaseModel):
    """Facts about the user's own company stated in one message (null when not stated)."""

    industry: str | None = Field(default=None, description="GB/T 4754 section letter A-T")
    industry_text: str | None = Field(default=None, description="The business in a few words")
    province: str | None = Field(default=None, description="Short province name, e.g. 浙江")
    city: str | None = Field(default=None, description="Short city name, e.g. 杭州")
    employees: int | None = None
    annual_revenue_cny: float | None = None
    company_age_years: float | None = None
    budget_cny: float | None = None
    pain_points: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)


class LLMProfileExtractor:
    def __init__(self, settings: Settings, places: RegionGazetteer) -> None:
        self.redact_pii = settings.llm.redact_pii
        self.llm = settings.llm
        self.model = build_chat_model(settings.llm, max_tokens=settings.llm.extraction_max_tokens)
        self.prompt = load_prompt(settings.paths.prompts_dir, "profile_extraction")
        self.places = places

    def extract(self, message: str, deadline: Deadline | None = None) -> CompanyProfile | None:
        try:
            text = redact(message) if self.redact_pii else message
            # The endpoint's best structured-output method (json_schema → json_object → prompt), learned once.
            caps = capabilities(self.llm)
            prompt = self.prompt.render(message=text)
            result = structured(
                self.model,
                ExtractedProfile,
                prompt,
                caps,
                self.llm.structured_methods,
                deadline,
                first_token_s=self.llm.first_token_s,
            )
        except Exception as exc:  # extraction is an enhancement; rules already ran
            log.warning("LLM profile extraction failed: %s", failure_reason(exc))
            return None
        if not isinstance(result, ExtractedProfile):
            return None
        data = result.model_dump()
        if data["industry"] not in INDUSTRY_SECTIONS:
            data["industry"] = None
        place = self.places.find(f"{data.get('province') or ''}{data.get('city') or ''}")
        data["province"], data["city"] = (place.province, place.city) if place else (None, None)
        for key in ("employees", "annual_revenue_cny", "company_age_years", "budget_cny"):
            value = data[key]
            if value is not None and not 0 <= value < 1e13:
                data[key] = None
        try:
            return CompanyProfile.model_validate(data)
        except ValueError:
            return None
