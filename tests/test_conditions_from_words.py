"""A program's own condition judged from what the client said (review6 §2, §3): met, unmet, or still to confirm.

A client who says they used the province's scheduling platform, call a filed model, make auto parts or already
run a POS is not asked to "confirm" it; one who says something close (a question about the platform, compute
rented elsewhere, a model API with no name) still is. A no gives one reason, and a size is not asserted from a
headcount the MIIT thresholds cannot classify alone.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.compose.citations import CitationBook
from app.advisor.compose.details import program_details
from app.advisor.compose.funding import brief_verdict_line
from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict, assess
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
HEFEI = CompanyProfile(province="安徽", city="合肥", employees=20, industry="I")
LANGFANG = CompanyProfile(province="河北", city="廊坊", employees=9, industry="I")
SHENZHEN = CompanyProfile(province="广东", city="深圳", employees=30, industry="I")
KAOHSIUNG = CompanyProfile(province="台湾", city="高雄", employees=4, industry="H")
BEIJING = CompanyProfile(province="北京", city="北京", employees=30, industry="I")
CHENGDU = CompanyProfile(province="四川", city="成都", employees=60, industry="C")


def _judged(program_id: str, profile: CompanyProfile, message: str) -> Assessment:
    return judged(CATALOGUE, program_id, profile, message, TODAY)


def _special(assessment: Assessment, words: str) -> list[Status]:
    return [c.status for c in assessment.conditions if words in c.reason.zh]


@pytest.mark.parametrize(
    ("program_id", "profile", "message", "words"),
    [
        (
            "ah-compute-subsidy-2023",
            HEFEI,
            "通过省里的算力统筹调度平台用了16万的算力，安徽能补多少",
            "调度平台",
        ),
        (
            "lf-compute-voucher-2023",
            LANGFANG,
            "We'll use the local compute platform for about RMB 300k this year. What can we get?",
            "平台",
        ),
        ("sz-model-voucher-2024", SHENZHEN, "一年采购备案大模型服务500万，深圳模型券最多能拿多少？", "备案"),
        ("sz-model-voucher-2024", SHENZHEN, "用緊國內備案大模型嘅API，每個月大約2萬人民幣", "备案"),
        (
            "zz-model-voucher-2025",
            SHENZHEN,
            "They pay about RMB 10,000 a month for ERNIE (Wenxin) API calls.",
            "备案",
        ),
        (
            "cd-sme-dx-pilot-2023",
            CHENGDU,
            "Chengdu 60-person auto-parts maker wants AI process monitoring.",
            "试点行业",
        ),
        ("cd-sme-dx-pilot-2023", CHENGDU, "成都一家做汽车零部件的厂，想上MES", "试点行业"),
    ],
)
def test_a_condition_the_client_states_as_met_is_not_left_to_confirm(program_id, profile, message, words):
    assessment = _judged(program_id, profile, message)
    assert _special(assessment, words) == [Status.met]
    assert not any("须确认" in r.zh and words in r.zh for r in assessment.reasons)


@pytest.mark.parametrize(
    ("program_id", "profile", "message", "words"),
    [
        (
            "ah-compute-subsidy-2023",
            HEFEI,
            "安徽有没有算力统筹调度平台？我们在合肥租算力",
            "调度平台",
        ),  # asks
        (
            "lf-compute-voucher-2023",
            LANGFANG,
            "打算在北京的云厂商那里租算力，一年30万，廊坊的算力券能用吗",
            "平台",
        ),
        (
            "sz-model-voucher-2024",
            SHENZHEN,
            "每个月大模型接口的费用2万左右，模型券能补多少？",
            "备案",
        ),  # no model named
        (
            "cd-compute-voucher-2023",
            CHENGDU,
            "GPU都是在阿里云上租的，一年60万，成都算力券能用吗？",
            "智算中心",
        ),
    ],
)
def test_words_close_to_a_condition_but_not_meeting_it_leave_it_open(program_id, profile, message, words):
    assert _special(_judged(program_id, profile, message), words) == [Status.unknown]


def test_a_condition_the_client_says_they_do_not_meet_is_a_no_quoting_them():
    """review6 c19 (already uses POS: not a first-time adopter) and c34 (入表金额80万 < 100万)."""
    store = _judged("tw-retail-store-dx-subsidy", KAOHSIUNG, "我在高雄開手搖飲料店，4個員工，已經有用POS了")
    assert store.verdict is Verdict.ineligible
    assert "首次导入数位服务" in store.reasons[0].zh and "已经有用pos了" in store.reasons[0].zh.lower()
    booked = _judged("bj-data-asset-subsidy-2023", BEIJING, "数据资产入表金额80万，评估审计费花了20万")
    assert booked.verdict is Verdict.ineligible
    assert "100万" in booked.reasons[0].zh and "入表金额80万" in booked.reasons[0].zh
    claude = _judged("sz-model-voucher-2024", SHENZHEN, "用的是海外的Claude接口写开发信，每月1万")
    assert claude.verdict is Verdict.ineligible


def test_a_first_time_adopter_meets_that_part_and_the_provider_part_stays_open():
    store = _judged("tw-retail-store-dx-subsidy", KAOHSIUNG, "店裡從來沒用過任何數位系統，想導入點餐系統")
    assert _special(store, "首次导入") == [Status.met]
    assert any("经济部公告的服务商" in c.reason.zh and c.status is Status.unknown for c in store.conditions)


def test_a_no_reads_the_same_reason_in_the_verdict_line_and_the_details():
    """review6 c14: the verdict line said 'not an OPC', the details 'micro firms only, you are small'."""
    wuhan = CompanyProfile(province="湖北", city="武汉", employees=10, industry="I")
    opc = _judged(
        "wh-opc-compute-voucher-2026", wuhan, "10人的AI软件公司，不是OPC，是正常的有限公司，每月算力1万"
    )
    assert opc.verdict is Verdict.ineligible
    line = brief_verdict_line(opc, CitationBook(), "zh")
    details = program_details(opc, CitationBook(), "zh", steps=False)
    assert "不是opc" in line.lower()
    assert "您属于" not in line + details and "仅限微型企业" not in details


def test_a_headcount_alone_does_not_assert_a_size_the_thresholds_need_revenue_for():
    """review6 c17: a 25-person wholesaler was called 中型企业; wholesale needs revenue to tell."""
    wholesaler = CompanyProfile(province="广东", city="广州", employees=25, industry="F", sector="wholesale")
    assert "中型企业" not in wholesaler.summary_zh()
    assert wholesaler.size_certain is None
    known = wholesaler.model_copy(update={"annual_revenue_cny": 6e7})
    assert "中型企业" in known.summary_zh()


SUZHOU_PLANT = CompanyProfile(province="江苏", city="苏州", employees=60, industry="C")


def test_a_bank_loan_for_the_equipment_meets_the_loan_condition_and_paying_cash_rules_it_out():
    """review7 rev7-11 (a stated loan left 待确认) and rev7-12 ("全款自己买，不贷款" given three loan programs)."""
    loan = _judged(
        "cn-equipment-renewal-loan-subsidy-2026", SUZHOU_PLANT, "准备向银行贷款买一台200万的智能检测设备"
    )
    assert _special(loan, "贷款") == [Status.met]
    cash = _judged("cn-equipment-renewal-loan-subsidy-2026", SUZHOU_PLANT, "设备老坏，全款自己买，不贷款")
    assert cash.verdict is Verdict.ineligible
    # A loan for something else is not the equipment-renewal loan, nor a start-up guarantee loan.
    other = _judged(
        "cn-startup-guarantee-loan-subsidy", SUZHOU_PLANT, "准备向银行贷款买一台200万的智能检测设备"
    )
    assert Status.met not in _special(other, "贷款")


def test_a_loan_the_client_rules_out_brings_no_loan_program():
    from app.advisor.engine.program_subjects import raised_types
    from app.catalogue.taxonomy import FundingType

    assert FundingType.loan_interest_subsidy not in raised_types("设备老坏，预算10万，全款自己买，不贷款。")
    assert FundingType.loan_interest_subsidy not in raised_types("We pay cash, no loan, for the new press.")
    assert FundingType.loan_interest_subsidy in raised_types("准备向银行贷款买设备，有没有贷款贴息？")


def test_a_data_asset_subsidy_is_not_eligible_until_the_booked_amount_is_known():
    """review7 rev7-33: 延安 data-asset subsidy ✅ though 入表金额大于100万元 was never stated."""
    yanan = CompanyProfile(province="陕西", city="延安", employees=20, industry="F")
    open_ = _judged(
        "ya-data-asset-subsidy-2025", yanan, "准备做数据资产入表，评估审计服务费大概20万，有补贴吗"
    )
    assert open_.verdict is not Verdict.eligible
    assert _special(open_, "100万") == [Status.unknown]
    stated = _judged("ya-data-asset-subsidy-2025", yanan, "数据资产首次入表，入表金额预计180万，评估费12万")
    assert _special(stated, "100万") == [Status.met]


def test_a_local_program_the_clients_own_figure_rules_out_is_listed_with_that_reason():
    """review6 s1t2 ('是一年3万'): the 5万 threshold ❌ was hidden and a false 'pays for none of it' shown instead."""
    from app.advisor.engine.programs import listed_programs

    xiamen = CompanyProfile(province="福建", city="厦门", employees=15, industry="I")
    message = "厦门一家15人的AI初创公司，做客服机器人，一年算力支出3万"
    below = _judged("xm-compute-subsidy-2024", xiamen, message)
    program = CATALOGUE.program("xm-ai-rd-grant-2025")
    assert program is not None
    grant = assess(program, xiamen, TODAY, None, normalize(message))  # plan not known yet: to confirm
    assert below.verdict is Verdict.ineligible and grant.verdict is Verdict.unknown
    assert below in listed_programs([grant, below])
    assert "5万" in brief_verdict_line(below, CitationBook(), "zh")
