"""A pilot's list of sub-sectors judged against the trade the client names (session 13, review10 r10-20).

许昌's pilot takes four manufacturing sub-sectors: a wig (发制品) factory is manufacturing and in none of them, so
❌ naming the four; a trade that may be in one (a machinery shop, a pharmaceutical plant) or none named stays ❔,
naming the list, and never asks again for the industry the client already gave.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Verdict, assess, deciding_reason
from app.advisor.engine.sector_lists import pilot_sector_open, sector_list, sectors
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
XUCHANG = CompanyProfile(province="河南", city="许昌", industry="C", employees=150)


@pytest.mark.parametrize(
    ("message", "quoted"),
    [
        ("许昌一家发制品厂（做假发出口的），150人，想搞数字化改造，许昌的试点能进吗？", "发制品"),
        ("许昌一家做服装加工的厂子，200人，许昌的数字化转型试点我们能参加吗？", "服装"),
        ("Wig factory in Xuchang, 150 workers. Can we join Xuchang's pilot?", "Wig"),
    ],
)
def test_a_trade_in_none_of_the_pilot_sectors_is_ruled_out_naming_them(message: str, quoted: str) -> None:
    assessment = judged(CATALOGUE, "xc-sme-dx-pilot-2026", XUCHANG, message, TODAY)
    assert assessment.verdict is Verdict.ineligible
    reason = deciding_reason(assessment)
    assert reason is not None
    assert (
        "智能电网设备制造" in reason.zh
        and "医药及健康制品制造" in reason.zh
        and quoted.lower() in (reason.zh + reason.en).lower()
    )


@pytest.mark.parametrize(
    "message",
    [
        "许昌一家机械厂，想进数字化转型试点",  # may make special equipment parts
        "许昌一家制药厂，试点能报吗",  # shares 药 with 医药及健康制品
        "许昌的数字化转型试点能报吗？",  # no trade named
    ],
)
def test_a_trade_that_may_be_listed_stays_to_confirm_with_the_list_named(message: str) -> None:
    assessment = judged(CATALOGUE, "xc-sme-dx-pilot-2026", XUCHANG, message, TODAY)
    sector = [c for c in assessment.conditions if c.name == "industry" and "试点行业" in c.reason.zh]
    assert [c.status.value for c in sector] == ["unknown"]
    assert "特种装备及零部件制造" in sector[0].reason.zh
    assert "industry" not in assessment.missing  # the section is known: no "what is your industry?"


def test_every_closed_sector_list_in_the_catalogue_is_judged() -> None:
    """Each pilot whose requirement says '试点(细分)行业：…' has its list judged, by this rule or the entry's own."""
    for program in CATALOGUE.funding:
        states = any(r.startswith(("试点行业：", "试点细分行业：")) for r in program.eligibility.requirements)
        own_rule = any(rule.closed_list for rule in program.eligibility.stated_conditions)
        open_list = any("+N" in r or "等" in r for r in program.eligibility.requirements if "行业：" in r)
        if states and not open_list:
            assert own_rule or sector_list(program) is not None, program.id


def test_a_trade_plainly_in_a_listed_sector_is_said_to_be_met() -> None:
    """review11 r11-14: 金刚石锯片 is plainly 金刚石工具; the answer says so instead of leaving it open."""
    ezhou = CompanyProfile(province="湖北", city="鄂州", industry="C", employees=60)
    message = "鄂州一家做金刚石锯片的工厂，60人，鄂州那个数字化转型试点还能进吗？"
    assessment = judged(CATALOGUE, "ezhou-sme-dx-pilot-2024", ezhou, message, TODAY)
    sector = [c for c in assessment.conditions if c.name == "industry" and "试点行业" in c.reason.zh]
    assert [c.status.value for c in sector] == ["met"] and "金刚石工具" in sector[0].reason.zh


def test_a_trade_named_in_english_is_judged_against_a_catalogued_closed_list() -> None:
    """review11 r11-45: a Chengdu food processing plant is in none of the pilot's five sectors."""
    chengdu = CompanyProfile(province="四川", city="成都", industry="C", employees=220)
    message = "Chengdu food processing plant, 220 staff. We want AI visual inspection on the packaging line."
    assessment = judged(CATALOGUE, "cd-sme-dx-pilot-2023", chengdu, message, TODAY)
    unmet = [c for c in assessment.conditions if c.status.value == "unmet" and "pilot sectors" in c.reason.en]
    assert unmet and "food processing" in unmet[0].reason.en


@pytest.mark.parametrize(
    ("program_id", "profile", "message"),
    [
        (
            "ezhou-sme-dx-pilot-2024",
            CompanyProfile(province="湖北", city="鄂州", industry="C", employees=90),
            "鄂州做金刚石刀头的企业，90人，鄂州的中小企业数字化转型试点能进吗？",
        ),
        (  # "须属于3个试点行业并进入改造名单": the trade settles the first half only (it was ✅ at integration)
            "zibo-sme-dx-pilot-2025",
            CompanyProfile(province="山东", city="淄博", district="周村区", industry="C", employees=85),
            "淄博做日用陶瓷的厂，85人，想上AI视觉质检，淄博是试点城市，能补多少？",
        ),
    ],
)
def test_a_maker_named_without_a_factory_word_is_judged_and_not_asked_again(
    program_id: str, profile: CompanyProfile, message: str
) -> None:
    """'做金刚石刀头的企业' names its trade as plainly as '…的工厂'; the pilot's own 'must be in N sectors' clause is
    then settled by the same list, so the answer does not ask for the sector it has just confirmed. Getting on the
    city's retrofit list is a selection still to come: never eligible on the trade alone."""
    assessment = judged(CATALOGUE, program_id, profile, message, TODAY)
    sector = [c for c in assessment.conditions if c.name == "industry" and "试点行业" in c.reason.zh]
    assert [c.status.value for c in sector] == ["met"]
    still_open = " ".join(c.reason.zh for c in assessment.conditions if c.status.value == "unknown")
    assert "试点行业" not in still_open and "改造名单" in still_open
    assert assessment.verdict is not Verdict.eligible


@pytest.mark.parametrize(
    ("program_id", "profile", "message"),
    [
        (
            "yc-sme-dx-pilot-2025",
            CompanyProfile(province="宁夏", city="银川", industry="C", employees=50),
            "My client is a goji-berry processing plant in Yinchuan, 50 employees.",
        ),
        (
            "fz-sme-dx-pilot-2023",
            CompanyProfile(province="福建", city="福州", industry="C", employees=70),
            "We're a 70-person textile mill in Fuzhou. Can we apply?",
        ),
    ],
)
def test_a_trade_a_listed_sector_may_hold_is_to_confirm_not_ruled_out(
    program_id: str, profile: CompanyProfile, message: str
) -> None:
    """review12 r12-22/26: 绿色消费品制造 may hold a goji processor; a textile mill shares the list's textiles."""
    assessment = judged(CATALOGUE, program_id, profile, message, TODAY)
    sector = [c for c in assessment.conditions if c.name == "industry" and "pilot sectors" in c.reason.en]
    assert [c.status.value for c in sector] == ["unknown"]
    assert "person" not in sector[0].reason.en


def test_a_binding_priority_list_is_judged_and_named_where_the_verdict_is_given():
    """review15 r15-38: 广州's pilot takes firms of four key sub-sectors ("企业须属于重点细分行业"); a hardware
    plant is told to check the list, a denim laundry (apparel's kin) is never ruled out, a wig maker is."""
    guangzhou = CATALOGUE.program("guangzhou-sme-dx-pilot-2024")
    assert guangzhou is not None
    hardware = sectors(guangzhou, "我喺广州番禺开五金厂")
    assert (
        hardware is not None
        and hardware.status is Status.unknown
        and "工业母机和机器人" in hardware.reason.zh
    )
    denim = sectors(guangzhou, "广州增城一家做牛仔裤水洗的工厂")
    assert denim is not None and denim.status is Status.unknown
    wigs = sectors(guangzhou, "我们是一家发制品厂")
    assert wigs is not None and wigs.status is Status.unmet
    profile = CompanyProfile(province="广东", city="广州", industry="C", employees=100)
    judged = assess(guangzhou, profile, date(2026, 11, 30), None, "我喺广州番禺开五金厂")
    reason = pilot_sector_open(judged)
    assert reason is not None and "时尚美妆" in reason.zh
