"""The client's own contract is what their pack costs (advice_rules.md §2, §5, §6; review5 findings 2, 3, 8).

Session 8 (issue #11): a contract the client names replaces the catalogue's item of that kind in the cost
line, the first-year total, the budget check, the net and the JSON contract; a selection-only program gets no
figure computed on the client's spend and the opening line does not call it "none"; a loan interest subsidy
is not listed when no loan is raised; "the amounts above" is not said where there are none.
"""

from __future__ import annotations

from app.advisor.engine.purchases import Purchase, pack_purchases, solution_purchases
from app.advisor.engine.spend_notes import same_spend_twice
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange
from app.catalogue.taxonomy import FundingType, SpendKind
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


def _gpu_contract(amount: float) -> Purchase:
    return Purchase(
        "您提到的智能算力租用",
        "the compute rental you named",
        SpendKind.compute,
        AmountRange(min=amount, max=amount),
    )


def test_a_named_contract_takes_the_place_of_the_pack_item_of_its_kind_once():
    gpu = next(s for s in CATALOGUE.solutions if s.id == "gpu-rental-finetuning")
    (first, second), unplaced = pack_purchases([gpu, gpu], [_gpu_contract(400_000)])
    assert [p.first_year.max for p in first if p.kind is SpendKind.compute] == [400_000]
    assert first[0].catalogue == solution_purchases(gpu)[0].first_year  # our range kept as a reference only
    assert all(p.kind is not SpendKind.compute for p in second)  # the same spend is not counted twice
    assert unplaced == []


def test_a_contract_of_a_kind_the_pack_does_not_buy_stays_the_clients_own():
    api = next(s for s in CATALOGUE.solutions if s.id == "llm-api-access")
    (items,), unplaced = pack_purchases([api], [_gpu_contract(300_000)])
    assert all(p.catalogue is None for p in items) and [p.first_year.max for p in unplaced] == [300_000]


def test_the_headline_cost_and_the_json_are_the_clients_contract_not_our_range(advisor):
    response = advisor.ask(
        "余杭一家15人的直播电商公司，准备签一份一年45万的GPU租用合同训练模型，杭州算力券能拿多少？"
    )
    gpu = next(s for s in response.solutions if s.id == "gpu-rental-finetuning")
    assert (gpu.first_year_cost_cny.min, gpu.first_year_cost_cny.max) == (450_000, 450_000)
    summary = response.answer.splitlines()
    assert any("首年投入 45万元" in line or ("首年净投入 " in line and "45万" in line) for line in summary)
    assert "本方案首年净投入约45万元" in response.answer or "扣除补贴后" in response.answer
    assert "目录参考价" in response.answer  # the catalogue range only as a reference
    assert "首年投入 1.2" not in response.answer


def test_a_contract_over_the_budget_is_said_to_disagree_with_it_not_cut_to_a_basic_tier(advisor):
    response = advisor.ask(
        "苏州一家做视觉检测的公司，30人，今年AI总预算30万，准备签一份一年40万的GPU租用合同训练模型，有什么补贴？"
    )
    assert "超出您的预算30万元约10万元" in response.answer
    assert "选基础档" not in response.answer


def test_no_basic_tier_is_offered_when_the_clients_own_contracts_already_exceed_the_budget(advisor):
    # review8 end (A2, B2): "选基础档可控制在预算内" beside a fixed 20万 contract and a 3.6万 budget, and "即使都选基础档
    # 合计也约2.44万元，超出预算" against 10万 while an 80万 dataset contract stood outside the sum.
    advisor.ask(
        "我们是杭州一家30人的跨境电商公司，年营收5000万，客服回复慢，大促接不过来，预算每月3000。",
        session_id="a",
    )
    contract = advisor.ask("那如果我们自己租算力微调一个客服模型，合同20万呢？", session_id="a")
    assert "选基础档" not in contract.answer
    advisor.ask("客户在苏州，一家90人的精密机械厂，设备老坏、突然停机，预算10万。", session_id="b")
    dataset = advisor.ask(
        "那他们要是买数据集来训练故障预测模型，数据集合同80万，苏州有补贴吗？", session_id="b"
    )
    assert "在预算内" not in dataset.answer and "选基础档可控制在预算内" not in dataset.answer
    if "都选基础档" in dataset.answer:  # the basic-tier sum counts the client's 80万 contract
        assert "即使都选基础档合计也约8" in dataset.answer


def test_a_selection_only_award_gets_no_figure_and_the_opening_does_not_say_none(advisor):
    response = advisor.ask(
        "我是广州海珠区一家30人的公司，自己做行业大模型，想申请海珠区那个大模型应用示范项目奖励，能拿多少？"
    )
    opening = response.answer.split("\n\n")[0]
    assert "须申报并经评审入选才有" in opening and "按30%补贴" not in opening
    assert "暂无能用于本方案" not in response.answer
    assert not [s for s in response.subsidies if s.program_id == "gz-haizhu-ai-demo-award-2024"]


def test_a_competitive_grant_computes_nothing_on_the_clients_contract(advisor):
    response = advisor.ask(
        "深圳宝安一家120人的电子厂，签了35万的AI视觉质检项目合同，深圳的行业应用资助能补多少？"
    )
    assert "× 最高30%" not in response.answer and "10.5万" not in response.answer
    assert "入选" in response.answer


def test_naming_the_city_is_not_taking_a_loan(advisor):
    def loans(response) -> list[str]:
        return [
            f.name
            for f in response.funding
            if f.listed and CATALOGUE.program(f.id).type is FundingType.loan_interest_subsidy
        ]

    quiet = advisor.ask("苏州吴江一家500人的纺织厂，年营收5亿，想买一套AI验布设备，苏州有补贴吗？")
    assert loans(quiet) == []
    raised = advisor.ask("苏州吴江一家500人的纺织厂，年营收5亿，想贷款买一套AI验布设备，有贴息吗？")
    assert loans(raised) and all(name in raised.answer for name in loans(raised))


def test_the_same_spend_note_mentions_amounts_only_when_some_are_shown():
    from datetime import date

    from app.advisor.engine.eligibility import assess
    from app.advisor.understand.profile import CompanyProfile

    wuhan = CompanyProfile(province="湖北", city="武汉", employees=1, industry="R")
    client = [_gpu_contract(180_000)]
    programs = [
        assess(program, wuhan, date(2026, 11, 28), client, "每月租GPU")
        for program in CATALOGUE.funding
        if program.id in ("wh-compute-voucher-2025", "wh-opc-compute-voucher-2026")
    ]
    (bare,) = same_spend_twice(programs, {SpendKind.compute}, "zh")
    assert "同一笔支出只能在其中一项申领" in bare and "金额" not in bare
    (costed,) = same_spend_twice(programs, {SpendKind.compute}, "zh", {"wh-opc-compute-voucher-2026"})
    assert "所列金额只按其中一项计算" in costed


def test_an_entry_naming_a_project_file_is_flagged_before_it_reaches_a_client():
    from app.catalogue.lint import check_internal_names, lint_funding

    program = CATALOGUE.program("cn-sme-dx-pilot-city-2023")
    assert program is not None
    leaked = program.model_copy(
        update={
            "eligibility": program.eligibility.model_copy(
                update={"requirements": ["各城市条目见funding_cities.yaml"]}
            )
        }
    )
    assert check_internal_names(leaked) and not check_internal_names(program)
    assert not [p for p in lint_funding(CATALOGUE.funding) if p.rule == "internal_name"]


def test_a_cost_question_that_asks_which_programs_apply_hears_the_verdicts(advisor):
    response = advisor.ask(
        "Brief: 28-person CNC machining shop in Dongguan, budget RMB 150k, wants AI visual inspection of parts. "
        "Which subsidy programs apply, and what's the net cost?"
    )
    assert "Funding programs:" in response.answer and "first year" in response.answer


def test_a_program_named_while_the_business_is_still_asked_for_gets_its_verdict_now(advisor):
    response = advisor.ask(
        "广州海珠区一家20人的营销策划公司，想报海珠区的大模型应用示范项目奖励，能拿到多少钱？"
    )
    assert "海珠区人工智能大模型应用示范项目奖励：需遴选" in response.answer


def test_an_overseas_model_called_through_its_api_is_no_filed_model(advisor):
    response = advisor.ask(
        "深圳龙华一家12人的跨境电商，每个月调用海外大模型的接口大约7000块，深圳有什么补贴能申请？"
    )
    verdicts = {f.id: f.verdict for f in response.funding}
    assert verdicts.get("sz-model-voucher-2024") == "ineligible"
    assert [(p.kind, p.amount_cny) for p in response.profile.purchases] == [("model_service", 84_000)]


def test_a_macau_firm_is_not_sent_to_a_mainland_bureau(advisor):
    response = advisor.ask("澳門一間10個人嘅葡國餐廳，想用AI處理訂位同外賣訂單，有冇資助可以攞？")
    assert "經信局" not in response.answer and "经信局" not in response.answer


def test_a_guarantee_asked_in_cantonese_or_for_an_investor_report_is_a_request_for_certainty():
    from app.advisor.understand.certainty import asks_for_certainty

    assert asks_for_certainty("訓力券你講實，係咪一定畀足100萬？")
    assert asks_for_certainty(
        "We need it in writing for our investor report: will the voucher pay us 2 million?"
    )


def test_an_amount_hoped_for_is_not_a_second_purchase():
    from app.advisor.understand.purchases import stated_purchases
    from app.text.normalize import normalize

    (gpu,) = stated_purchases(normalize("一年租GPU 200万，训力券一定畀足100万？"))
    assert gpu.amount_cny == 2_000_000
    (contract,) = stated_purchases(
        normalize("Will the voucher pay us 2 million on our 5 million GPU contract?")
    )
    assert contract.amount_cny == 5_000_000
