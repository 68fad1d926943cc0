"""A client asking only about a contract they named hears about that contract, not a recommendation to shop
around; a program whose claims were filed after its period ended says its last filing day (session 19)."""

from __future__ import annotations


def test_a_signed_contract_alone_is_listed_as_theirs_with_filing_steps(advisor):
    response = advisor.ask(
        "我们在深圳，刚跟服务商签了120万的算力租用合同，用来训练大模型，这份合同能拿多少补贴？"
    ).model_dump(mode="json")
    answer = response["answer"]
    assert "您提到的合同：" in answer and "建议的AI赋能包" not in answer, answer[:600]
    assert "向2—3家服务商询价" not in answer
    assert response["next_steps"][0].startswith("保留好合同、发票和付款凭证")
    assert any(s["program_id"] == "sz-training-voucher-2024" for s in response["subsidies"])


def test_a_pack_we_recommend_keeps_its_heading_and_vendor_step(advisor):
    response = advisor.ask("我们是杭州做餐饮的，20个人，想用AI接外卖电话").model_dump(mode="json")
    assert "建议的AI赋能包" in response["answer"]
    assert response["next_steps"][0].startswith("就每个方案向2—3家服务商询价")


def test_an_ended_program_filed_in_a_later_window_names_the_last_filing_day(advisor):
    answer = advisor.ask("南宁的算力券最晚什么时候交材料？我们是南宁做物流的，30人").answer
    first = answer.splitlines()[0]
    assert "2025-12-31" in first and "2026-01-23" in first and "已截止" in first, first
