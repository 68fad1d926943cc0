"""One e5 call per advisor turn (issue 15: throughput is bound by e5, and each call costs a pass over the
model whatever it embeds).

A turn embeds what it asks for (a first message: its need, without the facts it states; a later one, once a
need was stated: the conversation's needs, its own last) together with the words of each stated need the
catalogue's words do not name clearly (per-need matching asks their own nearest examples,
engine/need_parts.py). The turn's retrieval, the solution ranking and every vote reuse those vectors, and a
need said again later in the conversation is not embedded again. Counted at the embedding component, not
timed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.advisor.service import AdvisorService
from app.components.embeddings import watched
from app.services.retrieval import query_vector


@pytest.fixture
def e5_calls(advisor: AdvisorService) -> Iterator[list[list[str]]]:
    """The e5 calls made from now on, each as the texts it embedded (nothing is a cache hit by luck)."""
    advisor.warm_up()  # the fixed policy-basis search and the intent bank are embedded once per process
    advisor.intent_bank.vote("预热")
    query_vector.cache_clear()
    with watched() as calls:
        yield calls
    query_vector.cache_clear()


@pytest.mark.parametrize(
    "message",
    [
        "我们是苏州一家80人的五金厂，设备老坏，预算10万",  # facts and a need: the pack
        "我們在杭州開了一家二十人的餐廳，預算三萬，想解決備貨不準的問題",  # traditional script
        "We're a software firm in Shanghai, 25 people, want to use LLM APIs for support, budget 50k RMB",
        "我们公司想用AI，不知道从哪开始",  # a goal and no facts: asked back, with a preview
        "杭州的餐厅能申请什么补贴？",  # a funding question
        # two or three needs in one breath, some in words no rule knows: each matched on its own examples
        "成都开了三家烘焙店，想用AI排班，还有美团上的差评总是回得很慢",
        "宁波做外贸的小厂，客户询价邮件回不过来、报关单据老填错，另外想做个产品宣传短视频",
        "Dental clinic in Chengdu, 12 staff: we keep missing appointment reminders and patients ask the same "
        "questions on WeChat all day",
    ],
)
def test_a_first_message_costs_one_e5_call(
    advisor: AdvisorService, e5_calls: list[list[str]], message: str
) -> None:
    response = advisor.ask(message)
    assert response.answer
    assert len(e5_calls) == 1, e5_calls


@pytest.mark.parametrize(
    "dialogue",
    [
        # a need, then facts only: the pack is re-ranked for the stated need
        ["我们是苏州一家80人的五金厂，设备老坏，预算10万", "不对，我们在合肥", "其实有150人"],
        # a funding follow-up and a cost follow-up after a pack
        ["深圳一家20人的AI公司，要租GPU训练模型", "预算在三五万", "能补多少", "扣掉补贴以后实际要掏多少"],
        # facts first, the need later in words no rule knows, then a what-if place
        ["我们是武汉一家20人的物流公司", "司机跑的线路太绕了，油钱吃不消", "那长沙呢"],
        # two needs, then a third added later
        ["佛山一家做家具的，60人，想让AI写产品详情页和回复买家咨询", "对了，仓库盘点也老对不上", "预算8万"],
        [
            "Furniture factory in Foshan, 90 workers, we want AI product renders, budget 40k",
            "Actually 130 staff",
        ],
    ],
)
def test_every_later_turn_costs_one_e5_call_and_no_need_is_embedded_twice(
    advisor: AdvisorService, e5_calls: list[list[str]], dialogue: list[str]
) -> None:
    per_turn = []
    for message in dialogue:
        before = len(e5_calls)
        assert advisor.ask(message, session_id="one-call").answer
        per_turn.append(len(e5_calls) - before)
    assert all(n <= 1 for n in per_turn), e5_calls
    embedded = [text for call in e5_calls for text in call]
    assert len(embedded) == len(set(embedded)), e5_calls  # a need said before is not embedded again


def test_a_later_turn_in_a_new_process_costs_one_e5_call(
    advisor: AdvisorService, e5_calls: list[list[str]]
) -> None:
    """A replica that never saw the conversation (or a stateless chat client resending it) embeds the
    needs stated before together with the turn's own text."""
    advisor.ask("佛山一家做家具的，60人，想让AI写产品详情页和回复买家咨询", session_id="elsewhere")
    advisor.ask("对了，仓库盘点也老对不上", session_id="elsewhere")
    query_vector.cache_clear()
    e5_calls.clear()
    assert advisor.ask("预算8万", session_id="elsewhere").answer
    assert len(e5_calls) == 1, e5_calls


def test_a_later_turn_keeps_the_need_stated_before(advisor: AdvisorService) -> None:
    """Facts alone after a need ("其实我们在广州") re-rank the pack for that need, not for the facts' words."""
    advisor.ask("深圳做跨境电商的，20个人，海外客户的邮件回不过来，预算5万", session_id="need-kept")
    first = advisor.ask("其实我们在广州", session_id="need-kept")
    assert first.profile.city == "广州" and first.intent == "recommend_pack"
    assert first.solutions and first.solutions[0].id == "foreign-trade-inquiry-assistant"


@pytest.mark.parametrize(
    "dialogue",
    [
        ["我们是苏州一家80人的五金厂，设备老坏，预算10万", "预算改成5万"],
        ["我们是苏州一家30人的服装厂，想用AI做质检和排产，预算10万", "其实有50人"],
    ],
)
def test_every_turn_runs_one_retrieval_pass(
    advisor: AdvisorService, monkeypatch: pytest.MonkeyPatch, dialogue: list[str]
) -> None:
    """The solution ranking reads the message's need without its facts (place, headcount, budget), not the
    message: it ranks the solutions from the turn's own candidates with those words (`SearchResult.within`),
    where it used to run a second search of its own on every message that stated a fact."""
    advisor.warm_up()
    retrieval = advisor.deps.retrieval
    searched: list[str] = []
    search = retrieval.search

    def counted(query: str, **options: object) -> object:
        searched.append(query)
        return search(query, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(retrieval, "search", counted)
    for message in dialogue:
        searched.clear()
        response = advisor.ask(message, session_id="one-search")
        assert response.solutions, message
        assert len(searched) == 1, searched
