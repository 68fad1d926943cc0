"""The conditions on the form of the business (advice_rules.md §3): who the program is for, by legal form.

- a program for certain forms of business (`legal_forms`: a one-person-company voucher) is settled by the form
  the client states: "我们是一家6个人的有限公司" is an ordinary limited company, which an OPC voucher is not for
  (review8 r8-19: it stayed ❔ with a figure);
- an income-tax benefit is nothing to a partnership or a sole trader (`income_tax`): they pay no enterprise
  income tax.

The form is the profile's (the one stated last, so a correction or a what-if is judged), quoted back in the
reason as the client's own fact.
"""

from __future__ import annotations

import re

from app.advisor.engine.conditions import Condition, Reason, Status, region
from app.advisor.understand.legal_form import LABELS, NO_INCOME_TAX
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import FundingProgram
from app.catalogue.place_names import english_place
from app.catalogue.taxonomy import LegalForm
from app.text.branch_words import BRANCH


def stated_form(profile: CompanyProfile) -> LegalForm | None:
    """The client's legal form; a limited company of one person is a one-person company ("我一个人的有限公司")."""
    if profile.legal_form == "company" and profile.employees == 1:
        return "one_person_company"
    return profile.legal_form


def legal_form(program: FundingProgram, profile: CompanyProfile) -> Condition | None:
    """Met or unmet on the form the client states; without one, the program's own condition asks (it names
    the target group in its words, e.g. "须为经认定的人工智能OPC"), so nothing is added here."""
    wanted = program.eligibility.legal_forms
    form = stated_form(profile)
    if not wanted or form is None:
        return None
    zh, en = LABELS[form]
    if form in wanted:
        return Condition(
            "legal_form",
            Status.met,
            Reason(f"您说是{zh}，组织形式符合", f"you are {en}, a form of business the program is for"),
        )
    wanted_zh = "、".join(LABELS[f][0] for f in wanted)
    wanted_en = ", ".join(LABELS[f][1] for f in wanted)
    return Condition(
        "legal_form",
        Status.unmet,
        Reason(
            f"只面向{wanted_zh}，您说是{zh}，不在其内",
            f"only for {wanted_en}; you said you are {en}, which is not one of them",
        ),
    )


# Forms of business that pay no enterprise income tax (their owners pay individual income tax).
_NO_INCOME_TAX = re.compile(
    r"合伙(?!人)|律师事务所|律所|个人独资|个体工商户|个体户|partnership|sole proprietor", re.I
)


def income_tax(program: FundingProgram, said: str, form: LegalForm | None = None) -> Condition | None:
    """A tax benefit on enterprise income tax is nothing to a partnership (most law firms) or a sole trader.

    `form`: the legal form stated last (profile.legal_form) decides: "要是改成有限公司呢" is judged as a company
    although the conversation said "合伙" before; without one, the client's words do."""
    if not program.eligibility.income_tax_payers_only:
        return None
    if form is not None and form not in NO_INCOME_TAX:
        return None
    if form is None and not _NO_INCOME_TAX.search(said):
        return None
    return Condition(
        "legal_form",
        Status.unmet,
        Reason(
            "合伙企业、个人独资企业和个体工商户不缴企业所得税（不是所得税法上的居民企业），这项以企业所得税为基础的优惠用不上",
            "partnerships, sole proprietorships and individual businesses pay no enterprise income tax (they are "
            "not resident enterprises under the income-tax law), so a benefit built on it is not open to them",
        ),
    )


# A founder who has no company yet: "还没在国内注册公司", "公司还没注册", "we haven't set up a company yet". Programs pay
# firms registered in their place; registering one first is the way in, not a ❌ for ever (s21 c21-16).
_NOT_REGISTERED = re.compile(
    r"(?:还|尚)?(?:没有?|未)(?:在[^，。；,;]{0,6})?(?:注册|成立|开)(?:好|了)?(?:公司|企业|主体)|"
    r"(?:公司|企业|主体)(?:还|尚)?(?:没有?|未)(?:注册|成立)|"
    r"\b(?:not|never) (?:yet )?(?:registered|incorporated|set up)\b|"
    r"\bhaven'?t (?:yet )?(?:registered|incorporated|set up|formed) (?:a |the |our |any )?(?:company|business|entity)\b|"
    r"\bno (?:company|entity|legal entity) yet\b",
    re.I,
)
_LEGAL_PERSON_RULE = re.compile(r"独立法人|法人资格|legal person|legal entity", re.I)


def firm_standing(
    program: FundingProgram, profile: CompanyProfile, said: str, cased: str = ""
) -> Condition | None:
    """What the client's own words say of the firm that would apply: none registered yet (to do first), or a branch
    (the parent applies where the program requires an independent legal person; asked elsewhere)."""
    place = program.region.city or program.region.province
    where_zh, where_en = (
        (f"在{place}", f" in {english_place(program.region.province, program.region.city)}")
        if place
        else ("", "")
    )
    if words := _NOT_REGISTERED.search(said):
        quoted = (cased or said)[words.start() : words.end()]
        return Condition(
            "legal_form",
            Status.unknown,
            Reason(
                f"须先{where_zh}注册公司：您说“{quoted}”，本项由已注册的企业申请，注册后按注册地申请",
                f"a company must first be registered{where_en}: you said “{quoted}”; the program is claimed by a "
                "registered firm, so register one first and apply as that firm",
            ),
        )
    if not BRANCH.search(said):
        return None
    home = region(program, profile)
    if home.status is Status.unmet:
        # Which place the message made the firm's (the branch's or the parent's) is not sure: none is claimed here
        return Condition(
            "legal_form",
            Status.unmet,
            Reason(
                f"您是分公司（不是独立法人），{home.reason.zh}；分公司能否自己申请、是否须由总公司按其注册地申请，"
                "请向发文单位确认",
                f"you are a branch (not a separate legal person); {home.reason.en}; ask the issuer whether a branch "
                "may apply itself or the parent company applies where it is registered",
            ),
        )
    rules = [*program.eligibility.requirements, *program.eligibility.special_conditions]
    if rule := next((r for r in rules if _LEGAL_PERSON_RULE.search(r)), None):
        return Condition(
            "legal_form",
            Status.unmet,
            Reason(  # the entry's own rule, quoted: never a legal-person rule it does not hold
                f"要求“{rule}”：分公司不是独立法人，须由总公司申请（总公司的注册地须符合本项要求）",
                "the program requires an independent legal person: a branch is not one, so the parent company "
                "applies (and its registration must meet the program's region rule)",
            ),
        )
    return Condition(
        "legal_form",
        Status.unknown,
        Reason(
            "分公司不是独立法人：原文未写明分公司能否以自己名义申请，请向发文单位确认，或由总公司申请",
            "a branch is not a separate legal person: the text does not say whether a branch may apply in its own "
            "name; ask the issuer, or let the parent company apply",
        ),
    )
