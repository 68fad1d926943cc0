"""The owner's need in the catalogue's own words, and the budget rule on every path (issue #12, #11 c24).

Through the real advisor over the shared index: a pain point said in other words than the catalogue's
leads the pack with the solution that lists it, with nothing unrelated beside it; a budget said on its
own in English re-plans the pack; a cost question with a budget gets what the budget buys, or the gap.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.extraction import RuleExtractor
from app.catalogue.loader import load_catalogue
from tests.test_understanding import KNOWLEDGE

FINE_TUNING = {"industry-small-model-finetune", "gpu-rental-finetuning"}


@pytest.mark.parametrize(
    "message",
    [
        "长沙一家湘菜馆，20个服务员，中午点餐慢，客人排长队，预算1万",
        "我們餐廳午市點餐很慢，服務員不夠用，想找個工具",
        "Our noodle restaurant in Wuhan has 12 staff and ordering is slow at the lunch rush. Any AI for that?",
    ],
)
def test_slow_ordering_leads_with_the_ordering_solution(advisor: AdvisorService, message: str):
    response = advisor.ask(message)
    assert response.solutions[0].id == "restaurant-ordering-menu-analytics"


@pytest.mark.parametrize(
    "message",
    [
        "深圳一家做法律科技的公司，20人，想训练垂直模型，预算30万",
        # "训练一个…模型" once read as a one-person firm (练 of 教练), which ruled the fine-tuning service out by size
        "想拿我们自己的行业数据训练一个垂直领域的模型，有什么方案",
        "We want to train a vertical model on our own industry data; 15 people in Hangzhou, budget 200k",
    ],
)
def test_training_a_vertical_model_gets_fine_tuning_and_no_filler(advisor: AdvisorService, message: str):
    response = advisor.ask(message)
    ids = [s.id for s in response.solutions]
    assert ids and ids[0] in FINE_TUNING, ids
    assert not {"data-asset-inventory", "crm-ai-lead-scoring", "employee-ai-training-coach"} & set(ids), ids


def test_an_english_budget_on_its_own_turn_re_plans_the_pack(advisor: AdvisorService):
    advisor.ask("We run a 20-person restaurant in Hangzhou and food waste is our problem", session_id="b")
    response = advisor.ask("Around 50k RMB.", session_id="b")
    assert response.profile.budget_cny == 50000
    assert response.intent == "recommend_pack" and response.solutions
    assert sum(s.first_year_cost_cny.max for s in response.solutions) <= 50000


def test_a_cost_question_with_a_budget_follows_the_budget_rule(advisor: AdvisorService):
    response = advisor.ask(
        "We're a 40-person furniture factory in Foshan. Paint defects cost us about 150k a year. "
        "Budget 60k RMB. What AI should we start with?"
    )
    upper = sum(s.first_year_cost_cny.max for s in response.solutions)
    assert response.solutions
    assert upper <= 60000 or "over budget" in response.answer, (upper, response.answer)


def test_the_need_is_read_without_the_facts_stated_with_it():
    extractor = RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))
    one = extractor.need_text("苏州一家80人的五金厂，设备老坏，预算10万")
    other = extractor.need_text("80人的五金厂在苏州，设备老坏，能投10万块")
    for fact in ("苏州", "80", "10万", "预算", "能投"):
        assert fact not in one and fact not in other
    assert "五金厂" in one and "设备老坏" in other
    assert "五金厂" not in extractor.need_text("苏州一家80人的五金厂，设备老坏", keep_business=False)


@pytest.mark.parametrize(
    "message",
    [
        "深圳的奶茶店，6个人，想做个点单小程序，深圳的模型券能给报销吗",
        "上海的一家零售公司，12个人，想做个BI销售看板，上海的模型券能补吗？",
    ],
)
def test_a_program_named_in_the_question_is_no_need(advisor: AdvisorService, message: str):
    # "模型券" asks about funding: it must not put the model-API solution into a tea shop's pack.
    response = advisor.ask(message)
    assert "llm-api-access" not in [s.id for s in response.solutions]


@pytest.mark.parametrize(
    ("message", "program_words"),
    [
        ("深圳的奶茶店，6个人，想做个点单小程序，深圳的模型券能给报销吗", ("模型券", "模型")),
        ("我們是上海的花店，五個人，想做個會員小程序，上海的算力券能報銷嗎", ("算力券", "算力")),
        (
            "We run a tea shop in Shenzhen and want an ordering app; can the model voucher pay for it?",
            ("model",),
        ),
        ("Would the compute voucher reimburse a sales dashboard for our shop?", ("compute", "voucher")),
    ],
)
def test_need_text_holds_no_program_names_in_either_language(message: str, program_words: tuple[str, ...]):
    # Every consumer of the need text (solution ranking, catalogue words, the need bank) reads the need
    # without the programs asked about: "模型券" / "the model voucher" names funding, not a model API.
    extractor = RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))
    for keep_business in (True, False):
        need = extractor.need_text(message, keep_business=keep_business)
        assert not any(word in need for word in program_words), need
    assert (
        "小程序" in extractor.need_text(message)
        or "app" in extractor.need_text(message)
        or "dashboard" in (extractor.need_text(message))
    )


@pytest.mark.parametrize(
    "message",
    [
        "We run a 6-person tea shop in Shenzhen and want an ordering mini-program; can the model voucher pay for it?",
        "我們是深圳的奶茶店，六個人，想做個點單小程序，深圳的模型券能報銷嗎",
    ],
)
def test_a_program_named_in_either_language_puts_no_model_api_in_the_pack(
    advisor: AdvisorService, message: str
):
    ids = [s.id for s in advisor.ask(message).solutions]
    assert not {"llm-api-access", "industry-small-model-finetune"} & set(ids), ids


@pytest.mark.parametrize(
    ("message", "category"),
    [
        ("冲压车间那几台设备隔三差五出毛病，一停线就赶不上交货", "predictive_maintenance"),
        ("我們的冷凍庫半夜停了都沒人發現，早上一整庫的貨都壞了", "predictive_maintenance"),
        pytest.param(
            "Half our prepared dishes end up in the bin at closing time",
            "demand_forecasting",
            # English needs reach e5-small through the glossary's translation; this one's nearest examples
            # split five ways (measured: the bank abstains and scheduling leads). A known gap, kept visible.
            marks=pytest.mark.xfail(
                reason="English need with no shared words: the bank abstains", strict=False
            ),
        ),
        ("養殖場的魚一到悶熱的晚上就缺氧浮頭", "agriculture_monitoring"),
    ],
)
def test_a_need_in_words_the_catalogue_does_not_use_gets_its_pack(
    advisor: AdvisorService, message: str, category: str
):
    # No rule word and no catalogue word: the need bank's nearest examples read the need (recommend first).
    response = advisor.ask(message)
    assert response.intent == "recommend_pack"
    assert category in [s.category for s in response.solutions[:3]], [s.id for s in response.solutions]


@pytest.mark.xfail(
    reason="measured: the rules read '人工智能…干点啥' as a recommend request and the pack is shown",
    strict=False,
)
def test_wanting_ai_without_a_need_is_asked_about_not_packed(advisor: AdvisorService):
    response = advisor.ask("老板让我研究下人工智能，我们能用来干点啥")
    assert response.clarifying_questions and not response.solutions
