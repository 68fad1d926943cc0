"""English business nouns and ownership words: the section an owner would recognise, in any language.

Phrasings not in the development set. Who owns a firm (state-owned, listed, family-owned, 国企, 有限合伙) says
nothing of its trade; the product word before an English company noun does, read through the same class list as
Chinese; customers after "supplying" are not the business.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.understand.gazetteer import industries
from app.advisor.understand.size import classify

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("We're a state-owned glass company in Hebei", "C"),
        ("a family-owned ceramics company in Dehua, 90 staff", "C"),
        ("We are a listed tyre manufacturer in Qingdao", "C"),
        ("Our distillery in Guizhou wants AI to watch fermentation", "C"),
        ("We're a Sino-foreign joint venture, a plastics company in Suzhou", "C"),
        ("We're a medical supplies distributor supplying clinics in Xi'an", "F"),
        ("We're a private equity fund, a limited partnership in Shenzhen", "J"),
        ("我们是一家做家具设计和生产的企业，在佛山", "C"),
        ("我们是国企，集团下面是做水泥的", "C"),
    ],
)
def test_the_trade_decides_not_who_owns_the_firm(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, (message, match)


def test_an_english_product_company_is_sized_as_industry():
    """120 staff in a factory is below medium (industry: from 300) and small or micro by its revenue, which is
    asked; read as nothing, the owner was told 'medium' outright by the other-services thresholds."""
    match = industries(KNOWLEDGE).find("We're a privately owned glass company with 120 employees")
    assert match is not None and match.sector == "industry"
    decision = classify(match.sector, 120, None)
    assert decision.size_class != "medium" and "revenue" in decision.missing
    assert classify("other", 120, None).size_class == "medium"


@pytest.mark.parametrize(
    "message",
    [
        "We're a state-owned company in Wuxi",
        "We are a limited partnership",
        "我们是一家上市公司，想了解AI补贴",
    ],
)
def test_ownership_words_alone_settle_no_trade(message: str):
    assert industries(KNOWLEDGE).find(message) is None


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是外资企业，在天津", None),
        ("我们是一家国有控股企业，员工900人", None),
        ("我们是微型企业，想问问补贴", None),
        ("We're a young startup in Wuxi looking at subsidies", None),  # how young, not what trade
        ("我们是初创公司，想用AI", None),
        ("We're an AI startup in Wuxi", "I"),
        ("我们是一家新创公司，做陶瓷餐具的", "C"),
        ("我们是股份制的城商行，在绍兴", "J"),
        ("我们是上市集团的子公司，主营建材批发", "F"),
        ("我们在石狮做童装生意，给各地门店供货", "F"),  # 做X生意 trades X
        ("我们做点小生意，想问问AI补贴", None),  # a small business, no goods named
        ("We're a Sino-foreign joint venture producing auto glass in Fuyao", "C"),
        ("We're a startup in Xiamen producing solar lamps", "C"),
    ],
)
def test_capital_origin_size_and_stage_words_are_no_trade(message: str, section: str | None):
    match = industries(KNOWLEDGE).find(message)
    assert (match.section if match else None) == section, (message, match)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("We run two bookstores in Xi'an", "F"),
        ("We're a coach company in Guilin running airport shuttles", "G"),
        ("We're a small security firm in Nanning", "L"),
        ("We're an exhibition company in Shenzhen", "L"),
        ("We're a call centre in Hefei", "I"),
        ("We're garment traders in Humen", "F"),  # traders of garments, not a garment maker
        ("We're a hair-salon chain in Nanning", "O"),  # a hyphen for the owner word's space
        ("We're a property-management company in Wuxi", "K"),
    ],
)
def test_english_service_nouns_name_their_trade(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, (message, match)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是一家做智能问答系统的公司，在合肥", "I"),  # an AI product firm, not a device maker
        ("We're a cable assembler in Kunshan", "C"),
        ("We're a small fruit processing company in Yantai", "C"),
        ("澳門一間手信舖，想用AI覆訊息", "F"),  # "一間" counts nothing here: the shop is named
    ],
)
def test_review12_kinds_of_business(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, (message, match)


def test_a_head_count_is_not_quoted_as_the_trade():
    """A pilot's sector verdict quotes the client's trade: "a 90-person garment factory" is a garment factory
    (review12: "“person garment”, your trade")."""
    from app.advisor.engine.sector_lists import named_trade

    assert named_trade("we are a 90-person garment factory in xiamen") == "garment"
    assert named_trade("an 80 people furniture maker") == "furniture"
