"""What the client already has or pays for is theirs: never sold to them again (session 14, dev pk29, e4-18).

A clause saying what the client owns is overridden only by a need whose own words name the tool, never by the
nearest examples of another need ("想知道每天该备多少菜" also votes for the ordering tool they already run).
"""

from __future__ import annotations

import pytest

from app.advisor.engine.owned import owned_clauses


@pytest.mark.parametrize(
    "said",
    [
        "我们每年花3万订阅一个AI写商品文案的软件",
        "Our agency pays RMB 20k a year for an AI image tool",
        "we subscribe to an AI copywriting service",
        "店里已经有收银系统和扫码点餐了",
    ],
)
def test_a_tool_paid_for_or_already_run_is_owned(said: str):
    assert owned_clauses(said)


@pytest.mark.parametrize(
    "said",
    [
        "打算每年花3万订阅一个AI写文案的软件",
        "we plan to pay 2k a month for a chatbot",
        "目前有个问题是备菜不准",
    ],
)
def test_a_planned_payment_or_a_problem_is_not_owned(said: str):
    assert not owned_clauses(said)


def test_the_ordering_tool_the_client_runs_is_not_sold_beside_the_prep_forecast(advisor):
    response = advisor.ask("我们已经用了美团的收银和扫码点餐，现在就是想知道每天该备多少菜")
    ids = [s.id for s in response.solutions]
    assert "restaurant-prep-forecast" in ids and "restaurant-ordering-menu-analytics" not in ids


def test_a_tool_paid_for_by_the_year_is_not_recommended_again(advisor):
    response = advisor.ask(
        "杭州一家淘宝店，10个人，我们每年花3万订阅一个AI写商品文案和做主图的软件，现在想再搞个智能客服回复买家"
    )
    ids = [s.id for s in response.solutions]
    assert "ecommerce-cs-bot" in ids and "product-image-copy-gen" not in ids
