"""The conditions on the client behind a funding verdict (advice_rules.md §3): one function a condition.

Each checks one of the client's facts against what the program requires — registration region, size,
industry, company age — and says `met`, `unmet` or `unknown`, with the reason in both languages. What the
client buys, where, when and as whom (a purchase of a kind the program pays for, the venue, a filed model,
a spend after the program ends) is in buyer_conditions.py and spend_timing.py, the program's own conditions the
client's words settle in stated_conditions.py, developer or buyer in role_conditions.py; the form of the business (a
one-person company, an income-tax payer) in form_conditions.py. The program's own terms (validity, application window,
special conditions, selection) are in program_terms.py; `eligibility.assess` turns both into the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.advisor.contract import Lang
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import FundingProgram
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SIZE_LABELS, SME_SIZES


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
    # region | size | industry | age | legal_form | venue | validity | window | special | selection |
    # pilot_city (engine/pilots.py) | purchase | threshold
    name: str
    status: Status
    reason: Reason
    fact: str | None = (
        None  # the profile fact an unknown waits for, when it is not `name` (a region's district)
    )


# Hong Kong, Macau and Taiwan have their own programs; the mainland's do not cover companies registered there.
OUTSIDE_MAINLAND = frozenset({"香港", "澳门", "台湾"})


def outside_mainland(province: str | None) -> bool:
    return province in OUTSIDE_MAINLAND


def region(program: FundingProgram, profile: CompanyProfile) -> Condition:
    regions = program.eligibility.regions
    nationwide = all(r.province is None for r in regions)  # also true when there is no region rule
    if nationwide and outside_mainland(profile.province) and not outside_mainland(program.region.province):
        return Condition(
            "region",
            Status.unmet,
            Reason(
                f"内地项目，不覆盖在{profile.province}注册的企业",
                f"a mainland program; companies registered in {profile.region_label_en()} are outside its coverage",
            ),
        )
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
        if region.district and region.covers(profile.province, profile.city) and not profile.district:
            # A district's program needs the client in that district; the city alone does not settle it.
            return Condition(
                "region",
                Status.unknown,
                Reason(
                    f"须注册在{region.district}（{region.label}），请确认您所在的区县",
                    f"requires registration in {region.label_en}; which district are you in?",
                ),
                fact="district",
            )
        if region.covers(profile.province, profile.city, profile.district):
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


def size(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
    sizes = program.eligibility.size_classes
    if not sizes:
        return None
    wanted = "、".join(SIZE_LABELS[s][0] for s in sizes)
    wanted_en = "/".join(SIZE_LABELS[s][1] for s in sizes)
    size = profile.size_class
    if (
        size is None
        and outside_mainland(profile.province)
        and (local := _under_local_headcount(program, profile))
    ):
        return Condition("size", Status.met, local)
    if size is None and outside_mainland(profile.province):
        told = profile.employees is not None or profile.annual_revenue_cny is not None
        return Condition(
            "size",
            Status.unknown,
            Reason(
                f"有规模要求，请按{profile.province}的中小企业定义确认（不适用内地标准）",
                f"has a size rule: confirm under {profile.region_label_en()}'s own SME definition",
            ),
            # The client gave their size (review5 c04: "3個員工" was asked "員工人數" again): what is open is the
            # local definition, not a fact they can add.
            fact="local_sme_definition" if told else None,
        )
    if size is None:
        return Condition(
            "size",
            Status.unknown,
            Reason(f"仅限{wanted}，需要员工数或营收来判断规模", f"only for {wanted_en} firms; size unknown"),
        )
    possible = profile.possible_sizes()
    if len(possible) > 1 and not possible <= set(sizes) and possible & set(sizes):
        # Headcount alone where the MIIT thresholds need revenue too: no class is asserted (review6 c14, c17).
        return Condition(
            "size",
            Status.unknown,
            Reason(
                f"仅限{wanted}，按工信部标准还需要营业收入才能判断您的规模",
                f"only for {wanted_en} firms; your size class needs annual revenue under the MIIT thresholds",
            ),
        )
    if len(possible) > 1 and possible <= set(sizes):
        return Condition("size", Status.met, Reason("规模符合", "size qualifies"))
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


# A local headcount ceiling in a Hong Kong, Macau or Taiwan program's own text: "常雇员工未满50人",
# "员工人数不超过100人". Below it (one of the alternatives the text allows) the size rule is met.
_LOCAL_HEADCOUNT = re.compile(r"(?:员工|雇员|从业人员|员工人数)(未满|少于|不足|不超过|不多于)(\d+)人")


def _under_local_headcount(program: FundingProgram, profile: CompanyProfile) -> Reason | None:
    if profile.employees is None:
        return None
    rules = program.eligibility.requirements
    for n, text in enumerate(rules):
        if match := _LOCAL_HEADCOUNT.search(text):
            limit = int(match.group(2))
            strictly = match.group(1) in ("未满", "少于", "不足")
            if profile.employees < limit or (not strictly and profile.employees == limit):
                english = program.eligibility.requirements_en
                return Reason(
                    f"员工{profile.employees}人，符合当地规模条件（{text}）",
                    f"{profile.employees} employees: within the local size rule"
                    + (f" ({english[n]})" if n < len(english) else ""),
                )
    return None


def industry(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
    industries = program.eligibility.industries
    excluded = program.eligibility.excluded_industries
    if profile.industry and profile.industry in excluded:
        yours = INDUSTRY_SECTIONS.get(profile.industry, (profile.industry, profile.industry))
        return Condition(
            "industry",
            Status.unmet,
            Reason(
                f"{yours[0]}不适用（原文列入负面清单）", f"{yours[1]} is excluded (the text's negative list)"
            ),
        )
    if excluded and not profile.industry and not industries:
        names = "、".join(INDUSTRY_SECTIONS[c][0] for c in excluded if c in INDUSTRY_SECTIONS)
        names_en = "; ".join(INDUSTRY_SECTIONS[c][1] for c in excluded if c in INDUSTRY_SECTIONS)
        return Condition(
            "industry",
            Status.unknown,
            Reason(f"{names}不适用，尚不清楚您的行业", f"excluded: {names_en}; your industry is unknown"),
        )
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


def age(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
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
