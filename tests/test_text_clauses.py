"""The one clause reader (app/text/clauses.py) and the splitters it replaced where they were wrong."""

from __future__ import annotations

import pytest

from app.advisor.answering.need_named import clauses as named_clauses
from app.advisor.engine.client_clauses import clauses as client_clauses
from app.advisor.engine.need_items import apart_from_business
from app.advisor.understand.unpriced import unpriced_purchases
from app.catalogue.taxonomy import SpendKind
from app.text.clauses import clause_spans, clauses, mark, sentences, span_around
from app.text.normalize import normalize


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # zh-Hans: a decimal point and a thousands separator stay in their figure
        ("预算1.5万，想做AI质检", ["预算1.5万", "想做AI质检"]),
        ("去年花了2.5万买服务器；今年想租算力", ["去年花了2.5万买服务器", "今年想租算力"]),
        ("合同金额1,500,000元，已经签了", ["合同金额1,500,000元", "已经签了"]),
        # a comma before a figure that is no thousands group is a clause mark ("50万,2025年签的")
        ("预算50万,2025年签的", ["预算50万", "2025年签的"]),
        # a "." typed as a Chinese full stop ends the clause
        ("买了GPU.预算50万", ["买了GPU", "预算50万"]),
        # zh-Hant and Cantonese
        ("我哋係做餐飲嘅，想申請算力券？", ["我哋係做餐飲嘅", "想申請算力券"]),
        ("預算大概3.6萬。有冇補貼", ["預算大概3.6萬", "有冇補貼"]),
        # English: abbreviations, web addresses and versions are not full stops
        ("We are ABC Inc. in Hangzhou. Budget 1.2m", ["We are ABC Inc. in Hangzhou", " Budget 1.2m"]),
        ("We use an ERP, e.g. Kingdee. Can we apply?", ["We use an ERP", " e.g. Kingdee", " Can we apply"]),
        ("We call deepseek.com v2.5 APIs", ["We call deepseek.com v2.5 APIs"]),
        # mixed scripts
        (
            "我们用的是DeepSeek API. Budget 30k, 想做客服",
            ["我们用的是DeepSeek API", " Budget 30k", " 想做客服"],
        ),
        # empty and blank input
        ("", []),
        ("  \n ", []),
        ("。。，", []),
    ],
)
def test_clauses(said: str, expected: list[str]) -> None:
    assert clauses(said) == expected


def test_listing_and_colon_are_options() -> None:
    """A 、 list is one object unless asked; a colon opens an answer only for readers that ask for it."""
    assert clauses("需求：质检、排产系统") == ["需求：质检、排产系统"]
    assert clauses("需求：质检、排产系统", colon=True) == ["需求", "质检、排产系统"]
    assert clauses("需求：质检、排产系统", colon=True, listing=True) == ["需求", "质检", "排产系统"]


def test_sentences_keep_commas_and_optionally_semicolons() -> None:
    said = "我们是做注塑的，有20个人；明年想上MES. Is there a subsidy?"
    assert sentences(said) == ["我们是做注塑的，有20个人", "明年想上MES", " Is there a subsidy"]
    assert sentences(said, semicolon=False)[0] == "我们是做注塑的，有20个人；明年想上MES"


def test_spans_keep_the_closing_mark_when_asked() -> None:
    said = "要备案吗？我们用的是通义"
    assert [said[a:b] for a, b in clause_spans(said, with_mark=True)] == ["要备案吗？", "我们用的是通义"]


def test_span_around_a_figure_is_not_cut_inside_it() -> None:
    said = "去年投了研发, spent 1,500,000 developing a vision module. 明年再说"
    start = said.index("1,500,000")
    begin, finish = span_around(said, start, start + len("1,500,000"))
    assert said[begin:finish] == " spent 1,500,000 developing a vision module"


def test_mark_rejects_an_unknown_level() -> None:
    with pytest.raises(ValueError, match="level"):
        mark(level="paragraph")


# Splitters the reader replaced that were wrong (each assertion failed before the move).


def test_need_text_keeps_a_decimal_figure() -> None:
    """need_items cut at every ".", and rejoined the pieces with "，": "1.5万" came back as "1，5万"."""
    assert "1.5万" in apart_from_business("预算1.5万,想做个客服机器人", lambda _: False)
    # tests/eval m04: the need was quoted back as "000 for an ai rendering…"
    quoted = apart_from_business("A vendor quoted HKD 120,000 for an AI rendering system", lambda _: False)
    assert "120,000 for an ai rendering" in quoted


def test_english_full_stop_ends_a_sentence_as_an_exclamation_does() -> None:
    """unpriced.py read an English message as one sentence (no "." among its marks), so a question about a program
    later in the message hid the purchase said before it (tests/eval eg17-17); "!" already ended the sentence."""
    said = (
        "Tongxiang knitwear firm, 90 staff{0} We want to use an open-source LLM to draft product descriptions{0} "
        "Is the Tongxiang open-source AI award something we can get?"
    )
    kinds = [[p.kind for p in unpriced_purchases(normalize(said.format(mark)), [])] for mark in (".", "!")]
    assert kinds[0] == kinds[1] == [SpendKind.model_service]


def test_named_need_clause_keeps_an_english_company_name_whole() -> None:
    """need_named.py cut at every "." outside a figure: "We are ABC Inc." and "in Hangzhou" were two clauses."""
    assert named_clauses("We are ABC Inc. in Hangzhou") == [normalize("We are ABC Inc. in Hangzhou")]


def test_condition_clause_ends_at_a_comma_before_a_year() -> None:
    """client_clauses kept any "," before a digit: "已备案的模型,100张卡" was one clause, so a negation or a question in
    one part settled a condition named in the other."""
    assert [quoted for quoted, _ in client_clauses("已备案的模型,100张卡")] == ["已备案的模型", "100张卡"]
    assert [quoted for quoted, _ in client_clauses("合同1,500,000元,已签")] == ["合同1,500,000元", "已签"]
