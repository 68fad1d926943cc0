"""What the client buys is what they said (issue #11; review7 "new problems": a bundled fine-tuning service
swallowed a client's own compute contract and added catalogue extras; "您还没说要买什么" to a client who named
the machine; "您提到要采购软件" to a software firm that named none).

Session 10: the client's words become purchase items in one place (kind, amount, who does the work), a
catalogue solution buying the kind the client priced is replaced by their contract, and every "您提到…"
sentence quotes words the client said.
"""

from __future__ import annotations

from app.advisor.engine.buyer_conditions import purchase
from app.advisor.engine.conditions import Status
from app.advisor.engine.purchases import Purchase, pack_purchases
from app.advisor.understand.plans import planned_kinds, said_purchases
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize, normalize_cased

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


def _contract(kind: SpendKind, amount: float) -> Purchase:
    return Purchase("您提到的", "you named", kind, AmountRange(min=amount, max=amount), stated=True)


def test_a_compute_contract_is_no_fine_tuning_service_and_its_compute_is_not_counted_twice():
    service = next(s for s in CATALOGUE.solutions if s.id == "industry-small-model-finetune")
    (items,), unplaced = pack_purchases([service], [_contract(SpendKind.compute, 200_000)])
    # The 20万 compute is the client's own line, named by what it is (r11-55: not "定制微调服务" at 20万); the
    # service's own compute item is that same spend, not bought twice (the pack itself takes the GPU rental in the
    # service's place: test_contract_scope).
    assert [(p.kind, p.first_year.max) for p in unplaced] == [(SpendKind.compute, 200_000)]
    assert all(p.kind is not SpendKind.compute for p in items)


def test_the_trade_the_client_works_in_and_work_they_do_themselves_are_not_purchases():
    rents = "深圳南山一家30人的AI初创公司，做软件开发，打算租GPU做行业大模型微调，合同大概80万"
    assert planned_kinds(normalize_cased(rents)) == {SpendKind.compute}
    assert planned_kinds(normalize_cased("那如果我们再租点算力自己微调模型，合同20万呢？")) == {
        SpendKind.compute
    }
    english = "Our engineers fine-tune an open-source model themselves on rented GPUs"
    assert planned_kinds(normalize_cased(english)) == {SpendKind.compute}


def test_work_the_client_has_someone_else_do_is_a_purchase():
    assert SpendKind.data_labeling in planned_kinds(normalize_cased("想请人做数据标注来训练质检模型"))
    hired = "自己没有技术人员，想找服务商给我们做一个行业小模型微调"
    assert SpendKind.model_service in planned_kinds(normalize_cased(hired))


def test_a_program_paying_for_what_the_client_named_quotes_their_words_never_says_they_named_nothing():
    program = CATALOGUE.program("dg-compute-voucher-2025")
    assert program is not None
    said = normalize_cased("东莞一家手机配件厂，租外地的算力，东莞算力券也能补吗？")
    condition = purchase(program, None, said)
    assert condition is not None and condition.status is Status.unknown
    assert "租外地的算力" in condition.reason.zh and "还没说要买什么" not in condition.reason.zh
    assert [p.words for p in said_purchases(said)] == ["租外地的算力"]


def test_a_machine_bought_on_a_loan_is_a_purchase_at_its_price_and_the_loan_is_not_a_second_one():
    bought = stated_purchases(normalize("苏州一家五金厂，准备向银行贷款买一台200万的智能检测设备"))
    assert [(p.kind, p.amount_cny) for p in bought] == [(SpendKind.ai_equipment, 2_000_000)]
    split = stated_purchases(normalize("买一台300万的智能分拣设备，其中200万走银行设备更新贷款"))
    assert [p.amount_cny for p in split] == [3_000_000]
    borrowed = stated_purchases(normalize("温州一家鞋厂准备贷款500万买智能裁断设备，有没有贴息？"))
    assert [(p.kind, p.amount_cny) for p in borrowed] == [(SpendKind.ai_equipment, 5_000_000)]
    assert stated_purchases(normalize("我们贷款300万，营收2000万")) == []  # a loan alone buys nothing


def test_amounts_written_as_on_a_contract_or_with_the_unit_inside_the_numeral_are_read():
    labelling = stated_purchases(normalize("委托第三方做图像标注，合同金额贰拾万元整"))
    assert [(p.kind, p.amount_cny) for p in labelling] == [(SpendKind.data_labeling, 200_000)]
    compute = stated_purchases(normalize("我哋自己做模型微調，租用算力合約大約六十萬"))
    assert [(p.kind, p.amount_cny) for p in compute] == [(SpendKind.compute, 600_000)]
    assert stated_purchases(normalize("标注六十万张图片要多少钱")) == []  # a count, not money
    counted = stated_purchases(normalize("请外包标注3万张缺陷图片来训练质检模型，标注合同40万"))
    assert [p.amount_cny for p in counted] == [400_000]


def test_a_loan_financed_machine_gets_the_interest_figure_on_its_price(advisor):
    response = advisor.ask(
        "苏州相城一家45人的机械加工厂，打算跟银行申请设备更新贷款，买一套150万的智能检测线，利息能补贴多少？"
    )
    assert "2.25万" in response.answer and "还没说要买什么" not in response.answer


def test_a_contract_no_solution_buys_is_still_in_the_pack_and_its_total(advisor):
    response = advisor.ask(
        "苏州一家40人的精密机械厂，想买一套设备故障数据集来训练预测模型，数据集合同60万，苏州有补贴吗？"
    )
    assert "60万元（按您说的金额计）" in response.answer
    headline = response.answer.splitlines()[0]
    assert "首年投入 6" in headline  # 60万 and whatever else the pack holds, never the other items alone
