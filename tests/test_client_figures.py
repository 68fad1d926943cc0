"""The client's own figures and claims, as a consultant reads them (advice_rules.md §1, §2, §5, §7).

Session 7 (issue #11): contracts named in other words become purchase items with the client's amount; a
quoted SaaS a voucher does not pay for is matched to nothing and said so; the same spend is not claimed twice;
a selected program says what it pays at most only if selected; an amount hoped for is set against the cap; an
English program name the catalogue does not hold is flagged.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.claims import titled_programs_not_in_sources
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.guarantee import guarantee_note
from app.advisor.engine.notices import deadline_notes
from app.advisor.engine.programs import listed_programs
from app.advisor.engine.spend_notes import if_selected, same_spend_twice, unpaid_client_items
from app.advisor.understand.certainty import asks_for_certainty
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
CHENGDU_AI = CompanyProfile(province="四川", city="成都", employees=40, industry="I")


def _judged(ids: list[str], profile: CompanyProfile, message: str):
    purchases = named_purchases(message)
    out = []
    for program_id in ids:
        program = CATALOGUE.program(program_id)
        assert program is not None
        out.append(assess(program, profile, TODAY, purchases, message))
    return out, purchases


@pytest.mark.parametrize(
    ("message", "kind", "amount"),
    [
        ("每个月调用大模型API大概花1.5万", SpendKind.model_service, 180_000),
        ("签了一个45万的视觉检测项目", SpendKind.digital_transformation, 450_000),
        ("私有化部署大模型报价50万", SpendKind.model_service, 500_000),
        ("每月交给阿里云的费用5000块", SpendKind.cloud_service, 60_000),
        ("云服务器一年2万多", SpendKind.cloud_service, 20_000),
        ("供应商报了智能调度SaaS一年4万", SpendKind.software, 40_000),
        ("GPU rental about 15k a month", SpendKind.compute, 180_000),
    ],
)
def test_a_contract_in_the_clients_words_is_an_item_with_their_amount(message, kind, amount):
    (item,) = named_purchases(message)
    assert item.kind is kind and item.first_year.max == amount


def test_a_quoted_saas_the_voucher_does_not_pay_for_is_matched_to_nothing_and_said_so():
    tianjin = CompanyProfile(province="天津", city="天津", employees=50, industry="G")
    programs, client = _judged(["tj-compute-voucher-2025"], tianjin, "智能调度SaaS一年4万，天津算力券能抵吗")
    programs[0].asked = True
    assert programs[0].verdict is Verdict.ineligible
    assert cost_pack([], programs, tianjin, client).client == []
    (line,) = unpaid_client_items(client, programs, "zh")
    assert "4万元" in line and "不支付" in line and "智能算力租用" in line
    # Asked about by name, its end date leads even though it cannot pay (§4).
    assert any("33天" in note for note in deadline_notes(programs, TODAY, "能抵吗", "zh"))


def test_the_same_spend_is_not_claimed_under_two_vouchers():
    programs, client = _judged(
        ["cd-compute-voucher-2025", "cd-compute-voucher-2023"], CHENGDU_AI, "租算力的合同100万"
    )
    (line,) = same_spend_twice(programs, {p.kind for p in client}, "zh")
    assert "同一笔支出只能在其中一项申领" in line


def test_a_selected_program_says_what_it_pays_only_if_selected():
    shenzhen = CompanyProfile(province="广东", city="深圳", district="宝安区", employees=120, industry="C")
    programs, client = _judged(["sz-ai-application-funding-2024"], shenzhen, "35万的AI视觉质检项目合同")
    (line,) = if_selected(client, programs, "zh")
    assert "仅当项目入选" in line and "35万元 × 最高30% = 最多10.5万元" in line and "不计入净成本" in line
    assert cost_pack([], programs, shenzhen, client).client == []  # never a subsidy in the net cost


@pytest.mark.parametrize(
    "message",
    [
        "想从成都算力券拿800万，这个数你能打保票吗？",
        "这笔钱你给个准数吧，我好写进年度预算当确定收入，算力合同1500万",
        "Can I be sure we'll receive 8 million from the compute voucher? Our investors want a yes.",
        "算力券按60%算能拿800万吧？",
    ],
)
def test_a_guarantee_asked_in_other_words_is_refused_and_set_against_the_cap(message):
    assert asks_for_certainty(message)
    programs, _ = _judged(["cd-compute-voucher-2025"], CHENGDU_AI, "租算力的合同1500万")
    language = "en" if message.isascii() else "zh"
    lines = guarantee_note(True, programs, language, message)
    assert "不能保证" in lines[0] or "cannot guarantee" in lines[0]
    if "800" in message or "8 million" in message:
        assert any("500万元" in line or "5,000,000" in line for line in lines)
        assert any("不可能来自这一项" in line or "cannot come from this program" in line for line in lines)


def test_an_english_program_name_the_catalogue_does_not_hold_is_flagged():
    assert titled_programs_not_in_sources("Is the Guangdong AI Empowerment Voucher open?", CATALOGUE) == [
        "Guangdong AI Empowerment Voucher"
    ]
    assert titled_programs_not_in_sources("Can the Shenzhen Model Voucher pay for it?", CATALOGUE) == []
    assert titled_programs_not_in_sources("Is the Technology Voucher Programme open?", CATALOGUE) == []


def test_a_program_that_pays_for_other_things_is_not_listed_to_explain_a_no():
    xiamen_bakery = CompanyProfile(
        province="福建", city="厦门", district="湖里区", employees=10, industry="H"
    )
    programs, _ = _judged(["xm-ai-rd-grant-2025", "xm-sme-dx-pilot-2023"], xiamen_bakery, "想用AI做会员营销")
    assert all(a.verdict is Verdict.ineligible for a in programs)
    listed = [a.program.id for a in listed_programs(programs)]
    assert "xm-ai-rd-grant-2025" not in listed and "xm-sme-dx-pilot-2023" in listed
