"""Answer what was asked, headline first (issue #11, review13 r13-49/26/22, review12 r12-15).

- After "X is not in my sources" the rumour is no fact of the client's: its words are not quoted back as a
  purchase, and no program is listed that pays for nothing the client buys.
- "算力券是啥" / "what is a compute voucher" is answered with what the kind is, from the catalogue.
- The headline says "none certain, N to confirm" as one statement; the open-facts line asks only what is missing.
"""

from __future__ import annotations

import pytest

from app.advisor.compose.definitions import definition
from app.advisor.compose.wording import summary_line
from app.advisor.engine.asked_facts import size_part
from app.advisor.engine.rumours import rumour_clauses, without_rumours
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


def test_the_rumour_and_what_it_is_said_to_pay_are_set_apart() -> None:
    text = "郑州是不是也出了语料券？说是买训练数据能补三成，我们公司就在郑州，这个怎么弄"
    assert rumour_clauses(text, ["郑州语料券"]) == ["郑州是不是也出了语料券", "说是买训练数据能补三成"]
    rest = without_rumours(text, ["郑州语料券"])
    assert "我们公司就在郑州" in rest and "训练数据" not in rest
    english = (
        "I heard Nanjing launched a model voucher that covers 40% of LLM API bills. We're a SaaS startup."
    )
    assert "We're a SaaS startup" in without_rumours(english, ["Nanjing model voucher"])
    assert "API bills" not in without_rumours(english, ["Nanjing model voucher"])
    # The client's own plan after the rumour is kept: it is what a program may pay for.
    own = "听说上海出了个“AI应用普惠券”，每家补10万。我们今年打算花30万买大模型API调用"
    assert "打算花30万买大模型API调用" in without_rumours(own, ["AI应用普惠券"])


def test_after_not_in_my_sources_nothing_unrelated_is_listed(advisor: AdvisorService) -> None:
    response = advisor.ask(
        "I read about a 'China SME AI Software Rebate' that pays 50% of any AI software for SMEs. "
        "How do I apply for it for my Beijing design studio?"
    )
    assert response.answer.startswith("“China SME AI Software Rebate” is not in my sources")
    assert "not of that kind" not in response.answer and "50% of any" not in response.answer
    assert not [f.id for f in response.funding if f.listed]
    # A purchase the client does state keeps the program that pays for it.
    own = advisor.ask(
        "听说上海出了个“AI应用普惠券”，每家补10万。我们是上海一家20人的公司，今年打算花30万买大模型API调用，这个能用吗？"
    )
    assert "不在我的资料中" in own.answer
    assert "sh-model-voucher-2025" in [f.id for f in own.funding if f.listed]


def test_a_place_without_that_kind_is_said_to_lack_it(advisor: AdvisorService) -> None:
    answer = advisor.ask("听说武汉最近推出了一种模型券，调用大模型接口能报一半，怎么申请").answer
    assert answer.startswith("“武汉模型券”不在我的资料中")
    assert "政策依据" not in answer and "申请方式：" not in answer


def test_a_voucher_kind_is_defined_from_the_catalogue(catalogue: Catalogue) -> None:
    zh = definition("算力券到底是个什么东西？", catalogue, "zh", place_known=False)
    assert zh is not None and zh.startswith("算力券是") and "智能算力租用" in zh
    assert "杭州" in zh and "哪个城市" in zh
    en = definition("What exactly is a compute voucher?", catalogue, "en", place_known=False)
    assert en is not None and en.startswith("A compute voucher is") and "compute rental" in en
    assert "tell me your city" in en
    assert definition("算力券能补多少？", catalogue, "zh", place_known=False) is None


def test_a_definition_question_with_no_place_lists_no_far_platforms(advisor: AdvisorService) -> None:
    response = advisor.ask("帮我看看最近哪只AI概念股能买？顺便问下算力券是啥")
    assert "算力券是" in response.answer and "庆阳" not in response.answer
    assert not response.funding


def test_the_headline_says_none_certain_and_how_many_to_confirm_at_once() -> None:
    line = summary_line(0, 1, None, "陕西·延安", "zh")
    assert line.startswith("暂无可确定的陕西·延安补贴：1 项待确认") and "暂无能用于本方案" not in line
    assert summary_line(0, 2, None, "Yan'an", "en").startswith(
        "No Yan'an subsidy is certain for this pack yet: 2"
    )
    assert summary_line(1, 1, None, None, "zh").startswith("可申请 1 项 · 另有 1 项待确认")


def test_only_the_missing_size_figure_is_asked() -> None:
    assert size_part(CompanyProfile(employees=30)) == "revenue"
    assert size_part(CompanyProfile(annual_revenue_cny=5_000_000)) == "employees"
    assert size_part(CompanyProfile()) == "size"


def test_the_open_facts_line_names_only_the_revenue(advisor: AdvisorService) -> None:
    answer = advisor.ask(
        "We are a 40-person software firm in Wuhan. Can we apply for the Wuhan OPC compute voucher?"
    )
    assert "employees and revenue" not in answer.answer
    assert "tell me: annual revenue" in answer.answer
