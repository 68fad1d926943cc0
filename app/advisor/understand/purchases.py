"""What the client says they will buy, with their own amount: "合同大概150万" of GPU rental, "一年大概20万" of
compute, "spend 400k RMB on GPU compute rental and 100k on model API calls".

Such an amount is a purchase, not the budget: it is what a program's ratio applies to (advice_rules.md §5,
the client's figures win). `understand.budget` asks this reader which amounts are purchases, so one place
decides what an amount is. An amount is a budget instead when a budget word comes right before it (预算,
投入, what the client can afford: 能花/能投/可以拿出, can spend; budget, spend up to) or a ceiling word comes
with it (以内, 最多, 不超过, under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from app.advisor.understand.numbers import (
    AMOUNT,
    COMPANY_MONEY,
    Money,
    foreign_currency,
    parse_amount,
    per_month,
)
from app.catalogue.taxonomy import SpendKind
from app.text.funding_words import FUNDING_NOUN, FUNDING_NOUN_EN, FUNDING_NOUN_ZH


class StatedPurchase(BaseModel):
    """A contract the client named: the kind of spend and their amount in CNY."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: SpendKind
    amount_cny: float = Field(gt=0, allow_inf_nan=False)
    # The client gave a monthly figure: amount_cny is twelve of it (the first year's spend).
    monthly_cny: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # A quote for the whole solution ("整体报价60万（含服务器和实施）"): it replaces all of the solution's items.
    whole: bool = False
    # The words it was named with ("刚签了一套云erp，一年6万"): which pack solution, if any, it is (engine/purchases.py).
    said: str = ""


@dataclass(frozen=True)
class PurchaseSpan:
    start: int  # in the normalised text
    end: int
    purchase: StatedPurchase


# Most specific first: "大模型训练的算力合同" is compute, "调用大模型API" a model service.
KIND_WORDS: list[tuple[SpendKind, re.Pattern[str]]] = [
    # The services around registering a data asset ("入表的评估审计费"), not the asset's own value.
    (
        SpendKind.data_asset,
        re.compile(r"入表|数据资产|资产评估|评估审计|审计评估|评估费|审计费|data[- ]asset", re.I),
    ),
    # A labelled dataset bought is data, not a labelling service: "已标注的道路图像数据", "医学影像标注数据".
    (
        SpendKind.data_corpus,
        re.compile(
            r"语料|数据集|(?:已标注|标注好)的?|标注数据|(?:影像|图像|训练|语音|文本)数据|corpus|dataset|"
            r"labell?ed data",
            re.I,
        ),
    ),
    (SpendKind.data_labeling, re.compile(r"标注|labell?ing|annotation", re.I)),
    (SpendKind.compute, re.compile(r"算力|训力|gpu|智算|卡时|compute", re.I)),
    (
        SpendKind.model_service,
        re.compile(
            r"模型服务|模型调用|调用.{0,8}模型|模型.{0,4}接口|私有化部署|大模型部署|api|token|微调|fine-?tun|"
            r"model[- ]services?",
            re.I,
        ),
    ),
    (
        SpendKind.ai_equipment,
        re.compile(
            r"设备|硬件|服务器|显卡|摄像头|一体机|工控机|机器人|机械臂|机床|加工中心|注塑机|检测线|分拣线|"
            r"hardware|equipment|server|appliance|machine|robot|(?:production|inspection|assembly|sorting|cnc) line",
            re.I,
        ),
    ),
    # A vendor's whole project contract ("35万的视觉质检项目合同") is a project, as a 数字化改造 is.
    (
        SpendKind.digital_transformation,
        re.compile(
            r"改造项目|数字化改造|项目合同|改造合同|(?:检测|质检|改造|智能化|系统|建设)(?:项目|合同)|"
            # "报N+X改造，整个项目预计投150万": a retrofit's whole project is what the amount pays for
            r"改造|技改|整个项目|项目总?投[入资]|transformation project|project contract",
            re.I,
        ),
    ),
    (
        SpendKind.software,
        # Management software by its usual names ("云ERP", "进销存"): what the client signs is an application.
        re.compile(
            r"saas|软件|订阅|年费|系统|进销存|(?<![a-z])(?:erp|crm|mes|wms|oa)(?![a-z])|subscription|software|system|"
            r"licen[cs]e",
            re.I,
        ),
    ),
    (
        SpendKind.cloud_service,
        re.compile(r"云服务器|云主机|云资源|[阿腾华百京]\w?云|云服务|上云|云上|迁.{0,4}云|cloud", re.I),
    ),
    (SpendKind.implementation, re.compile(r"实施费|实施服务|集成|定制开发|implementation|integration", re.I)),
]
_MONEY = re.compile(AMOUNT, re.I)
_COMPUTE_HARDWARE = re.compile(r"gpu|服务器|显卡|算力|server", re.I)
_RENTED = re.compile(r"租|rent|leas", re.I)
_PURPOSE = re.compile(
    r"微调|fine-?tun(?:e|ing)?", re.I
)  # what rented compute is used for, not a service bought
# An amount right after these is a budget, a revenue or the subsidy hoped for, not a contract.
_NOT_A_PURCHASE = re.compile(
    r"(预算|投入|(?:能|可以|可|愿意|舍得)(?:花|投|出|拿出?)|[花投出]得起|拿得出|经费|批了|批下|批给|承受|budget|afford|can spend|"
    r"willing to spend|spare|"
    rf"{COMPANY_MONEY}|拿|补|获得|得到|领|给(?:我们|我|咱们)|畀|"  # the amount hoped for ("一定畀足100萬")
    r"get|receive|pay (?:us|me)|give (?:us|me)|保证|guarantee|上限|cap|不超过|不超|不到|最多|顶多|至多|控制在|up to|under|no more than|at most)"
    r"[^，,。；;\d]{0,10}$",  # "budget about 100k", "预算大概是3万"
    re.I,
)
# ...unless the amount is what a thing the client names costs or cost: "项目总投入120万", "整个项目预计投150万",
# "评估审计费花了20万", "we spent 300k on": the price of a purchase, past or planned, is no budget (review6 c26,
# c34: a 120万 project and a 20万 fee were read as budgets).
_THING_COSTS = re.compile(
    r"(?:项目|改造|工程|合同|整体|总|一共|总共|费用?)\s*(?:预计|计划|大概|大约|约|要)?\s*(?:总)?"
    r"(?:投入|投资|投|花费|花了|花掉|用了|支出)了?\s*(?:约|大概|大约|了)?\s*$|"
    r"(?:花了|花掉了?|用掉了?|付了|spent|paid)\s*(?:约|大概|大约|about|around|roughly)?\s*$|"
    # "贷款买一台200万的检测设备", "borrow to buy a RMB 2.4 million line": the price of the thing bought
    r"(?:买|购买|购置|采购|添置)\s*(?:了)?\s*(?:[一两二三四五几]|\d+)?\s*(?:台|套|条|批|个|辆|组|部)?\s*(?:价值|价格)?\s*$|"
    r"\b(?:buy|purchase)\s+(?:a|an|one|two|new|\s)*(?:rmb|cny|¥)?\s*$",
    re.I,
)
# A value the client reports about an asset ("数据资产入表金额80万") is neither a spend nor a budget.
_ASSET_VALUE = re.compile(
    r"(?:入表|估值|评估值|账面)(?:金额|价值|值)?\s*(?:约|大概|为|是)?\s*$|valued at\s*$", re.I
)
# ...and one followed by these is a ceiling the client sets ("5w以内", "under 50k"), still a budget. Not
# understand.budget.CEILING_AFTER: that one also reads "左右" and "能做…" as a budget, while "30万左右的算力合同"
# is a contract the client names.
_CEILING_AFTER = re.compile(r"\s*(以内|以下|之内|以里|封顶|上下|(?:左右)?的?预算|or less|max|budget)", re.I)
# A kind word inside a program's name speaks of funding, not of a purchase: "有没有算力券" buys no compute.
_FUNDING_NAME_AFTER = re.compile(rf"^(?:{FUNDING_NOUN}|专项)", re.I)
_HAS_UNIT = re.compile(r"(亿|千万|百万|万|千|k|m|mn|million|billion|bn|元|块|人民币|rmb|cny|yuan)", re.I)
# "贷款500万买智能裁断设备": the loan pays for the thing named right after it, so that is its price (review8 r8-22).
_LOAN_BEFORE = re.compile(r"(?:贷款|贷|借款|借)[^，,。；;\d]{0,4}$")
_BUYS_AFTER = re.compile(r"\s*(?:元|块)?\s*(?:来|用来|用于|去)?\s*(?:买|购买|购置|采购|添置|更新|换)")
_LOAN_AFTER = re.compile(r"[^，,。；;\d]{0,10}?(?:贷款|贷|借款|loan)", re.I)
_CN_MAGNITUDE = re.compile(r"[万亿萬億]$")
_COUNTED = re.compile(r"\s*(?:个|人|名|张|条|件|次|台|套|家|辆|吨|只|户|份|字|行|图|页)")
_CURRENCY_BEFORE = re.compile(r"(?:rmb|cny|yuan|¥|￥)\s*$", re.I)
_SENTENCE = re.compile(r"[^。！？!?;；\n]+")
_WINDOW = 40
_EACH = re.compile(r"各(?:自|是|为)?\s*$")
# A vendor's quote or a figure said to include everything is the whole solution's price, not one item's (review6
# c01: "私有化部署通义千问，报价40万" got the catalogue's GPU server and maintenance added on top).
_WHOLE_BEFORE = re.compile(
    r"(?:整体|全包|总价|打包|一揽子|交钥匙|总报价|报价|整套|全套|总共|一共|all-in|turnkey|quoted?|in total|total)"
    r"[^，,。；;\d]{0,6}$",
    re.I,
)
_WHOLE_AFTER = re.compile(
    r"^\s*(?:元|块)?\s*[（(]?\s*(?:全包|打包|含|包含|包括|连|都含|全含|all-in|turnkey|including|includes|in total)",
    re.I,
)
_EACH_AFTER = re.compile(r"\s*each\b", re.I)


def purchase_spans(norm: str) -> list[PurchaseSpan]:
    """Contracts with an amount the client names in normalised text, where each amount stands."""
    # An English full stop ends a sentence too; replaced in place so positions stay those of `norm`.
    text = re.sub(r"\.(?=\s)", "。", norm)
    found: list[PurchaseSpan] = []
    for sentence in _SENTENCE.finditer(text):
        body, offset = sentence.group(0), sentence.start()
        for match in _MONEY.finditer(body):
            unit = match.group(2)
            tail = body[match.end(1) : match.end()]
            currency_before = _CURRENCY_BEFORE.search(body[max(0, match.start() - 6) : match.start()])
            if _COUNTED.match(body, match.end()):
                continue  # "3万张缺陷图片", "六十万张": a count, whatever its magnitude
            # "六十万", "贰拾万": the magnitude is inside the numeral
            in_numeral = _CN_MAGNITUDE.search(match.group(1))
            if not unit and not _HAS_UNIT.search(tail) and not currency_before and not in_numeral:
                continue  # "5000张图片" is a count, not money ("RMB 12,000" is money)
            before = body[max(0, match.start() - 12) : match.start()]
            if _ASSET_VALUE.search(before):
                continue
            borrowed_to_buy = _LOAN_BEFORE.search(before) and _BUYS_AFTER.match(body, match.end())
            if _NOT_A_PURCHASE.search(before) and not _THING_COSTS.search(before) and not borrowed_to_buy:
                continue
            if foreign_currency(body, Money(0.0, match.start(), match.end(), True)):
                continue  # "HK$40萬": no exchange rate, so no CNY contract (engine/foreign_figures.py says it)
            if _CEILING_AFTER.match(body, match.end()) or _LOAN_AFTER.match(body, match.end()):
                continue  # a ceiling ("5w以内"), or the loan taking the amount ("200万走银行贷款")
            if (money := _first_year(body, match)) is None:
                continue
            amount, monthly = money
            if _EACH.search(body[max(0, match.start() - 3) : match.start()]):
                # "标注服务和模型API各10万": one contract per kind named before the amount
                kinds = kinds_named(body[max(0, match.start() - _WINDOW) : match.start()])
            elif _EACH_AFTER.match(body, match.end()):
                # "100k each on labelling and API calls": ...or after it
                kinds = kinds_named(body[match.end() : match.end() + _WINDOW])
            else:
                kinds = [kind] if (kind := _nearest_kind(body, match.start(), match.end())) else []
            whole = bool(
                _WHOLE_BEFORE.search(body[max(0, match.start() - 12) : match.start()])
                or _WHOLE_AFTER.match(body[match.end() :])
            )
            if whole and (quoted := _kind_before(body, match.start())):
                kinds = [quoted]  # what was quoted is named before its price; "（含服务器…）" lists its parts
            for kind in kinds:
                said = _clause_of(body, match.start(), match.end(), kind)
                purchase = StatedPurchase(
                    kind=kind, amount_cny=amount, monthly_cny=monthly, whole=whole, said=said
                )
                found.append(PurchaseSpan(offset + match.start(), offset + match.end(), purchase))
    return found


_CLAUSE_END = re.compile(r"[，,；;]")


def _clause_of(body: str, start: int, end: int, kind: SpendKind) -> str:
    """The clause an amount stands in, with the one before when the thing bought is named there
    ("刚签了一套云erp，一年6万", "想买一套故障数据集来训练模型，数据集合同60万"): the words saying what the contract is
    and what it is for, which name no other need (engine/pack_contracts.py)."""
    cuts = [m.start() for m in _CLAUSE_END.finditer(body)]
    begin = max((c + 1 for c in cuts if c < start), default=0)
    finish = min((c for c in cuts if c >= end), default=len(body))
    if begin > 0:
        before = max((c + 1 for c in cuts if c < begin - 1), default=0)
        named = kinds_named(body[before : begin - 1])
        if not kinds_named(body[begin:start]) or kind in named:
            begin = before
    return body[begin:finish].strip()


def stated_purchases(norm: str) -> list[StatedPurchase]:
    return [span.purchase for span in purchase_spans(norm)]


# "合同30万" names what the client buys by its paper, not a need for contract software.
CONTRACT_WORD = re.compile(r"合同|合约|contract", re.I)


def restated_contract(
    norm: str, earlier: list[StatedPurchase], corrected: bool = False
) -> list[StatedPurchase]:
    """ "说错了，合同是一年50万": an amount for "the contract" naming no kind, in a conversation with one kind
    of contract, is that contract's amount (review5: the correction was answered with a quote dump).

    `corrected`: the message corrects an earlier figure and the client gave no budget, so the one figure
    they gave is the one corrected ("不好意思说错了，是一年3万" after "一年算力支出大概8万", review6 s1t2)."""
    said_contract = CONTRACT_WORD.search(norm) or corrected
    if len({p.kind for p in earlier}) != 1 or not said_contract or purchase_spans(norm):
        return []
    for match in _MONEY.finditer(norm):
        unit = match.group(2)
        if not unit and not _HAS_UNIT.search(norm[match.end(1) : match.end()]):
            continue
        if (money := _first_year(norm, match)) is not None:
            amount, monthly = money
            restated = StatedPurchase(
                kind=earlier[0].kind, amount_cny=amount, monthly_cny=monthly, said=earlier[0].said
            )
            return [restated]
    return []


def _first_year(text: str, match: re.Match[str]) -> tuple[float, float | None] | None:
    """The amount a money match states for the first year, and its monthly figure when it is one."""
    amount = parse_amount(match.group(1), match.group(2))
    if amount is None or amount <= 0:
        return None
    if per_month(text, match.start(), match.end()):
        return amount * 12, amount  # "每月5000", "5k a month": the first year is twelve
    return amount, None


# A program's name is neither a need nor a purchase: "深圳的模型券能报销吗" asks about funding and must not name
# the model-API solution ("模型"), as "算力服务券" buys no compute (engine/recommend.py, `planned_kinds`).
PROGRAM_MENTION = re.compile(
    rf"[a-z0-9\u4e00-\u9fff]{{0,4}}(?:{FUNDING_NOUN_ZH})|\b[a-z-]+ {FUNDING_NOUN_EN}"
)


def without_programs(text: str) -> str:
    return PROGRAM_MENTION.sub(" ", text)


def kinds_named(before: str) -> list[SpendKind]:
    """Every kind of purchase named in `before`, in the order named (not inside a program's name).

    What a client plans to buy without an amount is read in plans.py (their trade and their own work apart).
    """
    named: list[tuple[int, SpendKind]] = []
    for kind, pattern in KIND_WORDS:
        words = [
            w for w in pattern.finditer(before) if not _FUNDING_NAME_AFTER.match(before[w.end() :].lstrip())
        ]
        if words and kind not in {k for _, k in named}:
            named.append((words[0].start(), kind))
    return [kind for _, kind in sorted(named, key=lambda pair: pair[0])]


def _kind_before(body: str, start: int) -> SpendKind | None:
    """The kind named last before an amount, within the window."""
    before = body[max(0, start - _WINDOW) : start]
    found = [
        (word.end(), -rank, kind)
        for rank, (kind, pattern) in enumerate(KIND_WORDS)
        for word in pattern.finditer(before)
        if not _FUNDING_NAME_AFTER.match(before[word.end() :].lstrip())
    ]
    return max(found)[2] if found else None


# A model named just before the cloud that hosts it: "LLM API (Qwen on Alibaba Cloud)", "通义千问API（阿里云）".
_MODEL_BEFORE_CLOUD = re.compile(r"[^，,。.；;!?！？]{0,25}$")


def _hosted_model(body: str, cloud_start: int) -> bool:
    """The cloud is where a model the client calls runs: the model service is what they buy, not cloud."""
    model = dict(KIND_WORDS)[SpendKind.model_service]
    before = body[:cloud_start]
    return any(_MODEL_BEFORE_CLOUD.fullmatch(before[m.end() :]) for m in model.finditer(before))


def _nearest_kind(body: str, start: int, end: int) -> SpendKind | None:
    words = [
        (word.start(), word.end(), rank, kind)
        for rank, (kind, pattern) in enumerate(KIND_WORDS)
        for word in pattern.finditer(body)
        if not _FUNDING_NAME_AFTER.match(body[word.end() :].lstrip())
    ]
    best: tuple[int, int, int, int, int, SpendKind] | None = None
    for word in words:
        w_start, w_end, rank, _ = word
        distance = start - w_end if w_end <= start else w_start - end
        if 0 <= distance <= _WINDOW or (w_start < end and w_end > start):
            # Nearest first; at the same distance the longer word ("云服务器" over "服务器"), then the rank.
            key = (max(distance, 0), w_start - w_end, rank)
            if best is None or key < best[:3]:
                best = (*key, *word[:2], word[3])
    if best is None:
        return None
    kind = _head_kind(body, best[3], best[4], best[5], words, min(start, best[3]))
    if kind is SpendKind.cloud_service and _hosted_model(body, best[3]):
        return SpendKind.model_service  # "LLM API (Qwen on Alibaba Cloud), 80k a year"
    if kind is SpendKind.model_service and _PURPOSE.fullmatch(body[best[3] : best[4]]):
        # "租GPU做行业大模型微调，合同80万": what is bought is the rented compute, fine-tuning is what it is for
        # (review7 rev7-01: the contract was booked as a model service and got the 模型券).
        phrase = body[max(0, min(start, best[3]) - _WINDOW) : max(end, best[4])]
        if _RENTED.search(phrase) and _COMPUTE_HARDWARE.search(phrase):
            return SpendKind.compute
    return kind


def _head_kind(
    body: str,
    start: int,
    end: int,
    kind: SpendKind,
    words: list[tuple[int, int, int, SpendKind]],
    phrase: int,
) -> SpendKind:
    """In a compound the last noun is what is bought (the head): "GPU服务器" is a server, "GPU servers" too.

    A server or GPU card bought is hardware (§1: compute vouchers do not pay for it); rented, it is compute.
    `phrase`: where the purchase phrase starts (the amount or the noun): "rented 10k RMB of GPU servers".
    """
    first = start
    while nxt := next((w for w in words if w[0] in (end, end + 1) and body[end : w[0]].strip() == ""), None):
        end, kind = nxt[1], nxt[3]
    rented = _RENTED.search(body[max(0, phrase - 8) : first])
    if kind is SpendKind.ai_equipment and rented and _COMPUTE_HARDWARE.search(body[first:end]):
        return SpendKind.compute
    return kind
