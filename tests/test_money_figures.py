"""Money figures a consultant can sign (issue #11, review6 c01 c25 c26 c34): what an amount is, and the sums
said on the client's own figures.

- A project or fee the client names is a purchase, never the budget ("项目总投入120万", "评估审计费花了20万").
- A quote for the whole solution replaces all its catalogue items (no GPU server stacked on a 40万 quote).
- A selection program's published ceiling is said on the client's figure, never subtracted.
- A loan-interest subsidy is worked out on the client's loan (principal × points, at most the published years).
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.budget import find_budget
from app.advisor.understand.loans import stated_loan
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.taxonomy import SpendKind
from app.text.normalize import normalize


@pytest.mark.parametrize(
    ("message", "kind", "amount"),
    [
        (
            "天台县一家汽车配件厂，70人，做N+X数字化改造，项目总投入120万，能补多少",
            SpendKind.digital_transformation,
            1_200_000,
        ),
        (
            "台州天台一家刹车片厂，打算报N+X改造，整个项目预计投150万",
            SpendKind.digital_transformation,
            1_500_000,
        ),
        (
            "北京朝阳一家数据公司，数据资产入表金额80万，入表的评估审计费花了20万",
            SpendKind.data_asset,
            200_000,
        ),
    ],
)
def test_a_project_or_fee_the_client_names_is_a_purchase_not_the_budget(message, kind, amount):
    text = normalize(message)
    assert [(p.kind, p.amount_cny) for p in stated_purchases(text)] == [(kind, amount)]
    assert find_budget(text) is None  # neither the project nor the asset's 入表金额 is a budget


@pytest.mark.parametrize(
    "message", ["预算3万以内，想解决备货不准", "我们能投入20万做改造", "投入的话每年十万左右"]
)
def test_a_budget_said_with_a_spending_word_is_still_the_budget(message):
    assert find_budget(normalize(message)) is not None


def test_a_quote_for_the_whole_solution_is_not_topped_up_with_catalogue_items(advisor: AdvisorService):
    response = advisor.ask(
        "上海静安，我们15个人做HR SaaS，打算明年初签个合同私有化部署通义千问，报价40万，上海模型券能补多少？"
    )
    costs = [(s.first_year_cost_cny.min, s.first_year_cost_cny.max) for s in response.solutions]
    assert costs == [(400_000, 400_000)], costs  # not 46.4–83.6万 with a GPU server and maintenance added
    assert "20万元" in response.answer  # 40万 × 50%


def test_a_selection_program_says_its_published_ceiling_on_the_clients_figure(advisor: AdvisorService):
    response = advisor.ask("天台县一家汽车配件厂，70人，做N+X数字化改造，项目总投入120万，能补多少")
    assert "120万元 × 最高50% = 最多60万元，超过上限50万元" in response.answer
    assert "在预算120万元以内" not in response.answer
    assert not any(s.program_id == "tiantai-dx-nx-2024" and s.in_net_cost for s in response.subsidies)


@pytest.mark.parametrize(
    ("message", "loan"),
    [
        ("东莞一个五金厂，年底前要贷款300万买两条带AI视觉的冲压线", 3_000_000),
        ("佛山一家陶瓷厂，准备向银行贷800万更新窑炉", 8_000_000),
        ("We are taking a RMB 5 million bank loan to buy inspection equipment", 5_000_000),
        ("贷款期限2年", None),
    ],
)
def test_the_loan_a_client_takes_is_read(message, loan):
    assert stated_loan(normalize(message)) == loan


def test_an_interest_subsidy_is_worked_out_on_the_clients_loan(advisor: AdvisorService):
    response = advisor.ask(
        "我们是东莞一个五金厂，年底前要贷款300万买两条带AI视觉的冲压线，设备更新贴息还有吗？能省多少"
    )
    assert "300万元 × 1.5个百分点 = 每年约少付利息4.5万元，最长2年、合计最多约9万元" in response.answer
    assert "贴的是利息，不是设备价款" in response.answer


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("深圳一家40人的公司，要租GPU做行业大模型微调，合同80万", SpendKind.compute),
        ("We rent GPUs to fine-tune our model, contract RMB 500k", SpendKind.compute),
        ("找服务商做模型微调，合同30万", SpendKind.model_service),  # a fine-tuning service bought is one
    ],
)
def test_rented_compute_for_fine_tuning_is_compute(message, kind):
    assert [p.kind for p in stated_purchases(normalize(message))] == [kind]


def test_a_contract_the_client_names_is_in_the_pack_cost(advisor: AdvisorService):
    """review7 finding 3: a named 30万 compute contract was left out of the headline cost."""
    response = advisor.ask(
        "成都一家35人的食品厂，预算15万，想用AI做视觉质检，另外还要签一份30万的算力租赁合同训练模型，整体要投多少？"
    )
    assert sum(s.first_year_cost_cny.min for s in response.solutions) >= 300_000


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("We need a tool that reads supplier invoices, around 30k.", 30000),  # the sum beside the wish
        ("想弄个AI客服，大概3万左右", 30000),
        (
            "A 20-person firm, roughly 2 million in revenue, want AI for quotes",
            None,
        ),  # what the sum is, after it
        ("We lost about 40k on expired stock last year and want forecasting", None),  # a loss is no budget
    ],
)
def test_an_approximate_sum_beside_the_wish_is_the_budget(message: str, budget: float | None):
    """review8 blind7: "about 50k" said after the wish was not read as the budget."""
    assert find_budget(normalize(message)) == budget


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("襄阳做变速箱壳体的，工人120，主轴老出毛病，想做预测性维护，全年最多掏6万。", 60000),
        ("一年顶多掏两万块，能上个AI客服吗", 20000),
        ("老板说能掏3万出来试试", 30000),
        ("我们已经掏了50万买设备，想知道有没有补贴", None),  # money already paid for a purchase
    ],
)
def test_what_an_owner_can_fork_out_is_the_budget(message: str, budget: float | None):
    """掏 (to fork out) is how owners say what they can pay: a yearly ceiling the pack must fit (pack pk16-15)."""
    assert find_budget(normalize(message)) == budget
