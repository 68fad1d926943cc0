"""A client's figure prices a catalogue solution only when its kind and scope are that solution's (session 14).

review11 r11-20: "贷款800万买智能织机和视觉验布设备" was shown as the edge box "首年约800万元"; r11-55: an 800k training
compute rental was labelled "Custom fine-tuning of small industry models"; r11-28: an API buyer was sold a
fine-tuning service beside the API. The client's own lines keep their own names and amounts.
"""

from __future__ import annotations

from app.advisor.engine.pack_choice import choose_pack
from app.advisor.engine.pack_contracts import with_client_contracts
from app.advisor.engine.pack_picks import PackChoice, SolutionPick
from app.advisor.engine.purchases import Purchase, client_items, is_that_solution, pack_purchases
from app.advisor.understand.purchases import StatedPurchase
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
SOLUTIONS = {s.id: s for s in CATALOGUE.solutions}


def _contract(kind: SpendKind, amount: float, said: str = "") -> Purchase:
    return Purchase("您提到的", "the one you named", kind, AmountRange(min=amount, max=amount), said=said)


def test_looms_bought_on_a_loan_are_the_clients_own_line_not_the_edge_box_priced_at_them():
    said = "准备向银行贷款800万买智能织机和视觉验布设备"
    (line,) = client_items([StatedPurchase(kind=SpendKind.ai_equipment, amount_cny=8_000_000, said=said)])
    assert line.name_zh == "您的设备采购（贷款）"  # named by what is bought, the loan said
    edge = SOLUTIONS["visual-defect-inspection-edge"]
    assert not is_that_solution(line, edge)
    (items,), unplaced = pack_purchases([edge], [line])
    assert [p.first_year.max for p in unplaced] == [8_000_000]
    # The edge box, where a need asks for it, keeps its own hardware at our range: the looms are not its camera.
    assert any(p.kind is SpendKind.ai_equipment and p.catalogue is None for p in items)


def test_an_equipment_contract_far_beyond_the_kit_is_no_kit_but_a_kit_sized_one_is():
    edge = SOLUTIONS["visual-defect-inspection-edge"]
    assert not is_that_solution(_contract(SpendKind.ai_equipment, 3_500_000, "买新设备"), edge)
    assert is_that_solution(_contract(SpendKind.ai_equipment, 80_000, "买了一套AI视觉检测设备"), edge)


def test_a_compute_rental_is_the_rental_never_the_fine_tuning_service_built_around_compute():
    compute = _contract(SpendKind.compute, 800_000, "we rent compute for model training")
    assert is_that_solution(compute, SOLUTIONS["gpu-rental-finetuning"])
    assert not is_that_solution(compute, SOLUTIONS["industry-small-model-finetune"])
    service = SolutionPick(SOLUTIONS["industry-small-model-finetune"], 0.6, said=frozenset({"训练"}))
    rental = SolutionPick(SOLUTIONS["gpu-rental-finetuning"], 0.4)
    choice = with_client_contracts(PackChoice([service]), [compute], lambda: [service, rental])
    assert [p.solution.id for p in choice.picks] == ["gpu-rental-finetuning"]


def test_an_api_contract_is_the_api_and_no_other_model_service_joins_it():
    api = _contract(SpendKind.model_service, 50_000, "用的是已经备案的大模型api服务")
    assert is_that_solution(api, SOLUTIONS["llm-api-access"])
    assert not is_that_solution(api, SOLUTIONS["industry-small-model-finetune"])
    appliance = SolutionPick(SOLUTIONS["private-llm-appliance"], 0.5, said=frozenset({"大模型"}))
    kb = SolutionPick(SOLUTIONS["internal-kb-qa-assistant"], 0.6, said=frozenset({"问答"}))
    access = SolutionPick(SOLUTIONS["llm-api-access"], 1.0)
    choice = with_client_contracts(
        PackChoice([appliance, kb]),
        [api],
        lambda: [access, kb, appliance],
        problem="用大模型做客服和说明书问答",
    )
    assert {p.solution.id for p in choice.picks} == {"llm-api-access", "internal-kb-qa-assistant"}


def test_of_two_tools_that_answer_two_needs_the_better_ranked_one_is_chosen():
    from app.advisor.engine.need_parts import NeedPart

    tune = SolutionPick(SOLUTIONS["industry-small-model-finetune"], 0.33, need_matches=1)
    access = SolutionPick(SOLUTIONS["llm-api-access"], 1.0, need_matches=3)
    kb = SolutionPick(SOLUTIONS["internal-kb-qa-assistant"], 0.65, need_matches=2)
    needs = [
        NeedPart("用大模型做售后客服", ("industry-small-model-finetune", "llm-api-access")),
        NeedPart("产品手册问答", ("internal-kb-qa-assistant",)),
        NeedPart("用的是已经备案的大模型api服务", ("llm-api-access", "industry-small-model-finetune")),
    ]
    choice = choose_pack([access, kb, tune], None, 3, needs)
    assert [p.solution.id for p in choice.picks] == ["llm-api-access", "internal-kb-qa-assistant"]


def test_the_advisor_shows_the_loan_financed_looms_as_the_clients_line(advisor):
    response = advisor.ask(
        "无锡一家纺织厂，150人，准备向银行贷款800万买智能织机和视觉验布设备，设备更新贷款贴息现在还有吗？"
    )
    assert "您的设备采购（贷款） — 首年800万元" in response.answer
    assert all(s.first_year_cost_cny.max < 8_000_000 for s in response.solutions)
    assert (
        "目录中没有针对" not in response.answer
    )  # the looms are the client's contract, not an unanswered need


def test_a_spending_limit_said_as_a_clause_is_the_budget_not_a_need():
    from app.advisor.engine.need_items import need_items

    items = need_items("明年要租GPU微调自己的质检模型，总投入想控制在50万内", lambda clause: True)
    assert items == ["明年要租gpu微调自己的质检模型"]  # review12 r12-01: no scheduling tool for "控制在…内"
