"""The program the client asks about is answered first (issue #11, review9 r9-17, r9-43, r9-47, r9-56).

Owners name a pilot by its place ("南京试点", "东莞的试点", "柳州嘅試點", "Changsha's pilot"): an ended one is
said to be ended, with its date, before anything else; one ending within 60 days leads with its date even
when it does not apply; a program named by a foreign place ("EU AI voucher") is said not to be in the sources.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.engine.claims import foreign_programs_not_in_sources
from app.advisor.engine.program_names import ProgramNames
from app.advisor.service import AdvisorService
from app.advisor.understand.gazetteer import RegionGazetteer, regions
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def names() -> ProgramNames:
    return ProgramNames(load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue").funding)


@pytest.fixture(scope="module")
def places() -> RegionGazetteer:
    return regions(Path(PROJECT_ROOT / "knowledge"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("南京试点现在还能申请吗？补多少？", ["nj-sme-dx-pilot-2024"]),
        ("柳州嘅試點仲報唔報得？", ["lz-sme-dx-pilot-2024"]),
        ("Is Changsha's digital transformation pilot still taking new firms?", ["cs-sme-dx-pilot-funds"]),
        # A city's pilot brings the province's that covers it: Dongguan's ended, Guangdong's still runs.
        ("东莞的试点还能报吗", ["dg-sme-dx-pilot-2023", "gd-provincial-sme-dx-city-pilot"]),
        # The province named is the province's own, not each of its cities' (review7 rev7-34).
        ("广东省的试点还有吗", ["gd-provincial-sme-dx-city-pilot"]),
    ],
)
def test_a_pilot_is_named_by_its_place(names: ProgramNames, message: str, expected: list[str]) -> None:
    assert [p.id for p in names.named_in(message)] == expected


@pytest.mark.parametrize(
    "message",
    [
        "我们想在苏州工厂先试点一下AI质检",  # a trial run, not Suzhou's pilot
        # Every city's pilot is an "SME digital transformation pilot": the words name none (r9-34 got Hefei's
        # and Ningbo's for a Suzhou firm).
        "Can a foreign-owned manufacturer apply for the SME digital transformation pilot?",
    ],
)
def test_the_word_pilot_alone_names_no_city_pilot(names: ProgramNames, message: str) -> None:
    assert names.named_in(message) == []


@pytest.mark.parametrize(
    ("message", "claimed"),
    [
        ("Is there an EU AI voucher we can use for our Ningbo factory?", "EU AI voucher"),
        ("新加坡那个PSG生产力补贴，我们上海20人的外贸公司能不能申请？", "新加坡PSG生产力补贴"),
        ("國內有冇類似日本IT導入補助金嘅補貼？", "日本IT导入补助金"),
    ],
)
def test_a_program_named_by_a_foreign_place_is_not_in_the_sources(
    places: RegionGazetteer, message: str, claimed: str
) -> None:
    assert foreign_programs_not_in_sources(message, places.foreign, lambda _: False) == [claimed]


@pytest.mark.parametrize(
    "message",
    [
        "新加坡公司能申请深圳的模型券吗",  # a Singapore firm asking about Shenzhen's voucher
        "We are registered in Singapore; can we get the Shenzhen model voucher?",
        "Does the Hong Kong Technology Voucher Programme cover a chatbot?",  # Hong Kong is no foreign place
    ],
)
def test_a_foreign_firm_asking_about_a_real_program_claims_nothing(
    places: RegionGazetteer, message: str
) -> None:
    assert foreign_programs_not_in_sources(message, places.foreign, lambda _: False) == []


def test_an_ended_pilot_asked_about_in_a_later_turn_is_said_to_be_ended_first(
    advisor: AdvisorService,
) -> None:
    advisor.ask("南京一家60人的汽车配件厂，年营收5000万，想做设备联网和排产，预算20万", session_id="nj")
    answer = advisor.ask("南京试点现在还能申请吗？补多少？", session_id="nj").answer
    head = "\n".join(answer.splitlines()[:3])
    assert "南京市中小企业数字化转型城市试点" in head
    assert "2026-10-31" in head and "不能再申请" in answer
    assert "南京市算力券" not in answer  # not three unrelated programs instead of the answer


def test_a_city_pilot_that_ended_is_named_with_the_provincial_one_that_runs(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "我们在东莞做五金冲压，100人，营收5000万，想上AI排产，预算5万。东莞那个数字化试点还能报吗？"
    )
    listed = {f.id for f in response.funding if f.listed}
    assert {"dg-sme-dx-pilot-2023", "gd-provincial-sme-dx-city-pilot"} <= listed
    assert "已于2025-12-31结束，不能再申请" in response.answer
    assert "2026-12-31" in response.answer


def test_a_named_voucher_ending_soon_leads_with_its_days_even_when_ruled_out(advisor: AdvisorService) -> None:
    answer = advisor.ask("深圳一家30人的餐饮公司，训力券能不能拿来买收银和点餐系统？").answer
    top = "\n".join(answer.split("补贴政策")[0].splitlines())
    assert "2026-12-17" in top and "24天" in top


def test_an_eu_voucher_is_said_not_to_be_in_the_sources_before_the_catalogues_programs(
    advisor: AdvisorService,
) -> None:
    answer = advisor.ask("Is there an EU AI voucher we can use for our Ningbo factory?").answer
    assert answer.startswith("“EU AI voucher” is not in my sources")


@pytest.mark.parametrize(
    ("message", "province", "city", "expected"),
    [
        ("科技券可以資助幾多？", None, None, "hk-tvp"),
        ("杭州的智能券怎么申请", "广东", "深圳", "hz-smart-voucher-2025"),
        ("标注券能补多少", "广东", "深圳", None),  # Zhengzhou's: not what a Shenzhen firm can mean
        (
            "听说还有个国家智能券，国家那个智能券怎么申请？",
            None,
            None,
            None,
        ),  # a national one: not Hangzhou's
    ],
)
def test_a_voucher_is_named_by_its_own_short_name(
    names: ProgramNames, message: str, province: str | None, city: str | None, expected: str | None
) -> None:
    """A voucher's name without its place ("科技券" is Hong Kong's TVP) names it when no other name holds it."""
    found = [
        p.id
        for p in names.named_in(message, province, city)
        if p.id in ("zz-labeling-voucher-a-2025", "hz-smart-voucher-2025", expected)
    ]
    assert found == ([expected] if expected else [])


def test_a_voucher_named_in_a_later_turn_is_answered_with_its_terms(advisor: AdvisorService) -> None:
    """A later turn naming Hong Kong's 科技券, with no place known yet, gets its rate and cap, not 'tell me your city'."""
    session = "named-voucher-later"
    advisor.ask("我哋做中央廚房，40個人，想搞AI備料預測", session_id=session)
    response = advisor.ask("科技券可以資助幾多？", session_id=session)
    assert "75%" in response.answer or "3/4" in response.answer, response.answer[:300]
    assert "60萬" in response.answer or "60万" in response.answer, response.answer[:300]


def test_a_named_city_voucher_is_answered_with_the_provinces_voucher_for_the_same_spend(
    advisor: AdvisorService,
) -> None:
    """review10 r10-04: '青岛的企业算力补贴' was answered alone, so Shandong's compute voucher, which also pays for
    compute bought in Shandong, was never judged and the client heard that no subsidy fits their 8万."""
    response = advisor.ask(
        "青岛黄岛一家物流公司，60人，一年买算力大概8万块，用来跑配送路线模型，青岛的企业算力补贴能申请吗？"
    )
    verdicts = {f.id: f.verdict for f in response.funding if f.listed}
    assert verdicts["qd-compute-voucher-opc-2026"] == "ineligible"  # the 8万 is under its 10万 threshold
    assert verdicts["sd-compute-voucher-2025"] == "unknown"  # bought in Shandong? benefits judged? no ratio
    head = response.answer.split("补贴政策")[0]
    assert "山东省算力券奖补" in head and "2026-12-31" in head  # its date leads too
    assert "都不适用于您" not in response.answer
    assert not any(s.program_id == "sd-compute-voucher-2025" for s in response.subsidies)
