"""A condition the client denies is never met, whatever the script (session 19, held-out: "個模型冇喺國內備案"
came out ✅ with an "up to" amount for 深圳模型券).

One negation vocabulary (engine/client_clauses.py) reads Mandarin, Taiwan register, Cantonese and English denials
for every program's own condition (a filed model, a platform, a seller); a hedged denial leaves it to confirm, a
question settles nothing. A monthly figure the client annualises itself is one purchase, and a spend given only as
a floor is never shown as what a stacked pair gets.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.conditions import Status
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.stated_purchase import StatedPurchase
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from tests.helpers import judged, named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
SHENZHEN = CompanyProfile(province="广东", city="深圳", employees=20, industry="F")
HEFEI = CompanyProfile(province="安徽", city="合肥", employees=40, industry="I")
GUIYANG = CompanyProfile(province="贵州", city="贵阳", employees=60, industry="G")
XIAMEN = CompanyProfile(province="福建", city="厦门", employees=30, industry="I")
HANGZHOU = CompanyProfile(province="浙江", city="杭州", employees=40, industry="F")

# Each program's own condition, a purchase it pays for, and the condition said as "<before><NEG><after>".
PROGRAMS = {
    "sz-model-voucher-2024": (SHENZHEN, "买大模型API服务一年10万，", "个模型", "在国内备案"),
    "ah-compute-subsidy-2023": (HEFEI, "租GPU算力一年30万，", "啲算力", "经省级调度平台记录"),
    "gz-cloud-voucher": (GUIYANG, "上云ERP一年5万，", "啲云服务", "喺贵州指定的云平台买"),
}
# Denials as owners write them: Mandarin, Taiwan register (traditional), Cantonese.
DENIALS = ["没有", "冇", "還沒有", "尚未", "並未", "唔係"]


def _special(assessment: Assessment) -> list[Status]:
    return [c.status for c in assessment.conditions if c.name == "special"]


def _judged(program_id: str, profile: CompanyProfile, message: str) -> Assessment:
    return judged(CATALOGUE, program_id, profile, message, TODAY)


@pytest.mark.parametrize("program_id", PROGRAMS)
def test_the_condition_said_as_a_fact_is_met(program_id):
    profile, bought, subject, condition = PROGRAMS[program_id]
    assessment = _judged(program_id, profile, f"{bought}{subject}{condition}")
    assert Status.met in _special(assessment) and Status.unmet not in _special(assessment)


@pytest.mark.parametrize("denial", DENIALS)
@pytest.mark.parametrize("program_id", PROGRAMS)
def test_a_denied_condition_is_never_met_in_any_script(program_id, denial):
    """Every program's condition × every way of denying it: ❌ quoting the client, never ✅ (s19)."""
    profile, bought, subject, condition = PROGRAMS[program_id]
    assessment = _judged(program_id, profile, f"{bought}{subject}{denial}{condition}")
    assert assessment.verdict is Verdict.ineligible
    (reason,) = [
        c.reason.zh for c in assessment.conditions if c.name == "special" and c.status is Status.unmet
    ]
    assert "您说“" in reason


@pytest.mark.parametrize(
    "message",
    [
        "We buy a large-model API for 100k a year; the model hasn't been filed in China yet.",
        "We pay 100k a year for a model API, but the model is not filed with the CAC.",
        "买大模型API服务一年10万，ChatGPT没有备案",
        "买大模型API服务一年10万，未备案的模型",
        "买大模型API服务一年10万，备案还没办下来",
    ],
)
def test_an_unfiled_model_in_english_or_after_the_word_rules_the_model_voucher_out(message):
    assert _judged("sz-model-voucher-2024", SHENZHEN, message).verdict is Verdict.ineligible


@pytest.mark.parametrize(
    "message",
    [
        "接了个大模型API一年12万，模型好像还没备案吧，不太确定",
        "We buy a model API for 120k a year; I think the model isn't filed yet.",
    ],
)
def test_a_hedged_denial_is_to_confirm_not_ruled_out(message):
    assessment = _judged("sz-model-voucher-2024", SHENZHEN, message)
    assert assessment.verdict is Verdict.unknown
    assert _special(assessment) == [Status.unknown]


@pytest.mark.parametrize(
    "message",
    [
        "买大模型API服务一年10万，个模型有冇备案？",  # Cantonese asks with 有冇
        "买大模型API服务一年10万，模型要唔要备案",  # ...and with A-not-A
        "买大模型API服务一年10万，模型要不要备案？",
    ],
)
def test_a_question_about_the_condition_settles_nothing(message):
    assert _special(_judged("sz-model-voucher-2024", SHENZHEN, message)) == [Status.unknown]


@pytest.mark.parametrize(
    "message",
    [
        "虽然没人懂技术但调用的是通义API，一年10万",  # the denial is of the staff, before a contrast
        "我们没有用ChatGPT，用的是文心，API一年10万",  # a foreign model denied, a filed one used
        "每年大概8万，调用的是已备案的DeepSeek接口",  # a hedge on the amount is no hedge on the filing
    ],
)
def test_a_denial_of_something_else_leaves_a_filed_model_met(message):
    assessment = _judged("sz-model-voucher-2024", SHENZHEN, message)
    assert _special(assessment) == [Status.met]
    assert assessment.verdict is Verdict.eligible


def test_a_year_the_client_works_out_from_a_monthly_figure_is_one_purchase():
    """s19: "算力一个月3000块，一年也就3.6万" was two purchases (7.2万), cleared 厦门's 5万 minimum and listed the
    subsidy twice; it is one 3.6万 spend, below the minimum."""
    message = "厦门的软件公司，算力一个月3000块，一年也就3.6万，厦门的算力补贴能拿吗？"
    purchases = named_purchases(message)
    assert [(p.kind.value, p.first_year.max) for p in purchases] == [("compute", 36_000)]
    subsidy = _judged("xm-compute-subsidy-2024", XIAMEN, message)
    assert subsidy.verdict is Verdict.ineligible
    assert [c.status for c in subsidy.conditions if c.name == "threshold"] == [Status.unmet]


def test_a_monthly_figure_above_the_yearly_minimum_gives_one_subsidy_line():
    message = "GPU算力每月6000，一年算下来7万多，厦门算力补贴能补多少"
    program = _judged("xm-compute-subsidy-2024", XIAMEN, message)
    assert [c.status for c in program.conditions if c.name == "threshold"] == [Status.met]
    subsidies = cost_pack([], [program], XIAMEN, named_purchases(message)).client
    assert [(s.program_id, s.purchase.first_year.max) for s in subsidies] == [
        ("xm-compute-subsidy-2024", 72_000)
    ]


def test_a_floor_is_never_the_stacked_pairs_amount_nor_settles_an_at_most_rate():
    """s19: on "至少20万" the answer said "两项合计不超过60%即12万元" (a ceiling the client would pass) and used
    杭州's 50% rate, which holds only up to 50万 a year of contracts."""
    message = "每年算力支出至少20万，算力券和智能券叠加能补多少？"
    programs = [_judged(p, HANGZHOU, message) for p in ("hz-compute-voucher-2025", "hz-smart-voucher-2025")]
    (subsidy,) = cost_pack([], programs, HANGZHOU, named_purchases(message)).client
    line = subsidy.arithmetic.zh
    assert "即12万元" not in line and "两项合计最多" not in line
    assert "两项合计不超过60%，按实际金额计（仅按您说的下限20万元算为12万元" in line
    assert "适用特别条款" not in line and "您说的是下限（至少20万元），全年不超过50万元才适用" in line


CHENGDU = CompanyProfile(province="四川", city="成都", employees=30, industry="I")


@pytest.mark.parametrize(
    ("message", "where"),
    [
        ("找了成都本地一家服务商租GPU训练模型，一年40万", None),
        ("We rent GPU time from a provider in Chengdu for about 500k a year.", "成都"),
    ],
)
def test_a_provider_in_the_city_is_not_yet_one_of_the_centres_the_condition_names(message, where):
    """review17: 成都's 2023 voucher names two computing centres; "a provider in Chengdu" was judged met."""
    bought = [StatedPurchase(kind=SpendKind.compute, amount_cny=400_000, where=where)] if where else []
    profile = CHENGDU.model_copy(update={"purchases": bought})
    voucher = _judged("cd-compute-voucher-2023", profile, message)
    assert _special(voucher) == [Status.unknown] and voucher.verdict is not Verdict.eligible
    named = _judged("cd-compute-voucher-2023", profile, "在成都智算中心租算力训练模型，一年40万")
    assert _special(named) == [Status.met]
    elsewhere = [StatedPurchase(kind=SpendKind.compute, amount_cny=400_000, where="贵州")]
    away = _judged("cd-compute-voucher-2023", CHENGDU.model_copy(update={"purchases": elsewhere}), message)
    assert _special(away) == [Status.unmet]
