"""Catalogue lint: numbers backed by the quote, sources classified, ended programs marked, no duplicates."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.english import chinese_outside_originals
from app.catalogue.lint import ENDED_MARK, lapsed_since_verified, lint_funding, url_class
from app.catalogue.lint_english import english_gaps, solution_english_gaps
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue, FundingProgram
from app.settings import PROJECT_ROOT

CATALOGUE_DIR = PROJECT_ROOT / "knowledge" / "catalogue"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_DIR)


def test_the_shipped_catalogue_passes_the_lint(catalogue):
    problems = lint_funding(list(catalogue.funding))
    assert not problems, "\n".join(str(p) for p in problems)


def test_a_program_ending_after_it_was_verified_reads_ended_without_failing_the_lint(catalogue):
    # Entries verified in 2026 that end on 2026-12-31: on New Year's Day the catalogue is still honest as
    # written (CI stays green), the advisor says "ended" from the date, and the entry is due for a re-check.
    shipped = [
        p
        for p in catalogue.funding
        if p.validity.effective_until == date(2026, 12, 31) and ENDED_MARK not in (p.validity.note or "")
    ]
    verified = _program(
        catalogue,
        id="x-ends-2026",
        validity__effective_until=date(2026, 12, 31),
        validity__note="",
        provenance__verified_on=date(2026, 11, 29),
    )
    ending = [verified, *shipped]
    new_year = date(2027, 1, 1)
    assert not [p for p in lint_funding(ending) if p.rule == "ended"]
    assert [p.id for p in lapsed_since_verified(ending, new_year)] == [p.id for p in ending]
    assert not lapsed_since_verified(ending, date(2026, 12, 31))
    for program in ending:
        assessment = assess(program, CompanyProfile(province=program.region.province), new_year)
        assert assessment.verdict is Verdict.ineligible
        assert any("结束" in r.zh for r in assessment.reasons)


def test_a_program_already_ended_when_verified_must_say_so(catalogue):
    stale = _program(
        catalogue,
        id="x-stale",
        validity__effective_until=date(2026, 6, 30),
        validity__note="",
        provenance__verified_on=date(2026, 11, 29),
    )
    assert [p.rule for p in lint_funding([stale])] == ["ended"]
    marked = _program(
        catalogue,
        id="x-marked",
        validity__effective_until=date(2026, 6, 30),
        validity__note=f"{ENDED_MARK}（2026年6月30日）",
        provenance__verified_on=date(2026, 11, 29),
    )
    assert not lint_funding([marked])


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.gov.cn/zhengce/content/x.htm", "official"),
        ("https://jxj.wuhan.gov.cn/xwzx_9/tztg/x.html", "official"),
        ("https://www.itf.gov.hk/tc/funding-programmes/x.html", "official"),
        ("https://law.moea.gov.tw/x", "official"),
        ("https://www.hkpc.org/en/technology-voucher-programme", "official"),  # appointed TVP secretariat
        ("https://fakegov.cn.example.com/x", "reprint"),
        ("https://www.dutenews.com/n/article/1", "reprint"),
        ("https://help.aliyun.com/x", "vendor"),
    ],
)
def test_urls_are_classified_from_their_domain(url, kind):
    assert url_class(url) == kind


def _program(catalogue: Catalogue, **changes: object) -> FundingProgram:
    base = catalogue.funding[0]
    data = base.model_dump()
    for dotted, value in changes.items():
        target = data
        *path, last = dotted.split("__")
        for part in path:
            target = target[part]
        target[last] = value
    return FundingProgram.model_validate(data)


def test_lint_catches_each_kind_of_dishonesty(catalogue):
    invented_cap = _program(catalogue, id="x-cap", benefit__cap=1234567)
    wrong_flag = _program(catalogue, id="x-flag", provenance__reliability="official")
    stale = _program(
        catalogue,
        id="x-old",
        name="某市旧算力券（2020年）",
        validity__effective_from=None,
        validity__effective_until=date(2021, 1, 1),
        validity__note="",
    )
    twin = _program(catalogue, id="x-twin")
    rules = {(p.program_id, p.rule) for p in lint_funding([invented_cap, wrong_flag, stale, twin])}
    assert ("x-cap", "number") in rules
    assert ("x-flag", "source") in rules
    assert ("x-old", "ended") in rules
    assert any(rule == "duplicate" for _, rule in rules)


def test_no_policy_document_shares_an_id_with_a_catalogue_entry(catalogue):
    # A shared id makes a program's catalogue citation look like its policy text (wrong publisher and date).
    documents = {
        p.stem for p in (PROJECT_ROOT / "knowledge" / "policies").iterdir() if p.name != "metadata.yaml"
    }
    entries = {p.id for p in catalogue.funding} | {s.id for s in catalogue.solutions}
    assert not documents & entries


# ------------------------------------------------------------------ English


def test_every_program_and_solution_carries_its_english_fields(catalogue):
    # What an English answer shows of an entry (issuer, benefit, channel, steps, conditions, rates, stacking,
    # validity and window notes, caveats; a solution's summary, items, risks, cost note) exists in English,
    # in the Chinese list's order.
    gaps = [f"{p.id}: {field}: {why}" for p in catalogue.funding for field, why in english_gaps(p)]
    gaps += [
        f"{s.id}: {field}: {why}" for s in catalogue.solutions for field, why in solution_english_gaps(s)
    ]
    assert not gaps, "\n".join(gaps[:20])
    assert all(p.issuer_en and p.benefit.summary_en and p.how_to_apply.steps_en for p in catalogue.funding)
    assert all(s.risks_en for s in catalogue.solutions)


def test_a_new_entry_without_english_or_with_chinese_in_it_fails_the_lint(catalogue):
    untranslated = _program(
        catalogue,
        id="x-zh-only",
        benefit__summary_en=None,
        how_to_apply__steps_en=[],
        eligibility__requirements_en=["须在北京注册"],
        validity__note="未写明有效期",
        validity__note_en=None,
        validity__window_note="以试点城市的征集通知为准",
        validity__window_note_en=None,
        provenance__caveats=["原文为转载", "申报年份为推断"],
        provenance__caveats_en=["The original is a reprint"],
    )
    fields = {p.detail.split(":")[0] for p in lint_funding([untranslated]) if p.rule == "english"}
    assert fields == {
        "benefit.summary_en",
        "how_to_apply.steps_en",
        "eligibility.requirements_en",
        "validity.note_en",
        "validity.window_note_en",
        "provenance.caveats_en",
    }
    with pytest.raises(ValidationError, match="issuer_en"):
        _program(catalogue, id="x-no-issuer", issuer_en=None)
    # A name's Chinese original in parentheses is allowed, the same text unbracketed or full-width is not.
    named = _program(catalogue, id="x-named", issuer_en="Hangzhou Bureau of Economy and IT (杭州市经信局)")
    assert not english_gaps(named)
    for stray in (
        "Hangzhou 杭州市经信局",
        "Hangzhou Bureau（杭州市经信局）",
        "Bureau (杭州市经信局; 市发改委)",
    ):
        assert english_gaps(_program(catalogue, id="x-stray", issuer_en=stray)), stray


def test_english_text_allows_chinese_only_as_a_labelled_original_or_a_name():
    assert not chinese_outside_originals(
        "Quote (original text, in Chinese): 中央财政将对试点城市给予定额奖励"
    )
    assert not chinese_outside_originals("Issued by Wuhan (武汉市).")
    assert chinese_outside_originals("Benefit: 最高30%") == ["Benefit: 最高30%"]


def test_an_entry_without_a_ratio_or_cap_says_what_one_firm_gets_with_the_summarys_numbers(catalogue):
    silent = _program(
        catalogue, id="x-silent", benefit__ratio=None, benefit__cap=None, benefit__special_rates=[]
    )
    assert [p.rule for p in lint_funding([silent])] == ["per_firm"]
    invented = _program(
        catalogue,
        id="x-invented",
        benefit__ratio=None,
        benefit__cap=None,
        benefit__special_rates=[],
        benefit__per_firm="单家企业最高50万元",
        benefit__per_firm_en="At most 500,000 yuan per firm",
    )
    assert [p.rule for p in lint_funding([invented])] == ["per_firm"]
    honest = _program(
        catalogue,
        id="x-honest",
        benefit__ratio=None,
        benefit__cap=None,
        benefit__special_rates=[],
        benefit__per_firm="单个企业的比例和上限未写明",
        benefit__per_firm_en="No per-firm ratio or cap stated",
    )
    assert not [p for p in lint_funding([honest]) if p.rule in ("per_firm", "english")]
