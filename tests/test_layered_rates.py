"""A program that pays by purchase layer pays each item at its layer's rate (review7 rev7-16, p10).

贵州上云券 pays 40% for infrastructure-layer cloud services and 60% for the platform and application layers.
A SaaS subscription is an application, whatever else the client buys; the client's words settle the layer of a
cloud service ("租云服务器", "上云ERP"); where nothing does, the answer gives both rates and what each pays for.
"""

from __future__ import annotations

from datetime import date

from app.advisor.compose.focus import focus_line
from app.advisor.compose.funding import benefit_line
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.eligibility import Assessment
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import judged, named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
GUIYANG_SHOP = CompanyProfile(province="贵州", city="贵阳", employees=15, industry="F")


def _voucher(message: str) -> Assessment:
    return judged(CATALOGUE, "gz-cloud-voucher", GUIYANG_SHOP, message, TODAY)


def test_each_item_gets_the_rate_of_its_own_layer():
    message = "在贵州的云平台上租云服务器一年5万，另外订阅一套ERP软件一年2万"
    voucher = _voucher(message)
    subsidies = cost_pack([], [voucher], GUIYANG_SHOP, named_purchases(message)).client
    by_kind = {str(s.purchase.kind): s for s in subsidies}
    assert by_kind["cloud_service"].ratio == 0.4 and by_kind["software"].ratio == 0.6
    assert "2万元 × 最高60% = 最多1.2万元" in by_kind["software"].arithmetic.zh
    assert "属平台系统层、业务应用层云服务" in by_kind["software"].arithmetic.zh
    # the plan spans two layers: the verdict line says both rates, not one of them
    line = benefit_line(voucher, "zh")
    assert "基础设施层云服务最高40%" in line and "业务应用层云服务最高60%" in line


def test_a_latin_product_name_typed_against_chinese_still_names_the_layer():
    """p10: "想上云ERP" has no Unicode word boundary between 云 and E; the rate was the 40% one."""
    voucher = _voucher("15人的连锁药店，想上云ERP，预算3万，贵州上云券能补多少？")
    assert voucher.ratio == 0.6
    line = focus_line("贵州上云券能补多少？", [voucher], TODAY, "zh") or ""
    assert "最高60%" in line and "40%" not in line


def test_a_cloud_service_of_unknown_layer_is_told_both_rates_never_one_silently():
    message = "业务都想搬上云，云服务一年大概5万"
    voucher = _voucher(message)
    (subsidy,) = cost_pack([], [voucher], GUIYANG_SHOP, named_purchases(message)).client
    text = subsidy.arithmetic.zh
    assert "5万元 × 最高40% = 最多2万元" in text
    assert "层级未定" in text and "若属平台系统层、业务应用层云服务最高60%，即最多3万元" in text
    english = focus_line("What rate does the cloud voucher pay?", [voucher], TODAY, "en") or ""
    assert "up to 40%" in english and "up to 60%" in english and "layer" in english
