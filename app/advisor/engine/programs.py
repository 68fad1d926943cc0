"""Which funding programs to show for a question: relevant spend, the user's region or a region they named."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.program_subjects import (
    RAISED_ONLY,
    raised_types,
    spend_from_question,
    subject_named,
    title_subject_named,
)
from app.advisor.understand.gazetteer import Place
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import FundingProgram, ScopeLevel
from app.catalogue.taxonomy import FundingType, SpendKind
from app.text.normalize import normalize

VERDICT_ORDER = {Verdict.eligible: 0, Verdict.unknown: 1, Verdict.ineligible: 2}
MAX_PROGRAMS = 8  # judged and kept in the contract
MAX_LISTED = 5  # written out in the answer (see `listed_programs`)


def _region_compatible(assessment: Assessment, profile: CompanyProfile, spend: set[SpendKind] | None) -> bool:
    regions = assessment.program.eligibility.regions
    if any(c.name == "region" and c.status is Status.unmet for c in assessment.conditions) and not regions:
        return False  # a mainland program for a Hong Kong, Macau or Taiwan company: said once, not listed
    if not regions:
        # No region rule is not "open to everyone" (advice_rules.md §3): show it only for a matching purchase,
        # and another place's local program (庆阳's or 贵州's compute bought on their own platform) only when
        # the client names it or has not said where they are.
        program = assessment.program
        local = program.scope_level is not ScopeLevel.national and program.region.province is not None
        if local and profile.province and not program.region.covers(profile.province, profile.city):
            return False
        # A tax or loan program is here only when the question raised its subject ("which tax breaks"): that is
        # its match, with or without a purchase named.
        raised = program.type in RAISED_ONLY
        return (bool(spend) or raised) and program.benefit.currency == "CNY"
    if not profile.province:
        return False
    return any(r.covers(profile.province, profile.city, profile.district) for r in regions)


def _named(assessment: Assessment, text: str) -> bool:
    """The client names the program itself, by id or by its Chinese or English name."""
    program = assessment.program
    return program.id in text or normalize(program.name) in text or normalize(program.name_en) in text


def _mentioned(assessment: Assessment, places: list[Place], text: str) -> bool:
    if _named(assessment, text):
        return True
    # A local program without a registration rule is named by its own place ("庆阳的算力券").
    program = assessment.program
    regions = program.eligibility.regions or ([program.region] if program.region.province else [])
    return any(r.covers(p.province, p.city) for r in regions for p in places)


# Words every program title shares: what is left of a title without them and its place is how a client
# calls the program ("厦门…揭榜挂帅" for 厦门市人工智能揭榜挂帅科技项目补助).
_TITLE_FILLER = re.compile(
    r"人工智能|大模型|科技|项目|补助|补贴|奖补|奖励|资助|专项|资金|支持|扶持|企业|政策|措施|数字化转型|城市试点|试点|"
    r"[省市县区]|中小|应用"
)


def _called(assessment: Assessment, places: list[Place], text: str) -> bool:
    """Named by the distinctive words of its title, with its own place named too (a 厦门 question)."""
    program = assessment.program
    regions = program.eligibility.regions or [program.region]
    if not any(r.province and r.covers(p.province, p.city) for r in regions for p in places):
        return False
    title = _short(program.name)
    for place in (program.region.province, program.region.city, program.region.district):
        title = title.replace(normalize(place), " ") if place else title
    return any(len(part) >= 4 and part in text for part in _TITLE_FILLER.split(title))


def _asked(assessment: Assessment, places: list[Place], text: str, raised: set[FundingType]) -> bool:
    """The client asks about this program: by name, or by its place and its kind ("北京的算力券")."""
    program = assessment.program
    if _named(assessment, text) or _short(program.name) in text or _called(assessment, places, text):
        return True
    if program.type in RAISED_ONLY and subject_named(assessment.program.name, text):
        # "研发费用加计扣除能用吗" asks about that tax program by its subject: it is answered even when the
        # answer is no (a restaurant is on the R&D negative list), never left under "not listed".
        return True
    regions = program.eligibility.regions
    if title_subject_named(program.name, text) and any(
        r.province and r.covers(p.province, p.city) for r in regions for p in places
    ):
        return True  # "桐乡的开源AI应用奖励": its distinctive subject, and its place
    if any(r.district for r in regions):
        # A district's program is asked about by its district ("海珠区那个示范项目"), not by its city.
        return any(name in text for r in regions if r.district for name in _district_names(r.district))
    # A city's program is asked about by its city: "广东省的试点" names the province's own, not 东莞's or 广州's
    # (review7 rev7-34 listed and dated every Guangdong city's pilot for a 佛山 client).
    here = any(
        r.province and r.covers(p.province, p.city) and (not r.city or p.city)
        for r in regions
        for p in places
    )
    return bool(here) and program.type in raised


@cache  # of the catalogue's wording only: every turn asked it again for every program, twice
def _district_names(district: str) -> frozenset[str]:
    """海珠区 -> {海珠区, 海珠}; 浦东新区 -> {浦东新区, 浦东}; 天台县 -> {天台县} (a bare 天台 is a rooftop)."""
    names = {normalize(district)}
    for suffix in ("新区", "区"):
        if district.endswith(suffix) and len(district) - len(suffix) >= 2:
            names.add(normalize(district[: -len(suffix)]))
            break
    return frozenset(names)


@cache  # of the catalogue's wording only: every turn asked it again for every program, twice
def _short(name: str) -> str:
    """深圳市模型券（打造人工智能先锋城市的若干措施） -> 深圳市模型券: how clients name a program."""
    short = normalize(re.sub(r"[（(][^（）()]*[）)]", "", name))
    return short if len(short) >= 4 else normalize(name)


@cache  # of the catalogue's wording only: every turn asked it again for every program, twice
def _spoken(name: str) -> str:
    """山东省算力券奖补 -> 山东算力券: the place without 省/市 and the kind without 奖补/补贴, as owners say it
    (matched against their words without 的: "山东的算力券")."""
    spoken = re.sub(r"^(\w{2,3}?)[省市]", r"\1", _short(name))
    spoken = re.sub(r"(?:奖补|补贴|补助|资助)$", "", spoken)
    return spoken if len(spoken) >= 4 else _short(name)


def local_to_client(assessment: Assessment) -> bool:
    """A program with a region rule the client's place meets (their city's, province's or district's)."""
    return bool(assessment.program.eligibility.regions) and any(
        c.name == "region" and c.status is Status.met for c in assessment.conditions
    )


def _elsewhere(assessment: Assessment) -> bool:
    return any(c.name == "region" and c.status is Status.unmet for c in assessment.conditions)


def _pays_others(assessment: Assessment) -> bool:
    """Ruled out because it pays for other things than the client buys (an R&D program, a compute voucher for a
    bakery): listing it explains nothing about the client's own place, it is noise (review4 c29)."""
    unmet = {c.name for c in assessment.conditions if c.status is Status.unmet}
    # A rule about the client (industry, size, an end date) explains the no even when the purchase fails too.
    return "developer" in unmet or unmet == {"purchase"}


# Conditions only the client's own words or figures can fail: their place's program ruled out by them answers
# what they said ("一年3万" under a 5万 threshold, review6 s1t2), so it is listed, not hidden.
_SAID_BY_CLIENT = frozenset({"threshold", "special", "venue", "legal_form"})


def _client_said_no(assessment: Assessment) -> bool:
    unmet = [c for c in assessment.conditions if c.status is Status.unmet]
    if unmet and all(c.name == "legal_form" for c in unmet):
        # Their own form of business rules it out wherever the program is (a partnership asking which tax
        # benefits it can use hears that it pays no enterprise income tax, review9 r9-39), not "8 do not apply".
        return True
    return local_to_client(assessment) and bool(unmet) and all(c.name in _SAID_BY_CLIENT for c in unmet)


def listed_programs(programs: list[Assessment]) -> list[Assessment]:
    """The programs an answer's text lists: what can help the client, not everything that was checked.

    Eligible and to-confirm programs first (in the order chosen); an ineligible one only when the client
    asked about it or their own words rule it out (`_client_said_no`), or, when nothing else is left, up to two of the client's own place's programs that
    explain why nothing applies (a national or another district's program explains nothing). At most
    MAX_LISTED; the contract's `funding[]` keeps every program checked, with `listed` false for the rest.
    """
    programs = [a for a in programs if a.reached_through is None]
    useful = {id(a) for a in programs if a.verdict is not Verdict.ineligible or a.asked or _client_said_no(a)}
    if all(a.verdict is Verdict.ineligible for a in programs):
        explain = [
            id(a) for a in programs if id(a) not in useful and local_to_client(a) and not _pays_others(a)
        ]
        useful |= set(explain[: max(0, 2 - len(useful))])
    return [a for a in programs if id(a) in useful][:MAX_LISTED]


def _venue_fits(assessment: Assessment, asked: set[SpendKind]) -> bool:
    """A platform- or cluster-bound program (庆阳, 贵州) is an alternative only when the client asks for that spend."""
    unconfirmed = any(c.name == "venue" and c.status is not Status.met for c in assessment.conditions)
    return not unconfirmed or bool(set(assessment.program.eligibility.spend_scope) & asked)


def _raised(assessment: Assessment, text: str, raised: set[FundingType], specific: set[FundingType]) -> bool:
    program_type = assessment.program.type
    if subject_named(assessment.program.name, text):
        return True
    return program_type in raised and program_type not in specific


def select_programs(
    assessments: list[Assessment],
    profile: CompanyProfile,
    spend: set[SpendKind] | None,
    places: list[Place],
    question: str,
    named_ids: Collection[str] = (),
) -> list[Assessment]:
    """Programs worth showing: relevant spend, and the user's region or a region they named; `named_ids`: the
    programs the message names as owners do ("东莞的试点", program_names.py), answered like a name."""
    chosen = _shown(assessments, profile, spend, places, question, named_ids)
    # Another city's program in a province the client names (广东's other pilots for a 东莞 plant) ranks after
    # every program their own place meets, or eight of them crowd out a national pilot listing 东莞 (r12-19).
    chosen.sort(
        key=lambda item: (
            item[0] > 0 and _elsewhere(item[1]),
            item[0],
            VERDICT_ORDER[item[1].verdict],
            -(item[1].ratio or 0),
            item[1].program.id,
        )
    )
    return [a for _, a in chosen[:MAX_PROGRAMS]]


def could_show(
    programs: Sequence[FundingProgram],
    profile: CompanyProfile,
    spend: set[SpendKind] | None,
    places: list[Place],
    question: str,
    named_ids: Collection[str] = (),
) -> list[FundingProgram]:
    """What `select_programs` may keep, known before judging (its tests with no verdict or condition yet): judging
    only these changes no answer; one whose subject is named (`specific`) always passes, so it stays the same."""
    blank = [Assessment(program, Verdict.unknown) for program in programs]
    return [a.program for _, a in _shown(blank, profile, spend, places, question, named_ids)]


def _shown(
    assessments: list[Assessment],
    profile: CompanyProfile,
    spend: set[SpendKind] | None,
    places: list[Place],
    question: str,
    named_ids: Collection[str],
) -> list[tuple[int, Assessment]]:
    """The programs shown for a question, each with its rank group (lower first)."""
    text, raised, asked = normalize(question), raised_types(question), spend_from_question(question)
    specific = {a.program.type for a in assessments if subject_named(a.program.name, text)}
    chosen = []
    for assessment in assessments:
        named = _mentioned(assessment, places, text)
        assessment.asked = assessment.program.id in named_ids or _asked(assessment, places, text, raised)
        if not named and not _venue_fits(assessment, asked):
            continue
        # Asked about by name, or by its place and kind ("合肥的数字化补贴"): answered whatever the spend.
        by_name = (
            assessment.program.id in named_ids
            or _named(assessment, text)
            or _spoken(assessment.program.name) in text.replace("的", "")
            or _called(assessment, places, text)
        )
        program_type = assessment.program.type
        if program_type in RAISED_ONLY:
            # Named by its own name, or its subject raised (a loan, R&D): naming the city is not taking a loan.
            if not (by_name or _short(assessment.program.name) in text) and not _raised(
                assessment, text, raised, specific
            ):
                continue
        elif (
            spend
            and not by_name
            and not assessment.asked
            and not set(assessment.program.eligibility.spend_scope) & spend
        ):
            continue
        if named or assessment.asked or _region_compatible(assessment, profile, spend):
            # A program named by its name leads, then a tax or loan program whose subject the question raises
            # ("which tax breaks help", here only when raised), then those of a place the client named, then
            # the rest: a getihu asking about tax breaks heard only Chengdu's vouchers (their tax no's were cut).
            rank = 0 if by_name else 1 if program_type in RAISED_ONLY else 2 if named else 3
            chosen.append((rank, assessment))
    return chosen
