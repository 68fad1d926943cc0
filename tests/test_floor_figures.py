"""A spend the client gives only as a floor is said as one: "至少20万 … 按实际金额 × 最高50%", never "20万 × 最高50% =
最多10万" as if 20万 were the amount (understand reads `at_least`: "每年肯定超过20万", "well over 300k a year")."""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.arithmetic import product
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.eligibility import assess
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
HANGZHOU = CompanyProfile(province="浙江", city="杭州", industry="F", employees=30)


def _compute_voucher_sum(message: str):
    program = CATALOGUE.program("hz-compute-voucher-2025")
    assert program is not None
    client = named_purchases(message)
    judged = assess(program, HANGZHOU, date(2026, 11, 28), client, normalize(message))
    subsidies = cost_pack([], [judged], HANGZHOU, client).client
    assert subsidies, "the client's compute contract is paid by the voucher"
    return product(subsidies[0])


@pytest.mark.parametrize(
    "message",
    [
        "杭州做跨境电商的，30人，每年租GPU算力肯定超过20万，杭州算力券能补多少？",
        "杭州，30人，GPU租用每年至少20万",
    ],
)
def test_a_floor_is_said_as_a_floor_never_as_the_amount(message: str) -> None:
    said = _compute_voucher_sum(message)
    assert "至少20万元" in said.zh and "按实际金额" in said.zh
    assert "20万元 × " not in said.zh
    assert "at least CNY 200,000" in said.en and "CNY 200,000 × " not in said.en


def test_an_exact_amount_keeps_its_product() -> None:
    said = _compute_voucher_sum("杭州做跨境电商的，30人，今年租GPU算力花了20万，杭州算力券能补多少？")
    assert "20万元 × 最高50% = 最多10万元" in said.zh
