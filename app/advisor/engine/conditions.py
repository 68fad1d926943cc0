"""The conditions on the client behind a funding verdict (advice_rules.md §3): one function a condition.

Each checks one of the client's facts against what the program requires — registration region, size,
industry, company age, and a planned purchase of a kind the program pays for — and says `met`, `unmet`
or `unknown`, with the reason in both languages. The program's own terms (validity, application window,
special conditions, selection) are in program_terms.py; `eligibility.assess` turns both into the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from app.advisor.contract import Lang
from app.advisor.engine.purchases import Purchase
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import planned_kinds
from app.catalogue.models import FundingProgram
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SIZE_LABELS, SME_SIZES, SPEND_LABELS, FundingType


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
    # pilot_city (engine/pilots.py) | purchase
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
                f"a mainland program; companies registered in {profile.region_label()} are outside its coverage",
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
    if size is None and outside_mainland(profile.province):
        return Condition(
            "size",
            Status.unknown,
            Reason(
                f"有规模要求，请按{profile.province}的中小企业定义确认（不适用内地标准）",
                f"has a size rule: confirm under {profile.region_label_en()}'s own SME definition",
            ),
        )
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


def purchase(program: FundingProgram, purchases: list[Purchase] | None, said: str = "") -> Condition | None:
    """A purchase of a kind the program pays for, in the plan; `said`: the client's words.

    A kind the client names without an amount ("把系统迁到云上") is in their plan even when the pack does not
    price it: that leaves the condition open (how much, bought where), never "nothing of that kind".
    """
    if program.type is FundingType.tax_incentive:
        return None  # follows the tax position or a certification, not a purchase (its own conditions decide)
    scope = program.eligibility.spend_scope
    scope_zh = "、".join(SPEND_LABELS[k][0] for k in scope)
    scope_en = ", ".join(SPEND_LABELS[k][1] for k in scope)
    if purchases is None:
        return Condition(
            "purchase",
            Status.unknown,
            Reason(
                f"须有{scope_zh}类采购，您还没说要买什么",
                f"pays only for {scope_en}; tell us what you will buy",
            ),
        )
    matched = [p for p in purchases if p.kind in scope]
    if matched:
        names = "、".join(dict.fromkeys(p.name_zh for p in matched[:3]))
        names_en = ", ".join(dict.fromkeys(p.name_en for p in matched[:3]))
        return Condition(
            "purchase", Status.met, Reason(f"支持的采购：{names}", f"matching purchase: {names_en}")
        )
    named = [k for k in scope if k in planned_kinds(said)] if said else []
    if named:
        zh, en = SPEND_LABELS[named[0]]
        return Condition(
            "purchase",
            Status.unknown,
            Reason(
                f"您提到要采购{zh}，但还没有金额和采购方式，须确认",
                f"you mention buying {en}; the amount and where you buy it are still to confirm",
            ),
        )
    return Condition(
        "purchase",
        Status.unmet,
        Reason(
            f"只支持{scope_zh}，您的方案里没有这类采购",
            f"pays only for {scope_en}; nothing in your plan is of that kind",
        ),
    )


# Forms of business that pay no enterprise income tax (their owners pay individual income tax).
_NO_INCOME_TAX = re.compile(
    r"合伙|律师事务所|律所|个人独资|个体工商户|个体户|partnership|sole proprietor", re.I
)


def income_tax(program: FundingProgram, said: str) -> Condition | None:
    """A tax benefit on enterprise income tax is nothing to a partnership (most law firms) or a sole trader."""
    if not program.eligibility.income_tax_payers_only or not _NO_INCOME_TAX.search(said):
        return None
    return Condition(
        "legal_form",
        Status.unmet,
        Reason(
            "合伙企业、个人独资企业和个体工商户不缴企业所得税，这项企业所得税优惠用不上",
            "partnerships, sole proprietorships and individual businesses pay no enterprise income tax",
        ),
    )


def venue(program: FundingProgram, said: str) -> Condition | None:
    """A program bound to a platform or cluster pays only when the client says they buy there (§1)."""
    place = program.eligibility.venue
    if place is None:
        return None
    if re.search(place.said, said, re.I):
        return Condition(
            "venue", Status.met, Reason(f"您说在那里采购：{place.zh}", f"you buy there: {place.en}")
        )
    return Condition(
        "venue",
        Status.unknown,
        Reason(
            f"须确认：{place.zh}（您没有说在那里采购）",
            f"to confirm: {place.en} (you did not say you buy there)",
        ),
    )


# What a client developing a model, dataset or technology says about itself.
_DEVELOPS = re.compile(
    r"自研|研发|研制|攻关|揭榜|开发.{0,8}(?:模型|算法|产品|系统|平台|数据集)|(?:训练|微调|精调).{0,6}模型|做.{0,4}大模型|"
    r"大模型公司|模型公司|ai公司|人工智能公司|科技公司|数据集|语料|标注|"
    r"\bdevelop|\br&d\b|\bresearch\b|\btrain(?:ing)? (?:a |our |the )?models?\b|\bfine-?tun|\bai (?:company|startup|lab)\b",
    re.I,
)
# Trades whose firms develop technology as their business: without their words, still to confirm.
_DEVELOPER_TRADES = frozenset({"C", "I", "M"})


def developer(program: FundingProgram, profile: CompanyProfile, said: str) -> Condition | None:
    """An R&D or developer program pays whoever builds the model or technology, not whoever buys it (§1)."""
    if not program.eligibility.developers_only:
        return None
    if _DEVELOPS.search(said):
        return Condition(
            "developer",
            Status.unknown,
            Reason(
                "面向研发方：须是自主研发的项目并经评审立项",
                "for developers: your own R&D project, selected on review",
            ),
        )
    if profile.industry and profile.industry not in _DEVELOPER_TRADES:
        return Condition(
            "developer",
            Status.unmet,
            Reason(
                "面向研发方（开发模型、数据集或技术攻关的企业），不是采购软件或服务的补贴",
                "for developers of models, datasets or technology, not a subsidy on buying software or services",
            ),
        )
    return Condition(
        "developer",
        Status.unknown,
        Reason(
            "面向研发方：须确认您是在自主研发模型、数据集或技术（采购不算）",
            "for developers: confirm you develop the model, dataset or technology yourself (buying does not count)",
        ),
    )
