"""A program the client names that the catalogue does not hold is said to be absent, first (issue #11, §7).

Three ways owners name such a program, each missed before: a province's voucher where only its cities have one
("四川省的算力券" beside 成都's), an English place + kind ("the Guangzhou data voucher"), and an everyday word
the catalogue's own caveats say was looked for and not found ("小巨人的奖补", "the little giant award").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.engine.place_vouchers import place_vouchers_not_in_sources
from app.advisor.engine.unheld_names import unheld_names, unheld_programs_named
from app.advisor.service import AdvisorService
from app.advisor.understand.gazetteer import RegionGazetteer, regions
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


@pytest.fixture(scope="module")
def places() -> RegionGazetteer:
    return regions(Path(PROJECT_ROOT / "knowledge"))


def _never_known(name: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("message", "absent"),
    [
        # A province named alone is its own voucher: 成都's is a city's, inside Sichuan but not Sichuan's.
        ("成都算力券和四川省的算力券加起来最多能拿多少？", ["四川省算力券"]),
        ("浙江那边的智能券呢", ["浙江智能券"]),
        # Held: the province's own (广东, 山东), a municipality's (上海), Hong Kong's 科技券.
        ("广东的算力券能补多少", []),
        ("山东省算力券还能申请吗", []),
        ("上海的算力券怎么申请", []),
        ("香港科技券可以资助多少", []),
        ("Can we apply for the Guangzhou data voucher to buy labelled data?", ["Guangzhou data voucher"]),
        ("Is there a Chengdu corpus voucher we could use?", ["Chengdu corpus voucher"]),
        ("Zhejiang compute voucher: still open?", ["Zhejiang compute voucher"]),
        ("How much does the Hangzhou compute voucher pay?", []),
        ("Shenzhen's AI compute vouchers", []),
        ("the Hong Kong technology voucher", []),
        # The place names the client, not the voucher.
        ("We are in Guangzhou and want a data voucher", []),
        # A place a few words before the kind, the question only about that voucher (review12 held-out).
        ("南昌市的人工智能数据券能申请吗？", ["南昌数据券"]),
        ("长沙那边有没有大模型的算力券可以领？", ["长沙算力券"]),
        ("深圳龙岗区那边的AI算力券", ["龙岗区算力券"]),  # a district's own, not the city's 训力券
        ("杭州的人工智能算力券还能申请吗", []),
        ("南京市的AI算力券能申请吗", []),
        # The place after the kind, or owning it; a kind the catalogue has nowhere.
        ("Does Wuxi have a data voucher for small companies?", ["Wuxi data voucher"]),
        ("Any compute vouchers in Kunming? How much do they cover?", ["Kunming compute voucher"]),
        ("Is there an innovation voucher in Nanchang?", ["Nanchang innovation voucher"]),
        ("Is there a Nanchang data-voucher scheme?", ["Nanchang data voucher"]),
        ("Does Hangzhou have a compute voucher?", []),
        ("Can I use the compute voucher in Hangzhou for API calls?", []),
        ("Is there an SME voucher in Hangzhou?", []),
        # Hearsay that the place issued one: the words between say who issued it, never a name.
        ("郑州是不是也出了语料券？说是买训练数据能补三成", ["郑州语料券"]),
        ("听说武汉最近推出了一种模型券", ["武汉模型券"]),
        ("杭州是不是也出了算力券", []),
        (
            "I heard Nanjing launched a model voucher that covers 40% of LLM API bills.",
            ["Nanjing model voucher"],
        ),
        ("Apparently Hefei has rolled out a new model voucher", ["Hefei model voucher"]),
        ("I heard Shanghai launched a model voucher", []),
        ("Our firm launched a compute voucher scheme for clients", []),
    ],
)
def test_a_place_and_a_kind_no_program_carries_is_absent(
    message: str, absent: list[str], catalogue: Catalogue, places: RegionGazetteer
) -> None:
    assert place_vouchers_not_in_sources(message, catalogue, places, _never_known) == absent


def test_the_catalogues_not_found_caveats_give_everyday_names(catalogue: Catalogue) -> None:
    names = unheld_names(catalogue)
    asked = "中央财政给小巨人的奖补我们能拿多少？"
    assert unheld_programs_named(asked, names) == ["专精特新‘小巨人’奖补"]
    assert unheld_programs_named("How much is the central little giant award?", names)
    # The client's title is no question about the award.
    assert unheld_programs_named("我们是小巨人企业，想做设备联网", names) == []
    # A voucher a caveat names ("省算力券" of Henan) is left to the voucher checks: 山东省算力券 is held.
    assert all(not u.word.endswith("券") for u in names)


def test_a_province_voucher_not_held_is_said_first(advisor: AdvisorService) -> None:
    answer = advisor.ask(
        "成都一家软件公司，60人，租算力训练模型合同50万，成都算力券和四川省的算力券加起来最多能拿多少？"
    ).answer
    first = answer.split("\n")[0]
    assert "四川省算力券" in first and "不在我的资料中" in first
    assert "50万元 × 最高60% = 最多30万元" in answer  # 成都's own voucher is still computed


def test_the_little_giant_award_is_said_to_be_absent(advisor: AdvisorService) -> None:
    zh = advisor.ask("宁波一家汽车零部件厂，国家级专精特新小巨人，中央财政给小巨人的奖补能拿多少？").answer
    assert "小巨人" in zh.split("\n")[0] and "不在我的资料中" in zh.split("\n")[0]
    en = advisor.ask(
        "We're a Ningbo auto-parts maker, a national 'little giant' specialised SME. "
        "How much is the central government's little giant award?"
    ).answer
    assert "little giant" in en.split("\n")[0] and "is not in my sources" in en.split("\n")[0]


def test_an_english_voucher_of_a_place_without_one_is_said_to_be_absent(advisor: AdvisorService) -> None:
    answer = advisor.ask(
        "Guangzhou e-commerce firm, 30 staff. Can we apply for the Guangzhou data voucher to buy labelled data?"
    ).answer
    assert answer.startswith("“Guangzhou data voucher” is not in my sources")


def test_a_voucher_asked_about_alone_hears_what_the_sources_hold(advisor: AdvisorService) -> None:
    """No business described, only "is there one": not the generic "no reliable evidence" line, but what the
    sources hold of that kind and for that place, and whom to confirm with."""
    zh = advisor.ask("苏州的模型券怎么申请？").answer
    assert "“苏州模型券”不在我的资料中" in zh
    assert "上海市模型券" in zh and "苏州市中小企业数字化转型城市试点" in zh
    assert "没有找到足够可靠的依据" not in zh
    en = advisor.ask("Does Wuxi have a data voucher for small companies?").answer
    assert en.startswith("“Wuxi data voucher” is not in my sources")
    assert "no data voucher anywhere" in en and "Wuxi SME digital-transformation" in en
