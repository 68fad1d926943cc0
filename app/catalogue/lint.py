"""Honesty checks on the funding catalogue beyond its schema (run by tests/test_catalogue_lint.py).

The schema proves an entry is well-formed; these rules prove it is *backed*: every number the
advisor may quote is visible in the source sentence we keep, the reliability flag matches the
kind of site we read, a program that had ended when verified says so, and no program is catalogued twice
(it would be counted twice in a pack's subsidy).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlparse

from app.advisor.understand.numbers import AMOUNT, parse_amount
from app.catalogue.lint_english import english_gaps
from app.catalogue.models import FundingProgram

ENDED_MARK = "已结束"  # validity.note of a program whose effective_until has passed
SOURCE_MARK = "出自"  # a caveat naming where a number outside the quote came from
QUOTE_ELSEWHERE = (
    "引句出自"  # a caveat explaining why an entry led by an official URL is not flagged official
)

# Government domains: mainland (gov.cn), Hong Kong, Macao, Taiwan.
_OFFICIAL_SUFFIXES = (".gov.cn", ".gov.hk", ".gov.mo", ".gov.tw")
# Statutory bodies a government appointed to run a program: their page is the program's own.
_OFFICIAL_HOSTS = frozenset(
    {"www.hkpc.org"}
)  # HK Productivity Council, TVP secretariat for the ITC since 2021
# Sites of companies that sell to SMEs (cloud, POS, consultancies); a policy they relay is second-hand.
VENDOR_DOMAINS = frozenset(
    {
        "aliyun.com",
        "baidu.com",
        "tencent.com",
        "huaweicloud.com",
        "volcengine.com",
        "ichefpos.com",
        "pitcher.hk",
        "buy-solution.com",
        "mybusiness-asia.com",
    }
)

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")
_AMOUNT_RE = re.compile(AMOUNT, re.IGNORECASE)
_BRACKETS = re.compile(r"[（(][^）)]*[）)]|\s")
_YEAR = re.compile(r"20\d\d")
_TRADITIONAL = str.maketrans({"萬": "万", "億": "亿", "％": "%"})


@dataclass(frozen=True)
class LintProblem:
    program_id: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.program_id}: [{self.rule}] {self.detail}"


def url_class(url: str) -> str:
    """'official', 'vendor' or 'reprint' from the URL's host."""
    host = (urlparse(url).hostname or "").lower()
    if host == "gov.cn" or host.endswith(_OFFICIAL_SUFFIXES) or host in _OFFICIAL_HOSTS:
        return "official"
    if any(host == d or host.endswith("." + d) for d in VENDOR_DOMAINS):
        return "vendor"
    return "reprint"


def _percents(text: str) -> set[float]:
    text = text.translate(_TRADITIONAL)
    return {round(float(m) / 100, 6) for m in _PERCENT.findall(text)}


def _amounts(text: str) -> set[float]:
    found = set()
    text = text.translate(_TRADITIONAL)
    for match in _AMOUNT_RE.finditer(text):
        value = parse_amount(match.group(1), match.group(2))
        if value:
            found.add(round(value, 2))
    return found


def _numbers(program: FundingProgram) -> list[tuple[str, str, float]]:
    benefit = program.benefit
    numbers = [("ratio", "benefit.ratio", benefit.ratio), ("amount", "benefit.cap", benefit.cap)]
    numbers.append(("amount", "benefit.pool", benefit.pool))
    for i, rate in enumerate(benefit.special_rates):
        numbers.append(("ratio", f"special_rates[{i}].ratio", rate.ratio))
        numbers.append(("amount", f"special_rates[{i}].cap", rate.cap))
    return [(kind, field, value) for kind, field, value in numbers if value is not None]


def check_numbers(program: FundingProgram) -> list[LintProblem]:
    """Every ratio, cap and pool is in the quote, or (when one quote cannot hold all) in a caveat saying
    where it came from ("……出自……")."""
    quote = program.provenance.quote
    sourced = " ".join(c for c in program.provenance.caveats if SOURCE_MARK in c)
    problems = []
    for kind, field, value in _numbers(program):
        found = _percents if kind == "ratio" else _amounts
        key = round(value, 6 if kind == "ratio" else 2)
        if key in found(quote) or key in found(sourced):
            continue
        problems.append(LintProblem(program.id, "number", f"{field}={value:g} is not in the quote"))
    return problems


def check_per_firm(program: FundingProgram) -> list[LintProblem]:
    """Without a published ratio or cap, the entry says in `per_firm` what one firm can get (a table cell shows
    it instead of the summary's budget clause); its numbers are the summary's, never new ones."""
    benefit = program.benefit
    if benefit.per_firm is None:
        if benefit.ratio is None and benefit.cap is None:
            return [
                LintProblem(program.id, "per_firm", "no ratio or cap: say what one firm can get in per_firm")
            ]
        return []
    invented = (_percents(benefit.per_firm) - _percents(benefit.summary)) | (
        _amounts(benefit.per_firm) - _amounts(benefit.summary)
    )
    if invented:
        return [LintProblem(program.id, "per_firm", f"numbers not in the summary: {sorted(invented)}")]
    return []


def check_sources(program: FundingProgram) -> list[LintProblem]:
    urls = program.provenance.source_urls
    classes = [url_class(u) for u in urls]
    flag = program.provenance.reliability.value
    problems = []
    if "official" in classes and classes[0] != "official":
        problems.append(LintProblem(program.id, "source", "an official URL exists but is not listed first"))
    quote_elsewhere = any(QUOTE_ELSEWHERE in c for c in program.provenance.caveats)
    if flag == "official" and classes[0] != "official":
        problems.append(
            LintProblem(program.id, "source", f"reliability 'official' but first URL is {classes[0]}")
        )
    if classes[0] == "official" and flag != "official" and not quote_elsewhere:
        problems.append(
            LintProblem(
                program.id, "source", f"first URL is official but reliability is '{flag}' (say 引句出自… why)"
            )
        )
    if classes[0] == "vendor" and flag != "secondary":
        problems.append(LintProblem(program.id, "source", "a vendor page is a secondary source"))
    return problems


def check_ended(program: FundingProgram) -> list[LintProblem]:
    """A program that had already ended on the day its entry was verified must say so.

    The lint judges an entry as of its `verified_on`, not the wall clock: an end date that passes later
    (2026-12-31 on New Year's Day) does not make the shipped catalogue wrong, and the advisor already
    answers "ended" from the date itself (engine.eligibility compares effective_until with today).
    Such entries are listed by `lapsed_since_verified` for re-verification instead.
    """
    until = program.validity.effective_until
    if until and until < program.provenance.verified_on and ENDED_MARK not in (program.validity.note or ""):
        return [
            LintProblem(
                program.id,
                "ended",
                f"effective_until {until} had passed when verified on {program.provenance.verified_on}; "
                f"note must say {ENDED_MARK}",
            )
        ]
    return []


def lapsed_since_verified(programs: list[FundingProgram], today: date) -> list[FundingProgram]:
    """Entries whose end date has passed since they were verified: due for a re-check (a new round?)."""
    return [
        p
        for p in programs
        if (until := p.validity.effective_until)
        and p.provenance.verified_on <= until < today
        and ENDED_MARK not in (p.validity.note or "")
    ]


def _program_key(program: FundingProgram) -> tuple[str, str, str, str, str]:
    """Editions of a program (成都算力券 2023 and 2025) are distinct policies: the years stay in the key."""
    name = _BRACKETS.sub("", program.name)
    years = ",".join(_YEAR.findall(program.name))
    return (
        program.type.value,
        program.region.province or "",
        program.region.city or "",
        _YEAR.sub("", name),
        years,
    )


def check_duplicates(programs: list[FundingProgram]) -> list[LintProblem]:
    """Same type, same place and the same name (years and brackets aside), or the same document and spend."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for program in programs:
        groups[("name", *_program_key(program))].append(program.id)
        if program.provenance.doc_number:
            scope = ",".join(sorted(s.value for s in program.eligibility.spend_scope))
            groups[("doc", program.provenance.doc_number, program.type.value, scope)].append(program.id)
    return [
        LintProblem(ids[0], "duplicate", f"same program as {', '.join(ids[1:])}")
        for ids in groups.values()
        if len(ids) > 1
    ]


# Our own file names ("funding_cities.yaml") are no words for a client: an entry's text reaches answers as is.
_INTERNAL_NAME = re.compile(r"(?<![/\w.])[\w-]+\.(?:ya?ml|tsv|py|jsonl)\b", re.I)


def check_internal_names(program: FundingProgram) -> list[LintProblem]:
    """No text of the entry (its URLs aside) names one of the project's files."""
    data = program.model_dump(mode="json")
    data.get("provenance", {}).pop("source_urls", None)
    found = sorted(set(_INTERNAL_NAME.findall(json.dumps(data, ensure_ascii=False))))
    return (
        [LintProblem(program.id, "internal_name", f"names a project file: {', '.join(found)}")]
        if found
        else []
    )


def lint_funding(programs: list[FundingProgram]) -> list[LintProblem]:
    """Problems in the entries as written; independent of today's date, so CI gives the same answer every day."""
    problems: list[LintProblem] = []
    for program in programs:
        problems += check_numbers(program) + check_sources(program) + check_ended(program)
        problems += check_per_firm(program) + check_internal_names(program)
        problems += [LintProblem(program.id, "english", f"{f}: {why}") for f, why in english_gaps(program)]
    return problems + check_duplicates(programs)
