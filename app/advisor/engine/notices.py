"""What a careful consultant says first: dates that matter, honest no's, no guarantees (advice_rules.md §3-§7).

Each function returns the sentences (zh or en) to lead an answer with, from the engine's verdicts and the
catalogue only; an empty list when there is nothing to say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from app.advisor.contract import Lang
from app.advisor.engine.conditions import Status, outside_mainland
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.programs import listed_programs
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import ApplicationMechanism, Catalogue
from app.catalogue.render import format_cny, format_ratio
from app.catalogue.taxonomy import SME_SIZES
from app.text.funding_words import FUNDING_NOUN
from app.text.normalize import normalize

SOON_DAYS = 60
NATIONAL_CHANNEL = "cn-sme-dx-pilot-city-2023"
_ASKS_TIME = re.compile(
    r"来得及|还能申请|还可以申请|截止|什么时候|何时|多久|deadline|still time|too late|when does|closing", re.I
)
_ASKS_SME_FUNDS = re.compile(r"中小企业|中小微|小微企业|\bsmes?\b|small and medium|small business", re.I)
_ASKS_POLICY = re.compile(r"政策|文件|依据|规定|policy|regulation|document", re.I)


def asks_about_time(question: str) -> bool:
    return bool(_ASKS_TIME.search(normalize(question)))


def asks_about_policy(question: str) -> bool:
    """The generic policy quote belongs only under a question about policy (§7)."""
    return bool(_ASKS_POLICY.search(question))


def deadline_notes(programs: list[Assessment], today: date, question: str, language: Lang) -> list[str]:
    """Programs ending within 60 days lead with the date and days left; '来得及吗' gets every date (§4)."""
    en = language == "en"
    asked = bool(_ASKS_TIME.search(normalize(question)))
    notes: list[str] = []
    # A program the answer does not list (nobody asked, it cannot help) has no deadline worth leading with.
    # Asked about time, every program checked gets its date — except one whose region rules the client out
    # (another district's award) and that they did not name: its date answers no question of theirs.
    dated = [a for a in programs if a.asked or not _region_unmet(a)] if asked else listed_programs(programs)
    for assessment in dated:
        program = assessment.program
        name = program.name_en if en else program.name
        until, closes = program.validity.effective_until, program.validity.application_closes
        if until and until < today:
            if asked:
                notes.append(f"{name} ended on {until}." if en else f"{name}已于{until}结束。")
        elif closes and closes < today:
            if asked or assessment.verdict is not Verdict.ineligible:
                notes.append(
                    f"{name}: this round closed on {closes}; the next round is not announced."
                    if en
                    else f"{name}：本轮申报已于{closes}截止，下一轮时间未公布。"
                )
        elif (
            until
            and (until - today).days <= SOON_DAYS
            and (asked or assessment.verdict is not Verdict.ineligible)
        ):
            # A program the client cannot use has no deadline worth leading with, unless they asked about time.
            days = (until - today).days
            notes.append(
                f"⏰ {name} runs until {until}: {days} days left — {_what_the_time_allows(assessment, en)}"
                if en
                else f"⏰ {name}有效期至{until}，距今还剩{days}天，{_what_the_time_allows(assessment, en)}"
            )
        elif asked:
            notes.append(
                f"{name}: {'valid until ' + str(until) if until else 'no end date published; check whether a new batch is open'}."
                if en
                else f"{name}：{'有效期至' + str(until) if until else '原文未写明截止日期，请确认是否有新一批申报'}。"
            )
    return notes[:4]


def _region_unmet(assessment: Assessment) -> bool:
    return any(c.name == "region" and c.status is Status.unmet for c in assessment.conditions)


def _what_the_time_allows(assessment: Assessment, en: bool) -> str:
    """Days left mean different things by how the money arrives (§2, §4): a claim can still be filed; a
    pilot pays firms already on the enrolment list; a selection pays projects already applied for."""
    mechanism = assessment.program.how_to_apply.mechanism
    if mechanism is ApplicationMechanism.via_pilot_city:
        return (
            "realistic only for firms already on the local enrolment list; a new firm should ask the bureau "
            "whether enrolment is still open."
            if en
            else "只有已进入当地改造名单的企业来得及；新企业请先向主管部门确认是否还在征集。"
        )
    if mechanism is ApplicationMechanism.competitive_selection:
        return (
            "an application must be filed and selected before then; most applicants are not selected."
            if en
            else "须在此之前提交申报并经评审入选，多数申报者拿不到。"
        )
    return "apply before then." if en else "请在此之前完成申报。"


def no_program_for_place(
    profile: CompanyProfile, catalogue: Catalogue, language: Lang, absence_note: str | None = None
) -> list[str]:
    """One sentence when no catalogued program is issued for the client's place, with the national channel."""
    if not profile.province:
        return []
    local = [
        p
        for p in catalogue.funding
        if p.eligibility.regions
        and any(r.covers(profile.province, profile.city, profile.district) for r in p.eligibility.regions)
    ]
    if local and outside_mainland(profile.province):
        return [
            f"Companies registered in {profile.region_label_en()} are outside the mainland programs' coverage; "
            f"only {profile.region_label_en()}'s own programs are listed."
            if language == "en"
            else f"在{profile.region_label()}注册的企业不在内地补贴项目的覆盖范围内，下面只列当地的项目。"
        ]
    if local:
        return []
    en = language == "en"
    place = profile.region_label_en() if en else profile.region_label()
    if outside_mainland(profile.province):
        # Like a foreign place for the mainland's programs; the nearest mainland channel would not apply either.
        return [
            f"Companies registered in {place} are outside the mainland programs' coverage, and no {place} program "
            "is in my sources."
            if en
            else f"在{place}注册的企业不在内地补贴项目的覆盖范围内，我的资料中也没有收录{place}本地的项目。"
        ]
    national = catalogue.program(NATIONAL_CHANNEL)
    if en:
        text = f"No program in my sources is issued for {place}."
        if national:
            text += f" The nearest national channel is {national.name_en}, only if your city was selected as a pilot."
    else:
        text = f"我的资料中没有覆盖{place}的补贴项目。"
        if national:
            text += f"最接近的国家级渠道是{national.name}，须所在城市入选试点。"
    if absence_note:
        text += (" What was searched: " if en else "检索情况：") + absence_note
    return [text]


def large_firm_note(
    profile: CompanyProfile, question: str, programs: list[Assessment], language: Lang
) -> list[str]:
    """A large firm asking about SME funds hears plainly, first, that they are not for it (§3)."""
    if profile.size_class != "large" or not _ASKS_SME_FUNDS.search(question):
        return []
    if language == "en":
        return [
            "Your company is a large enterprise under the MIIT thresholds: SME funds (such as the SME digital "
            "transformation pilot) are not for you. Programs open to firms of any size are listed below."
        ]
    return [
        "按工信部标准贵公司属于大型企业，中小企业专项资金（如中小企业数字化转型城市试点）不适用于贵公司。下面只列不限规模的项目。"
    ]


def guarantee_note(wanted: bool, programs: list[Assessment], language: Lang) -> list[str]:
    """A request for certainty (understand/certainty.py) gets no guarantee and the arithmetic behind one (§5).

    What the owner can act on instead: for each program, what spend its published cap implies, or that it is
    selected by review (or not open to them, and why); then that the issuer decides and confirms.
    """
    if not wanted:
        return []
    en = language == "en"
    lines = [
        "I cannot guarantee any amount: approval is the issuer's decision, and the subsidy follows your eligible spend."
        if en
        else "我不能保证任何金额：是否批准、批多少由发文单位审核决定，补贴按实际合格支出计算。"
    ]
    # The programs the owner named first, then those the answer lists; one without a rate says nothing here.
    ordered = sorted(listed_programs(programs) or programs, key=lambda a: not a.asked)
    telling = [a for a in ordered if a.ratio or a.selection_only or a.verdict is Verdict.ineligible]
    shown = (telling or ordered)[:2]
    lines += [line for a in shown if (line := _what_decides(a, en))]
    issuer = (shown[0].program.issuer_en if en else shown[0].program.issuer) if shown else ""
    lines.append(
        "Before you sign or count on it, confirm the current notice with the issuer"
        + (f" ({issuer})" if issuer else "")
        + ": many programs require applying before buying, and pay only after review of contracts, invoices "
        "and payments."
        if en
        else "签合同或把补贴算进预算之前，请向发文单位"
        + (f"（{issuer}）" if issuer else "")
        + "确认最新申报通知：很多项目要求先申报后采购，并在审核合同、发票和付款凭证后才兑付。"
    )
    return lines


def _what_decides(assessment: Assessment, en: bool) -> str:
    """One program's line under a refused guarantee: not open (why), selection, or what spend the cap implies."""
    program, ratio = assessment.program, assessment.ratio
    benefit = program.benefit
    name = program.name_en if en else program.name
    if assessment.verdict is Verdict.ineligible and assessment.reasons:
        reason = assessment.reasons[0].text("en" if en else "zh")
        return (
            f"{name}: not open to you as things stand — {reason}."
            if en
            else f"{name}：目前不适用——{reason}。"
        )
    if assessment.selection_only:
        return (
            f"{name}: awarded by selection (or through a selected pilot), so no amount can be promised; "
            "most applicants are not selected."
            if en
            else f"{name}：须申报并经评审遴选（或所在城市入选试点），金额无法事先承诺，多数申报者拿不到。"
        )
    if ratio and benefit.cap is not None and benefit.currency == "CNY":
        spend = benefit.cap / ratio
        return (
            f"{name}: the cap of CNY {benefit.cap:,.0f} at {format_ratio(ratio)} means about CNY {spend:,.0f} of "
            "eligible spend in that period, and only if every condition holds."
            if en
            else f"{name}：上限{format_cny(benefit.cap)}按{format_ratio(ratio)}计算，需要约{format_cny(spend)}的合格支出才可能达到上限，且须满足全部条件。"
        )
    if ratio:
        return (
            f"{name}: {format_ratio(ratio)} of eligible spend; the text publishes no cap, so the amount depends "
            "on what the review accepts."
            if en
            else f"{name}：按合格支出的{format_ratio(ratio)}计算，原文未公布上限，金额取决于审核认定的支出。"
        )
    return (
        f"{name}: the text publishes no rate, so no amount can be estimated."
        if en
        else f"{name}：原文未公布补贴比例，无法估算金额。"
    )


def sme_only(assessment: Assessment) -> bool:
    sizes = set(assessment.program.eligibility.size_classes)
    return bool(sizes) and sizes <= SME_SIZES


_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,30})[”\"」』]")
_PROGRAM_WORDS = re.compile(rf"{FUNDING_NOUN}|资金|计划|专项|\bfunds?\b|scheme", re.I)


def quoted_programs_not_in_sources(question: str, catalogue: Catalogue) -> list[str]:
    """Programs the client names in quotes ("听说有个“AI赋能包专项补贴”") that no catalogue entry carries."""
    names = [normalize(p.name) + normalize(p.name_en) for p in catalogue.funding]
    found = []
    for match in _QUOTED.finditer(question):
        name = match.group(1).strip()
        if _PROGRAM_WORDS.search(name) and not any(normalize(name) in known for known in names):
            found.append(name)
    return found


# A claim the owner relays ("听说", "朋友说", "网上说", "heard that") or a per-firm promise ("每家补10万", "each
# company gets") is an assertion to check, quoted or not (§7): "国家人工智能+专项补贴，每家10万，12月15号截止".
_RELAYED = re.compile(
    r"听说|据说|听人说|朋友说|有人说|网上说|群里说|群里有人|传言|传闻|新闻说|刷到|看到.{0,6}说|"
    r"\bheard\b|\bsomeone (?:said|told)\b|\brumou?r|\bapparently\b|\bi read that\b",
    re.I,
)
_PER_FIRM_PROMISE = re.compile(
    r"每(?:家|个企业|家企业|户|个店|店|个公司)(?:都|直接|能|可以|可)?(?:补|给|发|拿|领)?\s*\d|直接补\s*\d|"
    r"\beach (?:company|firm|business|sme)\b.{0,20}\d|\bevery (?:company|firm|sme)\b.{0,20}\d",
    re.I,
)
_CLAIMED_NAME = re.compile(
    r"[\u4e00-\u9fffa-z0-9+＋·]{2,24}?(?:专项补贴|专项资金|专项|补贴|补助|资助|奖励|奖补|券|计划)"
    r"|\b(?:an?|the) ([a-z0-9 +-]{3,40}? (?:grant|subsidy|voucher|fund|scheme))\b"
)
# What comes before the name in a relayed claim: "听说国家出了个…", "朋友说长沙有个…".
_LEAD_IN = re.compile(r"^.*(?:听说|据说|说|有个|有一个|出了个|出了一个|推出了?|了个|有|\d[万元]?的)")
_NOT_A_NAME = re.compile(
    r"^(?:这个|那个|这些|那些|什么|哪些|有没有|我们|政府|国家的?|有|的)?(?:补贴|补助|资助|奖励|券|专项)$"
)


def relayed_programs_not_in_sources(
    question: str, catalogue: Catalogue, known: Callable[[str], bool]
) -> list[str]:
    """Program names in a relayed claim or a per-firm promise that no catalogue entry backs.

    `known(sentence)`: whether the sentence names a catalogued program (by name, or place + kind).
    """
    norm = normalize(question)
    if not (_RELAYED.search(norm) or _PER_FIRM_PROMISE.search(norm)):
        return []
    found = []
    for sentence in re.split(r"[。！？!?\n]", norm):
        for match in _CLAIMED_NAME.finditer(sentence):
            name = (match.group(1) or _LEAD_IN.sub("", match.group(0))).strip().lstrip("的个种")
            if len(name) < 4 or _NOT_A_NAME.match(name) or known(name):
                continue
            found.append(name)
    return list(dict.fromkeys(found))
