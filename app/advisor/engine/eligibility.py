"""Funding verdicts from every condition a program states (advice_rules.md §3).

Each condition is `met`, `unmet` or `unknown` against the client's facts: region, size, industry, age,
validity and application window, the program's own special conditions (a named platform, a filed model,
a pilot city, a selection), and a planned purchase of a kind the program pays for. The verdict follows:
`ineligible` names each unmet condition, `unknown` names each fact still missing, `eligible` needs every
condition met. A program with no region restriction is not open to everyone: its real condition is
elsewhere, so it is at best unknown until that is confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.advisor.contract import Lang
from app.advisor.engine.purchases import Purchase
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import ApplicationMechanism, FundingProgram, ScopeLevel, SpecialRate
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SIZE_LABELS, SME_SIZES, SPEND_LABELS


class Verdict(StrEnum):
    eligible = "eligible"
    ineligible = "ineligible"
    unknown = "unknown"


class Status(StrEnum):
    met = "met"
    unmet = "unmet"
    unknown = "unknown"


@dataclass(frozen=True)
class Reason:
    zh: str
    en: str

    def text(self, language: Lang) -> str:
        return self.en if language == "en" else self.zh


@dataclass(frozen=True)
class Condition:
    name: str  # region | size | industry | age | validity | window | special | selection | purchase
    status: Status
    reason: Reason


@dataclass
class Assessment:
    program: FundingProgram
    verdict: Verdict
    reasons: list[Reason] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # profile facts that would settle `unknown`
    ratio: float | None = None  # the rate the engine may use in arithmetic (never a discretionary one)
    rate_note: Reason | None = None

    @property
    def selection_only(self) -> bool:
        """Competitive or pilot-city programs: shown as 'selection required', never in net cost (§2)."""
        return self.program.how_to_apply.mechanism in SELECTION_MECHANISMS


SELECTION_MECHANISMS = {ApplicationMechanism.competitive_selection, ApplicationMechanism.via_pilot_city}
PROFILE_FACTS = ("region", "size", "industry", "age")


def _region(program: FundingProgram, profile: CompanyProfile) -> Condition:
    regions = program.eligibility.regions
    if not regions:
        return Condition("region", Status.met, Reason("不限注册地", "no registration-region rule"))
    labels = "、".join(r.label for r in regions)
    labels_en = "; ".join(r.label_en for r in regions)
    if not profile.province:
        return Condition(
            "region",
            Status.unknown,
            Reason(
                f"需在{labels}注册，尚不清楚您的注册地",
                f"requires registration in {labels_en}; your region is unknown",
            ),
        )
    for region in regions:
        if region.province == profile.province and region.city and not profile.city:
            return Condition(
                "region",
                Status.unknown,
                Reason(
                    f"需在{region.label}注册，请确认所在城市",
                    f"requires registration in {region.label_en}; which city?",
                ),
            )
        if region.covers(profile.province, profile.city):
            return Condition(
                "region",
                Status.met,
                Reason(
                    f"注册地{profile.region_label()}符合（{labels}）",
                    f"registered in {profile.region_label_en()}, which qualifies",
                ),
            )
    return Condition(
        "region",
        Status.unmet,
        Reason(
            f"需在{labels}注册，您的注册地是{profile.region_label()}",
            f"requires registration in {labels_en}, you are in {profile.region_label_en()}",
        ),
    )


def _size(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
    sizes = program.eligibility.size_classes
    if not sizes:
        return None
    wanted = "、".join(SIZE_LABELS[s][0] for s in sizes)
    wanted_en = "/".join(SIZE_LABELS[s][1] for s in sizes)
    size = profile.size_class
    if size is None:
        return Condition(
            "size",
            Status.unknown,
            Reason(f"仅限{wanted}，需要员工数或营收来判断规模", f"only for {wanted_en} firms; size unknown"),
        )
    if size in sizes:
        return Condition(
            "size",
            Status.met,
            Reason(f"规模为{SIZE_LABELS[size][0]}，符合", f"size class {size.value} qualifies"),
        )
    large_sme = set(sizes) <= SME_SIZES and size == "large"
    return Condition(
        "size",
        Status.unmet,
        Reason(
            f"仅限{wanted}，您属于{SIZE_LABELS[size][0]}"
            + ("（中小企业政策不适用于大型企业）" if large_sme else ""),
            f"only for {wanted_en} firms, you are {size.value}"
            + (" (SME funds are not for large firms)" if large_sme else ""),
        ),
    )


def _industry(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
    industries = program.eligibility.industries
    if not industries:
        return None
    # Owners know their trade, not GB/T 4754 letters: 仅限制造业，您的行业是住宿和餐饮业.
    wanted = "、".join(INDUSTRY_SECTIONS[c][0] for c in industries if c in INDUSTRY_SECTIONS)
    wanted_en = "; ".join(INDUSTRY_SECTIONS[c][1] for c in industries if c in INDUSTRY_SECTIONS)
    if not profile.industry:
        return Condition(
            "industry",
            Status.unknown,
            Reason(f"仅限{wanted}，尚不清楚您的行业", f"only for {wanted_en}; your industry is unknown"),
        )
    if profile.industry in industries:
        return Condition("industry", Status.met, Reason("行业符合", "industry qualifies"))
    yours = INDUSTRY_SECTIONS.get(profile.industry, (profile.industry, profile.industry))
    return Condition(
        "industry",
        Status.unmet,
        Reason(f"仅限{wanted}，您的行业是{yours[0]}", f"only for {wanted_en}; yours is {yours[1]}"),
    )


def _age(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
    low, high = program.eligibility.min_company_age_years, program.eligibility.max_company_age_years
    if low is None and high is None:
        return None
    age = profile.company_age_years
    if age is None:
        return Condition(
            "age",
            Status.unknown,
            Reason(
                "对成立年限有要求，请告诉我公司成立了几年", "has a company-age rule; how old is the company?"
            ),
        )
    if (low is not None and age < low) or (high is not None and age > high):
        return Condition(
            "age",
            Status.unmet,
            Reason(f"成立年限{age:g}年不在要求范围内", f"company age {age:g} years is outside the rule"),
        )
    return Condition(
        "age", Status.met, Reason(f"成立年限{age:g}年符合", f"company age {age:g} years qualifies")
    )


def _validity(program: FundingProgram, today: date) -> list[Condition]:
    validity = program.validity
    out: list[Condition] = []
    until = validity.effective_until
    if until and until < today:
        out.append(
            Condition(
                "validity",
                Status.unmet,
                Reason(
                    f"政策已于{until}结束（如有新一期以主管部门通知为准）",
                    f"ended on {until} (a new round is not a promise)",
                ),
            )
        )
    elif validity.effective_from and validity.effective_from > today:
        out.append(
            Condition(
                "validity",
                Status.unmet,
                Reason(
                    f"自{validity.effective_from}起施行，尚未开始", f"starts on {validity.effective_from}"
                ),
            )
        )
    elif until:
        out.append(Condition("validity", Status.met, Reason(f"有效期至{until}", f"valid until {until}")))
    else:
        out.append(
            Condition(
                "validity",
                Status.met,
                Reason(
                    "原文未写明有效期，请确认是否有新一批申报",
                    "no end date published; check whether a new batch is open",
                ),
            )
        )
    closes = validity.application_closes
    if closes and closes < today and not (until and until < today):
        out.append(
            Condition(
                "window",
                Status.unmet,
                Reason(
                    f"本轮申报已于{closes}截止，下一轮时间未公布（明年可能再开，但不是承诺）",
                    f"this round closed on {closes}; the next is not announced (it may reopen, not a promise)",
                ),
            )
        )
    return out


def _implicit(program: FundingProgram) -> list[Condition]:
    """Conditions an entry implies without stating them, so that nothing is eligible by default (§1, §3)."""
    eligibility, how = program.eligibility, program.how_to_apply
    out: list[Condition] = []
    if not eligibility.special_conditions:
        if not eligibility.regions and program.scope_level is not ScopeLevel.national:
            # A local program open to firms from anywhere pays for using something local (a platform, a hub).
            label = program.region.label
            out.append(
                Condition(
                    "special",
                    Status.unknown,
                    Reason(
                        f"不限注册地，但须满足{label}的使用条件（如在当地平台采购），请核实",
                        f"no registration rule, but {program.region.label_en}'s own condition applies "
                        "(e.g. buying on its platform)",
                    ),
                )
            )
        elif how.mechanism is ApplicationMechanism.via_platform:
            out.append(
                Condition(
                    "special",
                    Status.unknown,
                    Reason(
                        f"须通过指定渠道办理：{how.channel}",
                        "only through the designated channel: "
                        + (how.channel_en or f"(original text, in Chinese): {how.channel}"),
                    ),
                )
            )
    if how.mechanism is ApplicationMechanism.tax_filing:
        out.append(
            Condition(
                "special",
                Status.unknown,
                Reason(
                    "税收优惠在年度纳税申报时享受，须符合税法条件（部分行业不适用），不是采购折扣",
                    "a tax benefit claimed in the annual filing under tax-law conditions (some industries are "
                    "excluded), not a purchase discount",
                ),
            )
        )
    return out


def _special(program: FundingProgram) -> list[Condition]:
    eligibility = program.eligibility
    out = [
        Condition("special", Status.unknown, Reason(f"须确认：{zh}", f"to confirm: {en}"))
        for zh, en in zip(
            eligibility.special_conditions,
            eligibility.special_conditions_en or eligibility.special_conditions,
            strict=False,
        )
    ]
    mechanism = program.how_to_apply.mechanism
    out += _implicit(program)
    if mechanism is ApplicationMechanism.competitive_selection:
        out.append(
            Condition(
                "selection",
                Status.unknown,
                Reason(
                    "需遴选：须申报并经评审入选，多数申报者拿不到",
                    "selection required: most applicants are not selected",
                ),
            )
        )
    elif mechanism is ApplicationMechanism.via_pilot_city and not eligibility.special_conditions:
        out.append(
            Condition(
                "selection",
                Status.unknown,
                Reason(
                    "须所在城市入选试点，企业进入当地改造名单",
                    "only if your city is a selected pilot and you are on its list",
                ),
            )
        )
    return out


def _purchase(program: FundingProgram, purchases: list[Purchase] | None) -> Condition:
    scope = program.eligibility.spend_scope
    scope_zh = "、".join(SPEND_LABELS[k][0] for k in scope)
    scope_en = ", ".join(SPEND_LABELS[k][1] for k in scope)
    if purchases is None:
        return Condition(
            "purchase",
            Status.unknown,
            Reason(
                f"须有{scope_zh}类采购，您还没说要买什么", f"pays only for {scope_en}; what will you buy?"
            ),
        )
    matched = [p for p in purchases if p.kind in scope]
    if matched:
        names = "、".join(dict.fromkeys(p.name_zh for p in matched[:3]))
        names_en = ", ".join(dict.fromkeys(p.name_en for p in matched[:3]))
        return Condition(
            "purchase", Status.met, Reason(f"支持的采购：{names}", f"matching purchase: {names_en}")
        )
    return Condition(
        "purchase",
        Status.unmet,
        Reason(
            f"只支持{scope_zh}，您的方案里没有这类采购",
            f"pays only for {scope_en}; nothing in your plan is of that kind",
        ),
    )


def assess(
    program: FundingProgram, profile: CompanyProfile, today: date, purchases: list[Purchase] | None = None
) -> Assessment:
    """The verdict on every stated condition; `purchases=None` when the client's plan is not known yet."""
    conditions = [
        c
        for c in (
            _region(program, profile),
            _size(program, profile),
            _industry(program, profile),
            _age(program, profile),
            *_validity(program, today),
            *_special(program),
            _purchase(program, purchases),
        )
        if c is not None
    ]
    unmet = [c for c in conditions if c.status is Status.unmet]
    unknown = [c for c in conditions if c.status is Status.unknown]
    if unmet:
        verdict, reasons = Verdict.ineligible, [c.reason for c in unmet]
    elif unknown:
        verdict = Verdict.unknown
        reasons = [c.reason for c in conditions if c.name in ("region", "validity")] + [
            c.reason for c in unknown
        ]
    else:
        verdict, reasons = Verdict.eligible, [c.reason for c in conditions]
    assessment = Assessment(program, verdict, list(dict.fromkeys(reasons)), conditions)
    assessment.missing = [c.name for c in unknown if c.name in PROFILE_FACTS]
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
    assessment.rate_note = None
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
    """Re-check automatic special rates once the matched spend on this program is known."""
    _choose_rate(assessment, profile, spend)
