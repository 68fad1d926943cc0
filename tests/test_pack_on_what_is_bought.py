"""The pack stands on what the client buys and asked for (session 15; review11 r11-28, review12 r12-23, r12-43).

A thing the client says it buys without an amount ("买的是通义千问的API") chooses the pack's solution of its kind,
priced at the catalogue range; a software contract for a system the business runs on (a cloud ERP, a MES) is the
client's own line under its own name, never the catalogued tool one word of its clause names; a purchase alone
is a pack, never "what does your business do" first.
"""

from __future__ import annotations

from app.advisor.engine.contract_scope import names_system_of_record
from app.advisor.engine.need_items import need_items
from app.advisor.engine.pack_contracts import with_client_contracts
from app.advisor.engine.pack_picks import PackChoice, SolutionPick
from app.advisor.engine.purchases import Purchase, chosen_items, client_items, is_that_solution
from app.advisor.understand.purchases import StatedPurchase
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
SOLUTIONS = {s.id: s for s in CATALOGUE.solutions}


def _pick(solution_id: str, *said: str) -> SolutionPick:
    return SolutionPick(SOLUTIONS[solution_id], 0.5, said=frozenset(said), named=bool(said))


def test_an_api_named_without_an_amount_chooses_the_api_not_an_appliance_and_is_never_costed():
    stated = [StatedPurchase(kind=SpendKind.model_service, said="买的是已备案的大模型api服务")]
    assert client_items(stated) == []  # no figure: nothing to cost as the client's own line
    [api_bought] = chosen_items(stated)
    assert api_bought.unpriced
    appliance, kb, api = (
        _pick("private-llm-appliance", "大模型"),
        _pick("internal-kb-qa-assistant", "说明书问答"),
        _pick("llm-api-access"),
    )
    choice = with_client_contracts(
        PackChoice([appliance, kb]), [api_bought], lambda: [appliance, kb, api], problem="想做说明书问答"
    )
    assert [p.solution.id for p in choice.picks] == ["internal-kb-qa-assistant", "llm-api-access"]


def test_a_cloud_erp_is_the_clients_own_line_under_its_name_not_the_forecasting_tool():
    said = "想把进销存搬到云上用云erp,一年大概3万"
    stated = [StatedPurchase(kind=SpendKind.software, amount_cny=30_000, said=said)]
    [erp] = client_items(stated, lambda _: frozenset({"retail-demand-forecast"}))
    assert "ERP" in erp.name_zh and "ERP" in erp.name_en
    assert not is_that_solution(erp, SOLUTIONS["retail-demand-forecast"])
    # an AI tool's own subscription still is that tool
    ordering = Purchase(
        "您提到的软件",
        "the software you named",
        SpendKind.software,
        AmountRange(min=20_000, max=20_000),
        names=frozenset({"restaurant-ordering-menu-analytics"}),
        said="一套ai点餐saas一年2万",
    )
    assert is_that_solution(ordering, SOLUTIONS["restaurant-ordering-menu-analytics"])
    assert names_system_of_record(SpendKind.cloud_service, "准备上一套云mes管生产报工")
    assert not names_system_of_record(SpendKind.software, "想上一套ai客服系统")
    assert not names_system_of_record(SpendKind.software, "我们的oauth登录")


def test_an_english_wish_after_a_purchase_is_a_need_of_its_own():
    items = need_items(
        "we pay for a large-model api and want staff to search our internal manuals", lambda _: True
    )
    assert any("search our internal manuals" in i and "api" not in i for i in items)


def test_the_advisor_prices_an_api_bought_without_an_amount_beside_the_manual_qa(advisor):
    response = advisor.ask(
        "深圳宝安一家做电子秤的工厂，100人，营收6000万，想用大模型做客服和说明书问答，买的是已备案的大模型API服务"
    )
    ids = [s.id for s in response.solutions]
    assert "llm-api-access" in ids and "internal-kb-qa-assistant" in ids
    assert "private-llm-appliance" not in ids
    assert all(s.solution_id != "private-llm-appliance" for s in response.subsidies)


def test_the_advisor_keeps_a_cloud_erp_as_the_clients_line(advisor):
    response = advisor.ask(
        "贵阳一家连锁餐饮，6家店，想把进销存搬到云上用云ERP，一年大概3万，贵州的上云券能补吗？"
    )
    assert "零售门店销量预测" not in response.answer
    assert "（ERP） — 首年3万元" in response.answer


def test_a_purchase_alone_is_a_pack_not_a_question_about_the_business(advisor):
    response = advisor.ask(
        "Our Shanghai startup (18 staff) wants to buy a licensed industry corpus from the Shanghai Data Exchange. "
        "Is there a corpus voucher?"
    )
    assert "Recommended AI enablement pack:" in response.answer
    assert "datasets and corpora you named" in response.answer
    assert "CNY 0." not in response.answer


def test_a_wechat_tool_is_no_pick_for_a_taiwan_shop_but_is_for_a_mainland_one():
    from app.advisor.engine.solution_fit import fits as _fits
    from app.advisor.understand.profile import CompanyProfile

    wechat = SOLUTIONS["wechat-private-domain-assistant"]
    assert _fits(wechat, CompanyProfile(province="台湾", city="台北", industry="F")) == (False, "platform")
    assert _fits(wechat, CompanyProfile(province="广东", city="广州", industry="F"))[0]
    assert _fits(SOLUTIONS["crm-ai-lead-scoring"], CompanyProfile(province="台湾", city="台北"))[0]


def test_the_advisor_says_the_catalogue_holds_no_erp_and_answers_the_asked_voucher(advisor):
    response = advisor.ask("贵阳一家连锁药店，40人，想上云ERP，预算3万，贵州上云券能用吗？")
    assert response.solutions == []  # never GPU inference hosting for an ERP wish (review13 r13-24)
    assert "目录中没有针对" in response.answer and "erp" in response.answer.lower()
    assert "贵州云使用券" in response.answer


def test_a_need_a_picked_tool_answers_is_not_said_to_be_unaddressed(advisor):
    response = advisor.ask(
        "Cold-storage firm in Zhengzhou, 60 staff. Our cold rooms drift out of temperature. "
        "We want automatic alerts, budget under 20k yuan."
    )
    assert [s.id for s in response.solutions] == ["cold-storage-equipment-alert"]
    assert "No solution in our catalogue addresses" not in response.answer


def test_a_budget_in_another_currency_hears_the_basic_tier_and_that_the_upper_end_may_exceed_it():
    from app.advisor.compose.budget import budget_lines

    choice = PackChoice([_pick("short-video-script-gen"), _pick("ecommerce-cs-bot")])
    lines = budget_lines(choice, None, "en", "MOP 20,000", fixed=10_000)
    text = " ".join(lines)
    low = 10_000 + sum(p.solution.cost.first_year_cny.min for p in choice.picks)
    high = 10_000 + sum(p.solution.cost.first_year_cny.max for p in choice.picks)
    assert "MOP 20,000" in text and "basic tier" in text and "may exceed your budget" in text
    assert f"CNY {low:,.0f}" in text and f"CNY {high:,.0f}" in text  # the client's own contract counted once
