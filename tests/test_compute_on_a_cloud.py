"""Compute bought on a cloud is compute rental, whichever reader reads it (issue #11, session 20; review18).

"GPU cloud", "算力云", "GPU云服务器" were booked as a cloud subscription, so a 算力券 was judged on the wrong kind;
"在阿里云上买算力…，20万" was read as compute by the contract reader and as a cloud service by the plan reader,
and a program paying for cloud services said "您提到…（云服务），须确认". A compute word before the cloud says
what the cloud sells, and a contract the client priced keeps the kind it was read as.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.understand.plans import said_purchases
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchase_kinds import kinds_named
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("We rent GPU cloud for model training, about RMB 200k a year", SpendKind.compute),
        ("在算力云上租卡，一年15万", SpendKind.compute),
        ("买了阿里云的GPU云服务器，一年10万", SpendKind.compute),
        ("GPU cloud bill is about 20k a month", SpendKind.compute),
        (
            "云服务器一年2万多",
            SpendKind.cloud_service,
        ),  # a cloud server with no compute word stays a cloud service
        ("每月交给阿里云的费用5000块", SpendKind.cloud_service),
    ],
)
def test_a_compute_word_before_the_cloud_says_what_is_bought(message, kind):
    (purchase,) = stated_purchases(normalize(message))
    assert purchase.kind is kind


def test_the_plan_reader_agrees():
    assert [p.kind for p in said_purchases("we rent gpu cloud for model training")] == [SpendKind.compute]
    assert [p.kind for p in said_purchases("我们用算力云")] == [SpendKind.compute]


def test_a_priced_contract_keeps_its_kind_in_every_verdict():
    profile = CompanyProfile(province="山东", city="济南", employees=60, industry="G")
    message = "我们是济南的物流公司，60人，在阿里云上买算力跑路径优化模型，20万，山东算力券能补吗？"
    fund = judged(CATALOGUE, "sd-sme-dx-guide-zone-fund-2025", profile, message, date(2026, 11, 28))
    (purchase,) = [c for c in fund.conditions if c.name == "purchase"]
    # The compute rental is no cloud subscription the fund might pay for: not quoted back as one.
    assert "（云服务）" not in purchase.reason.zh and "阿里云" not in purchase.reason.zh


def test_a_gpu_cloud_names_one_kind_of_purchase():
    # What a question names (compose/cover.py: "Partly: … pays for compute rental, not for cloud services" was said
    # of a GPU cloud): the cloud the compute comes on is no second purchase.
    assert kinds_named("we rent gpu cloud for model training") == [SpendKind.compute]
    assert kinds_named("上云和租gpu算力") == [SpendKind.cloud_service, SpendKind.compute]
