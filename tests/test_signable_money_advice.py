"""Money advice a consultant can sign (issue #11, session 21): what was bought decides what pays for it, a figure
taken back is replaced by the one meant, a later claim has its own cap, an all-in quote prices the pack, and the
form of the firm (none registered yet, a branch) is said, never a verdict the catalogue does not hold."""

from __future__ import annotations

from typing import Any

import pytest

from app.advisor.understand.corrected_figures import corrected_figures
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.taxonomy import SpendKind
from app.text.normalize import normalize


def _ask(advisor: Any, message: str) -> dict[str, Any]:
    reply: dict[str, Any] = advisor.ask(message).model_dump(mode="json")
    return reply


def _verdicts(reply: dict[str, Any]) -> dict[str, str]:
    return {f["id"]: f["verdict"] for f in reply["funding"]}


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("上个月买了两台GPU工作站，花了12万", SpendKind.ai_equipment),
        ("We bought four GPU cards for about RMB 80,000 last month.", SpendKind.ai_equipment),
        ("自购了一台8卡GPU服务器，花了45万", SpendKind.ai_equipment),
        ("在智算中心租GPU做模型微调，合同20万", SpendKind.compute),
        ("买了10万的GPU算力", SpendKind.compute),  # capacity bought is rented compute
        ("买了2000卡时的GPU，10万", SpendKind.compute),  # counted in hours: rented
    ],
)
def test_gpus_bought_are_hardware_and_gpu_time_is_compute(message: str, kind: SpendKind) -> None:
    (purchase,) = stated_purchases(normalize(message))
    assert purchase.kind is kind


def test_a_compute_voucher_does_not_pay_for_workstations_bought(advisor: Any) -> None:
    reply = _ask(
        advisor, "我们是杭州一家30人的设计公司，上个月买了两台GPU工作站，花了12万，这个能用算力券报销吗？"
    )
    assert _verdicts(reply).get("hz-compute-voucher-2025") == "ineligible"
    assert not [s for s in reply["subsidies"] if s["program_id"] == "hz-compute-voucher-2025"]


@pytest.mark.parametrize(
    ("message", "base"),
    [
        ("上海一家20人的软件公司，每月在云上租GPU花3000，不对，是8000，算力券能补多少？", 96000),
        (
            "Shanghai software firm, 20 staff. We rent GPUs for about 3,000 yuan a month, sorry, I mean 8,000 a month. "
            "How much can the compute voucher cover?",
            96000,
        ),
    ],
)
def test_a_figure_taken_back_in_the_same_message_is_replaced(advisor: Any, message: str, base: int) -> None:
    reply = _ask(advisor, message)
    bases = {s["base_cny"]["max"] for s in reply["subsidies"] if s["program_id"] == "sh-compute-voucher-2025"}
    assert bases == {base}, reply["subsidies"]


def test_a_figure_said_against_another_is_not_a_correction() -> None:
    """ "是8万，不是5万" keeps the first: only words that take a figure back replace it."""
    said = normalize("算力合同是8万，不是5万")
    assert corrected_figures(said) == said


def test_the_cloud_voucher_shows_the_cap_of_the_claim_the_client_is_at(advisor: Any) -> None:
    later = _ask(
        advisor, "我们是毕节的一家物流公司，30人，去年已经领过一次上云券了，今年第二次申请最多能补多少？"
    )
    assert "第二次及以后每次3万元" in later["answer"] and "5万" not in later["answer"].split("\n")[0]
    first = _ask(advisor, "遵义一家60人的食品厂，第一次申请贵州上云券，最多能补多少？")
    assert "首次5万元、第二次及以后每次3万元" in first["answer"]


def test_an_all_in_quote_listing_its_parts_prices_the_pack(advisor: Any) -> None:
    reply = _ask(
        advisor,
        "We run 6 noodle restaurants in Hangzhou, 60 staff. A vendor quoted RMB 80,000 all-in (software, tablets "
        "and setup) for AI ordering and stock forecasting. What can we get back?",
    )
    first_years = [s["first_year_cost_cny"] for s in reply["solutions"]]
    assert sum(c["max"] for c in first_years) == 80000, first_years


def test_a_founder_without_a_company_is_told_to_register_first(advisor: Any) -> None:
    reply = _ask(advisor, "我还没注册公司，打算在杭州做AI客服创业，租GPU大概10万，能申请杭州算力券吗？")
    assert _verdicts(reply)["hz-compute-voucher-2025"] == "unknown"
    assert "须先在杭州注册公司" in reply["answer"]


def test_a_branch_is_told_it_is_no_legal_person(advisor: Any) -> None:
    reply = _ask(
        advisor, "我们是北京一家公司在上海开的分公司，50人，在上海租GPU算力每年30万，上海算力券能申请吗？"
    )
    assert _verdicts(reply)["sh-compute-voucher-2025"] != "eligible"
    assert "分公司（不是独立法人）" in reply["answer"]


def test_two_programs_are_not_said_to_exclude_each_other_without_the_catalogue_saying_so(
    advisor: Any,
) -> None:
    reply = _ask(advisor, "深圳一家AI公司，租GPU训练大模型，合同100万，深圳训力券和广东省算力券能叠加吗？")
    assert "不能重复申领" not in reply["answer"]
