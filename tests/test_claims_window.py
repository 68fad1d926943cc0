"""A claims window after the spending period is not "ended" (issue #11, session 20; advice_rules.md §4).

南宁算力券 paid for compute used 2025-03-01 … 2025-12-31 and took claims 2026-01-04 … 01-23. Asked in that window,
the advisor said it had ended and could not be applied for. Now: spend dated in the period is claimable until the
window closes (with the days left), a spend still to come is not, and after the window it has ended.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.purchases import client_items
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.loader import load_catalogue
from app.container import Container
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
NANNING = CompanyProfile(province="广西", city="南宁", employees=30, industry="I")
NN = "nn-compute-voucher-2025"
IN_WINDOW = date(2026, 1, 10)


def _validity(message: str, today: date):
    # As the advisor reads them: each contract dated by the client's words against today ("去年" is last year).
    program = CATALOGUE.program(NN)
    assert program is not None
    purchases = client_items(stated_purchases(normalize(message), today))
    assessment = assess(program, NANNING, today, purchases, normalize(message))
    (condition,) = [c for c in assessment.conditions if c.name == "validity"]
    return assessment, condition


def test_spend_from_the_period_is_claimable_in_the_window_with_its_days_left():
    assessment, condition = _validity("去年在南A中心租了算力，结算下来一共30万", IN_WINDOW)
    assert condition.status is Status.met
    assert "2025-12-31" in condition.reason.zh and "申报截止2026-01-23，还剩13天" in condition.reason.zh
    assert assessment.verdict is not Verdict.ineligible


def test_a_spend_still_to_come_is_not_in_a_period_that_has_ended():
    assessment, condition = _validity("下个月打算租GPU算力", IN_WINDOW)
    assert condition.status is Status.unmet and assessment.verdict is Verdict.ineligible


def test_before_the_window_opens_its_dates_are_said():
    _, condition = _validity("去年租算力花了20万", date(2026, 1, 2))
    assert "申报期2026-01-04至2026-01-23" in condition.reason.zh


def test_after_the_window_it_has_ended():
    assessment, condition = _validity("去年租算力花了20万", date(2026, 11, 28))
    assert condition.status is Status.unmet and "2025-12-31" in condition.reason.zh
    assert assessment.verdict is Verdict.ineligible


@given(st.sampled_from(CATALOGUE.funding), st.dates(date(2023, 1, 1), date(2028, 12, 31)))
def test_a_program_has_ended_only_after_its_last_day_to_file(program, today):
    validity = program.validity
    last = validity.claims_close
    assert validity.ended(today) == (last is not None and last < today)
    if validity.claims_after_spending(today):
        assert validity.effective_until is not None and validity.effective_until < today <= last


@pytest.fixture
def advisor_in_window(shared_container: Container, isolated_data_dir: Path) -> AdvisorService:
    """The offline advisor over the shared index on a day inside the claims window."""
    advisor_settings = shared_container.settings.advisor.model_copy(
        update={"today": IN_WINDOW, "sessions_file": isolated_data_dir / "sessions.sqlite3"}
    )
    settings = shared_container.settings.model_copy(update={"advisor": advisor_settings})
    return AdvisorService(shared_container.derive(settings))


def test_the_answer_in_the_window_gives_the_last_day_not_an_end(advisor_in_window):
    answer = advisor_in_window.ask(
        "南宁做数据标注的公司，30人，去年在南A中心的服务商那里租了算力，结算下来一共30万，现在还能申请南宁算力券吗？"
    )
    assert "申报截止2026-01-23，还剩13天" in answer.answer
    assert "不能再申请" not in answer.answer
    (program,) = [f for f in answer.funding if f.id == NN]
    assert program.verdict != "ineligible" and program.deadline == "2026-01-23"
