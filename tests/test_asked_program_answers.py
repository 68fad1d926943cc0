"""The question asked, about the programs the client named (issue #11, review15 r15-11/15/27/42).

- "语料券怎么算" with the client's own contract is a funding question about that program: its verdict and the
  arithmetic on the figure, never a dump of policy quotes; a reprint's cut sentence ("最高30……（转载页在此处截断）")
  is never quoted.
- A corpus bought with no seller named leaves "non-affiliated seller" to confirm; an outside vendor meets it.
- "the model-use subsidy" names the model-use programs, so a stacking question is about that pair.
- An English name the sources lack ("the Yangtze River Delta compute pass", a Beijing "AI Pioneer Fund") is said
  to be missing; "以下只列…" is said only with something under it; a date the lead gave is not said again.
"""

from __future__ import annotations

import pytest

from app.advisor.answering.funding import _said_in
from app.advisor.compose import canned
from app.advisor.compose.policy import _sentences
from app.advisor.engine.claims import titled_programs_not_in_sources
from app.advisor.engine.conditions import Status
from app.advisor.engine.seller_conditions import outside_seller
from app.advisor.engine.voucher_mentions import voucher_kinds
from app.advisor.understand.program_question import for_the_client
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.components.vector_store import CollectionName
from app.services.search_results import SearchHit
from app.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


@pytest.mark.parametrize(
    "message",
    [
        "上海徐汇做教育大模型的公司，采购语料合同200万，语料券怎么算",
        "苏州做智能驾驶的，采购数据集合同500万，数据集补贴按多少算",
        "Our Shanghai startup is buying 800k yuan of corpus. How is the corpus voucher calculated?",
    ],
)
def test_how_it_is_worked_out_with_own_figure_is_the_clients_funding_question(message: str) -> None:
    assert for_the_client(message, names_program=True, facts=True, own_figures=True)


def test_what_a_solution_costs_is_not_a_funding_amount_question() -> None:
    assert not for_the_client("我们的AI客服费用怎么算？", names_program=False, facts=True)


def test_a_reprints_cut_sentence_is_never_quoted() -> None:
    text = (
        "2.扩大人工智能大模型应用。发放3亿元模型券,给予核定合同额最高50%、最高500万元补贴。\n\n"
        "3.支持采购高质量语料。发放1亿元语料券,对购买非关联方的语料的主体,给予核定合同额最高30……（转载页在此处截断）\n\n"
        "上海市人民政府意大利文门户的官方摘要对第3条的表述："
    )
    hit = SearchHit("sh.txt", "c1", "上海措施", text, 0.9, CollectionName.policies)
    quoted = _sentences(hit)
    assert any("最高50%" in s for s in quoted)
    assert not any("截断" in s or "最高30" in s for s in quoted)


@pytest.mark.parametrize(
    ("said", "status"),
    [
        ("上海闵行的公司，向第三方数据商买了150万的语料", Status.met),
        ("We bought 800k yuan of corpus from an outside data vendor.", Status.met),
        ("语料是从集团的子公司买的，合同200万", Status.unmet),
        ("采购语料合同200万，语料券怎么算", Status.unknown),
    ],
)
def test_who_sold_the_corpus_settles_the_non_affiliated_condition(said: str, status: Status) -> None:
    assert outside_seller(said).status is status


def test_the_model_use_subsidy_is_named_by_what_it_pays_for() -> None:
    kinds = voucher_kinds("can it stack with the model-use subsidy?", english=True)
    assert any("使用模型补贴" in kin for kin in kinds)


@pytest.mark.parametrize(
    ("question", "claimed"),
    [
        (
            "Can our Suzhou firm use the Yangtze River Delta compute pass?",
            ["Yangtze River Delta compute pass"],
        ),
        ("A friend said Beijing has an AI Pioneer Fund that pays 200k to every firm.", ["AI Pioneer Fund"]),
        ("Can the Shenzhen Model Voucher pay for it?", []),
        ("Is the Technology Voucher Programme open to an SME?", []),
        ("Can it stack with the Chengdu model-use subsidy?", []),
    ],
)
def test_an_english_name_the_sources_lack_is_claimed(
    question: str, claimed: list[str], catalogue: Catalogue
) -> None:
    assert titled_programs_not_in_sources(question, catalogue) == claimed


def test_the_lead_in_is_said_only_with_something_under_it() -> None:
    alone = canned.unknown_programs(["小微企业AI普惠券"], "zh", more=False)
    assert "不在我的资料中" in alone and "以下只列" not in alone
    assert "以下只列" in canned.unknown_programs(["小微企业AI普惠券"], "zh")
    assert "Below is only" not in canned.unknown_programs(["AI Pioneer Fund"], "en", more=False)


def test_a_date_the_lead_gave_is_not_said_again() -> None:
    lead = ["广东省算力券：待确认（须确认：所在地市须已发布申报通知）；截止2027-12-31（还剩398天）。"]
    assert _said_in("广东省算力券：有效期至2027-12-31。", lead)
    assert not _said_in("东莞市算力券：有效期至2027-12-31。", lead)
    assert not _said_in("广东省算力券：有效期至2026-06-30。", lead)
