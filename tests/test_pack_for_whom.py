"""The pack a firm asked for, whoever the firm is (review7 REPORT_end: rev7-06, rev7-05, rev7-33, rev7-43).

A need said as a purpose is a need, for a large firm too; a tool made for one trade's own work (an online
shop's bot, an accounting firm's audit tool) is not offered to another trade however its words are named;
an answer never prints a heading or promises solutions with nothing under it.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


def test_a_large_firm_is_told_sme_funds_are_not_for_it_and_still_gets_the_pack_it_asked_for(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask(
        "我们是上海一家1200人、年营收8亿的汽车零部件厂，想申请中小企业数字化转型补贴，做设备预测性维护。"
    )
    assert [s.id for s in response.solutions] == ["vibration-predictive-maintenance"]
    assert "大型企业" in response.answer
    assert "补贴政策：\n\n" not in response.answer  # no heading over nothing


def test_a_firm_whose_size_its_figures_do_not_settle_is_not_told_sme_funds_are_not_for_it(
    advisor: AdvisorService,
) -> None:
    """2,500 staff in a cement plant is large or medium by a revenue not given (the MIIT industry thresholds need
    both): the SME pilots stay to confirm, so no "not for you" above them (review11 r11-49 at session 14's end)."""
    response = advisor.ask(
        "We're a 2,500-person cement plant in Tangshan. Are the SME digitalisation pilot funds open to us?"
    )
    assert response.profile.size_class is None  # the contract shows only a settled class
    assert "not for you" not in response.answer and "large enterprise" not in response.answer


@pytest.mark.parametrize(
    ("message", "unwanted"),
    [
        # a travel agency's trip questions: not the bot for 淘宝/拼多多 shops, nor the property desk
        (
            "我们是拉萨一家12人的旅行社，想用AI做行程咨询客服，预算2万，有什么补贴？",
            {"ecommerce-cs-bot", "property-management-service-desk"},
        ),
        # an e-commerce firm paying for an audit buys no accounting firm's audit tool
        (
            "延安一家做苹果电商的公司，准备做数据资产入表，评估审计服务费大概20万，有补贴吗？",
            {"accounting-firm-audit-assistant"},
        ),
    ],
)
def test_a_tool_made_for_another_trade_is_not_offered(
    advisor: AdvisorService, message: str, unwanted: set[str]
) -> None:
    ids = {s.id for s in advisor.ask(message).solutions}
    assert ids and not ids & unwanted, ids


def test_trade_bound_tools_are_marked_in_the_catalogue_for_their_own_trade_only() -> None:
    bound = {s.id: s.industries for s in CATALOGUE.solutions if s.audience_only}
    assert {"ecommerce-cs-bot", "accounting-firm-audit-assistant"} <= set(bound)
    assert all(bound.values())  # made for a trade: the trade is listed


def test_a_firm_abroad_with_no_need_hears_no_promise_of_solutions_and_its_budget_is_kept(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask(
        "I'm based in Singapore with a budget of SGD 5,000 and plan to open a Shenzhen office next year. "
        "What subsidies could I get?"
    )
    assert response.solutions == []
    assert "solutions below" not in response.answer
    assert "SGD 5,000" in response.answer
    assert "local industry and IT bureau" not in response.answer  # no mainland bureau to ask from Singapore


def test_work_that_never_gets_done_is_a_need_and_a_near_tie_follows_the_owners_words(
    advisor: AdvisorService,
) -> None:
    # "X不完" (messages never all answered) states a problem as "回不过来" does: the shop's bot, not a CRM
    shop = advisor.ask("深圳做跨境电商的，15人，买家消息每天都回不完，预算2万")
    assert shop.solutions and shop.solutions[0].category == "customer_service"
    # a law firm asking to review contracts gets the law firm's reviewer however it words the job
    for message in (
        "杭州律所，20人，想用AI审合同，预算5万元",
        "杭州的律师事务所，20个人，合同审查量大，预算5万",
    ):
        assert advisor.ask(message).solutions[0].id == "law-firm-contract-review", message


def test_a_question_about_the_clients_own_spend_gets_no_trade_tools(advisor: AdvisorService) -> None:
    # review8 r8-12: no need stated, only the retrofit's 100万; the pilot's verdict, not 视觉检测 + 排产
    response = advisor.ask(
        "南京江宁一家60人的汽车零部件厂，已经在数字化转型试点企业名单里，改造投入100万，打算明年3月验收，能补多少？"
    )
    assert response.solutions == []
    assert "2026-10-31" in response.answer and "100万" in response.answer
