"""A contract the client names stands in the pack as what it is (session 11; review8 r8-16, r8-18, B2/B3).

It replaces a pack solution only when it is that solution's purchase: the solution mainly buys its kind and
the kind is bought as such (compute, labelling, a dataset, equipment…), or the client's words name the solution.
Otherwise it is its own line at the client's figure, and nothing is built around it.
"""

from __future__ import annotations

from app.advisor.engine.pack_contracts import with_client_contracts
from app.advisor.engine.pack_picks import PackChoice, SolutionPick
from app.advisor.engine.purchases import Purchase, pack_purchases
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
SOLUTIONS = {s.id: s for s in CATALOGUE.solutions}


def _contract(kind: SpendKind, amount: float, names: frozenset[str] = frozenset()) -> Purchase:
    return Purchase("您提到的", "the one you named", kind, AmountRange(min=amount, max=amount), names=names)


def test_a_labelling_contract_is_not_shown_as_the_edge_box_hardware():
    edge = SOLUTIONS["visual-defect-inspection-edge"]
    (items,), unplaced = pack_purchases([edge], [_contract(SpendKind.data_labeling, 500_000)])
    assert [p.first_year.max for p in unplaced] == [500_000]  # its own line, at the client's figure
    assert any(p.kind is SpendKind.ai_equipment for p in items)  # the box keeps its hardware
    assert all(p.kind is not SpendKind.data_labeling for p in items)  # its labelling is that contract


def test_a_cloud_erp_is_not_the_demand_forecast_tool_but_a_saas_the_words_name_is():
    forecast = SOLUTIONS["retail-demand-forecast"]
    (items,), unplaced = pack_purchases([forecast], [_contract(SpendKind.software, 60_000)])
    assert [p.first_year.max for p in unplaced] == [60_000]
    assert all(p.catalogue is None for p in items)  # the forecast tool costs our range, beside the ERP
    ordering = SOLUTIONS["restaurant-ordering-menu-analytics"]
    named = _contract(SpendKind.software, 20_000, frozenset({ordering.id}))
    (items,), unplaced = pack_purchases([ordering], [named])
    assert [p.first_year.max for p in items] == [20_000] and unplaced == []


def test_a_dataset_bought_brings_no_solution_around_it():
    ranked = [
        SolutionPick(SOLUTIONS[i], 0.5) for i in ("industry-small-model-finetune", "gpu-rental-finetuning")
    ]
    choice = with_client_contracts(
        PackChoice([]), [_contract(SpendKind.data_corpus, 600_000)], lambda: ranked
    )
    assert choice.picks == []


def test_a_compute_contract_brings_the_rental_and_later_never_repeats_a_pick():
    gpu = SolutionPick(SOLUTIONS["gpu-rental-finetuning"], 0.5)
    choice = PackChoice([], later=gpu)
    choice = with_client_contracts(choice, [_contract(SpendKind.compute, 250_000)], lambda: [gpu])
    assert [p.solution.id for p in choice.picks] == ["gpu-rental-finetuning"] and choice.later is None


def test_the_advisor_keeps_a_named_erp_as_its_own_line(advisor):
    response = advisor.ask("贵阳一家30人的建材批发公司，刚签了一套云ERP，一年6万，另外想做个销量预测")
    assert all(s.first_year_cost_cny.min < 60_000 for s in response.solutions)  # folded into nothing
    assert "6万元（按您说的金额计）" in response.answer
