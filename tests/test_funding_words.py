"""Every reader that must tell a funding program from the rest of a message agrees on what names one.

The nouns live in app/text/funding_words.py. For each of them, in both languages: routing sends the question
to the program sources, the classifier hears a funding question, need matching does not read "算力X" as a
need for compute, the purchase reader does not take it for a compute contract, the gazetteer does not take
"海珠区的X" for the client's district, and notices flag a quoted program name the catalogue lacks. A noun one
reader knew and another did not made the same question a program to one and a need to the next.
"""

from __future__ import annotations

import pytest

from app.advisor.engine.claims import quoted_programs_not_in_sources
from app.advisor.understand.gazetteer import Place, regions
from app.advisor.understand.program_question import FUNDING_WORDS
from app.advisor.understand.purchases import stated_purchases, without_programs
from app.catalogue.models import Catalogue
from app.services.routing import route
from app.settings import PROJECT_ROOT
from app.text.funding_words import FUNDING_NOUNS_EN, FUNDING_NOUNS_ZH, names_funding
from app.text.normalize import normalize

KNOWLEDGE = PROJECT_ROOT / "knowledge"
EMPTY_CATALOGUE = Catalogue(solutions=(), funding=())


@pytest.mark.parametrize("noun", FUNDING_NOUNS_ZH)
def test_every_reader_knows_each_chinese_funding_noun(noun: str):
    question = normalize(f"杭州的算力{noun}怎么算")
    assert names_funding(question)
    assert route(question, []) == "program"
    assert FUNDING_WORDS.search(question)
    assert "算力" not in without_programs(question)  # not a need for compute
    assert stated_purchases(normalize(f"想用算力{noun}，合同大概20万")) == []  # not a compute contract
    guangzhou = Place("广东", "广州")
    assert regions(KNOWLEDGE).client_district(f"海珠区的{noun}怎么申请", guangzhou) is None
    assert quoted_programs_not_in_sources(f"听说有个“AI赋能{noun}”", EMPTY_CATALOGUE)


@pytest.mark.parametrize("noun", FUNDING_NOUNS_EN)
def test_every_reader_knows_each_english_funding_noun(noun: str):
    question = normalize(f"how does the hangzhou compute {noun} work")
    assert names_funding(question)
    assert route(question, []) == "program"
    assert FUNDING_WORDS.search(question)
    assert "compute" not in without_programs(question)
    assert stated_purchases(normalize(f"we want the compute {noun} for a 200k contract")) == []
    assert quoted_programs_not_in_sources(f'I heard of an "AI enablement {noun}"', EMPTY_CATALOGUE)


def test_the_controls_still_read_as_what_they_are():
    """Without a funding noun the same words are a need, a contract and the client's district."""
    assert not names_funding("杭州的算力怎么算")
    assert "算力" in without_programs("杭州的算力怎么算")
    assert [p.kind for p in stated_purchases("想用算力,合同大概20万")] == ["compute"]
    assert regions(KNOWLEDGE).client_district("海珠区的企业怎么申请", Place("广东", "广州")) == "海珠区"
    assert not names_funding("we were granted a loan")  # a whole word: "grant" counts, "granted" does not
