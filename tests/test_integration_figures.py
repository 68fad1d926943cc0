"""Figures that met at integration (session 15): three landings that were right alone and wrong together.

- A quote in another currency ("報價四十萬港幣") now stays on the profile in its currency; it must not become an
  amount-less line ("還沒有金額") that leaves the HK technology voucher with no purchase: the voucher is worked
  out on the quote in HK$ (engine/foreign_figures.py), as before.
- "合同就一万二": a Chinese numeral with its magnitude inside ("一万二", "三万五") is money, so the contract is 12,000.
- A program with a least award (庆阳算力券: 30% of the contract, "最低不少于5000元") pays nothing on a contract whose
  share falls below it: ❌ with both figures, not ✅ on the catalogue range.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.extraction import RuleExtractor
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.test_advisor_scenarios import with_shared_catalogue

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def _verdict(reply, program_id: str) -> str | None:  # type: ignore[no-untyped-def]
    return next((f.verdict for f in reply.funding if f.id == program_id), None)


def test_a_hkd_quote_is_worked_out_in_hkd_for_the_technology_voucher(advisor: AdvisorService) -> None:
    reply = advisor.ask(
        "我喺旺角開牙科診所，12個員工，想做AI預約同病歷整理，報價四十萬港幣，未簽約。科技券最多資助幾多？"
    )
    assert _verdict(reply, "hk-tvp") != "ineligible", reply.answer[:600]
    assert "30萬港元" in reply.answer, reply.answer[:600]
    assert "還沒有金額" not in reply.answer
    quote = reply.profile.purchases[0]
    assert (quote.currency, quote.amount_other, quote.amount_cny) == ("HKD", 400000.0, None)


@pytest.mark.parametrize(("said", "amount"), [("合同就一万二", 12000.0), ("租算力，报价三万五", 35000.0)])
def test_a_numeral_with_its_magnitude_inside_is_the_contract_amount(said: str, amount: float) -> None:
    extractor = RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 30))
    profile = extractor.extract(f"想在庆阳数据中心集群租点算力跑个病虫害识别，{said}。")
    assert [p.amount_cny for p in profile.purchases] == [amount]


def test_a_contract_whose_share_is_below_the_least_award_is_not_eligible(advisor: AdvisorService) -> None:
    small = advisor.ask(
        "西峰区的苹果合作社，12个人。想在庆阳数据中心集群租点算力跑个病虫害识别，合同就一万二。庆阳算力券能申吗？"
    )
    assert _verdict(small, "qy-compute-voucher-2024") == "ineligible", small.answer[:600]
    assert "3,600元" in small.answer and "5,000元" in small.answer
    assert not any(s.program_id == "qy-compute-voucher-2024" for s in small.subsidies)


def test_a_contract_above_the_least_award_keeps_its_verdict(advisor: AdvisorService) -> None:
    big = advisor.ask(
        "庆阳的数据标注公司，20个人，在庆阳数据中心集群租算力训练模型，合同30万，庆阳算力券能申吗？"
    )
    assert _verdict(big, "qy-compute-voucher-2024") == "eligible", big.answer[:600]


def test_a_taiwan_homestay_still_gets_a_pack_without_the_wechat_only_tool(advisor: AdvisorService) -> None:
    # Only a tool built on WeChat alone is no pick in Taiwan; the phone-or-WeChat booking tool and the low-code
    # builder (WeCom or DingTalk) still are, so a homestay wanting auto-replies is not left with no pack.
    reply = advisor.ask("南投的民宿，5個人，想用AI自動回覆訂房訊息")
    picked = [s.id for s in reply.solutions]
    assert picked, reply.answer[:400]
    assert "wechat-private-domain-assistant" not in picked


def test_a_mes_wish_beside_an_ai_task_keeps_the_task_tool(advisor: AdvisorService) -> None:
    reply = advisor.ask("鹤壁做电子电器的小厂，60人，想做个MES加AI排产，预算二十万")
    assert "factory-aps-scheduling" in [s.id for s in reply.solutions], reply.answer[:400]
