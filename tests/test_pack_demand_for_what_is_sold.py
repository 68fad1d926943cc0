"""A firm forecasting demand for what it sells gets the demand forecaster, whatever its trade (s21 tools brief); a
clinic whose patients phone to book gets the booking receptionist.

Outside evaluators found factories asking "销量/订单/要货 预测" or "never know how much to produce for next month's
orders" answered with an empty pack: the only forecasters were a shop's and a restaurant's, and a factory's need named
none of their objects (商品, 菜品). What a sales forecaster works on is demand for what the firm sells (its sales
volume, the orders it gets), so a factory, wholesaler or carrier naming that is answered by it, with a caveat that it
was made for shops; raw materials a firm buys are no demand for what it sells (test_trade_fit keeps that refusal).
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.text.normalize import normalize

FORECAST = "retail-demand-forecast"


@pytest.mark.parametrize(
    "message",
    [
        "我们是一家豆腐皮作坊，15个人，想用AI预测销量，老是做多了卖不掉",
        "我們是東莞一家飲料廠，80人，想用AI預測各個經銷商下個月的要貨量",
        "We are a 40-person musical instrument maker in Guangzhou and never know how much to produce for next "
        "month's orders.",
    ],
)
def test_a_factory_forecasting_what_it_sells_gets_the_forecaster_with_a_caveat(
    advisor: AdvisorService, message: str
) -> None:
    response = advisor.ask(message)
    assert FORECAST in [s.id for s in response.solutions], response.answer
    # made for shops: the client hears whom it was made for and what to confirm
    said = normalize(response.answer)  # simplified and lower case: the answer follows the client's script
    assert "原为批发和零售业设计" in said or "it was made for wholesale and retail" in said, response.answer


def test_stock_to_keep_for_orders_is_a_forecast_not_a_machine_alert(advisor: AdvisorService) -> None:
    # "cold storage" says where the stock is, as 冷库 does: no word of the cold-room alert's job
    response = advisor.ask(
        "We export frozen seafood from Zhanjiang, 50 staff, and never know how much to keep in cold storage for "
        "export orders."
    )
    ids = [s.id for s in response.solutions]
    assert FORECAST in ids and "cold-storage-equipment-alert" not in ids, response.answer


def test_a_shops_forecaster_for_a_shop_carries_no_trade_caveat(advisor: AdvisorService) -> None:
    response = advisor.ask("我们是一家连锁便利店，40个人，想用AI预测每个店该进多少货")
    assert FORECAST in [s.id for s in response.solutions], response.answer
    assert "原为" not in normalize(response.answer)


def test_a_warehouse_where_picking_takes_forever_is_the_warehouse_tools_need(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "Our warehouse is a mess and picking takes forever. We're a 30-person auto-parts factory."
    )
    assert "warehouse-slotting-optimization" in [s.id for s in response.solutions], response.answer
    assert "picking takes forever" not in response.answer.split("Recommended")[0], response.answer


def test_patients_phoning_to_book_are_the_booking_receptionists_calls(advisor: AdvisorService) -> None:
    # the calls are what patients send; the clause after says nobody can take them (message_jobs.py)
    response = advisor.ask("我们是一家牙科诊所，6个医生，每天很多病人打电话约时间，前台接不过来")
    assert "ai-phone-booking-reception" in [s.id for s in response.solutions], response.answer


def test_appointment_calls_in_english_are_the_booking_receptionists_too(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "Dental clinic in Shenzhen, 8 staff. We want AI to handle appointment calls and WeChat messages."
    )
    assert "ai-phone-booking-reception" in [s.id for s in response.solutions], response.answer


def test_raw_materials_a_factory_cannot_foresee_get_no_shops_forecaster(advisor: AdvisorService) -> None:
    # "不知道该备多少" is a need now; raw materials are still no demand for what the factory sells
    response = advisor.ask("我们是佛山一家速冻食品厂，80人，总不知道每个月该备多少原材料")
    assert not {"retail-demand-forecast", "restaurant-prep-forecast"} & {s.id for s in response.solutions}
