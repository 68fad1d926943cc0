"""A pack a consultant can sign (issues #11, #12; review4 §2): every item answers a stated need, each stated
need with a solution gets one in the order stated, a need no solution answers is said to be unanswered, and
a budget flags what does not fit instead of swapping in something unrelated.

Properties over generated needs, rankings and budgets (pack_choice.py), then the same invariants through the
real advisor over the shared index, for generated owners (industries x pains x budgets) and a budget cut.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.advisor.engine.need_parts import NeedPart
from app.advisor.engine.pack_choice import SolutionPick, choose_pack
from app.advisor.service import AdvisorService
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
IDS = [s.id for s in CATALOGUE.solutions]
BY_ID = {s.id: s for s in CATALOGUE.solutions}
EXAMPLES = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def situations(draw: st.DrawFn) -> tuple[list[SolutionPick], list[NeedPart], float | None]:
    """A ranking of fitting solutions and the stated needs: each names some solutions or none (unserved)."""
    ranked_ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=12, unique=True))
    scores = draw(st.lists(st.floats(0.05, 2.0), min_size=len(ranked_ids), max_size=len(ranked_ids)))
    ranked = [
        SolutionPick(BY_ID[i], round(s, 3), named=draw(st.booleans()), for_industry=draw(st.booleans()))
        for i, s in zip(ranked_ids, scores, strict=True)
    ]
    ranked.sort(key=lambda p: -p.score)
    needs = []
    for n in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 4)) == 0:
            needs.append(NeedPart(f"need{n}", unserved=True))
        else:
            named = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True))
            needs.append(NeedPart(f"need{n}", tuple(named), sure=draw(st.booleans())))
    budget = draw(st.none() | st.floats(500, 500_000))
    return ranked, needs, budget


def _named_by(needs: list[NeedPart]) -> set[str]:
    return {a for n in needs for a in n.answers}


def _unserved(needs: list[NeedPart]) -> set[str]:
    return {n.text for n in needs if n.unserved}


def _answers(pick: SolutionPick, needs: list[NeedPart]) -> bool:
    """The pick is a solution a need names, or a variant of the same kind (same category) of one."""
    named = _named_by(needs)
    return pick.solution.id in named or pick.solution.category in {BY_ID[a].category for a in named}


@given(situations())
@EXAMPLES
def test_every_item_answers_a_stated_need_and_every_unanswered_need_is_named(situation) -> None:
    ranked, needs, budget = situation
    choice = choose_pack(ranked, budget, needs=needs)
    # One need: the ranking of the whole message leads unless the need surely names a fitting solution.
    ranked_ids = {p.solution.id for p in ranked}
    one_need = sum(not n.unserved for n in needs) <= 1
    for need in needs:
        if one_need and need.sure and ranked_ids & set(need.answers) and choice.picks:
            assert _answers(choice.picks[0], needs) or choice.picks[0].named
    if not one_need:
        assert all(_answers(p, needs) or p.named for p in choice.picks)
    # Every need the catalogue cannot answer is said so, in the order stated; so is every need nothing the
    # owner said names a pick for (never dropped silently, never given an unnamed nearest product).
    assert [n.text for n in needs if n.unserved] == [t for t in choice.unanswered if t in _unserved(needs)]
    for need in needs:
        if not need.unserved:
            # one need: the ranking's lead when the owner's words name it; several: each need's own
            named = one_need or not need.answers
            answered = any(_answers(p, [need]) or (named and p.named) for p in choice.picks)
            assert answered or need.text in choice.unanswered
    if one_need and choice.picks:  # the lead is named by the owner's words or by the need itself
        served = [n for n in needs if not n.unserved]
        assert choice.picks[0].named or not served or _answers(choice.picks[0], served)
    if all(n.unserved for n in needs):
        assert choice.picks == []
    in_ranking = [n for n in needs if {p.solution.id for p in ranked} & set(n.answers)]
    if in_ranking:  # some need names a fitting solution: the pack is not empty
        assert choice.picks
    assert len({p.solution.id for p in choice.picks}) == len(choice.picks)


WORDS = ["ordering", "订货", "客服", "大模", "回复"]


@st.composite
def leaning_needs(draw: st.DrawFn) -> tuple[list[SolutionPick], NeedPart, float | None]:
    """One need whose nearest examples lean to a kind of job without naming a tool (`kinds`), or name tools, over a
    ranking whose picks share the owner's words (`said`), some made for the client's business: the situation in
    which "we keep over-ordering pastries" lost its whole pack (a bakery's forecasting tool, named like the
    QR-ordering one by 'ordering', was the variant kept and then rejected)."""
    ranked_ids = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=10, unique=True))
    ranked = []
    for sid in ranked_ids:
        said = frozenset(draw(st.lists(st.sampled_from(WORDS), max_size=2)))
        worded = bool(said) and draw(st.booleans())
        ranked.append(
            SolutionPick(
                BY_ID[sid],
                round(draw(st.floats(0.05, 1.5)), 3),
                named=worded or draw(st.booleans()),
                worded=worded,
                said=said,
                for_industry=draw(st.booleans()),
                for_business=draw(st.booleans()),
            )
        )
    ranked.sort(key=lambda p: -p.score)
    if draw(st.booleans()):
        answers = tuple(draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True)))
        need = NeedPart("need", answers, sure=draw(st.booleans()))
    else:
        kinds = frozenset({BY_ID[draw(st.sampled_from(ranked_ids))].category})
        need = NeedPart("need", kinds=kinds)
    return ranked, need, draw(st.none() | st.floats(500, 500_000))


@given(leaning_needs())
@EXAMPLES
def test_a_named_need_with_a_fitting_catalogue_tool_never_gets_an_empty_pack(situation) -> None:
    ranked, need, budget = situation
    best = max(p.score for p in ranked)
    fitting = {p.solution.id for p in ranked} & set(need.answers) or [
        p for p in ranked if p.solution.category in need.kinds and p.score >= 0.5 * best
    ]
    choice = choose_pack(ranked, budget, needs=[need])
    if fitting:
        assert choice.picks, (need, [(p.solution.id, p.score, p.said) for p in ranked])
        assert need.text not in choice.unanswered


@given(situations())
@EXAMPLES
def test_the_pack_fits_the_budget_or_is_flagged_over_it(situation) -> None:
    ranked, needs, budget = situation
    choice = choose_pack(ranked, budget, needs=needs)
    if budget is None or not choice.picks:
        return
    upper = sum(p.solution.cost.first_year_cny.max for p in choice.picks)
    lower = sum(p.solution.cost.first_year_cny.min for p in choice.picks)
    if (
        upper > budget + 0.01
    ):  # the answer says so: a basic tier that fits, or over budget even at the low end
        assert choice.basic_tier or not choice.fits_budget
        assert choice.gap > 0
        assert choice.fits_budget == (lower <= budget + 0.01) or len(choice.picks) == 1


@given(situations(), st.floats(0.05, 0.95))
@EXAMPLES
def test_a_budget_cut_never_adds_an_item_unrelated_to_the_needs(situation, cut: float) -> None:
    ranked, needs, budget = situation
    before = choose_pack(ranked, budget or 100_000, needs=needs)
    after = choose_pack(ranked, (budget or 100_000) * cut, needs=needs)
    kept = {p.solution.category for p in before.picks}
    # nothing of a kind the needs did not call for: a cut keeps the needs' own solutions or their variants
    assert all(_answers(p, needs) or p.solution.category in kept or p.named for p in after.picks)
    assert len(after.picks) <= max(1, len(before.picks))


# ----------------------------------------------------------------- through the real advisor
# (pain said as an owner says it, the solutions that answer it)
PAINS = [
    (
        "客服回复不过来，顾客等急了就走",
        {"ecommerce-cs-bot", "ai-phone-booking-reception", "chat-customer-reply-bot"},
    ),
    ("员工排班老是排不好", {"store-shift-scheduling", "factory-aps-scheduling", "school-course-scheduling"}),
    ("想用AI做短视频文案", {"short-video-script-gen", "product-image-copy-gen"}),
    ("发票录入太费人", {"invoice-ocr-bookkeeping", "bookkeeping-firm-ai", "logistics-waybill-ocr"}),
    ("设备老是突然坏", {"vibration-predictive-maintenance", "equipment-repair-knowledge-assistant"}),
    ("产品质检全靠人眼", {"visual-defect-inspection-edge"}),
    ("电费太高想节能", {"energy-monitoring-peak-shaving", "store-hotel-smart-energy"}),
]
UNSERVED = ["想用AI做花型设计", "想用AI出装修效果图"]
BUSINESSES = ["杭州一家做五金的工厂，80人", "成都的连锁奶茶店，5家店40人", "苏州一家电商公司，30人"]
BUDGETS = [8000, 30000, 200000]


def _owners(count: int, seed: int = 7) -> list[tuple[str, list[str], int]]:
    """Generated owners: a business, two pains (or one pain and one need no solution answers), a budget."""
    rng = random.Random(seed)
    pairs = list(itertools.combinations(range(len(PAINS)), 2))
    owners = []
    for n in range(count):
        i, j = rng.choice(pairs)
        second = PAINS[j][0] if n % 3 else rng.choice(UNSERVED)
        owners.append((rng.choice(BUSINESSES), [PAINS[i][0], second], rng.choice(BUDGETS)))
    return owners


def _acceptable(pains: list[str]) -> set[str]:
    return {sid for text, ids in PAINS if text in pains for sid in ids}


@pytest.mark.parametrize(("business", "pains", "budget"), _owners(6))
def test_generated_owners_get_a_pack_for_their_needs_within_or_flagged_over_budget(
    advisor: AdvisorService, business: str, pains: list[str], budget: int
) -> None:
    session = f"owner-{abs(hash((business, *pains, budget)))}"
    response = advisor.ask(f"{business}，{pains[0]}，另外{pains[1]}，预算{budget}元", session_id=session)
    ids = [s.id for s in response.solutions]
    assert set(ids) <= _acceptable(pains), (ids, pains)  # nothing unrelated; a need may go unanswered
    assert "还没说要买什么" not in response.answer
    upper = sum(s.first_year_cost_cny.max for s in response.solutions)
    assert upper <= budget or "超出预算" in response.answer
    if pains[1] in UNSERVED:  # said plainly, not filled with the nearest unrelated product
        assert "没有针对" in response.answer
    # a budget cut keeps to the needs: nothing unrelated comes in (a cheaper variant of the same kind may)
    cut = advisor.ask(f"不好意思，预算其实只有{budget // 4}元", session_id=session)
    kinds = {BY_ID[i].category for i in _acceptable(pains)}
    assert {BY_ID[s.id].category for s in cut.solutions} <= kinds


def test_a_need_no_solution_answers_is_said_plainly_and_a_budget_cut_keeps_it_so(advisor: AdvisorService):
    # review4 c47/c48: 花型设计 got a BI dashboard, then after the cut an over-budget defect camera.
    first = advisor.ask(
        "我们是苏州吴江的丝绸厂，60人，营收5000万，想用AI做花型设计，预算两三万", session_id="silk"
    )
    assert first.solutions == [] and "没有针对“花型设计”" in first.answer
    cut = advisor.ask("不好意思，预算其实只有八千块", session_id="silk")
    assert cut.solutions == [] and "没有针对“花型设计”" in cut.answer


def test_a_funding_question_that_states_a_need_gets_the_pack(advisor: AdvisorService):
    # review4 c05/c16: "您还没说要买什么" to an owner who had just said what they want.
    response = advisor.ask(
        "上海松江的注塑厂，200人，营收2亿，想上AI视觉质检，预算20万左右，有哪些补贴可以叠加？"
    )
    assert [s.id for s in response.solutions] == ["visual-defect-inspection-edge"]
    assert "还没说要买什么" not in response.answer


def test_english_catalogue_words_match_whole_words_and_their_plurals():
    from app.advisor.engine.need_words import says

    assert says("gpu", "we need to rent gpus to fine-tune a model")  # the scenario that lost its pack
    assert says("invoice", "scanning invoices by hand")
    assert not says("pos", "we write posts every day")
    assert not says("bi", "the waste bin is full")


# review5 findings 4-6: the tool answers the pain said, a word shared with another job names nothing, and
# every stated need is answered or said to be unanswered.
@pytest.mark.parametrize(
    ("message", "wanted", "unwanted"),
    [
        # a budget never swaps the short-video tool for another content tool that shares one word (文案)
        (
            "杭州一家卖茶叶的夫妻店，预算只有2000块，想用AI写抖音短视频文案",
            {"short-video-script-gen"},
            {"product-image-copy-gen"},
        ),
        # 机器人 of a welding robot is not a chatbot's
        (
            "潍坊一家农机厂，150人，打算贷款买几台焊接机器人，设备更新贴息还有吗",
            set(),
            {"ecommerce-cs-bot", "ai-phone-booking-reception"},
        ),
        # 会员营销 is the retention tool's job, not the kitchen camera's (the trade's prior)
        (
            "成都一家火锅店，20个人，想用AI做会员营销，预算2万",
            {"wechat-private-domain-assistant"},
            {"kitchen-hygiene-ai-camera"},
        ),
    ],
)
def test_the_pack_answers_the_pain_said_not_a_shared_word_or_the_trade(
    advisor: AdvisorService, message: str, wanted: set[str], unwanted: set[str]
) -> None:
    ids = {s.id for s in advisor.ask(message).solutions}
    assert wanted <= ids and not ids & unwanted, ids


def test_a_need_nothing_names_is_said_unanswered_and_a_second_need_is_never_dropped(advisor: AdvisorService):
    translation = advisor.ask("西安一家做翻译的小公司，5个人，想用AI提高笔译效率，预算1万")
    assert translation.solutions == [] and "没有针对" in translation.answer
    # review5 c12: the mould-upkeep need was dropped silently beside the quotation one
    two = advisor.ask(
        "我们是东莞做注塑模具的，70人，一是想让AI预测模具什么时候该保养，二是想用AI做生产排程，预算20万"
    )
    assert [s.id for s in two.solutions] == ["vibration-predictive-maintenance", "factory-aps-scheduling"]


def test_another_needs_pick_is_no_cheaper_variant_of_this_needs_pick() -> None:
    # Found by the budget-cut property on a fresh clone (session 15): with two needs of one kind of job
    # (greenhouse climate, pest traps), the larger budget swapped the greenhouse pick for the pest need's own
    # pick, folding two needs into one purchase, while the smaller budget kept both.
    ids = [
        "ecommerce-cs-bot",
        "greenhouse-climate-control",
        "livestock-health-monitoring",
        "pest-monitoring-trap",
    ]
    pest = "pest-monitoring-trap"
    ranked = [SolutionPick(BY_ID[i], 1.0, named=i == pest, for_industry=i == pest) for i in ids]
    needs = [
        NeedPart("need0", ("product-image-copy-gen", "greenhouse-climate-control")),
        NeedPart("need1", (pest,)),
    ]
    for budget in (100_000, 12_500):
        picked = [p.solution.id for p in choose_pack(ranked, budget, needs=needs).picks]
        assert picked == ["greenhouse-climate-control", pest], (budget, picked)


# ----------------------------------------------------------------- every need part answered or said unanswered
# review15 r15-23: "仓库管理乱、排产靠人工" got the scheduling tool and no word on the warehouse. Generated two-need
# messages (a trade's two pains, said as owners say them): each pain gets one of its tools in the pack, or the answer
# says plainly that the catalogue has nothing for it.
TRADE_PAINS = {
    "温州一家做开关柜的工厂，80人": [
        ("仓库管理乱", {"warehouse-slotting-optimization"}),
        ("排产靠人工", {"factory-aps-scheduling"}),
        ("设备老是突然停机", {"vibration-predictive-maintenance", "equipment-repair-knowledge-assistant"}),
        ("产品质检全靠人眼", {"visual-defect-inspection-edge"}),
    ],
    "我们在拼多多上卖家居用品，6个人": [
        ("晚上买家的咨询堆着没人回", {"ecommerce-cs-bot", "chat-customer-reply-bot"}),
        ("货老是进多了压在仓库", {"retail-demand-forecast"}),
        ("商品详情页文案写不过来", {"product-image-copy-gen"}),
    ],
    "杭州一家社区诊所，5个医生": [
        ("医生写病历太花时间", {"medical-record-structuring"}),
        ("病人候诊要等很久", {"clinic-pre-consultation"}),
    ],
}


def _two_need_messages(count: int, seed: int = 18) -> list[tuple[str, list[tuple[str, set[str]]]]]:
    rng = random.Random(seed)
    messages = []
    for _ in range(count):
        business = rng.choice(sorted(TRADE_PAINS))
        messages.append((business, rng.sample(TRADE_PAINS[business], 2)))
    return messages


@pytest.mark.parametrize(("business", "pains"), _two_need_messages(5))
def test_every_need_part_of_a_two_need_message_gets_a_tool_or_a_no_tool_sentence(
    advisor: AdvisorService, business: str, pains: list[tuple[str, set[str]]]
) -> None:
    response = advisor.ask(f"{business}，{pains[0][0]}，另外{pains[1][0]}，预算20万元")
    ids = {s.id for s in response.solutions}
    for pain, tools in pains:
        assert ids & tools or ("没有针对" in response.answer and pain in response.answer), (pain, sorted(ids))


# ----------------------------------------------------------------- every conjunct is a part (s20 brief)
# "需要大量标注数据和算力训练", "order forecasting and production scheduling": a need said as two conjuncts lost one. Generated
# messages join two of a trade's jobs with each connector owners use (和/及/以及/、/同埋, and/plus/as well as): each job
# gets one of its tools, or the answer says plainly the catalogue has nothing for it.
JOINS_ZH = ["和", "及", "以及", "、", "同埋"]
JOBS_ZH = [
    ("能耗监测", {"energy-monitoring-peak-shaving"}),
    ("生产排产", {"factory-aps-scheduling"}),
    ("外观质检", {"visual-defect-inspection-edge"}),
    ("设备预测性维护", {"vibration-predictive-maintenance"}),
]
JOINS_EN = [" and ", " plus ", " as well as "]
JOBS_EN = [
    ("energy monitoring", {"energy-monitoring-peak-shaving"}),
    ("production scheduling", {"factory-aps-scheduling"}),
    ("visual quality inspection", {"visual-defect-inspection-edge"}),
    ("predictive maintenance", {"vibration-predictive-maintenance"}),
]


def _joined_jobs(count: int, seed: int = 20) -> list[tuple[str, list[tuple[str, set[str]]]]]:
    rng = random.Random(seed)
    messages = []
    for n in range(count):
        if n % 2:
            (a, b), join = rng.sample(JOBS_EN, 2), rng.choice(JOINS_EN)
            text = f"We run a 60-person furniture factory in Dongguan and want AI for {a[0]}{join}{b[0]}."
        else:
            (a, b), join = rng.sample(JOBS_ZH, 2), rng.choice(JOINS_ZH)
            text = f"佛山一家家具厂，60人，想用AI做{a[0]}{join}{b[0]}"
        messages.append((text, [a, b]))
    return messages


@pytest.mark.parametrize(("message", "jobs"), _joined_jobs(6))
def test_every_conjunct_of_a_need_gets_a_tool_or_a_no_tool_sentence(
    advisor: AdvisorService, message: str, jobs: list[tuple[str, set[str]]]
) -> None:
    response = advisor.ask(message)
    ids = {s.id for s in response.solutions}
    unanswered = ("没有针对", "no solution in our catalogue")
    for job, tools in jobs:
        said = (
            any(w in response.answer.lower() for w in unanswered) and job.lower() in response.answer.lower()
        )
        assert ids & tools or said, (message, job, sorted(ids))
