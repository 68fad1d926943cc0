"""How a funding verdict reads: the answer's verdict line, the benefit, the steps, and the contract's entry."""

from __future__ import annotations

from datetime import date

from app.advisor.compose.citations import CitationBook
from app.advisor.compose.program_labels import short_name
from app.advisor.compose.wording import pick, verdict_icon, verdict_label
from app.advisor.contract import ConditionOut, FundingOut, Lang
from app.advisor.engine.eligibility import Assessment, Verdict, deciding_reason, selection_open_reason
from app.advisor.engine.layers import rates_by_layer
from app.advisor.engine.notices import named_until
from app.advisor.engine.pilots import pilot_city_confirmed
from app.advisor.engine.program_terms import ended_alone, open_ended
from app.advisor.engine.programs import listed_programs
from app.catalogue.english import original
from app.catalogue.models import ApplicationMechanism
from app.catalogue.render import cap_phrase, format_ratio
from app.catalogue.taxonomy import RELIABILITY_LABELS, Reliability


def benefit_line(assessment: Assessment, language: Lang) -> str:
    """The published ratio and cap; with no ratio, the catalogue's per-firm clause (a tax rate, a fixed
    award) rather than a bare "ratio not published"."""
    benefit = assessment.program.benefit
    if not assessment.ratio and benefit.per_firm is not None:
        return per_firm_line(assessment, language)
    layered = rates_by_layer(assessment, language == "en")  # 贵州上云券: 40% or 60% by what is bought
    if language == "en":
        ratio = layered or (
            f"up to {format_ratio(assessment.ratio)}" if assessment.ratio else "Ratio not published"
        )
        cap = f", cap {cap_phrase(benefit, 'en')}" if benefit.cap is not None else ""
        return f"{ratio}{cap}"
    ratio = layered or (f"最高{format_ratio(assessment.ratio)}" if assessment.ratio else "比例未公开")
    cap = f"，上限{cap_phrase(benefit)}" if benefit.cap is not None else ""
    return f"{ratio}{cap}"


def per_firm_line(assessment: Assessment, language: Lang) -> str:
    """What one firm can get: the catalogue's clause where it has one, else the published ratio (the cap is
    the contract's `max_amount_cny`, shown beside it)."""
    benefit = assessment.program.benefit
    if benefit.per_firm is not None:
        if language == "en":
            return benefit.per_firm_en or original(benefit.per_firm)
        return benefit.per_firm
    layered = rates_by_layer(assessment, language == "en")
    if layered:
        return layered
    if language == "en":
        return f"up to {format_ratio(assessment.ratio)}" if assessment.ratio else "ratio not published"
    return f"最高{format_ratio(assessment.ratio)}" if assessment.ratio else "比例未公开"


def selection_label(assessment: Assessment, language: Lang) -> str | None:
    """Competitive and pilot-city programs read as what they are, never as money on the way (§2)."""
    mechanism = assessment.program.how_to_apply.mechanism
    if mechanism is ApplicationMechanism.competitive_selection:
        return "selection required, not counted in net cost" if language == "en" else "需遴选，不计入净成本"
    if mechanism is ApplicationMechanism.via_pilot_city and pilot_city_confirmed(assessment):
        return (
            "your city is a selected pilot: enrolment needed, not counted in net cost"
            if language == "en"
            else "所在地在试点之列，须进入改造名单，不计入净成本"
        )
    if mechanism is ApplicationMechanism.via_pilot_city:
        return (
            "only if your city is a selected pilot, not counted in net cost"
            if language == "en"
            else "须所在城市入选试点，不计入净成本"
        )
    return None


def verdict_line(assessment: Assessment, book: CitationBook, language: Lang) -> str:
    program = assessment.program
    n = book.cite_program(program)
    icon, label = verdict_icon(assessment.verdict), verdict_label(assessment.verdict, language)
    selection = selection_label(assessment, language)
    if selection and assessment.verdict is Verdict.unknown:
        label = selection
    reasons = ("; " if language == "en" else "；").join(r.text(language) for r in assessment.reasons[:4])
    reliability = program.provenance.reliability
    source = pick(RELIABILITY_LABELS[reliability], language)
    benefit = benefit_line(assessment, language)
    if language == "en":
        note = f" Source: {source}." if reliability is not Reliability.official else ""
        # The issuing body only ("…; run by …" stays in the table and the export): the line is long enough.
        issuer = program.issuer_en.split("; ")[0]
        return f"- {icon} {program.name_en} ({issuer}): {label}. {reasons}. Benefit: {benefit}.{note} [{n}]"
    note = f"（来源：{source}）" if reliability is not Reliability.official else ""
    return f"- {icon} {program.name}（{program.issuer}）：{label}。{reasons}。支持：{benefit}。{note}[{n}]"


def key_reason(assessment: Assessment, language: Lang) -> str | None:
    """The one condition that decides the verdict (`deciding_reason`); none where the selection label says it."""
    if assessment.selection_only and assessment.verdict is Verdict.unknown:
        # The selection label says the rest; what the client can check is said (engine: selection_open_reason).
        sector = selection_open_reason(assessment)
        return sector.text(language) if sector else None
    reason = deciding_reason(assessment)
    return reason.text(language) if reason else None


def verdict_words(assessment: Assessment, language: Lang) -> tuple[str, str | None]:
    """The verdict as a client reads it (a competitive or pilot program by what it is) and its deciding reason."""
    label = verdict_label(assessment.verdict, language)
    selection = selection_label(assessment, language)
    if selection and assessment.verdict is Verdict.unknown:
        label = selection
    return label, key_reason(assessment, language)


def brief_verdict_line(
    assessment: Assessment, book: CitationBook, language: Lang, name: str | None = None
) -> str:
    """One line a phone shows whole: icon, short name (`name`: told apart from a twin), verdict, the deciding
    reason, the amount."""
    program = assessment.program
    n = book.cite_program(program)
    label, reason = verdict_words(assessment, language)
    if assessment.asked and ended_alone(assessment.conditions, program):
        # The lead said it ended, with the date (engine/notices.said_ended): not a second time here.
        reason = "ended, see above" if language == "en" else "已结束，见上"
    elif reason and (until := named_until(assessment)):  # named, ruled out: why not, and until when it runs
        reason += f"; {until.en}" if language == "en" else f"；{until.zh}"
    benefit = benefit_line(assessment, language)
    if language == "en":
        said = f"{label}" + (f" — {reason}" if reason else "")
        return f"- {verdict_icon(assessment.verdict)} {name or short_name(program.name_en)}: {said}. {benefit}. [{n}]"
    said = f"{label}" + (f"，{reason}" if reason else "")
    return (
        f"- {verdict_icon(assessment.verdict)} {name or short_name(program.name)}：{said}。{benefit}。[{n}]"
    )


def funding_out(assessment: Assessment, language: Lang, listed: bool = True) -> FundingOut:
    program = assessment.program
    validity = program.validity
    deadline = validity.application_closes or validity.effective_until
    benefit = program.benefit
    return FundingOut(
        id=program.id,
        name=program.name_en if language == "en" else program.name,
        type=program.type,
        issuer=program.issuer_en if language == "en" else program.issuer,
        region=program.region.label_en if language == "en" else program.region.label,
        verdict=assessment.verdict.value,
        reasons=[r.text(language) for r in assessment.reasons],
        benefit=(benefit.summary_en or original(benefit.summary)) if language == "en" else benefit.summary,
        per_firm=per_firm_line(assessment, language),
        max_amount_cny=benefit.cap if benefit.currency == "CNY" else None,
        deadline=deadline.isoformat() if deadline else None,
        source_url=program.provenance.source_urls[0],
        mechanism=program.how_to_apply.mechanism.value,
        listed=listed,
        conditions=[
            ConditionOut(name=c.name, status=c.status.value, detail=c.reason.text(language))
            for c in assessment.conditions
        ],
    )


def not_listed_line(programs: list[Assessment], shown: list[Assessment], language: Lang) -> list[str]:
    """One line for what was checked and left out, so a short list never reads as all there is."""
    rest = [a for a in programs if all(a is not b for b in shown)]
    if not rest:
        return []
    through = sum(a.reached_through is not None for a in rest)
    ineligible = sum(a.verdict is Verdict.ineligible for a in rest)
    open_ = len(rest) - ineligible - through
    if language == "en":
        parts = [f"{ineligible} {'does' if ineligible == 1 else 'do'} not apply to you"] if ineligible else []
        parts += [f"{open_} more are less relevant and still to confirm"] if open_ else []
        parts += [f"{through} is the national money paid through your local pilot"] if through else []
        checked = f"{len(rest)} more program was" if len(rest) == 1 else f"{len(rest)} more programs were"
        return [f"{checked} checked and not listed: {' and '.join(parts)}."]
    parts = [f"{ineligible}项不适用"] if ineligible else []
    parts += [f"{open_}项相关性较低、待确认"] if open_ else []
    parts += [f"{through}项为经本地试点下达的国家级资金"] if through else []
    return [f"另核对了{len(rest)}项补贴，未列出：{'，'.join(parts)}。"]


def funding_section(
    programs: list[Assessment], book: CitationBook, language: Lang, province: str | None = ""
) -> list[str]:
    """The programs and verdicts; `province` None: the place is not known, so nothing could be matched to it."""
    en = language == "en"
    if not programs and province is None:
        # r8-41: "matches your region" read as a verdict on a region the client never gave.
        return [
            "I don't know where your company is registered, so no local program could be checked: tell me the "
            "city and what you plan to buy."
            if en
            else "还不知道贵公司的注册地，无法核对当地的补贴项目：请告诉我所在城市和打算采购的内容。"
        ]
    if not programs:
        return [
            "No program in our catalogue matches your region and spending; that is weak evidence, not a no — "
            "ask your local industry and IT bureau."
            if en
            else "目录中暂未找到与您所在地区和支出类型匹配的补贴项目。这只说明资料有限，建议向当地经信局咨询。"
        ]
    shown = listed_programs(programs)
    lines = ["Funding programs and verdicts:" if en else "可关注的补贴政策及判断："]
    lines += [verdict_line(a, book, language) for a in shown]
    return lines + not_listed_line(programs, shown, language)


def program_summary(assessment: Assessment, language: Lang, today: date) -> str:
    """The plain answer about one program the client named ("那场景应用创新项目呢？"): the verdict and why, how the
    money comes (a selection is no money on the way), the published rate and cap, and the date (closed, open
    until, or none published)."""
    program, en = assessment.program, language == "en"
    reason = key_reason(assessment, language)
    bits = [verdict_label(assessment.verdict, language) + (f" ({reason})" if en and reason else "")]
    if not en and reason:
        bits[0] += f"（{reason}）"
    if selection := selection_label(assessment, language):
        bits.append(selection)
    bits.append(benefit_line(assessment, language))
    when = _date_state(assessment, today, en)
    if not any(
        str(day) in (reason or "") for day in _dates(assessment)
    ):  # the reason may already be the date
        bits.append(when)
    if en:
        return f"{program.name_en}: " + "; ".join(bits) + "."
    return f"{program.name}：" + "；".join(bits) + "。"


def _dates(assessment: Assessment) -> list[date]:
    validity = assessment.program.validity
    return [d for d in (validity.application_closes, validity.effective_until) if d]


def _date_state(assessment: Assessment, today: date, en: bool) -> str:
    validity = assessment.program.validity
    closes, until = validity.application_closes, validity.effective_until
    # Spending period over, claims window not: the verdict's own words (spend by the end, file in the window).
    window = next((c.reason for c in assessment.conditions if c.name == "validity"), None)
    if validity.claims_after_spending(today) and window:
        return window.text("en" if en else "zh")
    if until and until < today:
        return f"ended on {until}" if en else f"已于{until}结束"
    if closes and closes < today:
        return (
            f"this round closed on {closes}, the next is not announced"
            if en
            else f"本轮申报已于{closes}截止，下一轮未公布"
        )
    if closes or until:
        end = closes or until
        days = (end - today).days if end else 0
        return f"open until {end} ({days} days left)" if en else f"截止{end}（还剩{days}天）"
    return open_ended(assessment.program).text("en" if en else "zh")
