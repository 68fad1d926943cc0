"""How the money arrives, a branch's standing and a city's own pilot (session 22, issue 11).

"算力券是服务商直接抵扣吗？还是先付钱再返？" is answered yes or no per program from `how_to_apply.mechanism` (compose/payout.py);
a 分公司 and an office share one vocabulary (text/branch_words.py); a national pilot the client names brings the
pilot of the client's own city, judged on its sector list (engine/pilots.local_channels)."""

from __future__ import annotations

import uuid

import pytest

from app.advisor.understand.program_question import asks_how_money_arrives
from app.catalogue.models import ApplicationMechanism
from app.text.branch_words import BRANCH, OFFICE


@pytest.mark.parametrize(
    ("message", "asks"),
    [
        ("算力券是服务商直接抵扣吗？还是先付钱再返？", True),
        ("模型券要先墊付嗎？還是付款時直接少付？", True),
        ("成都算力券的钱是怎么给的？要先垫钱吗？", True),
        ("这个补贴是事后报销还是买的时候直接抵扣？", True),
        ("Is the compute voucher deducted by the provider, or paid back to us later?", True),
        ("Does it come off the invoice or do we get reimbursed afterwards?", True),
        # an amount, a cover and a deadline question are not about how the money arrives
        ("杭州算力券能补多少？", False),
        ("杭州算力券能抵扣我们的SaaS软件订阅费吗？", False),
        ("How much could we get back from the compute voucher?", False),
        ("训力券还来得及吗？", False),
    ],
)
def test_reads_a_question_about_how_the_money_arrives(message: str, asks: bool) -> None:
    assert asks_how_money_arrives(message) is asks


@pytest.mark.parametrize(
    "message",
    [
        "我们是上海公司的武汉分公司",
        "We are the Wuhan branch of a Shanghai company",
        "our branch in Wuhan rents GPUs",
    ],
)
def test_a_branch_is_also_an_office_in_the_one_vocabulary(message: str) -> None:
    assert BRANCH.search(message) and OFFICE.search(message)


def test_an_office_is_not_a_branch() -> None:
    assert OFFICE.search("明年打算在深圳设办事处") and not BRANCH.search("明年打算在深圳设办事处")


def _ask(advisor, message: str) -> dict:
    return advisor.ask(message, session_id=uuid.uuid4().hex).model_dump(mode="json")


def test_a_claim_voucher_is_not_deducted_at_the_counter(advisor) -> None:
    response = _ask(
        advisor, "杭州一家20人的软件公司，租GPU算力每年20万。算力券是服务商直接抵扣吗？还是先付钱再返？"
    )
    first = response["answer"].splitlines()[0]
    hz = next(f for f in response["funding"] if f["id"] == "hz-compute-voucher-2025")
    assert hz["mechanism"] == ApplicationMechanism.two_step_claim.value
    assert first.startswith("钱怎么到账") and "杭州算力券：不是付款时抵扣：先全额付款" in first, first


def test_an_instant_voucher_is_deducted_and_a_later_award_is_not(advisor) -> None:
    first = _ask(
        advisor,
        "武汉一家15人的AI公司，每月在智算中心租算力2万。武汉的算力服务券是领了以后直接抵扣的吗？要不要先垫钱？",
    )["answer"].splitlines()[0]
    assert "武汉市算力服务券：是付款时直接抵扣" in first, first
    assert "OPC算力服务券：不是付款时抵扣" in first, first


def test_english_payout_question_gets_the_english_answer(advisor) -> None:
    first = _ask(
        advisor,
        "A 30-person software firm in Shanghai renting GPU compute, about RMB 200k a year. Is the compute voucher "
        "deducted by the provider, or paid back to us later?",
    )["answer"].splitlines()[0]
    assert first.startswith("How the money arrives") and "paid back after settlement" in first, first


def test_a_platform_voucher_quotes_its_own_text_on_deduction(advisor) -> None:
    first = _ask(
        advisor,
        "贵阳一家20人的软件公司，在贵州的算力平台上租算力，一年10万，贵州算力券是买的时候直接抵扣吗？",
    )["answer"].splitlines()[0]
    assert "原文写明购买时抵扣" in first and "先全额付款" not in first, first


def test_an_amount_question_keeps_its_own_first_line(advisor) -> None:
    answer = _ask(advisor, "杭州一家20人的软件公司，租GPU算力每年20万，杭州算力券能补多少？")["answer"]
    assert "钱怎么到账" not in answer


def test_the_national_pilot_brings_the_citys_own_pilot_and_its_sectors(advisor) -> None:
    response = _ask(advisor, "成都一家40人的中药饮片厂，中小企业数字化转型城市试点我们行业在不在里面？")
    verdicts = {f["id"]: f["verdict"] for f in response["funding"]}
    assert verdicts.get("cd-sme-dx-pilot-2023") == "unknown", verdicts
    assert "符合（您说“中药饮片”）" in response["answer"]


def test_a_trade_off_the_citys_sector_list_is_ruled_out(advisor) -> None:
    response = _ask(advisor, "成都一家60人的食品厂，数字化转型试点我们这个行业能参加吗？")
    verdicts = {f["id"]: f["verdict"] for f in response["funding"]}
    assert verdicts.get("cd-sme-dx-pilot-2023") == "ineligible", verdicts
