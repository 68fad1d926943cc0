"""An English answer about any catalogued program reads in English, everywhere the owner sees it.

A property over the whole catalogue, through the real advisor: for every program, an English question naming
it gets an answer that lists it, and the answer text, the funding table the chat page draws, the exported
proposal and the contract's lists carry Chinese only as a labelled original or a name's original in
parentheses (app/catalogue/english.py). A new entry without its English fields fails here and in the lint.
"""

from __future__ import annotations

import pytest

from app.advisor.contract import AdviceResponse
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.english import chinese_outside_originals
from app.catalogue.models import FundingProgram
from app.services.export import to_markdown
from app.ui.components import funding_rows
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def _what_the_owner_reads(response: AdviceResponse) -> dict[str, str]:
    return {
        "answer": response.answer,
        "table": "\n".join(
            str(cell) for row in funding_rows(response.funding, "en") for cell in row.values()
        ),
        "export": to_markdown(response, client_name="Acme Ltd"),
        "lists": "\n".join([*response.next_steps, *response.arithmetic, *response.clarifying_questions]),
    }


def _ask_about(advisor: AdvisorService, program: FundingProgram) -> AdviceResponse:
    place = program.region.label_en if program.region.province else "Hangzhou, Zhejiang"
    profile = CompanyProfile(province=program.region.province or "浙江", city=program.region.city or "杭州")
    question = f"How do I apply for the {program.name_en}? We are a 20-person software company in {place}."
    return advisor.ask(question, session_id=f"en-{program.id}", profile=profile)


def test_an_english_answer_naming_any_program_has_no_chinese_outside_labelled_originals(advisor):
    programs = advisor.catalogue.funding
    assert len(programs) > 100, "the whole catalogue, not a sample"
    unlisted, chinese = [], []
    for program in programs:
        response = _ask_about(advisor, program)
        assert response.language == "en", program.id
        listed = next((f for f in response.funding if f.id == program.id), None)
        if listed is None or program.name_en not in response.answer:
            unlisted.append(program.id)
            continue
        assert listed.issuer == program.issuer_en and listed.benefit == program.benefit.summary_en
        for where, text in _what_the_owner_reads(response).items():
            chinese += [f"{program.id} {where}: {line[:120]}" for line in chinese_outside_originals(text)]
    assert not unlisted, f"not listed when named in English: {unlisted}"
    assert not chinese, "\n".join(chinese[:15])
