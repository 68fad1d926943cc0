"""The text answer — what the CLI prints, the API returns and the chat folds — says each thing once.

A recommendation's brief names each solution and each listed program once; the details add what the brief
left out (what a numbered solution does, a program's other conditions and how to apply) without a second
line for the same item. Citations and the "confirm with the issuing authority" reminder stay. The brief's
length is checked against the characters a 390×844 phone screen shows (measured with the e2e harness,
tests/test_ui_e2e.py: about 430 Chinese or 1,000 English characters per screen).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.advisor.compose.citations import CitationBook
from app.advisor.compose.details import program_details
from app.advisor.compose.program_labels import short_name
from app.advisor.compose.wording import disclaimer, split_details
from app.advisor.contract import AdviceResponse
from app.advisor.engine.eligibility import assess
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.english import chinese_outside_originals
from tests.test_advisor_scenarios import with_shared_catalogue

CHARS_PER_PHONE_SCREEN = {"zh": 430, "en": 1000}
RESTAURANT = "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题"
FACTORY_EN = (
    "We run a 120-person auto parts factory in Suzhou, revenue about 90 million yuan a year. Machines break "
    "down without warning and quality inspection is all manual. Budget 200k. What would you suggest?"
)


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def _names(response: AdviceResponse) -> tuple[list[str], list[tuple[str, int]]]:
    """The solutions' names; each listed program's short name and its citation number."""
    solutions = [s.name for s in response.solutions]
    cited = {c.source: c.n for c in response.citations}
    programs = [(short_name(f.name), cited[f.id]) for f in response.funding if f.listed]
    return solutions, programs


@pytest.mark.parametrize("question", [RESTAURANT, FACTORY_EN], ids=["zh restaurant", "en factory"])
def test_a_pack_answer_names_each_solution_and_program_once_and_keeps_its_sources(
    advisor: AdvisorService, question: str
):
    response = advisor.ask(question)
    brief, details = split_details(response.answer)
    assert details is not None
    solutions, programs = _names(response)
    assert solutions and programs
    for name in solutions:
        assert response.answer.count(name) == 1, f"{name} named more than once"
    benefit = "Benefit:" if response.language == "en" else "支持："
    for name, n in programs:
        # Named once, or (a city pilot in the pilots' one line) by its place and its citation alone.
        assert brief.count(name) <= 1, name
        assert f"[{n}]" in brief, f"{name} [{n}] is in the brief"
        entries = [line for line in details.splitlines() if name in line]
        assert len(entries) <= 1, f"{name}: one details entry at most, got {entries}"
        assert not any(benefit in line for line in entries), "the details do not repeat the amount"
    # Every [n] the text cites is a source the response lists, and each source is cited.
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", response.answer)}
    assert cited == {c.n for c in response.citations}
    assert response.answer.rstrip().endswith(disclaimer(response.language))
    screens = len(brief) / CHARS_PER_PHONE_SCREEN[response.language]
    assert screens <= 2, f"the brief is {screens:.1f} phone screens"


def test_an_english_answer_gives_a_programs_window_note_in_english(advisor: AdvisorService):
    """The national SME pilot's window note ("apply through your pilot city") reads in English in its entry."""
    program = next(p for p in advisor.catalogue.funding if p.id == "cn-sme-dx-pilot-city-2023")
    assert program.validity.window_note and program.validity.window_note_en
    assessment = assess(program, CompanyProfile(province="江苏", city="苏州"), date(2026, 11, 23))
    entry = program_details(assessment, CitationBook(), "en", steps=True)
    assert program.validity.window_note_en.rstrip(".") in entry
    assert not chinese_outside_originals(entry), entry


@pytest.mark.parametrize(
    "question",
    [
        "佛山顺德的家具厂，180人，营收1.6亿，想做AI排产和设备预测性维护，预算35万",
        "We are a 90-person machining plant in Suzhou and want AI visual inspection, budget 150k. Any subsidies?",
    ],
    ids=["zh Foshan", "en Suzhou"],
)
def test_the_city_pilot_channel_is_said_once_with_its_levels(advisor: AdvisorService, question: str):
    """review4 §4: a factory heard the same pilot channel three or four times (national, province, city,
    new-type retrofit). One line names the levels; every pilot keeps its citation and its details entry."""
    response = advisor.ask(question)
    brief, details = split_details(response.answer)
    assert details is not None
    cited = {c.source: c.n for c in response.citations}
    pilots = [f for f in response.funding if f.listed and f.mechanism == "via_pilot_city"]
    assert len(pilots) >= 2, [f.id for f in response.funding]
    lines = [line for line in brief.splitlines() if any(f"[{cited[f.id]}]" in line for f in pilots)]
    assert len(lines) == 1, lines
    line = lines[0]
    assert all(f"[{cited[f.id]}]" in line for f in pilots), line
    assert "·" in line, f"the levels as one list: {line}"
    assert "不计入净成本" in line or "not counted in net cost" in line
    # The national money paid through the local pilot is one of the levels (cited there), not another line.
    through = {f.id for f in pilots if re.search(rf"(经本地下达）|paid through it )\[{cited[f.id]}\]", line)}
    assert "国家级资金" not in brief and "national money" not in brief
    for f in pilots:  # the details still give each pilot's own conditions and steps
        if f.id not in through:
            assert sum(f"[{cited[f.id]}]" in entry for entry in details.splitlines()) == 1


@pytest.mark.parametrize(
    "question",
    [
        "我們在香港荃灣開了一間20人的物流公司，想用AI自動排車和回覆客戶查詢，預算大約20萬港幣，有咩資助？",
        "We are a 12-person design studio in Mong Kok, Hong Kong, want an AI tool to draft quotations, "
        "budget HK$80,000.",
    ],
    ids=["zh-Hant", "en"],
)
def test_a_hong_kong_client_is_told_the_costs_are_in_cny_and_nothing_is_converted(
    advisor: AdvisorService, question: str
):
    """review4 §4: Hong Kong prices were in CNY only, with 元 that a Hong Kong reader takes for HK$. The
    catalogue holds no HKD price and no exchange rate: the brief says so, and no HKD figure is invented."""
    response = advisor.ask(question)
    brief, _ = split_details(response.answer)
    summary = brief.splitlines()[0]
    if response.language == "en":
        assert "CNY" in summary and "All costs are in CNY" in brief and "no HKD prices" in brief
    else:
        assert "人民幣" in summary, summary
        assert "費用均為人民幣" in brief and "沒有港元價格" in brief
    # HKD figures only where the catalogue or the client gave them (the voucher's cap, the stated budget).
    hkd = re.findall(r"HKD\s?[\d,]+|HK\$\s?[\d,]+|[\d.]+萬?港元", response.answer)
    allowed = {"HKD 600,000", "60萬港元", "HKD 200,000", "HKD 80,000", "HK$80,000"}
    assert set(hkd) <= allowed, hkd
