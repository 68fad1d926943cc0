"""Every figure an owner writes keeps its role (issues #11, #12; review14 r14-24/25): a contract, a budget, a floor
the spend clears, a revenue. Read through the profile extractor as the advisor reads a message, and through the
profile merge as a later turn is read.

A floor ("每年肯定超过5万") beside or after a contract never becomes the contract's figure: the client would be told
"5万元 × 最高50% = 最多2.5万元" on a 60万 contract. An explicit budget wins over an approximate figure with no budget
word, "总共5000块" is a budget, and a contract with a provider is a purchase bought where the provider is.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 30))


def _bought(profile: CompanyProfile) -> list[tuple[SpendKind, float | None, bool]]:
    return [(p.kind, p.amount_cny, p.at_least) for p in profile.purchases]


@pytest.mark.parametrize(
    "message",
    [
        "我们是杭州一家做跨境电商的，租了GPU做商品图生成，年合同60万，每年算力支出肯定超过5万",
        "我哋喺廣州租GPU做模型訓練，份合約一年六十萬，每年算力使費梗係多過五萬啦",
        "We rent GPU compute under a RMB 600k annual contract; our compute spend is well over 50k a year.",
        "租算力一年超过5万没问题，合同签的是一年60万",
    ],
)
def test_a_floor_beside_a_contract_is_neither_a_second_purchase_nor_the_budget(extractor, message):
    profile = extractor.extract(message)
    assert _bought(profile) == [(SpendKind.compute, 600000.0, False)]
    assert profile.budget_cny is None


@pytest.mark.parametrize(
    ("message", "kind", "amount"),
    [
        ("我们在南京租算力做推理，每年算力支出至少20万", SpendKind.compute, 200000.0),
        ("We spend at least RMB 100k a year renting GPUs in Chengdu.", SpendKind.compute, 100000.0),
        ("数据标注外包一年起码30万", SpendKind.data_labeling, 300000.0),
    ],
)
def test_a_floor_alone_is_the_purchase_at_least_that_much(extractor, message, kind, amount):
    profile = extractor.extract(message)
    assert _bought(profile) == [(kind, amount, True)]
    assert profile.budget_cny is None


def test_a_later_floor_keeps_the_contract_and_a_later_exact_figure_replaces_it(extractor):
    contract = extractor.extract("租GPU训练模型，年合同60万")
    floor = extractor.extract("算力支出每年肯定超过5万")
    after_floor = contract.merged_with(floor)
    assert _bought(after_floor) == [(SpendKind.compute, 600000.0, False)]  # r14-24: not 5万
    corrected = after_floor.merged_with(extractor.extract("说错了，算力合同其实是一年80万"))
    assert _bought(corrected) == [(SpendKind.compute, 800000.0, False)]
    # a floor first, the contract after: the contract's figure wins
    signed = floor.merged_with(extractor.extract("算力合同刚签了，一年35万"))
    assert _bought(signed) == [(SpendKind.compute, 350000.0, False)]


@pytest.mark.parametrize(
    ("message", "budget", "revenue"),
    [
        ("We're a Suzhou packaging plant doing about RMB 6 million a year. Budget RMB 30k.", 30000, 6e6),
        ("Roughly 8 million yuan a year in turnover, budget around 50k, 30 people.", 50000, 8e6),
        (
            "About 12 million a year, 80 workers; we can spend up to 100k on predictive maintenance.",
            100000,
            None,
        ),
        ("我哋一年生意額大概八百萬，預算得兩萬人民幣，喺深圳做餐飲", 20000, 8e6),
        ("一年大概六百万的流水，预算三万，开了两家火锅店", 30000, 6e6),
        ("Our café chain does around RMB 3 million in sales a year; all-in budget is 20k.", 20000, 3e6),
    ],
)
def test_an_explicit_budget_wins_over_an_approximate_figure_and_takings_are_revenue(
    extractor, message, budget, revenue
):
    profile = extractor.extract(message)
    assert profile.budget_cny == budget
    assert profile.annual_revenue_cny == revenue


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("总共5000块，开花店的，4个人，想用AI写朋友圈", 5000),
        ("5,000 RMB total for the whole thing - a Kunming flower shop.", 5000),
        ("我们小店一共就八千块钱能用在这上面，想弄个会员系统", 8000),
        ("We have RMB 20k in total to put into AI; a 10-person accounting firm.", 20000),
        (
            "Monthly rent is 30k, annual sales about 5 million yuan, and we can put 20k into an AI tool.",
            20000,
        ),
    ],
)
def test_the_whole_sum_the_client_has_is_the_budget_not_a_quote(extractor, message, budget):
    profile = extractor.extract(message)
    assert profile.budget_cny == budget
    assert profile.purchases == []


@pytest.mark.parametrize(
    ("message", "where", "amount"),
    [
        ("我们是兰州的AI公司，跟庆阳集群的服务商签了合同租算力，一年60万", "庆阳", 600000.0),
        (
            "We're a model startup in Xi'an and signed an RMB 500k contract with a provider in the Qingyang cluster.",
            "庆阳",
            500000.0,
        ),
        ("我們跟貴州一家算力服務商簽了一年四十萬的合約，公司在重慶", "贵州", 400000.0),
        (
            "We signed with a Jinan data-centre provider for GPU rental, RMB 200k a year; a logistics firm in Weihai.",
            "济南",
            200000.0,
        ),
    ],
)
def test_a_contract_with_a_provider_is_a_purchase_bought_where_the_provider_is(
    extractor, message, where, amount
):
    profile = extractor.extract(message)
    assert [(p.kind, p.amount_cny, p.where) for p in profile.purchases] == [
        (SpendKind.compute, amount, where)
    ]
    assert profile.budget_cny is None
    assert profile.city != where  # the provider's place is not the company's


def test_a_monthly_fee_with_a_spoken_tail_is_twelve_of_it(extractor):
    profile = extractor.extract("每个月API调用费大概1万5，另外预算还有5万，年营收两千万，60人")
    assert _bought(profile) == [(SpendKind.model_service, 180000.0, False)]
    assert (profile.budget_cny, profile.annual_revenue_cny) == (50000, 2e7)


@pytest.mark.parametrize(
    ("message", "revenue"),
    [
        ("年营收不低于5000万，员工超过300人，做汽配的，预算20万", 5e7),
        (
            "We're a Hefei software firm, revenue north of 30 million yuan; we need at least 200k of GPU time.",
            3e7,
        ),
        ("We turn over RMB 20 million, have 60 staff, and the budget for new tools is 50k.", 2e7),
    ],
)
def test_a_revenue_said_as_a_floor_or_as_turnover_is_revenue_never_a_purchase(extractor, message, revenue):
    profile = extractor.extract(message)
    assert profile.annual_revenue_cny == revenue
    assert all(p.amount_cny != revenue for p in profile.purchases)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("准备贷款1000万搞智能化改造，贴息怎么算，我们是苏州吴江的纺织厂", 1e7),  # review15 r15-08
        ("打算向銀行貸款八百萬做數字化改造，貼息點計？", 8e6),
    ],
)
def test_a_loan_for_a_retrofit_is_that_project_bought_at_the_loan(extractor, message, amount):
    profile = extractor.extract(message)
    assert [(p.kind, p.amount_cny, p.loan) for p in profile.purchases] == [
        (SpendKind.digital_transformation, amount, True)
    ]
    assert profile.budget_cny is None


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("投资不能超过3万，这是老板定的。我们是做宠物用品电商的", 30000),
        ("一年花在这上面不想超过两万，昆山花桥的跨境物流公司", 20000),
        ("成本别超过5千，我们在洛阳开了个花店", 5000),
    ],
)
def test_a_negated_bound_is_a_ceiling_the_budget_not_a_floor(extractor, message, budget):
    assert extractor.extract(message).budget_cny == budget


def test_a_revenue_in_another_currency_is_no_yuan_revenue_not_even_one_yuan(extractor):
    profile = extractor.extract("我們在台中開餐廳，一年營收大約兩千萬台幣，20個員工")
    assert profile.annual_revenue_cny is None
