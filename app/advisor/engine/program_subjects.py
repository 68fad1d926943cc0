"""Which funding subject a question raises: the kinds of spend and funding types its words name, and the specific
subject of a tax or loan program ("研发费用加计扣除", "a bank loan for the machines"), ruled out or not.

Tax benefits and loan interest subsidies follow a status or a loan, not a purchase: programs.py shows them only
when the client raises their subject (`raised_types`) or names it (`subject_named`).
"""

from __future__ import annotations

import re

from app.advisor.engine.client_clauses import clauses
from app.advisor.engine.role_conditions import RD_INPUTS, builds_ai
from app.advisor.understand.plans import said_purchases
from app.catalogue.taxonomy import FundingType, SpendKind
from app.text.funding_words import FUNDING_NOUN_EN, FUNDING_NOUN_ZH
from app.text.normalize import normalize

_TYPE_WORDS: list[tuple[re.Pattern[str], set[SpendKind], set[FundingType]]] = [
    (
        # "人工智能训练师" is an occupation, trained for (below), not compute rented for training.
        re.compile(r"算力|训力|gpu|compute|训练(?!师)|智算", re.I),
        {SpendKind.compute},
        {FundingType.compute_voucher},
    ),
    (
        re.compile(r"模型券|模型|api|大模型|智能体|model voucher|llm|agent", re.I),
        {SpendKind.model_service},
        {FundingType.model_voucher},
    ),
    (
        re.compile(r"语料|数据集|数据券|corpus|dataset|data voucher", re.I),
        {SpendKind.data_corpus},
        {FundingType.data_voucher},
    ),
    (re.compile(r"标注|labell?ing|annotation", re.I), {SpendKind.data_labeling}, {FundingType.data_voucher}),
    (re.compile(r"数据资产|入表|挂牌|data asset", re.I), {SpendKind.data_asset}, {FundingType.data_voucher}),
    (re.compile(r"上云|云服务|云券|cloud", re.I), {SpendKind.cloud_service}, {FundingType.cloud_voucher}),
    # Running an open-source model yourself buys the software and the hardware it runs on (桐乡's open-source
    # award pays "软件和设备采购额"), not a model API.
    (re.compile(r"开源|open[- ]?source", re.I), {SpendKind.software, SpendKind.ai_equipment}, set()),
    (
        re.compile(r"设备|硬件|摄像头|equipment|hardware", re.I),
        {SpendKind.ai_equipment},
        {FundingType.equipment_subsidy},
    ),
    (
        re.compile(r"数字化|改造|转型|digital|digiti[sz]", re.I),  # "go digital", "digitise production"
        {SpendKind.digital_transformation},
        {FundingType.digital_transformation_subsidy},
    ),
    # Staff trained or certified ("让30个员工去考人工智能训练师证", "get our staff certified as AI trainers"): the
    # training subsidies, paid per certified worker via 人社 (review16 r16-24 was told none matched).
    (
        re.compile(
            r"培训|考证|考.{0,12}证|证书|职业技能|技能等级|职业资格|训练师|学徒|"
            r"training course|certif(?:y|ied|icate|ication)|upskill|skills? (?:training|subsid)",
            re.I,
        ),
        {SpendKind.training},
        {FundingType.training_subsidy},
    ),
    # Subjects of programs that follow a status, not a purchase (see `RAISED_ONLY`).
    (
        re.compile(
            r"税|加计扣除|研发|高新(?!区|园|技术产业开发区)|科技型中小企业|科小|r&d|research and development|\btax|"
            r"high-tech(?! zone| park| district)|hnte",
            re.I,
        ),
        set(),
        {FundingType.tax_incentive},
    ),
    (
        re.compile(r"贷款|贴息|融资|借钱|loan|interest subsid|financing", re.I),
        set(),
        {FundingType.loan_interest_subsidy},
    ),
]
# Tax benefits follow the company's tax position or a certification (R&D booked as such, 高新 status, the
# tech-SME registry) and loan interest subsidies follow a loan, not a purchase: shown only when the client
# raises their subject or names them — buying equipment is not taking a loan. Otherwise they would be a
# "to confirm" line (or a deadline alarm) on every pack.
RAISED_ONLY = {FundingType.tax_incentive, FundingType.loan_interest_subsidy}
# A specific subject names one program: "研发费用加计扣除能用吗" asks about R&D, not the 小型微利 rate or 高新
# status; a general word (税, tax, 贷款, loan) with no specific subject brings in every program of its type.
# Each pattern pairs with a word of the programs' Chinese names.
_SUBJECTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"研发|加计扣除|r&d|research and development|super.?deduction", re.I), "研发"),
    # "成都高新区" is a place, not the high-tech enterprise status.
    (re.compile(r"高新(?!区|园|技术产业开发区)|high.?tech(?! zone| park| district)|hnte", re.I), "高新"),
    (re.compile(r"小型微利|small.{0,6}low.?profit|small.?profit", re.I), "小型微利"),
    (
        re.compile(r"科技型中小企业|科小|(?<!high-)(?<!high )tech(nology)?.?(based )?smes?\b", re.I),
        "科技型中小企业",
    ),
    # Writing a machine off at once, however owners say it: "一次性扣除", "一次性抵税", "一次性进成本", "write the
    # machine off against tax this year", "expense it in one go" (held-out: the one-off deduction went unjudged).
    (
        re.compile(
            r"一次性(?:税前)?(?:扣除|抵扣|抵税|扣|计入|进成本|摊)|加速折旧|one.?off deduction|depreciat|"
            r"write (?:\w+ ){0,3}off|writ(?:e|ing)[- ]off|expens(?:e|ing) (?:it|them|the \w+) (?:at once|in one go|"
            r"all at once|in (?:one|a single) year)",
            re.I,
        ),
        "一次性",
    ),
    (re.compile(r"增值税|进项|\bvat\b", re.I), "增值税"),
    (
        re.compile(
            r"设备.{0,12}(贷款|贴息)|(贷款|贴息).{0,12}设备|equipment.{0,30}loan|loan.{0,30}equipment", re.I
        ),
        "设备更新贷款",
    ),
    (re.compile(r"创业担保|担保贷款|创业贷|guaranteed.{0,12}loan|start.?up loan", re.I), "创业担保"),
]


def spend_from_question(text: str) -> set[SpendKind]:
    """The kinds of spend the words raise; a client that builds AI itself raises what its R&D buys (compute,
    model calls, data: review14 r14-26, an AI one-person company never heard of its city's OPC compute voucher)."""
    norm = normalize(text)
    # ...only while it names none: one that says it rents GPUs asks about compute, not model or data programs
    # (review14 r14-36: a trainer renting GPUs was shown Shenzhen's model voucher with a deadline).
    raised = builds_ai(text) and not said_purchases(norm.lower())
    kinds: set[SpendKind] = set(RD_INPUTS) if raised else set()
    for pattern, spend, _ in _TYPE_WORDS:
        if pattern.search(norm):
            kinds |= spend
    return kinds


# A subject the client rules out ("全款自己买，不贷款", "no loan"): mentioned, not raised (review7 rev7-12).
_RULED_OUT = re.compile(
    r"(?:不|没有?|无需?|免)\S{0,3}$|(?:\bno|\bnot|\bwithout|n't)\s+(?:\w+\s+){0,2}$", re.I
)


def _affirmed(pattern: re.Pattern[str], text: str) -> bool:
    return any(not _RULED_OUT.search(text[max(0, m.start() - 8) : m.start()]) for m in pattern.finditer(text))


def raised_types(text: str) -> set[FundingType]:
    """Funding types whose subject the client raised ("我们有研发", "a bank loan for the machines"), not ruled out."""
    norm = normalize(text)
    return {t for pattern, _, types in _TYPE_WORDS if _affirmed(pattern, norm) for t in types}


# "有什么…", "能享受哪些", "what tax breaks", "any …": which programs there are, asked of the client's own case.
_ASKS_WHICH = re.compile(
    r"有(?:什么|哪些|没有|冇|啥|乜)|能享受|可以享受|享受(?:到)?(?:哪些|什么|啥)|能(?:用|拿)(?:哪些|什么|啥)|"
    r"\b(?:what|which|any)\b[^?]{0,30}\b(?:tax|loan|interest)\w*|\bcan (?:we|i) (?:get|claim|use)\b",
    re.I,
)


# The question word asks about programs when its own clause names the kind or a funding noun ("有没有贴息",
# "有什么税收优惠"): "能不能拿数据资产去申请贷款？山西有没有这样的先例？" asks for a precedent, not which loan programs.
_FUNDING_NOUN = re.compile(
    rf"{FUNDING_NOUN_ZH}|{FUNDING_NOUN_EN}|优惠|减免|政策|支持|\bbreaks?\b|\breliefs?\b|\bpolic(?:y|ies)\b|\bsupport\b",
    re.I,
)


def asks_which_of_raised_kind(text: str) -> bool:
    """ "有什么税收优惠？", "any tax breaks we can use?": which programs of a kind that follows the company's status (tax,
    loans: `RAISED_ONLY`) there are for the client, a question the verdicts answer, not a digest of the texts."""
    if not raised_types(text) & RAISED_ONLY:
        return False
    return any(
        _ASKS_WHICH.search(clause) and (raised_types(clause) & RAISED_ONLY or _FUNDING_NOUN.search(clause))
        for _, clause in clauses(text)
    )


# A program's distinctive subject, outside tax and loans, that clients call it by with its place ("桐乡的开源AI应用
# 奖励", "the Tongxiang open-source AI award" for 桐乡市开源生态人工智能应用项目奖励, review14 r14-05): paired with a
# word of the program's Chinese name, like `_SUBJECTS`.
_TITLE_SUBJECTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"开源|open[- ]?source", re.I), "开源"),
]


def title_subject_named(name: str, text: str) -> bool:
    """The client raises the distinctive subject of the program called `name` (开源 of 桐乡's open-source award)."""
    return any(word in name and _affirmed(pattern, text) for pattern, word in _TITLE_SUBJECTS)


def subject_named(name: str, text: str) -> bool:
    """The client raises the specific subject of the program called `name` (研发 of 研发费用加计扣除)."""
    return any(word in name and _affirmed(pattern, text) for pattern, word in _SUBJECTS)


# A tax named by itself (增值税) has several instruments (留抵退税, 加计抵减, 即征即退): naming it relays none of them.
_TAX_ONLY = frozenset({"增值税"})


def instrument_named(name: str, text: str) -> bool:
    """`subject_named` by what the program does ("一次性扣除", "研发费用加计扣除", "设备更新贷款"), not by a tax alone:
    a relayed "增值税留抵退税" is not the VAT credit the catalogue holds."""
    return any(
        word in name and word not in _TAX_ONLY and _affirmed(pattern, text) for pattern, word in _SUBJECTS
    )
