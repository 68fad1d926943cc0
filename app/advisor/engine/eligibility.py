"""Funding verdicts from every condition a program states (advice_rules.md §3), and the rate to count with.

The conditions are checked in conditions.py (each `met`, `unmet` or `unknown`). The verdict follows:
`ineligible` names each unmet condition, `unknown` names each fact still missing, `eligible` needs every
condition met. A program with no region restriction is not open to everyone: its real condition is
elsewhere, so it is at best unknown until that is confirmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.advisor.engine.buyer_conditions import min_award, min_spend, place_unruled, purchase, venue
from app.advisor.engine.conditions import Condition, Reason, Status, age, industry, region, size
from app.advisor.engine.contract_dates import signed_before_start
from app.advisor.engine.form_conditions import firm_standing, income_tax, legal_form
from app.advisor.engine.later_claims import at_later_claim
from app.advisor.engine.once_only import once_only
from app.advisor.engine.program_terms import special, validity
from app.advisor.engine.purchases import Purchase
from app.advisor.engine.role_conditions import builder_purchase, developer, maker_trade
from app.advisor.engine.sector_lists import pilot_sector_open, sectors
from app.advisor.engine.spend_timing import spend_timing
from app.advisor.engine.stated_conditions import ON_CLOSED_LIST, stated
from app.advisor.engine.stated_limits import stated_limits
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.english import original
from app.catalogue.fields import said_match
from app.catalogue.models import ApplicationMechanism, FundingProgram, SpecialRate
from app.catalogue.render import format_cny


class Verdict(StrEnum):
    eligible = "eligible"
    ineligible = "ineligible"
    unknown = "unknown"


@dataclass
class Assessment:
    program: FundingProgram
    verdict: Verdict
    reasons: list[Reason] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # profile facts that would settle `unknown`
    ratio: float | None = None  # the rate the engine may use in arithmetic (never a discretionary one)
    rate_note: Reason | None = None
    asked: bool = (
        False  # the client asked about it (named it, or its place and kind): listed even when ineligible
    )
    # A national program whose money reaches the client only through this local program's id (pilots.py):
    # the local line speaks for both, so this one is judged but not listed.
    reached_through: str | None = None
    # Shown beside the program the client named because it pays for the same spend at another level of government
    # (program_companions.same_spend_elsewhere: 山东省算力券 beside 青岛's): its date leads like the named one's.
    companion_of: str | None = None
    # The tier the client says they were rated at ("智能券评的是10%档"): it decides the rate and the combined cap.
    stated_tier: float | None = None
    # A published rate whose tier the client's words settle ("云上的ERP" is 业务应用层 for 贵州云使用券).
    said_rate: SpecialRate | None = None
    # The purchase layer every item this program pays for is in (engine/layers.py): its rate is the program's.
    layer: SpecialRate | None = None
    layer_settled: bool = False  # the items were looked at: `layer` is None when they span layers
    # A higher rate for a kind of firm the client says it is, whose recognition is unpublished ("AI创业公司" and
    # 深圳训力券's 60% for start-ups): named beside the base rate as to confirm, never used in arithmetic.
    claimed_rate: SpecialRate | None = None

    @property
    def selection_only(self) -> bool:
        """Competitive or pilot-city programs: shown as 'selection required', never in net cost (§2)."""
        return self.program.how_to_apply.mechanism in SELECTION_MECHANISMS


SELECTION_MECHANISMS = {ApplicationMechanism.competitive_selection, ApplicationMechanism.via_pilot_city}
PROFILE_FACTS = ("region", "district", "size", "industry", "age")


def assess(
    program: FundingProgram,
    profile: CompanyProfile,
    today: date,
    purchases: list[Purchase] | None = None,
    said: str = "",
) -> Assessment:
    """The verdict on every stated condition; `purchases=None` when the client's plan is not known yet.

    `said` is the client's own words in this conversation: where they buy, what form their business takes;
    matched in lower case, quoted as typed.
    """
    cased, said = said, said.lower()
    program = at_later_claim(program, said, cased)  # "去年已经领过一次上云券": the later claims' cap
    conditions = [
        c
        for c in (
            # The client's own words first: "您说只做推理" is the reason a consultant gives before a size rule.
            *stated(program, said, cased, profile),
            *stated_limits(program, profile, said, cased),  # "应纳税所得额超过300万" against a ≤300万 rule
            once_only(program, said, cased),
            firm_standing(program, profile, said, cased),  # no company registered yet; a branch (分公司)
            signed_before_start(
                program, said, today
            ),  # "合同是2022年签的" for a 2023 pilot  # "每个统一编号只能申请一次" and "之前已经申请过一次了"
            region(program, profile),
            size(program, profile),
            industry(program, profile),
            sectors(program, said, cased),  # a pilot's sub-sectors against the trade the client names
            age(program, profile),
            legal_form(program, profile),
            income_tax(program, said, profile.legal_form),
            venue(program, said, profile),
            place_unruled(program, profile),
            developer(program, profile, said, cased),
            maker_trade(program, profile, said),
            spend_timing(program, said, today),
            *validity(program, today, purchases, said),
            *special(program, cased, purchases),
            builder_purchase(program, purchases, said) or purchase(program, purchases, said),
            min_spend(program, purchases),
            min_award(program, purchases),
        )
        if c is not None
    ]
    unmet = [c for c in conditions if c.status is Status.unmet]
    unknown = [c for c in conditions if c.status is Status.unknown]
    if unmet:
        verdict, reasons = Verdict.ineligible, [c.reason for c in unmet]
    elif unknown:
        verdict = Verdict.unknown
        # A closed list the client is on ("中药饮片" among 成都's pilot sectors) is said with what stays open.
        reasons = [
            c.reason for c in conditions if c.name in ("region", "validity") or c.fact == ON_CLOSED_LIST
        ] + [c.reason for c in unknown]
    else:
        verdict, reasons = Verdict.eligible, [c.reason for c in conditions]
    assessment = Assessment(program, verdict, list(dict.fromkeys(reasons)), conditions)
    assessment.missing = [c.fact or c.name for c in unknown if (c.fact or c.name) in PROFILE_FACTS]
    assessment.stated_tier = _stated_tier(program, said)
    assessment.said_rate = next(
        (r for r in program.benefit.special_rates if r.said and r.ratio and said_match(r.said, said)),
        None,
    )
    assessment.claimed_rate = next(
        (
            r
            for r in program.benefit.special_rates
            if r.claimed_when and r.ratio and said_match(r.claimed_when, said)
        ),
        None,
    )
    _choose_rate(assessment, profile)
    return assessment


def deciding_reason(assessment: Assessment) -> Reason | None:
    """The one condition that decides the verdict: the first unmet (the client's own facts and words come first in
    `assess`), else the first still open; the end date only when nothing else decides. The verdict line, the
    details, a refused guarantee and a note on the client's purchase all give this one, so they cannot disagree
    (review6: the details kept an old reason beside a right verdict)."""
    wanted = {Verdict.ineligible: Status.unmet, Verdict.unknown: Status.unknown}.get(assessment.verdict)
    conditions = [c for c in assessment.conditions if c.status is wanted] if wanted else []
    deciding = [c for c in conditions if c.name != "validity"] or conditions
    if deciding:
        return deciding[0].reason
    if assessment.verdict is Verdict.eligible:
        return Reason("各项已知条件均符合", "every known condition is met")
    return assessment.reasons[0] if assessment.reasons else None


def selection_open_reason(assessment: Assessment) -> Reason | None:
    """What a selection-only ❔ says beside its label ("须申报入选"), which says the rest: the client's own contract
    dated before the program (review15 r15-53), else the pilot's sub-sector list to check (r15-37/38)."""
    timing = next(
        (c for c in assessment.conditions if c.name == "timing" and c.status is Status.unknown), None
    )
    return timing.reason if timing else pilot_sector_open(assessment)


def _rate_applies(rate: SpecialRate, profile: CompanyProfile, spend: float | None) -> bool:
    if rate.size_classes and profile.size_class not in rate.size_classes:
        return False
    if rate.max_company_age_years is not None and (
        profile.company_age_years is None or profile.company_age_years > rate.max_company_age_years
    ):
        return False
    return rate.max_annual_spend is None or (spend is not None and spend <= rate.max_annual_spend)


def _stated_tier(program: FundingProgram, said: str) -> float | None:
    """A tier of this program's published tiers the client says applies: "10%那一档", "the 10% tier"."""
    for tier in program.benefit.stacking.tiers:
        pct = re.escape(f"{tier.ratio * 100:g}%")
        # ...or the rate it was rated or approved at: "智能券评的是30%", "批的是10%", "we were approved at 10%"
        rated = (
            rf"(?:评|评定|核定|定档|评级|批|获批|核准|审批)(?:的是|了|下来|上|到|为|成)?(?:是|为)?\s*{pct}|"
            rf"(?:rated|approved|granted|assessed|awarded) (?:at |for )?(?:the )?{pct}"
        )
        if re.search(
            rf"{pct}\s*(?:的|那|这)?\s*一?\s*档|{pct}\s*tier|tier (?:of|at) {pct}|{rated}", said, re.I
        ):
            return tier.ratio
    return None


def _choose_rate(assessment: Assessment, profile: CompanyProfile, spend: float | None = None) -> None:
    benefit = assessment.program.benefit
    assessment.ratio = benefit.ratio
    assessment.rate_note = None
    if assessment.stated_tier is not None:  # the client knows their tier: no other rate applies
        assessment.ratio = assessment.stated_tier
        pct = f"{assessment.stated_tier * 100:g}%"
        assessment.rate_note = Reason(f"按您说的{pct}档", f"at the {pct} tier you stated")
        return
    if assessment.said_rate is not None:  # the client's words place the purchase in this tier
        rate = assessment.said_rate
        assessment.ratio = rate.ratio
        assessment.rate_note = Reason(
            f"按{rate.condition}的比例（据您说的采购）",
            f"at the rate for {rate.condition_en or original(rate.condition)} (from what you buy)",
        )
        return
    claimed = assessment.claimed_rate
    if claimed is not None and claimed.ratio and claimed.ratio > (assessment.ratio or 0):
        # The client says it is that kind of firm ("AI创业公司"); recognition is unpublished: named, never counted.
        pct, base = f"{claimed.ratio * 100:g}%", f"{(assessment.ratio or 0) * 100:g}%"
        assessment.rate_note = Reason(
            f"您说是这类企业：{claimed.condition}比例可提高至{pct}，能否按此认定须向主管部门确认，此处仍按{base}计",
            f"you describe yourselves as one: {claimed.condition_en or original(claimed.condition)} may get up to "
            f"{pct}; whether you qualify is for the issuer to confirm, so {base} is used here",
        )
    for rate in benefit.special_rates:
        if (
            rate.automatic
            and rate.ratio
            and _rate_applies(rate, profile, spend)
            and rate.ratio > (assessment.ratio or 0)
        ):
            assessment.ratio = rate.ratio
            assessment.rate_note = Reason(
                f"适用特别条款：{rate.condition}",
                f"special rate applies: {rate.condition_en or original(rate.condition)}",
            )


def refine_rate(assessment: Assessment, profile: CompanyProfile, spend: float, floor: bool = False) -> None:
    """Re-check automatic special rates once the matched spend on this program is known. A spend the client gives
    only as a floor ("每年算力支出至少20万") settles no rate for spending at most so much a year (杭州's 50% up to
    50万 of contracts): the floor may be passed, so the rate is named, never used (s19)."""
    if not floor:
        _choose_rate(assessment, profile, spend)
        return
    for rate in assessment.program.benefit.special_rates:
        if (
            rate.automatic
            and rate.ratio
            and rate.max_annual_spend is not None
            and spend <= rate.max_annual_spend
            and _rate_applies(rate, profile, spend)
            and rate.ratio > (assessment.ratio or 0)
            and assessment.rate_note is None
        ):
            pct, base = f"{rate.ratio * 100:g}%", f"{(assessment.ratio or 0) * 100:g}%"
            floor_zh, most_zh = format_cny(spend), format_cny(rate.max_annual_spend)
            assessment.rate_note = Reason(
                f"{rate.condition}可按{pct}；您说的是下限（至少{floor_zh}），全年不超过{most_zh}才适用，此处仍按{base}计",
                f"{rate.condition_en or original(rate.condition)} may get {pct}; you gave a floor (at least CNY "
                f"{spend:,.0f}), and it applies only up to CNY {rate.max_annual_spend:,.0f} a year, so {base} is used",
            )
