"""Conditions the client's own words settle, read the same way in every script and in English (session 15).

What rented compute is for decides a training-only voucher whatever the script or the negation; a loan the client
states above a program's own loan ceiling rules that program out with both figures; a higher rate for a kind of
firm the client says it is (a start-up) is named, to confirm, and never counted.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.compute_purpose import SERVE, TRAIN, stated_purposes
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.eligibility import Verdict
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from tests.helpers import judged, named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
SHENZHEN = CompanyProfile(province="广东", city="深圳", employees=20, industry="I")
CHANGZHOU_MILL = CompanyProfile(province="江苏", city="常州", employees=80, industry="C")

_SERVING = ["淨係做推理", "只跑推理", "主要拿来部署模型给客户用", "we only run inference", "inference only"]
_NO_TRAINING = [
    "唔會訓練模型",
    "不训练",
    "不是用来训练的",
    "no training",
    "not for training at all",
    "we never train",
]


@pytest.mark.parametrize("serving", _SERVING)
@pytest.mark.parametrize("no_training", _NO_TRAINING)
def test_compute_said_to_serve_and_not_to_train_is_never_the_training_vouchers(serving, no_training):
    """Every pairing of a serving purpose and a denied training, in any script: the purpose is serving only, and
    the training voucher is ❌ with the client's words, never ✅ (held-out blind11: Cantonese kept it ✅)."""
    message = f"租GPU{serving}，{no_training}，一年合同60万"
    assert stated_purposes(message) == {SERVE}
    voucher = judged(CATALOGUE, "sz-training-voucher-2024", SHENZHEN, message, TODAY)
    assert voucher.verdict is Verdict.ineligible
    (reason,) = [c.reason for c in voucher.conditions if c.name == "special"]
    assert "您说“" in reason.zh


@pytest.mark.parametrize(
    "message",
    [
        "租GPU不是拿来做推理的，是要微调我们自己的行业模型",
        "Our GPUs aren't for inference; we fine-tune our own model",
        "Can the training voucher cover our GPU rental to fine-tune?",  # the voucher's name is no purpose
    ],
)
def test_a_denied_serving_purpose_or_the_vouchers_own_name_leaves_training(message):
    assert stated_purposes(message) == {TRAIN}


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("贷款800万换两条新生产线，创业担保贷款贴息能用吗", "800万元"),
        ("We're borrowing RMB 12 million", "12,000,000"),
    ],
)
def test_a_loan_above_the_start_up_loan_ceiling_is_ruled_out_with_both_figures(message, figure):
    """review12 r12-53: a 10M loan left the ≤3M guaranteed start-up loan ❔."""
    loan = judged(CATALOGUE, "cn-startup-guarantee-loan-subsidy", CHANGZHOU_MILL, message, TODAY)
    assert loan.verdict is Verdict.ineligible
    (reason,) = [c.reason for c in loan.conditions if c.name == "threshold"]
    assert figure in reason.zh + reason.en and ("300万元" in reason.zh)


def test_a_loan_within_the_ceiling_leaves_the_start_up_loan_open():
    loan = judged(CATALOGUE, "cn-startup-guarantee-loan-subsidy", CHANGZHOU_MILL, "贷款200万买设备", TODAY)
    assert loan.verdict is not Verdict.ineligible


def test_a_start_up_hears_the_higher_tier_to_confirm_and_the_sum_stays_at_the_base_rate():
    """review12 r12-06 / review13 r13-45: an AI start-up was never told of the 60% start-up rate."""
    message = "我们是深圳的AI初创公司，租算力训练大模型，合同300万，训力券能补多少？"
    voucher = judged(CATALOGUE, "sz-training-voucher-2024", SHENZHEN, message, TODAY)
    (subsidy,) = cost_pack([], [voucher], SHENZHEN, named_purchases(message)).client
    assert subsidy.ratio == 0.5  # recognition is unpublished: never counted at 60%
    assert "60%" in subsidy.arithmetic.zh and "确认" in subsidy.arithmetic.zh
    plain = judged(
        CATALOGUE, "sz-training-voucher-2024", SHENZHEN, "深圳一家公司，租算力训练模型，合同300万", TODAY
    )
    (subsidy,) = cost_pack([], [plain], SHENZHEN, named_purchases("租算力训练模型，合同300万")).client
    assert "60%" not in subsidy.arithmetic.zh  # a firm that does not say it is one hears no tier


def test_a_central_and_a_city_loan_interest_subsidy_are_not_said_to_exclude_each_other():
    """review13 r13-09: "不能重复申领" was said of the central 1.5-point and 苏州's loan interest subsidies; §5 bars a
    double claim at the same level only, so the answer says the sources are silent and to confirm."""
    from app.advisor.engine.spend_notes import same_spend_twice
    from app.catalogue.taxonomy import SpendKind

    suzhou = CompanyProfile(province="江苏", city="苏州", employees=120, industry="C")
    message = "苏州的机械厂，贷款300万买智能化设备，贴息能拿多少"
    programs = [
        judged(CATALOGUE, p, suzhou, message, TODAY)
        for p in ("cn-equipment-renewal-loan-subsidy-2026", "su-smart-manufacturing-loan-interest-2021")
    ]
    (line,) = same_spend_twice(programs, {SpendKind.ai_equipment, SpendKind.digital_transformation}, "zh")
    assert "不同层级" in line and "向两个发文单位确认" in line
    assert "只能在其中一项申领" not in line and "同一笔贷款的利息" in line
