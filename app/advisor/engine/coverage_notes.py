"""Who the programs are for, said first: no program for the client's place, or not for a large firm (§3, §7).

Each function returns the sentences (zh or en) to lead an answer with; a lead-in that promises a list ("下面只列
当地的项目", "listed below") is said only over a program that is open to the client (review10 r10-16, r10-35).
"""

from __future__ import annotations

import re

from app.advisor.contract import Lang
from app.advisor.engine.claims import NATIONAL_CHANNEL
from app.advisor.engine.conditions import Status, industry, outside_mainland, size
from app.advisor.engine.eligibility import Assessment, Verdict, deciding_reason
from app.advisor.engine.programs import listed_programs
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.size import SECTION_SECTOR, large_thresholds
from app.catalogue.models import ApplicationMechanism, Catalogue, FundingProgram, ScopeLevel
from app.catalogue.render import format_cny
from app.catalogue.taxonomy import SME_SIZES, SizeClass

_ASKS_SME_FUNDS = re.compile(r"中小企业|中小微|小微企业|\bsmes?\b|small and medium|small business", re.I)
_RECHECK = re.compile(r"\s*(?:an?\s+|the\s+)?\d{4}-\d{2}-\d{2}\s*(?:复查|re-?check)", re.I)


def no_program_for_place(
    profile: CompanyProfile,
    catalogue: Catalogue,
    language: Lang,
    absence_note: str | None = None,
    programs: list[Assessment] | None = None,
) -> list[str]:
    """One sentence when no catalogued program is issued for the client's place, with the national channel.

    `programs`: the answer's verdicts. Outside the mainland, "only the local programs are listed" is said only
    over a local program that is open to the client; else that the local ones do not fit either, and why
    (review10 r10-35: the lead-in was followed by nothing, the store subsidy's ❌ only counted).
    """
    if not profile.province:
        return []
    local = [
        p
        for p in catalogue.funding
        if p.eligibility.regions
        and any(r.covers(profile.province, profile.city, profile.district) for r in p.eligibility.regions)
    ]
    if local and outside_mainland(profile.province):
        return _outside_mainland_local(profile, local, programs, language == "en")
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
    national = _nearest_channel(catalogue, profile)
    if en:
        text = f"No program in my sources is issued for {place}."
        if national:
            text += f" The nearest national channel is {national.name_en}, only if your city was selected as a pilot."
    else:
        text = f"我的资料中没有覆盖{place}的补贴项目。"
        if national:
            text += f"最接近的国家级渠道是{national.name}，须所在城市入选试点。"
    if absence_note:
        # What was searched, without the researchers' dated re-check log that follows it ("2026-11-29复查：另见…
        # 未收录", "A 2026-11-29 re-check found…"): never for the client (review8 r8-28).
        searched = _RECHECK.split(absence_note.strip(), maxsplit=1)[0].strip()
        text += (" What was searched: " if en else "检索情况：") + searched
    return [text]


def _nearest_channel(catalogue: Catalogue, profile: CompanyProfile) -> FundingProgram | None:
    """The national pilot channel a city can be selected for, whose size and industry rules leave the client in:
    the SME pilot first; a large firm just told SME funds are not for it hears of one open to any size (review14
    r14-49: "SME funds are not for you", then "the nearest national channel is the SME … pilot")."""
    national = [
        p for p in catalogue.funding if p.scope_level is ScopeLevel.national and not p.eligibility.regions
    ]
    pilots = [p for p in national if p.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city]
    pilots.sort(key=lambda p: p.id != NATIONAL_CHANNEL)
    for program in pilots:
        rules = (size(program, profile), industry(program, profile))
        if not any(c is not None and c.status is Status.unmet for c in rules):
            return program
    return None


def large_firm_note(
    profile: CompanyProfile, question: str, programs: list[Assessment], language: Lang
) -> list[str]:
    """A large firm asking about SME funds hears plainly, first, that they are not for it (§3); "programs open to
    any size are listed below" only over one (review10 r10-16: the lead-in was followed by nothing)."""
    if profile.size_certain != "large":
        # only when the stated figures settle it: 4,000 staff in a steel mill is large or medium by a revenue not
        # given (the MIIT industry thresholds need both), and the SME pilots listed ❔ below would contradict a
        # "not for you" above them (review11 r11-49 at session 14's end). Asked about SME funds, such a firm hears
        # plainly which figure decides (large_unless_said).
        return large_unless_said(profile, language) if _ASKS_SME_FUNDS.search(question) else []
    if not _ASKS_SME_FUNDS.search(question) and not _size_rules_out_local_sme_funds(programs):
        return []
    any_size = [
        a for a in listed_programs(programs) if not sme_only(a) and a.verdict is not Verdict.ineligible
    ]
    if language == "en":
        return [
            "Your company is a large enterprise under the MIIT thresholds: SME funds (such as the SME digital "
            "transformation pilot) are not for you. "
            + (
                "Programs open to firms of any size are listed below."
                if any_size
                else "No program in my sources open to firms of any size fits you either."
            )
        ]
    return [
        "按工信部标准贵公司属于大型企业，中小企业专项资金（如中小企业数字化转型城市试点）不适用于贵公司。"
        + ("下面只列不限规模的项目。" if any_size else "我的资料中也没有不限规模、适用于您的项目。")
    ]


def large_unless_said(profile: CompanyProfile, language: Lang) -> list[str]:
    """A firm whose stated figure already reaches the large class, the other figure unsaid ("我们厂1200人，想问问中小
    企业的数字化补贴"): under the MIIT rules (工信部联企业〔2011〕300号) a large firm reaches every measure, so 1,200
    people in industry is large only with 4亿 of revenue, and SME funds are not for it; below that it is an SME.
    Said plainly first, with the figure to give, never "large" asserted on one measure."""
    if profile.province in ("香港", "澳门", "台湾") or SizeClass.large not in profile.possible_sizes():
        return []
    rule, large = large_thresholds(profile.sector or SECTION_SECTOR.get(profile.industry or "", "other"))
    known: dict[str, float | None] = {"employees": profile.employees, "revenue": profile.annual_revenue_cny}
    reached = [m for m, v in large.items() if (figure := known[m]) is not None and figure >= v]
    missing = [m for m in large if known[m] is None]
    if not reached or not missing or len(reached) + len(missing) != len(large):
        return []
    en = language == "en"

    def measure(name: str, value: float, reach: str = "") -> str:
        if name == "employees":
            return f"{value:,.0f} employees" if en else f"从业人员{reach}{value:g}人"
        return f"revenue of CNY {value / 1e6:,.0f} million" if en else f"营业收入{reach}{format_cny(value)}"

    bar = (" and " if en else "且").join(measure(m, v) + ("" if en else "及以上") for m, v in large.items())
    said = (", ".join if en else "、".join)(measure(m, known[m] or 0) for m in reached)
    need = (" and " if en else "、").join(measure(m, large[m], "达到") for m in missing)
    named = (" and " if en else "和").join(
        ("headcount" if en else "从业人数")
        if m == "employees"
        else ("annual revenue" if en else "年营业收入")
        for m in missing
    )
    if en:
        return [
            f"Under the MIIT thresholds ({rule.name_en}), a firm with at least {bar} is large, and SME funds are not "
            f"for large firms. You have {said}: if you also reach {need}, SME funds (such as the SME digital "
            f"transformation pilot) would not apply; below that you still count as an SME. Tell me your {named} and "
            "I will confirm."
        ]
    return [
        f"按工信部划型标准（{rule.name_zh}），{bar}为大型企业，中小企业专项资金不适用于大型企业。贵公司{said}，"
        f"若{need}，就属于大型企业，中小企业资金（如中小企业数字化转型城市试点）"
        f"不适用；不到这个数则仍属中小企业。请告诉我贵公司的{named}，我再确认。"
    ]


def _outside_mainland_local(
    profile: CompanyProfile, local: list[FundingProgram], programs: list[Assessment] | None, en: bool
) -> list[str]:
    place = profile.region_label_en() if en else profile.region_label()
    judged = {a.program.id: a for a in programs or []}
    open_here = [a for p in local if (a := judged.get(p.id)) and a.verdict is not Verdict.ineligible]
    if programs is None or open_here:
        return [
            f"Companies registered in {place} are outside the mainland programs' coverage; only {place}'s own "
            "programs are listed."
            if en
            else f"在{place}注册的企业不在内地补贴项目的覆盖范围内，下面只列当地的项目。"
        ]
    if not any(p.id in judged for p in local):
        # No local program was judged (a quoted digest of their texts): nothing is said of them either way; "香港本地
        # 的項目對您也不適用" over a question about the TVP was a verdict nobody made (s19 ans19-07).
        return [
            f"Companies registered in {place} are outside the mainland programs' coverage."
            if en
            else f"在{place}注册的企业不在内地补贴项目的覆盖范围内。"
        ]
    # Each local program that does not fit, with its one reason: the owner learns why, not a count.
    why = []
    for program in local:
        assessment = judged.get(program.id)
        reason = deciding_reason(assessment) if assessment else None
        if reason is not None:
            name = program.name_en if en else program.name
            why.append(f"{name}: {reason.text('en')}" if en else f"{name}：{reason.text('zh')}")
    if en:
        return [
            f"Companies registered in {place} are outside the mainland programs' coverage, and {place}'s own "
            "programs in my sources do not fit you either" + (f" ({'; '.join(why)})." if why else ".")
        ]
    return [
        f"在{place}注册的企业不在内地补贴项目的覆盖范围内，我的资料中{place}本地的项目对您也不适用"
        + (f"（{'；'.join(why)}）。" if why else "。")
    ]


def _size_rules_out_local_sme_funds(programs: list[Assessment]) -> bool:
    """A stated headcount or revenue that makes the firm large rules out SME funds where it is registered: said
    first even when the client never wrote "SME" (dev pqc12: a 1,200-person group asking "which programs apply?")."""
    return any(
        sme_only(a)
        and any(c.name == "size" and c.status is Status.unmet for c in a.conditions)
        and any(c.name == "region" and c.status is Status.met for c in a.conditions)
        for a in programs
    )


def sme_only(assessment: Assessment) -> bool:
    sizes = set(assessment.program.eligibility.size_classes)
    return bool(sizes) and sizes <= SME_SIZES
