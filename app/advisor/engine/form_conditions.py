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

from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.understand.legal_form import LABELS, NO_INCOME_TAX
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import FundingProgram
from app.catalogue.taxonomy import LegalForm


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
