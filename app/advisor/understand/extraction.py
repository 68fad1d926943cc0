"""Rule-based profile extraction (the offline path; LLM mode uses structured output).

Works on normalised text, so traditional characters and full-width digits
behave like simplified ones. Only facts the message states are returned;
merging with earlier turns happens in the conversation.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from app.advisor.understand.budget import find_budget, no_budget_ceiling, stated_budget
from app.advisor.understand.corrected_figures import corrected_figures
from app.advisor.understand.currencies import LOCAL_DOLLARS
from app.advisor.understand.existing_it import existing_systems
from app.advisor.understand.gazetteer import industries, not_the_company, regions
from app.advisor.understand.headcount import EMPLOYEE_PATTERNS, employee_range, find_employees
from app.advisor.understand.kind_words import PROGRAM_MENTION, without_programs
from app.advisor.understand.legal_form import legal_form_in
from app.advisor.understand.numbers import NUMBER, money_amounts, parse_number
from app.advisor.understand.place_roles import PLACED_KINDS, PlaceMention, PlaceRole, place_name
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import CONTRACT_WORD, StatedPurchase, stated_purchases
from app.advisor.understand.revenue import PATTERNS as REVENUE_PATTERNS
from app.advisor.understand.revenue import find_revenue
from app.advisor.understand.spelled_numbers import spelled_numbers
from app.advisor.understand.spoken_magnitudes import spoken_magnitudes
from app.advisor.understand.unpriced import unpriced_purchases
from app.catalogue.models import Catalogue
from app.catalogue.taxonomy import ITSkill
from app.text.clauses import mark
from app.text.normalize import normalize

_FLAGS = re.IGNORECASE
_AGE_YEARS = [
    re.compile(rf"成立(?:了)?(?:大概|约|快|才|刚)?\s*({NUMBER})\s*(?:多)?\s*年", _FLAGS),
    re.compile(rf"(?:开了|干了|做了|经营了|创业|运营了|成立)\s*({NUMBER})\s*(?:多)?\s*年", _FLAGS),
    re.compile(
        r"(\d+)\s*years? old\b|(?:in business|operating|running|been around) for (\d+) years?", _FLAGS
    ),
]
_AGE_MONTHS = re.compile(rf"(?:成立|开业|创业|注册)(?:了|才)?\s*({NUMBER})\s*个?月|(\d+) months? old", _FLAGS)
_FOUNDED = re.compile(
    r"(?:成立于|创办于|注册于|founded in|established in|registered in)\s*(\d{4})|(\d{4})\s*年(?:成立|创办|注册)",
    _FLAGS,
)
_NEW_COMPANY = re.compile(
    r"刚成立|刚创业|新注册|刚注册|刚开业|刚起步|just started|newly registered|brand[- ]new company|new startup",
    _FLAGS,
)
_IT_NONE = re.compile(
    r"没有(?:专门的)?(?:it|技术|电脑)(?:人员|人)?|不懂技术|不会电脑|no it (?:staff|person|people)|not technical|no tech",
    _FLAGS,
)
_IT_BASIC = re.compile(
    r"(?:有|会)(?:一个|一位|个)?(?:兼职)?(?:it|网管|电脑)|an? it (?:guy|person)|basic it", _FLAGS
)
_IT_ADVANCED = re.compile(
    r"(?:技术|研发|算法|开发|工程师)团队|程序员|developers|engineering team|ml engineers|data scientists",
    _FLAGS,
)
_GOAL = re.compile(r"(?:想|希望|打算|需要|想要)(?:用ai|用人工智能)?([^,.;!?，。；！？]{2,30})", _FLAGS)
_GOAL_EN = re.compile(
    r"(?:want to|need to|would like to|looking to|hoping to|help (?:us|me) )([^,.;!?]{3,60})", _FLAGS
)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _first(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        if match := pattern.search(text):
            return match
    return None


# What is left of a stated fact once its figure is gone ("预算", "能投", "budget", "staff").


def _contract_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The contract word an amount at text[start:end] is for, close to it in its own clause: "合同是一年50万",
    "50万的合同", never "看合同，预算5千" (the need to review contracts, then a budget)."""
    near = max(0, start - 8)
    spans = []
    for m in CONTRACT_WORD.finditer(text, near, end + 4):
        between = text[m.end() : start] if m.end() <= start else text[end : m.start()]
        if not mark(colon=True).search(between):
            spans.append((m.start(), m.end()))
    return spans


_FACT_WORDS = re.compile(
    r"预算|(?:一年|每年|能|可以)+(?:投|花|拿出)(?:个|入)?|以内|左右|上下|不超过|最多|顶多|"
    r"\b(?:budget|around|about|roughly|max(?:imum)?|per year|a year)\b",
    _FLAGS,
)


class RuleExtractor:
    def __init__(self, knowledge_dir: Path, catalogue: Catalogue, today: date) -> None:
        self._regions = regions(knowledge_dir)
        self._industries = industries(knowledge_dir)
        self._today = today
        phrases = {normalize(p) for s in catalogue.solutions for p in s.pain_points}
        self._pain_phrases = sorted((p for p in phrases if len(p) >= 3), key=len, reverse=True)

    def extract(self, message: str) -> CompanyProfile:
        text = spelled_numbers(normalize(message))  # "half a million" as digits, same length
        text = corrected_figures(text)  # "每月3000，不对，是8000": only the figure meant stands, same length
        data: dict[str, object] = {}
        company = not_the_company(text)
        # "rent compute at a data centre in Jinan": the purchase's place, never the company's (place_roles.py)
        # ...or at the place of the provider the client buys from ("跟贵州一家算力服务商签了合同", r13-55)
        roles = self._regions.roles(company)
        bought_at = [m for m in roles if m.role is PlaceRole.purchase] or [
            m for m in roles if m.role is PlaceRole.vendor
        ]
        if place := self._regions.find(company):
            data["province"], data["city"] = place.province, place.city
            data["district"] = self._regions.client_district(message, place)
        if industry := self._industries.find(
            self._regions.without_places(text)
        ) or self._industries.made_product(text):
            data.update(industry=industry.section, sector=industry.sector, industry_text=industry.label)
        figures = spoken_magnitudes(text)  # "上百人", "过千万": same length, positions stay those of `text`
        if (employees := find_employees(text, figures)) is not None:
            data["employees"] = employees
            if (staff_range := employee_range(figures)) and staff_range[0] <= employees <= staff_range[1]:
                data["employees_range"] = staff_range
        revenue = find_revenue(text, figures)
        if revenue is not None:
            data["annual_revenue_cny"] = revenue.value
            if revenue.low is not None and revenue.low < revenue.value:
                data["annual_revenue_range_cny"] = (revenue.low, revenue.value)
        # The takings are not what the owner can spend: "does 4 million RMB a year in sales" is no budget.
        spendable = _blank(text, revenue.start, revenue.end) if revenue else text
        local = LOCAL_DOLLARS.get(str(data.get("province")))  # "兩萬蚊" in Macau is MOP (r16-35)
        if (budget := find_budget(spendable, local)) is not None:
            data["budget_cny"] = budget
        elif (other := stated_budget(spendable, local)) is not None:
            data["budget_other"] = other  # kept as stated: we hold no exchange rate
        elif no_budget_ceiling(text):
            data["budget_unlimited"] = True
        data["purchases"] = self._purchases(text, bought_at, self._today)
        if (age := self._age(text)) is not None:
            data["company_age_years"] = age
        if form := legal_form_in(text):
            data["legal_form"] = form
        if skill := self._it_skill(text):
            data["it_skill"] = skill
        data["existing_it"] = existing_systems(text)
        data["pain_points"] = [p for p in self._pain_phrases if p in text][:6]
        wishes = without_programs(text)  # "想用模型券" wishes for no model
        goals = [g.strip() for g in _GOAL.findall(wishes)] + [g.strip() for g in _GOAL_EN.findall(wishes)]
        data["goals"] = list(dict.fromkeys(goals))[:4]
        return CompanyProfile.model_validate(data)

    def need_text(self, message: str, keep_business: bool = True, keep_programs: bool = False) -> str:
        """The message without the facts it states (place, headcount, revenue, budget) and without the
        programs it names (funding asked about, not a need): what it asks for.

        Two phrasings of one need differ mostly in how and where they state those facts ("苏州一家80人的五金厂，
        设备老坏，预算10万" / "设备三天两头坏，我们苏州五金厂80人，有10万预算"); matching solutions on what is left
        keeps the advice the same however it is asked. The business ("五金厂") stays unless `keep_business` is
        False: matching on the catalogue's words, its words ("冷链仓储") would pass for a need (冷链 is a
        cold-chain monitor's keyword); the industry fit matches the business there. `keep_programs`: for
        the turn's retrieval, which must still find the program a funding question names ("训力券最多能补多少").
        """
        text = normalize(message)
        amounts = money_amounts(text)
        spans = [(money.start, money.end) for money in amounts if money.marked]
        for patterns in (EMPLOYEE_PATTERNS, REVENUE_PATTERNS):
            spans += [(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text)]
        spans += [(m.start(), m.end()) for m in _FACT_WORDS.finditer(text)]
        for money in amounts:  # "合同是一年50万": the contract the amount is for
            spans += _contract_words(text, money.start, money.end)
        if not keep_programs:  # funding asked about names no need
            spans += [(m.start(), m.end()) for m in PROGRAM_MENTION.finditer(text)]
        if not keep_business and (business := self._industries.find(text)):
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(business.keyword), text)]
        for name, _ in self._regions.mentions(text):
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(name), text)]
        chars = list(text)
        for start, end in spans:
            chars[start:end] = " " * (end - start)
        left = re.sub(r"(?:\s*[,;:.!?，；：。！？]\s*)+", "，", "".join(chars))
        return " ".join(left.split()).strip("， ")

    @staticmethod
    def _purchases(text: str, bought_at: list[PlaceMention], today: date) -> list[StatedPurchase]:
        """What the client buys or bought: the amounts the budget reader left to the contracts named (each with the
        year it was bought when said), then the things named without an amount; each placed where it is bought."""
        found = stated_purchases(text, today)
        found += unpriced_purchases(text, found)
        if not bought_at:
            return found
        where = place_name(bought_at[0].place)
        return [p.model_copy(update={"where": where}) if p.kind in PLACED_KINDS else p for p in found]

    def _age(self, text: str) -> float | None:
        if match := _FOUNDED.search(text):
            year = int(match.group(1) or match.group(2))
            if 1900 < year <= self._today.year:
                return float(self._today.year - year)
        if match := _AGE_MONTHS.search(text):
            months = parse_number(match.group(1) or match.group(2))
            return round(months / 12, 2) if months is not None else None
        if match := _first(_AGE_YEARS, text):
            value = parse_number(next(g for g in match.groups() if g))
            return value if value is not None and value < 200 else None
        return 0.5 if _NEW_COMPANY.search(text) else None

    @staticmethod
    def _it_skill(text: str) -> ITSkill | None:
        if _IT_NONE.search(text):
            return ITSkill.none
        if _IT_ADVANCED.search(text):
            return ITSkill.advanced
        if _IT_BASIC.search(text):
            return ITSkill.basic
        return None
