"""The funding table's benefit cell says what the client's company can get, never a city's or a program's budget.

Summaries often lead with the money a program or a pilot city receives ("省会城市、计划单列市（兵团）总额不超过
1.5亿元"); an owner reading that in a cell takes it for their own amount. The cell shows the catalogue's
`per_firm` clause, or the published ratio with the per-firm cap beside it.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.advisor.compose.funding import funding_out
from app.advisor.engine.eligibility import assess
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue, FundingProgram
from app.settings import PROJECT_ROOT
from app.ui.components import funding_rows
from app.ui.texts import text
from tests.conftest import TODAY


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


def _cell(program: FundingProgram, lang: str) -> str:
    profile = CompanyProfile(province=program.region.province or "浙江", city=program.region.city or "杭州")
    item = funding_out(assess(program, profile, date.fromisoformat(TODAY)), lang)  # type: ignore[arg-type]
    [row] = funding_rows([item], lang)  # type: ignore[arg-type]
    return str(row[text(lang, "col_benefit")])  # type: ignore[arg-type]


def test_the_national_pilot_cell_says_the_city_gets_the_money_not_the_company(catalogue):
    pilot = catalogue.program("cn-sme-dx-pilot-city-2023")
    assert pilot is not None
    zh, en = _cell(pilot, "zh"), _cell(pilot, "en")
    assert "1.5亿" not in zh and "无固定企业金额" in zh and "试点城市" in zh
    assert "150 million" not in en and "No fixed amount for companies" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_cell_shows_an_amount_the_firm_cannot_get(catalogue, lang):
    # Every amount in a cell is the per-firm cap, a special rate's cap, or in the entry's own per-firm clause
    # (which the lint holds to the summary's numbers); a budget from the summary's lead clause never leaks in.
    leaks = []
    for program in catalogue.funding:
        benefit = program.benefit
        read = _chinese_amounts if lang == "zh" else _english_amounts
        clause = (benefit.per_firm if lang == "zh" else benefit.per_firm_en) or ""
        allowed = {benefit.cap, *(r.cap for r in benefit.special_rates)} | read(clause)
        cell = _cell(program, lang)
        shown = read(cell)
        if stray := shown - allowed:
            leaks.append(f"{program.id}: {sorted(stray)} in {cell[:80]!r}")
    assert not leaks, "\n".join(leaks)


_ZH_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万|亿)?元")


def _chinese_amounts(text: str) -> set[float]:
    scale = {"万": 1e4, "亿": 1e8}
    return {round(float(n.replace(",", "")) * scale.get(unit, 1), 2) for n, unit in _ZH_AMOUNT.findall(text)}


_EN_AMOUNT = re.compile(r"(?:CNY\s*)?(\d[\d,]*(?:\.\d+)?)\s*(million|billion)?\s*(?:yuan)?", re.I)
_SCALE = {"million": 1e6, "billion": 1e9}


def _english_amounts(text: str) -> set[float]:
    """CNY 2,000,000 / 150 million yuan / 5,000 yuan -> numbers; bare small numbers (30%, 2 years) are not money."""
    found = set()
    for match in _EN_AMOUNT.finditer(text):
        whole, scale = match.group(0), match.group(2)
        if not (whole.upper().startswith("CNY") or "yuan" in whole.lower()):
            continue
        found.add(round(float(match.group(1).replace(",", "")) * _SCALE.get((scale or "").lower(), 1), 2))
    return found
