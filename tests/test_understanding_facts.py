"""Facts read in the phrasings owners use and kept across turns (issue #12, review 3 items 4, 6, 7, 12).

A contract the client names is a purchase, not the budget; "预算不限" sets no ceiling; a count is never
money; a follow-up keeps the contracts, place and size said before; a correction in any phrasing re-plans.
Through the real advisor and the `aipack ask` entry point over the shared index (date pinned).
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from app.advisor.service import AdvisorService
from app.cli import main
from tests.test_advisor_scenarios import assert_pack, with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


@pytest.mark.parametrize(
    ("message", "purchases"),
    [
        (
            "深圳南山一家15人的AI初创，要租GPU训练行业大模型，合同大概150万，训力券能补多少？",
            [("compute", 1_500_000)],
        ),
        (
            "贵阳一家20人的软件公司，买贵州算力平台的算力做推理，一年大概20万，能用算力券吗",
            [("compute", 200_000)],
        ),
        (
            "Which subsidies can a 15-person AI startup in Hangzhou get? We plan to spend 400k RMB on GPU "
            "compute rental and 100k on model API calls this year.",
            [("compute", 400_000), ("model_service", 100_000)],
        ),
    ],
    ids=["contract", "yearly-spend", "en-spend"],
)
def test_a_contract_the_client_names_is_a_purchase_not_the_budget(
    advisor: AdvisorService, message: str, purchases: list[tuple[str, float]]
):
    response = advisor.ask(message)
    assert response.profile.budget_cny is None
    assert [(p.kind, p.amount_cny) for p in response.profile.purchases] == purchases
    assert "超出预算" not in response.answer and "over budget" not in response.answer.lower()


def test_a_budget_word_still_sets_the_budget_next_to_a_contract(advisor: AdvisorService):
    response = advisor.ask("杭州15人的AI公司，要签80万的算力采购合同，预算只有60万，能补多少")
    assert response.profile.budget_cny == 600_000
    assert [(p.kind, p.amount_cny) for p in response.profile.purchases] == [("compute", 800_000)]


@pytest.mark.parametrize(
    "message",
    [
        "预算不限，东莞一家200人的注塑厂，营收2亿，想上AI视觉质检",
        "钱不是问题，我们是东莞200人的注塑厂，想上AI视觉质检",
        "No budget limit: we're a 200-person injection moulding plant in Dongguan and want AI visual inspection",
    ],
)
def test_no_budget_limit_is_no_ceiling_and_a_headcount_is_not_money(advisor: AdvisorService, message: str):
    response = advisor.ask(message)
    assert response.profile.budget_cny is None and response.profile.budget_unlimited
    assert response.profile.employees == 200
    assert_pack(response)
    assert "超出预算" not in response.answer and "over budget" not in response.answer.lower()


def test_no_limit_said_later_lifts_the_earlier_budget(advisor: AdvisorService):
    advisor.ask("东莞一家200人的注塑厂，想做视觉质检，预算5万", session_id="open")
    response = advisor.ask("预算不限", session_id="open")
    assert response.profile.budget_cny is None and response.profile.employees == 200
    assert_pack(response)


@pytest.mark.parametrize(
    ("opening", "follow_up"),
    [
        ("深圳南山20人的AI公司，要租GPU训练模型，合同大概200万，训力券能补多少", "具体能拿多少钱？给个准数"),
        ("深圳南山20人的AI公司，要租GPU训练模型，合同大概200万，训力券能补多少", "还来得及吗"),
        (
            "Which subsidies can a 12-person AI startup in Shenzhen get? We plan to spend 2 million RMB on GPU "
            "compute rental for model training.",
            "How much exactly would we get back?",
        ),
    ],
)
def test_a_follow_up_keeps_the_contract_place_and_size(advisor: AdvisorService, opening: str, follow_up: str):
    first = advisor.ask(opening, session_id="f")
    second = advisor.ask(follow_up, session_id="f")
    assert second.intent == "funding_eligibility"
    assert (second.profile.city, second.profile.employees) == ("深圳", first.profile.employees)
    assert [(p.kind, p.amount_cny) for p in second.profile.purchases] == [("compute", 2_000_000)]
    assert "还没说要买什么" not in second.answer and "what will you buy" not in second.answer
    training = [s for s in second.subsidies if s.program_id == "sz-training-voucher-2024"]
    assert training and training[0].amount_cny.max == 1_000_000  # 200万 × 50%, as in the first answer
    if "多少" in follow_up or "How much" in follow_up:  # the figure on their own contract answers first
        assert re.match(r"(按您提到的金额|On the amounts you named).*(2,000,000|200万)", second.answer)
    before = {f.id: f.verdict for f in first.funding}
    assert all(before.get(f.id, f.verdict) == f.verdict for f in second.funding)  # no verdict flips


def test_a_contract_named_earlier_is_still_costed_in_a_later_cli_run(shared_container, monkeypatch, tmp_path):
    monkeypatch.setenv("AIPACK_ADVISOR__TODAY", "2026-11-23")
    monkeypatch.setenv("AIPACK_ADVISOR__SESSIONS_FILE", str(tmp_path / "sessions.sqlite3"))

    def ask(message: str) -> dict:
        result = CliRunner().invoke(main, ["ask", message, "--session", "cli-facts", "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    ask("漳州一家做数据标注的公司，30人，今年要采购标注服务和模型API各10万，能拿哪些券？")
    later = ask("还来得及吗？截止日期是什么时候")
    assert later["profile"]["city"] == "漳州" and later["profile"]["budget_cny"] is None
    assert {(p["kind"], p["amount_cny"]) for p in later["profile"]["purchases"]} == {
        ("data_labeling", 100_000),
        ("model_service", 100_000),
    }
    assert "还没说要买什么" not in later["answer"]


@pytest.mark.parametrize(
    ("opening", "correction", "city"),
    [
        (
            "宁波一家40人的饭店，营业额600万，预算2万，想把备菜浪费降下来",
            "说错了，我们在杭州，不在宁波",
            "杭州",
        ),
        ("宁波一家40人的饭店，营业额600万，预算2万，想把备菜浪费降下来", "不在宁波，在杭州", "杭州"),
        (
            "We're a 40-person restaurant in Ningbo with 6 million yuan revenue, budget 20k RMB, food waste is high",
            "Sorry, I meant we're in Hangzhou, not Ningbo",
            "杭州",
        ),
    ],
)
def test_a_correction_in_any_phrasing_updates_the_place_and_re_plans(
    advisor: AdvisorService, opening: str, correction: str, city: str
):
    advisor.ask(opening, session_id="fix")
    response = advisor.ask(correction, session_id="fix")
    assert response.intent == "recommend_pack"
    assert (response.profile.city, response.profile.employees, response.profile.budget_cny) == (
        city,
        40,
        20_000,
    )
    assert_pack(response)


@pytest.mark.parametrize(
    ("message", "province", "city"),
    [
        ("一家10个人的民宿在大理，想用AI回复OTA评论，预算1万", "云南", "大理州"),
        ("锡林郭勒盟一家牛肉干厂，45人，想做销量预测", "内蒙古", "锡林郭勒"),
        ("喀什地区一家干果网店，15个人，客服忙不过来", "新疆", "喀什"),
        ("甘孜州一家藏香作坊，30人，AI能帮什么忙", "四川", "甘孜"),
    ],
)
def test_prefecture_names_in_their_spoken_forms_are_read(
    advisor: AdvisorService, message: str, province: str, city: str
):
    profile = advisor.ask(message).profile
    assert (profile.province, profile.city) == (province, city)


def test_an_everyday_word_is_not_read_as_a_city(advisor: AdvisorService):
    assert advisor.ask("我们是做大理石加工的，30人，想上AI质检").profile.city is None


def test_english_answers_use_the_conventional_english_place_name(advisor: AdvisorService):
    response = advisor.ask("We run a 10-person guesthouse in Lhasa and want AI to answer booking messages")
    assert (response.profile.province, response.profile.city) == ("西藏", "拉萨")
    assert "Lhasa" in response.answer and "Lasa" not in response.answer


def test_a_county_level_city_or_county_is_not_called_a_district():
    """义乌市 is a county-level city of Jinhua (review10 r10-56 read "Yiwu district"); 天台县 a county."""
    from app.catalogue.place_names import english_place

    assert english_place("浙江", "金华", "义乌市") == "Yiwu, Jinhua, Zhejiang"
    assert english_place("浙江", "台州", "天台县") == "Tiantai county, Taizhou, Zhejiang"
    assert english_place("广东", "广州", "海珠区") == "Haizhu district, Guangzhou, Guangdong"
