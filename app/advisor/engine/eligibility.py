"""Funding verdicts: each program's machine-checkable rules against the profile.

A verdict is `ineligible` if any rule fails, `unknown` if a rule needs a fact
the profile lacks (the reasons say which), else `eligible`. Free-text
requirements never flip a verdict; they are listed for the user to confirm.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import ApplicationMechanism, FundingProgram, SpecialRate
from app.catalogue.taxonomy import SIZE_LABELS, SME_SIZES


class Verdict(StrEnum):
    eligible = "eligible"
    ineligible = "ineligible"
    unknown = "unknown"


@dataclass(frozen=True)
class Reason:
    zh: str
    en: str

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.zh


@dataclass
class Assessment:
    program: FundingProgram
    verdict: Verdict
    reasons: list[Reason] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # profile facts that would settle `unknown`
    ratio: float | None = None  # the rate the engine may use in arithmetic
    rate_note: Reason | None = None
    possible_rates: list[SpecialRate] = field(default_factory=list)  # discretionary upside, never promised


def _region_check(program: FundingProgram, profile: CompanyProfile) -> tuple[bool | None, Reason]:
    regions = program.eligibility.regions
    if not regions:
        return True, Reason("不限注册地", "open to companies registered anywhere")
    labels = "、".join(r.label for r in regions)
    if not profile.province:
        return None, Reason(
            f"需在{labels}注册，尚不清楚您的注册地",
            f"requires registration in {labels}; your region is unknown",
        )
    for region in regions:
        if region.province == profile.province and (not region.city or region.city == profile.city):
            return True, Reason(
                f"注册地{profile.region_label()}符合（{labels}）",
                f"registered in {profile.region_label()} ({labels})",
            )
        if region.province == profile.province and region.city and not profile.city:
            return None, Reason(
                f"需在{region.label}注册，请确认所在城市",
                f"requires registration in {region.label}; which city?",
            )
    return False, Reason(
        f"需在{labels}注册，您的注册地是{profile.region_label()}",
        f"requires registration in {labels}, you are in {profile.region_label()}",
    )


def _size_check(program: FundingProgram, profile: CompanyProfile) -> tuple[bool | None, Reason | None]:
    sizes = program.eligibility.size_classes
    if not sizes:
        return True, None
    wanted = "、".join(SIZE_LABELS[s][0] for s in sizes)
    wanted_en = "/".join(SIZE_LABELS[s][1] for s in sizes)
    size = profile.size_class
    if size is None:
        return None, Reason(
            f"仅限{wanted}，需要员工数或营收来判断规模", f"only for {wanted_en} firms; size unknown"
        )
    if size in sizes:
        return True, Reason(f"规模为{SIZE_LABELS[size][0]}，符合", f"size class {size.value} qualifies")
    sme_only = set(sizes) <= SME_SIZES
    return False, Reason(
        f"仅限{wanted}，您属于{SIZE_LABELS[size][0]}"
        + ("（大型企业不适用中小企业政策）" if sme_only and size == "large" else ""),
        f"only for {wanted_en} firms, you are {size.value}",
    )


def _industry_check(program: FundingProgram, profile: CompanyProfile) -> tuple[bool | None, Reason | None]:
    industries = program.eligibility.industries
    if not industries:
        return True, None
    if not profile.industry:
        return None, Reason(
            f"限定行业门类{'/'.join(industries)}，尚不清楚您的行业",
            f"limited to sections {'/'.join(industries)}",
        )
    if profile.industry in industries:
        return True, Reason("行业符合", "industry qualifies")
    return False, Reason(
        f"限定行业门类{'/'.join(industries)}，您的行业门类是{profile.industry}",
        f"limited to industry sections {'/'.join(industries)}, yours is {profile.industry}",
    )


def _age_check(program: FundingProgram, profile: CompanyProfile) -> tuple[bool | None, Reason | None]:
    low, high = program.eligibility.min_company_age_years, program.eligibility.max_company_age_years
    if low is None and high is None:
        return True, None
    age = profile.company_age_years
    if age is None:
        return None, Reason(
            "对成立年限有要求，请告诉我公司成立了几年", "has a company-age rule; how old is the company?"
        )
    if (low is not None and age < low) or (high is not None and age > high):
        return False, Reason(
            f"成立年限{age:g}年不在要求范围内", f"company age {age:g} years is outside the rule"
        )
    return True, None


def _date_check(program: FundingProgram, today: date) -> tuple[bool | None, Reason | None]:
    validity = program.validity
    if validity.effective_until and validity.effective_until < today:
        return False, Reason(
            f"政策有效期已于{validity.effective_until}结束（如有新一期以主管部门通知为准）",
            f"expired on {validity.effective_until} (check with the issuer for a new round)",
        )
    if validity.application_closes and validity.application_closes < today:
        return False, Reason(
            f"本轮申报已于{validity.application_closes}截止，下一轮时间未公布",
            f"this round closed on {validity.application_closes}; next round not announced",
        )
    if validity.effective_from and validity.effective_from > today:
        return False, Reason(
            f"自{validity.effective_from}起施行，尚未开始", f"starts on {validity.effective_from}"
        )
    if validity.effective_until:
        return True, Reason(f"有效期至{validity.effective_until}", f"valid until {validity.effective_until}")
    return True, Reason(
        "原文未写明有效期，请向主管部门确认是否仍在执行", "no end date published; confirm it is still running"
    )


def assess(program: FundingProgram, profile: CompanyProfile, today: date) -> Assessment:
    checks = [
        _region_check(program, profile),
        _size_check(program, profile),
        _industry_check(program, profile),
        _age_check(program, profile),
        _date_check(program, today),
    ]
    reasons = [reason for _, reason in checks if reason is not None]
    outcomes = [ok for ok, _ in checks]
    if program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city:
        outcomes.append(None)
        reasons.append(
            Reason(
                "需所在城市（区县）入选试点，企业通过当地试点项目申报",
                "only through a selected pilot city's programme",
            )
        )
    if False in outcomes:
        verdict = Verdict.ineligible
        reasons = [r for (ok, r) in checks if ok is False and r] or reasons
    elif None in outcomes:
        verdict = Verdict.unknown
    else:
        verdict = Verdict.eligible
    assessment = Assessment(program, verdict, reasons)
    assessment.missing = [
        m for m, (ok, _) in zip(("region", "size", "industry", "age"), checks, strict=False) if ok is None
    ]
    _choose_rate(assessment, profile)
    return assessment


def _rate_applies(rate: SpecialRate, profile: CompanyProfile, spend: float | None) -> bool:
    if rate.size_classes and profile.size_class not in rate.size_classes:
        return False
    if rate.max_company_age_years is not None and (
        profile.company_age_years is None or profile.company_age_years > rate.max_company_age_years
    ):
        return False
    return rate.max_annual_spend is None or (spend is not None and spend <= rate.max_annual_spend)


def _choose_rate(assessment: Assessment, profile: CompanyProfile, spend: float | None = None) -> None:
    benefit = assessment.program.benefit
    assessment.ratio = benefit.ratio
    assessment.possible_rates = [r for r in benefit.special_rates if not r.automatic]
    for rate in benefit.special_rates:
        if (
            rate.automatic
            and rate.ratio
            and _rate_applies(rate, profile, spend)
            and rate.ratio > (assessment.ratio or 0)
        ):
            assessment.ratio = rate.ratio
            assessment.rate_note = Reason(
                f"适用特别条款：{rate.condition}", f"special rate applies: {rate.condition}"
            )


def refine_rate(assessment: Assessment, profile: CompanyProfile, spend: float) -> None:
    """Re-check automatic special rates once the pack's spend on this program is known."""
    _choose_rate(assessment, profile, spend)
