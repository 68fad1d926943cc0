"""A question about a named program gets its direct answer as the first line (compose/direct_answer.py, issue 12
"answer the question that was asked", session 20): the verdict ("能拿…吗", "is that for us"), a figure checked
("是50%吗", "上限多少"), how often it may be claimed, whether a place is a pilot, the other programs ("还有别的吗"),
the tax programs for "有什么税收优惠"; never a figure the catalogue does not hold."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from app.advisor.compose.pilot_answer import pilot_lines
from app.advisor.compose.program_figures import figure_line, times_line
from app.advisor.compose.program_labels import short_name
from app.advisor.engine.program_subjects import asks_which_of_raised_kind
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.program_question import asked_of_program, asks_for_others
from app.catalogue.loader import load_catalogue
from app.catalogue.models import ApplicationMechanism
from app.catalogue.render import format_ratio
from app.text.normalize import normalize

CATALOGUE = load_catalogue(Path(__file__).resolve().parents[1] / "knowledge" / "catalogue")
_PERCENT = re.compile(r"\d+(?:\.\d+)?%")


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        ("能拿东莞的算力券吗？", "verdict"),
        ("Wuhan compute voucher — is that for us?", "verdict"),
        ("青岛模型券能补吗？", "verdict"),
        ("漳州的模型券我们够不够条件？", "verdict"),
        ("Is the Xiamen compute subsidy 50%?", "figure"),
        ("成都算力券按什么比例补？上限多少？", "figure"),
        ("深圳模型券是补一半吗？", "figure"),
        ("Is the Shanghai compute voucher capped at 1 million?", "figure"),
        ("顺义是试点区吧？", "pilot"),
        ("Is Ningbo a pilot city?", "pilot"),
        ("我们城市有中央财政试点吗", "pilot"),
        ("科技券最多可以申請幾多次？每次上限幾多？", "times"),
        ("杭州算力券一年能申请几次？", "times"),
        ("我们是杭州做餐饮的，20个人，想用AI接外卖电话", None),
        ("这些补贴能叠加吗", None),
    ],
)
def test_what_is_asked_about_a_program_is_read_once(message: str, asked: str | None):
    assert asked_of_program(message) == asked


def test_anything_else_is_a_question_for_the_other_programs():
    for message in (
        "还有别的补贴吗？",
        "其他的政策呢",
        "Anything else we could apply for?",
        "any other grants?",
    ):
        assert asks_for_others(message), message
    assert not asks_for_others("还有多久截止？")


def _rates(program) -> set[str]:
    benefit = program.benefit
    rates = [benefit.ratio, *(r.ratio for r in benefit.special_rates)]
    return {format_ratio(r) for r in rates if r is not None}


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_figure_checked_is_yes_no_or_not_said_from_the_entry_and_never_another_figure(language: str):
    """For every catalogued program: "是X吗" with its own rate is a yes, with a rate it publishes nowhere a no, with
    no published rate "the sources don't say"; every percentage the line gives is the entry's or the client's."""
    en = language == "en"
    for program in CATALOGUE.funding:
        name = short_name(program.name_en if en else program.name)
        stated = program.benefit.ratio
        for share in [stated, 0.37]:
            if share is None:
                continue
            question = f"Is the {name} {format_ratio(share)}?" if en else f"{name}是{format_ratio(share)}吗？"
            line = figure_line(program, normalize(question), en)
            if stated is None:
                assert line.startswith("The sources don't say" if en else "资料没有写明"), (program.id, line)
            elif share == stated:
                assert line.startswith("Yes" if en else "是"), (program.id, line)
            else:
                assert line.startswith("No" if en else "不是"), (program.id, line)
            published = f"{name} {program.benefit.per_firm_en if en else program.benefit.per_firm}"
            said = set(_PERCENT.findall(line)) - _rates(program) - {format_ratio(share)}
            said -= set(_PERCENT.findall(published))  # its name or its published per-firm clause
            assert not said, (program.id, line)
        if stated is None:
            line = figure_line(program, normalize(f"{name}是50%吗？"), False)
            assert line.startswith("资料没有写明"), (program.id, line)


def test_a_rate_for_some_firms_only_is_said_with_whom_it_is_for():
    program = next(p for p in CATALOGUE.funding if p.id == "hz-compute-voucher-2025")
    line = figure_line(program, normalize("杭州算力券是50%吗？"), False)
    assert line.startswith("只对部分企业"), line
    assert "50万元" in line and "30%" in line


def test_how_often_is_the_entrys_own_count_or_not_said():
    tvp = next(p for p in CATALOGUE.funding if p.id == "hk-tvp")
    assert "6个项目" in times_line(tvp, False)
    assert "up to 6 approved projects" in times_line(tvp, True)
    hangzhou = next(p for p in CATALOGUE.funding if p.id == "hz-compute-voucher-2025")
    assert times_line(hangzhou, False).startswith("资料没有写明杭州算力券能申请几次")


def test_every_catalogued_pilot_city_is_said_to_be_one():
    """For every city-level pilot entry: "X是试点城市吗" with nothing else known is a yes naming the program."""
    for program in CATALOGUE.funding:
        if program.how_to_apply.mechanism is not ApplicationMechanism.via_pilot_city:
            continue
        for region in program.eligibility.regions:
            if not region.city or region.district or region.city == region.province:
                continue
            lines = pilot_lines(f"{region.city}是试点城市吗？", CATALOGUE.funding, CompanyProfile(), "zh")
            assert lines and lines[0].startswith("是："), (program.id, lines)


def test_a_city_on_no_list_is_not_on_the_lists_held_never_a_plain_no():
    profile = CompanyProfile(province="黑龙江", city="哈尔滨")
    lines = pilot_lines("哈尔滨入选中小企业数字化转型试点城市了吗？", CATALOGUE.funding, profile, "zh")
    assert lines[0].startswith("资料中的名单里没有哈尔滨"), lines
    assert "名单不全" in lines[0]


def _first_line(advisor, *messages: str) -> dict:
    session = uuid.uuid4().hex
    response = {}
    for message in messages:
        response = advisor.ask(message, session_id=session).model_dump(mode="json")
    return response


def test_can_we_get_it_leads_with_the_named_places_own_verdict(advisor):
    answer = _first_line(advisor, "能拿东莞的算力券吗？")["answer"]
    assert answer.splitlines()[0].startswith("❔ 东莞市算力券"), answer[:200]


def test_is_that_for_us_leads_with_the_verdict_not_a_digest(advisor):
    answer = _first_line(advisor, "青岛模型券能补吗？")["answer"]
    assert answer.splitlines()[0].startswith(("❔", "✅", "❌")), answer[:200]
    assert not answer.startswith("根据知识库中的资料")


def test_a_figure_checked_in_english_leads_with_yes_and_the_cap(advisor):
    first = _first_line(advisor, "Is the Xiamen compute subsidy 50%?")["answer"].splitlines()[0]
    assert first.startswith("Yes") and "50%" in first and "1,000,000" in first, first


def test_a_tax_question_leads_with_the_tax_programs_and_no_pack(advisor):
    response = _first_line(advisor, "我们是苏州做软件开发的，30个人", "有什么税收优惠？")
    first = response["answer"].splitlines()[0]
    assert first.startswith("您问的税收优惠"), first
    assert "建议的AI赋能包" not in response["answer"]
    assert any(f["id"] == "cn-rd-super-deduction-2023" for f in response["funding"])


@pytest.mark.parametrize(
    ("message", "asks_programs"),
    [
        ("有什么税收优惠？", True),
        ("税收优惠有哪些？", True),
        ("我们想贷款买设备，有没有贴息？", True),
        ("我们要贷款，有什么政策？", True),
        ("Are there any tax breaks or loan subsidies for us?", True),
        # golden p20: a precedent of data-asset lending is asked of the texts, not which loan programs there are
        ("中小企業能不能拿數據資產去申請貸款？山西有沒有這樣的先例？", False),
        ("我们打算贷款扩产，有没有同行做过AI质检的案例？", False),
    ],
)
def test_which_programs_of_a_kind_is_asked_in_the_clause_that_names_the_kind_or_funding(
    message, asks_programs
):
    assert asks_which_of_raised_kind(message) is asks_programs


def test_anything_else_after_a_named_program_lists_the_others_or_says_none(advisor):
    response = _first_line(
        advisor, "我们是深圳的AI公司，20人，深圳训力券我们能拿吗？", "Anything else we could apply for?"
    )
    first = response["answer"].splitlines()[0]
    assert first.startswith("Besides Shenzhen model-training compute voucher"), first
    assert "Shenzhen AI model voucher" in first


def test_a_single_quoted_program_the_sources_lack_is_said_to_be_so_first(advisor):
    answer = _first_line(
        advisor, "Does Beijing have an 'AI+ Manufacturing special fund 2026'? How much does it pay?"
    )["answer"]
    assert "is not in my sources" in answer.splitlines()[0], answer[:200]


def test_a_catalogued_program_named_loosely_in_quotes_is_not_said_missing():
    from app.advisor.engine.claims import quoted_programs_not_in_sources

    assert quoted_programs_not_in_sources("“n+x改造补贴”我们能申请吗？", CATALOGUE) == []
    assert quoted_programs_not_in_sources("听说有个“AI小店补贴”", CATALOGUE) == ["AI小店补贴"]
    assert quoted_programs_not_in_sources("Is there a 'Beijing AI+ Factory Fund'?", CATALOGUE) == [
        "Beijing AI+ Factory Fund"
    ]
    assert quoted_programs_not_in_sources("We're in Beijing's Haidian district", CATALOGUE) == []
    # a place said without its level is the catalogued program; another city's is still not in the sources
    assert quoted_programs_not_in_sources("“深圳模型券”能用吗？", CATALOGUE) == []
    assert quoted_programs_not_in_sources("“合肥模型券”能用吗？", CATALOGUE) == ["合肥模型券"]


def test_a_pilot_question_with_no_program_named_hears_the_lists(advisor):
    first = _first_line(advisor, "我们是哈尔滨的机械厂，80人，有没有试点补贴？")["answer"].splitlines()[0]
    assert first.startswith("资料中的名单里没有哈尔滨"), first


def test_anything_else_in_chinese_lists_the_same_others_as_in_english(advisor):
    first = _first_line(advisor, "我们是深圳的AI公司，20人，深圳训力券我们能拿吗？", "还有别的补贴吗？")[
        "answer"
    ].splitlines()[0]
    assert first.startswith("除了深圳市训力券") and "深圳市模型券" in first, first
