"""The legal form a business says it has: a company pays enterprise income tax, a partnership or a sole trader
does not (their owners pay individual income tax), so an income-tax benefit is nothing to them.

A one-person company (一人有限公司) is a company with a single shareholder: it pays enterprise income tax like
any company, and it is what a one-person-company (OPC) program is for, which an ordinary limited company is not.

Read as a profile fact, so a later turn can correct it ("其实我们是有限公司") or suppose it ("要是改成有限公司
呢？", "What if we register as a limited company?"): the engine judges the form stated last, not every form
the conversation ever mentioned.
"""

from __future__ import annotations

import re

from app.catalogue.taxonomy import LegalForm as LegalForm  # re-exported: the profile types its fact with it

_I = re.IGNORECASE
_FORMS: list[tuple[re.Pattern[str], LegalForm]] = [
    (
        re.compile(
            r"一人(?:有限(?:责任)?)?公司|一人独资公司|\bone[- ]person (?:limited )?(?:company|LLC)\b|"
            r"\bsingle[- ]member (?:LLC|company)\b",
            _I,
        ),
        "one_person_company",
    ),
    # "合伙人" is a person (a co-founder), not the form: "有限公司，就我和合伙人两个人" is a company.
    (re.compile(r"合伙(?!人)|\bpartnership\b|\bLLP\b", _I), "partnership"),
    (
        re.compile(r"个人独资|独资企业|\bsole proprietor(?:ship)?\b|\bsole trader\b", _I),
        "sole_proprietorship",
    ),
    (re.compile(r"个体工商户|个体户|\bindividual(?:ly owned)? business\b", _I), "individual_business"),
    (
        re.compile(
            r"有限(?:责任)?公司|股份(?:有限)?公司|\blimited(?: liability)? company\b|\bLLC\b|\bltd\b|"
            r"\bcorporation\b|\bincorporat(?:e|ed|ing)\b",
            _I,
        ),
        "company",
    ),
]
# "不是合伙企业", "not a partnership": the form the business does not have.
_DENIED = re.compile(r"(?:不是|并非|而非|不再是|\bnot\b|\bno longer\b)\s*(?:an?\s+|一家|一个)?$", _I)

# Forms that pay no enterprise income tax.
NO_INCOME_TAX: frozenset[LegalForm] = frozenset({"partnership", "sole_proprietorship", "individual_business"})
LABELS: dict[LegalForm, tuple[str, str]] = {
    "company": ("有限公司", "a limited company"),
    "one_person_company": ("一人有限公司", "a one-person company"),
    "partnership": ("合伙企业", "a partnership"),
    "sole_proprietorship": ("个人独资企业", "a sole proprietorship"),
    "individual_business": ("个体工商户", "an individual business"),
}


def legal_form_in(text: str) -> LegalForm | None:
    """The legal form the text gives the business, the last one it affirms ("不是合伙，是有限公司": company).

    A form inside a longer one's words is that one's ("一人有限公司" is no ordinary 有限公司)."""
    found = [
        (match.start(), match.end(), form)
        for pattern, form in _FORMS
        for match in pattern.finditer(text)
        if not _DENIED.search(text[max(0, match.start() - 8) : match.start()])
    ]
    said = [
        (start, form)
        for start, end, form in found
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in found)
    ]
    return max(said)[1] if said else None
