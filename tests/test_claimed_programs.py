"""What an owner heard about, checked against the sources, whatever the language (advice_rules.md §7).

A real instrument named the way accountants say it ("研发费用加计扣除", "the R&D super deduction") is the
catalogue's; a claimed one the sources do not hold ("增值税留抵退税", "a national AI voucher") is said to be
missing, and a claimed national program hears which national channel the sources do hold.
"""

from __future__ import annotations

import pytest

from app.advisor.contract import AdviceResponse
from app.advisor.engine.program_names import ProgramNames
from app.advisor.service import AdvisorService
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize

MISSING = ("不在我的资料中", "is not in my sources")
NATIONAL_PILOT = ("中小企业数字化转型城市试点", "SME digital transformation city pilot")


def said(response: AdviceResponse, *phrases: str) -> bool:
    body = normalize(response.answer).replace(" ", "")
    return any(normalize(p).replace(" ", "") in body for p in phrases)


@pytest.fixture(scope="module")
def names() -> ProgramNames:
    return ProgramNames(load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue").funding)


@pytest.mark.parametrize(
    ("message", "program"),
    [
        ("会计说研发费用加计扣除可以少交税，我们能享受吗", "cn-rd-super-deduction-2023"),
        (
            "Our accountant mentioned the R&D super deduction. Does it apply to us?",
            "cn-rd-super-deduction-2023",
        ),
        ("聽說高新企業的所得稅只要交15%，適用嗎？", "cn-hnte-15pct-cit"),
    ],
)
def test_an_instrument_named_with_a_word_left_out_is_the_catalogues(
    names: ProgramNames, message: str, program: str
) -> None:
    assert [p.id for p in names.named_in(message)] == [program]


@pytest.mark.parametrize(
    "message",
    [
        "想做数字化转型，有什么补贴",
        "Someone told us about an equipment insurance subsidy for AI robots. Can we get it?",
        "我们是小微企业，想申请算力补贴和模型补贴",
    ],
)
def test_generic_words_in_a_names_order_name_no_program(names: ProgramNames, message: str) -> None:
    # "subsidy for AI" is in a Wuhan program's English name; it named that program for a Dongguan factory.
    assert names.named_in(message) == []


def test_a_relayed_tax_instrument_the_sources_lack_is_said_to_be_missing(advisor: AdvisorService) -> None:
    response = advisor.ask("听说有个增值税留抵退税是专门给搞AI的小企业的，我们杭州15人的公司能退多少？")
    assert said(response, "“增值税留抵退税”不在我的资料中")
    assert not said(response, "政策依据")


def test_a_relayed_instrument_the_catalogue_holds_is_answered_not_doubted(advisor: AdvisorService) -> None:
    response = advisor.ask("听说研发费用加计扣除能少交不少税，我们南京20人的软件公司能享受吗？")
    assert not said(response, *MISSING)
    first = response.answer.strip().splitlines()[0]
    assert "研发费用税前加计扣除" in first  # the answer leads with the instrument asked about


def test_the_clients_own_question_after_a_claim_is_no_program_name(advisor: AdvisorService) -> None:
    """Held-out blind11: "…可以加计抵减5%，我们买设备的进项能加计抵减吗" was answered "“我们买设备的进项能加计抵减”
    is not in my sources", and the catalogued VAT credit it asks about went unjudged."""
    response = advisor.ask(
        "宿迁做快递分拨的物流公司，员工150，打算买一套AI分拣设备。听说先进制造业企业增值税可以加计抵减5%，"
        "我们买设备的进项能加计抵减吗？"
    )
    assert not said(response, "我们买设备")
    verdicts = {f.id: f.verdict for f in response.funding}
    assert (
        verdicts.get("cn-advanced-mfg-vat-credit-2027") == "ineligible"
    )  # a logistics firm, not manufacturing


@pytest.mark.parametrize(
    "message",
    [
        "I heard there's a national AI voucher for small companies, how much is it?",
        "聽說國家出了一個給中小企業的AI補貼券，每家能拿多少？",
        "有朋友話中央出咗個AI消費券俾細公司，每間有十萬，係咪真㗎？",
    ],
)
def test_a_claimed_national_program_hears_what_the_sources_hold_nationally(
    advisor: AdvisorService, message: str
) -> None:
    """review8 r8-41: the English question got policy quotes; every language gets the plain no and the
    national channel the catalogue holds, with how it really pays (through a selected pilot city)."""
    response = advisor.ask(message)
    assert said(response, *MISSING)
    assert said(response, *NATIONAL_PILOT)
    assert not said(response, "政策依据", "policy basis", "matches your region")


def test_one_claim_is_named_once_by_its_own_words(advisor: AdvisorService) -> None:
    response = advisor.ask("有朋友話中央出咗個AI消費券俾細公司，每間有十萬，係咪真㗎？")
    assert said(response, "“AI消費券”不在我的資料中", "“ai消费券”不在我的资料中")
    assert not said(response, "出咗")  # the words around the name are not part of it


def test_a_program_named_with_its_city_in_a_first_message_is_that_citys(advisor: AdvisorService) -> None:
    """blind2 b2c55 regressed this session: '想报长春数字化转型试点的改造补助' in a first message (no profile saved
    yet) named 武汉's and 无锡's pilots, whose names hold '数字化转型…试点…改造', and never 长春's own, which ended."""
    response = advisor.ask(
        "长春汽开区的零部件厂，65人，4000万营收，想报长春数字化转型试点的改造补助，现在还能报吗？"
    )
    listed = [f.id for f in response.funding if f.listed]
    assert listed[:1] == ["cc-sme-dx-pilot-2023"]
    assert "wh-sme-dx-pilot-2025" not in listed and "wx-sme-dx-pilot-2025" not in listed
    assert "2025-10-31" in response.answer.split("\n")[0]
    # the revenue said after its figure ('4000万营收') settles the size: nothing asked about revenue
    assert response.profile.annual_revenue_cny == 40_000_000 and "需补充营业收入" not in response.answer
