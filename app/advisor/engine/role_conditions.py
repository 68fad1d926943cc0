"""The client's role in the purchase (advice_rules.md §1): a program for developers pays whoever builds the model,
dataset or technology, not whoever buys it.

An R&D or 揭榜挂帅 program (`developers_only`, e.g. 青岛"模型券": for vertical-model products that pass a national
evaluation) is judged on what the client says they do:
- they develop it themselves ("自研", "训练我们自己的模型", "we fine-tune our own model"): still to confirm, by
  the program's review;
- they buy the finished thing the program's scope names ("买了一家备案大模型的API服务", "we pay a provider for API
  access"): unmet, quoting their words — a buyer of an API is not its developer (review9 r9-18), whatever the
  trade; renting compute or buying data is what developers do too, and settles nothing;
- neither said: a trade that develops technology as its business (manufacturing, software, research) is still to
  confirm; any other trade is unmet.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.advisor.engine.buyer_conditions import purchase
from app.advisor.engine.client_clauses import asks, clauses
from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.purchases import Purchase, pays_for
from app.advisor.understand.plans import said_purchases
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import without_programs
from app.catalogue.models import FundingProgram
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SpendKind

# What a client developing a model, dataset or technology says about its own work.
_DEVELOPS = re.compile(
    r"自研|研发|研制|攻关|开发.{0,8}(?:模型|算法|产品|系统|平台|数据集)|(?:训练|微调|精调).{0,6}模型|"
    r"\bdevelop|\br&d\b|\bresearch\b|\btrain(?:ing)? (?:a |our |the )?models?\b|\bfine-?tun",
    re.I,
)
# A firm whose own product is AI: "做AI配音的小程序", "自己做AI写作工具", "building an AI tutoring app". What it
# makes is its business, not a need a pack answers, and its R&D inputs (compute, model calls, data) are no pack item.
_MAKES_AI = re.compile(
    r"(?:做|开发|研发|搞|打造)(?:了|的是)?[^，。；]{0,6}(?:ai|人工智能|大模型|智能体|aigc)[^，。；]{0,8}"
    r"(?:工具|产品|应用|软件|小程序|app|平台|系统|模型|智能体|服务|设备|硬件)|"
    # ...or a model or dataset of its own: "正在搞一个港口物流方向的垂直大模型", "做行业语料库"
    r"(?:做|开发|研发|搞|打造|训练|构建|建)(?:了|的是)?[^，。；]{0,14}(?:大模型|行业模型|垂直模型|数据集|语料库)|"
    r"\b(?:build(?:ing|s)?|develop(?:ing|s)?|mak(?:ing|es?))\b (?:an? |our (?:own )?)?(?:\w+[- ]){0,3}?"
    r"(?:ai|llm|gpt)(?:[- ]\w+){0,2} (?:app|tool|product|platform|model|assistant|agent|software|service)s?\b|"
    # ...or "building a large model for port logistics", "training our own language model"
    r"\b(?:build(?:ing|s)?|develop(?:ing|s)?|train(?:ing|s)?)\b (?:an? |our (?:own )?|the )?(?:[\w-]+ ){0,3}?"
    r"(?:large|language|foundation|vertical|industry) (?:language )?models?\b",
    re.I,
)
# ...unless it is a wish for its own operations: "我们想做一个AI客服系统", "工厂想搞AI质检系统" (building it
# themselves is still said: "想自己开发…").
_WISH = re.compile(
    r"(?:想|要|打算|准备|计划|希望|需要|能不能|可不可以|帮我们?)(?!自己|自主|自研)[^，。；]{0,3}(?:做|开发|搞|打造)|"
    r"\b(?:want|plan|need|would like|looking|hope)s? to (?!develop|train)\w+|\bfor (?:our|my) (?:shop|store|restaurant|factory)",
    re.I,
)
# What a firm that may develop calls itself: a hint, not a statement about this purchase.
_DEVELOPER_FIRM = re.compile(
    r"大模型公司|模型公司|ai公司|人工智能公司|科技公司|做.{0,4}大模型(?!应用|應用)|数据集|语料|标注|"
    r"\bai (?:company|startup|lab)\b",
    re.I,
)
# The client wants AI for its own operations: "想上AI质检", "打算用AI做排产", "we want AI visual inspection on the line".
_ADOPTS = re.compile(
    r"(?:想|打算|准备|希望|计划)(?:要)?(?:上|用|引入|装|搞|上马|采购|买)[^，。；]{0,4}(?:ai|人工智能|智能|视觉|质检|排产|客服|机器人)|"
    r"\b(?:we|i) (?:want|plan|would like|need|are looking)(?: to (?:use|add|install|deploy|buy|get|introduce))?"
    r" (?:an? |some )?(?:ai|smart|automated|vision)\b",
    re.I,
)
# What a buyer of the finished thing signs for (a model's API, an application): compute, data and labelling are
# what a developer buys to build its own ("一年算力支出3万" is no sign of buying instead of developing).
_FINISHED = frozenset({SpendKind.model_service, SpendKind.software, SpendKind.cloud_service})
# Trades whose firms develop technology as their business: without their words, still to confirm.
_DEVELOPER_TRADES = frozenset({"C", "I", "M"})
# A professional-services firm of section M that designs, advises or tests for clients (服装设计公司, 广告, 咨询):
# it uses models, unlike the research firms of the same section (review16 r16-36: a 海珠 clothing-design firm).
_SERVICE_FIRM = re.compile(
    r"(?<!芯片)(?<!集成电路)(?:设计|設計)(?:公司|工作室|院|所)|广告公司|咨询公司|检测公司|律所|律师事务所|会计师事务所|"
    r"\bdesign (?:studio|firm|agency|company)\b|\bconsult(?:ing|ancy) (?:firm|company)\b",
    re.I,
)

_TO_CONFIRM = Reason(
    "面向研发方：须是自主研发的项目并经评审立项", "for developers: your own R&D project, selected on review"
)


def _develops(said: str) -> bool:
    """The client states (not asks) that they develop: "我们自研了…", not "研发的才能申请吗"."""
    return any(_DEVELOPS.search(clause) and not asks(clause) for _, clause in clauses(said))


# Asked once per catalogued program of an ask, about the same words (as plans.said_purchases).
@lru_cache(maxsize=64)
def builds_ai(said: str) -> bool:
    """The client says it develops AI itself (a model, a dataset, an AI product), not that it asks about doing so.
    `said`: the client's words; program names are left out ("开源大模型应用项目奖励" is not their work)."""
    own = without_programs(said.lower())
    return _develops(own) or any(
        _MAKES_AI.search(clause) and not _WISH.search(clause) and not asks(clause)
        for _, clause in clauses(own)
    )


# What a firm building AI spends on for its own R&D, outside any pack of tools for its operations.
RD_INPUTS = frozenset(
    {SpendKind.compute, SpendKind.model_service, SpendKind.data_corpus, SpendKind.data_labeling}
)


def builder_purchase(
    program: FundingProgram, purchases: list[Purchase] | None, said: str
) -> Condition | None:
    """The purchase condition for a client that builds AI itself (review14 r14-26/55: an AI one-person company and a
    model start-up were told their programs pay for "nothing in your plan"). Its R&D inputs are no pack item: a
    program paying for them is judged on what the client says it buys, still open when it names none; a program for
    developers pays their own project, so no purchase is asked at all. None: judge the plan as usual."""
    scope = set(program.eligibility.spend_scope)
    if not scope & RD_INPUTS or not builds_ai(said):
        return None
    if any(pays_for(program, p) for p in purchases or []):
        return None  # what they buy is of the kind: the usual condition says so
    if not program.eligibility.developers_only and said_purchases(said):
        # They say what they buy ("租GPU训练模型"): that is the plan, judged as usual (review14 r14-36: a model
        # voucher left open for a trainer renting GPUs).
        return None
    if program.eligibility.developers_only:
        return Condition(
            "purchase",
            Status.met,
            Reason(
                "面向研发方：按您自己的研发项目申报，不要求另行采购",
                "for developers: your own R&D project is what it funds, no separate purchase",
            ),
        )
    return purchase(program, None, said)


def _as_typed(words: str, said: str, cased: str) -> str:
    """The client's words as they typed them ("API", not "api"), when the lower-cased text lines up."""
    at = said.find(words)
    return cased[at : at + len(words)] if at >= 0 and len(cased) == len(said) else words


def developer(
    program: FundingProgram, profile: CompanyProfile, said: str, cased: str = ""
) -> Condition | None:
    """Met only by the program's review; unmet for a client who says they buy what it covers (§1).

    `said`: the client's words in lower case; `cased`: as typed, to quote back."""
    if not program.eligibility.developers_only:
        return None
    # "揭榜挂帅项目能拿几百万" names the program, not the client's own R&D: program names are left out.
    own = without_programs(said)
    if builds_ai(said):
        return Condition("developer", Status.unknown, _TO_CONFIRM)
    scope = program.eligibility.spend_scope
    bought = next((p for p in said_purchases(said) if p.kind in scope and p.kind in _FINISHED), None)
    if bought is not None:
        words = _as_typed(bought.words, said, cased)
        return Condition(
            "developer",
            Status.unmet,
            Reason(
                f"面向研发方（开发模型、数据集或技术的企业），您说“{words}”，这是采购，不是自主研发",
                f"for developers of models, datasets or technology; you said “{words}”: that is buying, "
                "not developing",
            ),
        )
    if _DEVELOPER_FIRM.search(own):
        return Condition("developer", Status.unknown, _TO_CONFIRM)
    adopts = next((words for words, clause in clauses(own) if _ADOPTS.search(clause)), None)
    if adopts is not None:
        # review11 r11-45: a food plant that wants AI inspection on its line buys a tool; whatever its trade, it is
        # not running an R&D project.
        words = _as_typed(adopts, said, cased)
        return Condition(
            "developer",
            Status.unmet,
            Reason(
                f"面向研发方（开发模型、数据集或技术攻关的企业），您说“{words}”，这是采购使用AI，不是自主研发",
                f"for developers of models, datasets or technology; you said “{words}”: that is adopting AI, "
                "not developing it",
            ),
        )
    if profile.industry and profile.industry not in _DEVELOPER_TRADES:
        return Condition(
            "developer",
            Status.unmet,
            Reason(
                "面向研发方（开发模型、数据集或技术攻关的企业），不是采购软件或服务的补贴",
                "for developers of models, datasets or technology, not a subsidy on buying software or services",
            ),
        )
    return Condition(
        "developer",
        Status.unknown,
        Reason(
            "面向研发方：须确认您是在自主研发模型、数据集或技术（采购不算）",
            "for developers: confirm you develop the model, dataset or technology yourself (buying does not count)",
        ),
    )


# A condition on who the applicant is: "须为海珠区的大模型企业（使用大模型的一般企业不在其内）".
_MAKER_ONLY = re.compile(r"须为[^，。；]{0,12}(?:大模型|人工智能|AI)企业", re.I)
# The client says they use models or AI in their own work: "我们用大模型写营销文案", "we use ChatGPT for copy".
_USES = re.compile(
    r"(?:用|使用|借助|利用|靠|调用|接入)(?:了|的是|一些)?\s*(?:ai|人工智能|大模型|模型|chatgpt|deepseek|通义|千问|文心|豆包|kimi)|"
    r"\b(?:we|i) (?:use|used|are using|rely on)\b.{0,20}\b(?:ai|llms?|large (?:language )?models?|chatgpt|gpt)\b",
    re.I,
)


def model_maker(zh: str, en: str, said: str, cased: str = "") -> list[tuple[Status, Reason]] | None:
    """A program for model makers judged on the client's words (review10 r10-10): a client who says they use models
    and not that they build one is a user, which the condition leaves out; one who builds stays to confirm by the
    program's review. None: not such a condition, or nothing said about it."""
    if not _MAKER_ONLY.search(zh):
        return None
    own = without_programs(said)
    if _develops(own) or _DEVELOPER_FIRM.search(own):
        return None  # they build models: the condition stays "to confirm" as the catalogue words it
    for words, clause in clauses(said):
        # using models, or adopting an AI tool for its own work ("想上AI客服": review12 r12-16), is a user's role
        if (_USES.search(clause) or _ADOPTS.search(clause)) and not asks(clause):
            quoted = _as_typed(words, said, cased)
            return [
                (
                    Status.unmet,
                    Reason(
                        f"{zh}，您说“{quoted}”：这是使用AI或大模型，不是大模型企业",
                        f"{en}; you said “{quoted}”: that is using AI or models, not making them",
                    ),
                )
            ]
    return None


def maker_trade(program: FundingProgram, profile: CompanyProfile, said: str) -> Condition | None:
    """A program only model makers may apply for, and a client whose trade is neither making things, software nor
    research who says nothing of building models (review14 r14-13: a garment e-shop wanting to apply for 海珠's
    大模型 award was left "to confirm" under the award's cap): that trade uses models, it does not make them."""
    maker_only = next((zh for zh in program.eligibility.special_conditions if _MAKER_ONLY.search(zh)), None)
    trade = INDUSTRY_SECTIONS.get(profile.industry or "")
    if maker_only is None or trade is None:
        return None
    service = _SERVICE_FIRM.search(said) if profile.industry == "M" else None
    if profile.industry in _DEVELOPER_TRADES and service is None:
        return None  # makers, software and research may build models; a design or consulting studio uses them
    if builds_ai(said) or _DEVELOPER_FIRM.search(without_programs(said)):
        return None  # they say they build models: the program's review decides
    firm_zh = f"“{service.group(0)}”" if service else f"{profile.industry_label or trade[0]}企业"
    firm_en = f"“{service.group(0)}”" if service else f"a {trade[1].lower()} business"
    return Condition(
        "developer",
        Status.unmet,
        Reason(
            f"{maker_only}；您是{firm_zh}，是使用大模型的一方",
            f"only model makers qualify (firms that use models do not); yours is {firm_en}, which uses them",
        ),
    )
