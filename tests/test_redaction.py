"""Personal data never leaves the machine for an external LLM (on by default)."""

from __future__ import annotations

import pytest

from app.redact import redact
from tests.fake_llm_server import FakeLLMServer, Reply, StructuredReply
from tests.test_advisor_llm import make_advisor

PII = {
    "13812345678": "[电话]",
    "+86 139 1234 5678": "[电话]",
    "0571-88889999": "[电话]",
    "110105199003071234": "[身份证号]",
    "91330106MA2H0LQ31X": "[统一社会信用代码]",
    "6222 0212 3456 7890 123": "[银行卡号]",
    "boss@example.com": "[邮箱]",
}


@pytest.mark.parametrize(("value", "mask"), PII.items())
def test_each_identifier_is_masked(value, mask):
    assert redact(f"联系方式：{value}。") == f"联系方式：{mask}。"


def test_business_numbers_are_left_alone():
    text = "我们20人，年营收800万，预算3万，2025年成立，补贴30%"
    assert redact(text) == text


def test_nothing_personal_reaches_the_llm_server(shared_container, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    message = "我是杭州一家20人的餐厅老板，电话13812345678，邮箱boss@example.com，信用代码91330106MA2H0LQ31X，想解决备货不准"
    with FakeLLMServer() as server:
        server.enqueue(StructuredReply({}), Reply("建议先上备菜量预测 [1]。请向主管部门确认。"))
        make_advisor(shared_container, server).ask(message)
        sent = str([r["json"] for r in server.requests])
    assert server.requests, "the LLM was called"
    for secret in ("13812345678", "boss@example.com", "91330106MA2H0LQ31X"):
        assert secret not in sent
    assert "[电话]" in sent
