"""A program whose place, size and trade the client meets and whose purpose matches the stated need is judged and
shown, and a "how much" line speaks of the programs asked about (session 15: held-out blind11, review12 r12-19,
r12-44)."""

from __future__ import annotations

from app.advisor.service import AdvisorService


def _listed(response) -> set[str]:
    return {f.id for f in response.funding if f.listed}


def test_a_micro_workshop_that_wants_to_go_digital_hears_its_citys_pilot_though_no_product_fits(
    advisor: AdvisorService,
) -> None:
    response = advisor.ask("九江一家10人的小微纺织加工厂，想把排产和仓库管理数字化")
    assert "jiujiang-sme-dx-pilot-2024" in _listed(response)
    assert all(s.program_id != "jiujiang-sme-dx-pilot-2024" or not s.in_net_cost for s in response.subsidies)


def test_other_cities_pilots_of_a_named_province_do_not_crowd_out_the_national_pilot_listing_the_city(
    advisor: AdvisorService,
) -> None:
    """r12-19: 东莞 is on the retrofit pilot's second-batch list; 广东's other cities' pilots (❌ on region) filled
    the judged programs and the national channel was never shown."""
    response = advisor.ask(
        "东莞做注塑的厂，60人，想把几台老注塑机做智能化改造，加传感器和数据采集，预算30万，国家和广东有哪些补贴？"
    )
    assert "cn-new-tech-retrofit-city-pilot" in _listed(response)


def test_a_tax_questions_how_much_line_names_only_the_tax_rule(advisor: AdvisorService) -> None:
    answer = advisor.ask(
        "苏州一家外资汽车零部件厂，250人，明年打算投300万研发机器视觉检测，研发费用加计扣除能少交多少税？"
    ).answer
    (line,) = [x for x in answer.splitlines() if x.startswith("能补多少：")] or [""]
    assert "研发费用" in line or not line
    assert "数字化转型" not in line and "技术改造" not in line
