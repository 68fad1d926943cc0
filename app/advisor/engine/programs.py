"""Which programs to show for a question, and how each appears in the contract."""

from __future__ import annotations

import re

from app.advisor.compose.citations import CitationBook
from app.advisor.contract import ConditionOut, FundingOut
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.gazetteer import Place
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import ApplicationMechanism
from app.catalogue.render import format_cny, format_ratio
from app.catalogue.taxonomy import RELIABILITY_LABELS, FundingType, SpendKind
from app.text.normalize import normalize

_TYPE_WORDS: list[tuple[re.Pattern[str], set[SpendKind], set[FundingType]]] = [
    (
        re.compile(r"算力|训力|gpu|compute|训练|智算", re.I),
        {SpendKind.compute},
        {FundingType.compute_voucher},
    ),
    (
        re.compile(r"模型券|模型|api|大模型|智能体|model voucher|llm|agent", re.I),
        {SpendKind.model_service},
        {FundingType.model_voucher},
    ),
    (
        re.compile(r"语料|数据集|数据券|corpus|dataset|data voucher", re.I),
        {SpendKind.data_corpus},
        {FundingType.data_voucher},
    ),
    (re.compile(r"标注|labell?ing|annotation", re.I), {SpendKind.data_labeling}, {FundingType.data_voucher}),
    (re.compile(r"数据资产|入表|挂牌|data asset", re.I), {SpendKind.data_asset}, {FundingType.data_voucher}),
    (re.compile(r"上云|云服务|云券|cloud", re.I), {SpendKind.cloud_service}, {FundingType.cloud_voucher}),
    (
        re.compile(r"设备|硬件|摄像头|equipment|hardware", re.I),
        {SpendKind.ai_equipment},
        {FundingType.equipment_subsidy},
    ),
    (
        re.compile(r"数字化|改造|转型|digital", re.I),
        {SpendKind.digital_transformation},
        {FundingType.digital_transformation_subsidy},
    ),
]
_ORDER = {Verdict.eligible: 0, Verdict.unknown: 1, Verdict.ineligible: 2}
MAX_PROGRAMS = 8


def spend_from_question(text: str) -> set[SpendKind]:
    norm = normalize(text)
    kinds: set[SpendKind] = set()
    for pattern, spend, _ in _TYPE_WORDS:
        if pattern.search(norm):
            kinds |= spend
    return kinds


def _region_compatible(assessment: Assessment, profile: CompanyProfile, spend: set[SpendKind] | None) -> bool:
    regions = assessment.program.eligibility.regions
    if not regions:
        # No region rule is not "open to everyone" (advice_rules.md §3): show it only for a matching purchase.
        return bool(spend) and assessment.program.benefit.currency == "CNY"
    if not profile.province:
        return False
    return any(r.covers(profile.province, profile.city) for r in regions)


def _mentioned(assessment: Assessment, places: list[Place], text: str) -> bool:
    program = assessment.program
    if program.id in text or normalize(program.name) in text:
        return True
    return any(r.covers(p.province, p.city) for r in program.eligibility.regions for p in places)


def select_programs(
    assessments: list[Assessment],
    profile: CompanyProfile,
    spend: set[SpendKind] | None,
    places: list[Place],
    question: str,
) -> list[Assessment]:
    """Programs worth showing: relevant spend, and the user's region or a region they named."""
    text = normalize(question)
    chosen = []
    for assessment in assessments:
        scope = set(assessment.program.eligibility.spend_scope)
        if spend and not scope & spend:
            continue
        named = _mentioned(assessment, places, text)
        if named or _region_compatible(assessment, profile, spend):
            chosen.append((not named, assessment))
    chosen.sort(
        key=lambda item: (item[0], _ORDER[item[1].verdict], -(item[1].ratio or 0), item[1].program.id)
    )
    return [a for _, a in chosen[:MAX_PROGRAMS]]


def benefit_line(assessment: Assessment, language: str) -> str:
    benefit = assessment.program.benefit
    if language == "en":
        ratio = f"up to {format_ratio(assessment.ratio)}" if assessment.ratio else "ratio not published"
        cap = f", cap {benefit.currency} {benefit.cap:,.0f}" if benefit.cap is not None else ""
        return f"{ratio}{cap}"
    ratio = f"最高{format_ratio(assessment.ratio)}" if assessment.ratio else "比例未公开"
    cap = f"，上限{format_cny(benefit.cap, benefit.currency)}" if benefit.cap is not None else ""
    return f"{ratio}{cap}"


def selection_label(assessment: Assessment, language: str) -> str | None:
    """Competitive and pilot-city programs read as what they are, never as money on the way (§2)."""
    mechanism = assessment.program.how_to_apply.mechanism
    if mechanism is ApplicationMechanism.competitive_selection:
        return "selection required, not counted in net cost" if language == "en" else "需遴选，不计入净成本"
    if mechanism is ApplicationMechanism.via_pilot_city:
        return (
            "only if your city is a selected pilot, not counted in net cost"
            if language == "en"
            else "须所在城市入选试点，不计入净成本"
        )
    return None


def verdict_line(assessment: Assessment, book: CitationBook, language: str) -> str:
    program = assessment.program
    n = book.cite_program(program)
    icon = {Verdict.eligible: "✅", Verdict.unknown: "❔", Verdict.ineligible: "❌"}[assessment.verdict]
    reasons = "；".join(r.text(language) for r in assessment.reasons[:4])
    reliability = program.provenance.reliability
    selection = selection_label(assessment, language)
    if language == "en":
        label = {
            Verdict.eligible: "likely eligible",
            Verdict.unknown: "to be confirmed",
            Verdict.ineligible: "not eligible",
        }
        name = program.name_en
        note = f" Source: {RELIABILITY_LABELS[reliability][1]}." if reliability != "official" else ""
        verdict = (
            selection if selection and assessment.verdict is Verdict.unknown else label[assessment.verdict]
        )
        return f"- {icon} {name} ({program.issuer}): {verdict}. {reasons}. Benefit: {benefit_line(assessment, language)}.{note} [{n}]"
    label_zh = {Verdict.eligible: "基本符合", Verdict.unknown: "待确认", Verdict.ineligible: "不符合"}
    note = f"（来源：{RELIABILITY_LABELS[reliability][0]}）" if reliability != "official" else ""
    verdict_zh = (
        selection if selection and assessment.verdict is Verdict.unknown else label_zh[assessment.verdict]
    )
    return f"- {icon} {program.name}（{program.issuer}）：{verdict_zh}。{reasons}。支持：{benefit_line(assessment, language)}。{note}[{n}]"


def funding_out(assessment: Assessment, language: str) -> FundingOut:
    program = assessment.program
    validity = program.validity
    deadline = validity.application_closes or validity.effective_until
    benefit = program.benefit
    return FundingOut(
        id=program.id,
        name=program.name_en if language == "en" else program.name,
        type=program.type,
        issuer=program.issuer,
        region=program.region.label,
        verdict=assessment.verdict.value,
        reasons=[r.text(language) for r in assessment.reasons],
        benefit=benefit.summary,
        max_amount_cny=benefit.cap if benefit.currency == "CNY" else None,
        deadline=deadline.isoformat() if deadline else None,
        source_url=program.provenance.source_urls[0],
        mechanism=program.how_to_apply.mechanism.value,
        conditions=[
            ConditionOut(name=c.name, status=c.status.value, detail=c.reason.text(language))
            for c in assessment.conditions
        ],
    )


def apply_steps(assessment: Assessment, language: str) -> str:
    how = assessment.program.how_to_apply
    steps = "；".join(f"{i}. {step}" for i, step in enumerate(how.steps, start=1))
    if language == "en":
        return f"{assessment.program.name_en} — channel: {how.channel}. Steps (as published, in Chinese): {steps}"
    return f"{assessment.program.name} — 渠道：{how.channel}。步骤：{steps}"
