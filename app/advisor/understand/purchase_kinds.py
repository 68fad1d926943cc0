"""What kind of thing a purchase is, from the words that name it: "大模型训练的算力合同" is compute, "调用大模型API" a
model service, "GPU服务器" a server (hardware), "租GPU做微调" rented compute, and a kind word inside a program's
name ("算力券") buys nothing. purchases.py reads the amounts; this module says what each is for.
"""

from __future__ import annotations

import itertools
import re

from app.catalogue.taxonomy import SpendKind
from app.text.funding_words import FUNDING_NOUN, FUNDING_NOUN_EN, FUNDING_NOUN_ZH

WINDOW = 40  # how far from an amount a kind word may stand and still name what it pays for
# Models owners call by name: what they pay for is that model's service, whatever the bill is called.
MODEL_NAMES = (
    r"文心|通义|千问|qwen|deepseek|深度求索|豆包|doubao|智谱|chatglm|(?<![a-z])glm|kimi|月之暗面|混元|hunyuan|"
    r"盘古大模型|讯飞星火|星火大模型|minimax|百川|baichuan|chatgpt|openai|gpt-?[345]|(?<![a-z])claude(?![a-z])|"
    r"gemini|llama"
)
# How a thing is paid, not what it is: "一年费用12万" holds 年费, "a Doubao subscription". A kind word beside
# it names what is bought; alone, a subscription or licence is software.
_PAYMENT_MODE = re.compile(r"年费|订阅|subscriptions?|licen[cs]es?", re.I)

# Most specific first: "大模型训练的算力合同" is compute, "调用大模型API" a model service.
KIND_WORDS: list[tuple[SpendKind, re.Pattern[str]]] = [
    # The services around registering a data asset ("入表的评估审计费"), not the asset's own value.
    (
        SpendKind.data_asset,
        re.compile(
            r"入表|数据资产|资产评估|评估审计|审计评估|评估费|审计费|data[- ]asset|"
            r"(?:asset |data )?(?:valuation|appraisal)(?! of (?:the )?(?:company|business|firm))",
            re.I,
        ),
    ),
    # A labelled dataset bought is data, not a labelling service: "已标注的道路图像数据", "医学影像标注数据".
    (
        SpendKind.data_corpus,
        re.compile(
            r"语料|数据集|(?:已标注|标注好)的?|标注数据|(?:影像|图像|训练|语音|文本)数据|corpus|dataset|"
            r"labell?ed (?:[a-z-]+ ){0,2}(?:data|images?|photos?|pictures?|texts?|audio|speech)",
            re.I,
        ),
    ),
    (SpendKind.data_labeling, re.compile(r"标注|labell?ing|annotation", re.I)),
    (SpendKind.compute, re.compile(r"算力|训力|gpu|智算|卡时|compute", re.I)),
    (
        SpendKind.model_service,
        re.compile(
            r"模型服务|模型调用|调用.{0,8}模型|模型.{0,4}接口|私有化部署|大模型部署|api|token|微调|fine-?tun|"
            # "a contract with a filed LLM" (review9 r9-47): what is signed for is the model's service
            r"model[- ]services?|(?<![a-z])llms?(?![a-z])|"
            # A model named by its name is its service ("已备案的通义千问API，一年费用12万", en12-07)
            rf"{MODEL_NAMES}",
            re.I,
        ),
    ),
    (
        SpendKind.ai_equipment,
        re.compile(
            r"设备|硬件|服务器|显卡|摄像头|一体机|工控机|机器人|机械臂|机床|加工中心|注塑机|检测线|分拣线|传感器|边缘盒子?|"
            r"hardware|equipment|server|appliance|machine|robot|cameras?|sensors?|edge (?:box|device)|"
            r"(?:production|inspection|assembly|sorting|cnc) line",
            re.I,
        ),
    ),
    # A vendor's whole project contract ("35万的视觉质检项目合同") is a project, as a 数字化改造 is.
    (
        SpendKind.digital_transformation,
        re.compile(
            r"改造项目|数字化改造|项目合同|改造合同|(?:检测|质检|改造|智能化|系统|建设)(?:项目|合同)|"
            # "报N+X改造，整个项目预计投150万": a retrofit's whole project is what the amount pays for
            r"改造|技改|整个项目|项目总?投[入资]|transformation project|project contract|"
            # A digital workshop or smart factory is built as one project ("打算建数字化车间，合同金额500万", r10-22)
            r"数字化车间|智能车间|数字化工厂|智能工厂|智慧工厂|灯塔工厂|智能制造|"
            r"digital (?:workshop|factory)|smart (?:factory|workshop|manufacturing)|intelligent manufacturing",
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

_COMPUTE_HARDWARE = re.compile(r"gpu|服务器|显卡|算力|server", re.I)
_RENTED = re.compile(r"租|rent|leas", re.I)
_PURPOSE = re.compile(
    r"微调|fine-?tun(?:e|ing)?", re.I
)  # what rented compute is used for, not a service bought

# What a thing bought is for, said after it: "租算力做设备故障预测模型", "买数据集拿来训练质检模型", "GPUs to train a
# model", "a dataset for fine-tuning". Bare 做 counts only after the object (a kind word) in the same clause ("我们
# 做设备维修的" is the trade); "用来/用于/to train" may open the next clause ("…的合同，用来训练客服大模型").
_PURPOSE_AFTER_OBJECT = re.compile(
    r"(?:拿来|用来|用于|用在|来|去|以便|好)?(?:做|训练|跑|搞|开发|实现|支撑)|用于|用来|"
    r"\b(?:to|so (?:we|i) can|in order to)\s+(?:train|build|fine-?tune|develop|run|power|make|do|support|create|"
    r"predict|monitor|detect)\b|\bfor\s+(?:training|fine-?tuning|building|running|developing|inference|our|the|a|an)\b",
    re.I,
)
_PURPOSE_OPENS = re.compile(
    r"\s*(?:拿来|用来|用于|用在|以便|主要用于|\b(?:to|in order to)\s+(?:train|build|fine-?tune|develop|run)\b)",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,，;；。!?！？\n]|\.(?=\s|$)")
_SENTENCE_BREAK = re.compile(r"[;；。!?！？\n]|\.(?=\s|$)")
_BUY_VERB_EN = re.compile(
    r"\b(?:buy(?:ing|s)?|purchas(?:e|es|ing)|licen[cs](?:e|es|ing)|rent(?:s|ing)?|leas(?:e|es|ing)|"
    r"subscrib(?:e|es|ing) to|order(?:s|ing)?)\b",
    re.I,
)
_OBJECT_REACH = (
    40  # how far after the verb its object's kind word may stand ("buy a licensed industry corpus")
)


def purpose_spans(body: str, object_ends: list[int]) -> list[tuple[int, int]]:
    """Where `body` says what a thing bought is for: from a purpose word after an object (a kind word ending at
    one of `object_ends`) in its clause, or a clause opened by one, to the clause's end."""
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(body)), len(body)]
    spans = []
    for begin, finish in itertools.pairwise(cuts):
        if _PURPOSE_OPENS.match(body, begin, finish) and any(e <= begin for e in object_ends):
            spans.append((begin, finish))
            continue
        objects = [e for e in object_ends if begin < e <= finish]
        if objects and (mark := _PURPOSE_AFTER_OBJECT.search(body, min(objects), finish)):
            spans.append((mark.start(), finish))
    return spans


# A kind word inside a program's name speaks of funding, not of a purchase: "有没有算力券" buys no compute. A tax
# rule is named by what it does to the tax ("设备一次性税前扣除", "设备加速折旧"): "设备" there buys nothing (en12-14).
_FUNDING_NAME_AFTER = re.compile(
    rf"^(?:{FUNDING_NOUN}|专项|(?:一次性)?(?:税前)?扣除|加计(?:扣除|抵减)|加速折旧|抵免|减免)", re.I
)

# A program's name is neither a need nor a purchase: "深圳的模型券能报销吗" asks about funding and must not name
# the model-API solution ("模型"), as "算力服务券" buys no compute (engine/recommend.py, `planned_kinds`).
# A name's words never cross the words of asking for it: "用AI做外观质检能申请补贴吗" names the need 质检, not a
# program called 检能申请补贴 (the need was cut out of a funding question, and with it the pack).
_ASKING = r"能(?:申请|申领|拿|领|享受|用|补|报)|申请|申领|请|可以|有|拿|领|享受|什么|哪些|多少"
PROGRAM_MENTION = re.compile(
    rf"(?:(?!{_ASKING})[a-z0-9\u4e00-\u9fff]){{0,4}}(?:{FUNDING_NOUN_ZH})|\b[a-z-]+ {FUNDING_NOUN_EN}"
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


def kind_before(body: str, start: int) -> SpendKind | None:
    """The kind named last before an amount, within the window."""
    before = body[max(0, start - WINDOW) : start]
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


# A cloud named by its vendor sells what the sentence says is bought: "接通义千问的API…已经和阿里云谈好一年合同40万"
# is the model's API bought from Alibaba Cloud (review11 r11-01), not cloud resources; "云服务器" is a product.
_CLOUD_VENDOR = re.compile(
    r"[阿腾华百京]\w?云|火山引擎|alibaba cloud|aliyun|tencent cloud|huawei cloud|baidu (?:ai )?cloud|volcengine",
    re.I,
)


def _model_sold_by(body: str, start: int, end: int) -> bool:
    model = dict(KIND_WORDS)[SpendKind.model_service]
    return bool(_CLOUD_VENDOR.fullmatch(body[start:end])) and bool(model.search(without_programs(body)))


def _kind_words(body: str) -> list[tuple[int, int, int, SpendKind]]:
    """(start, end, rank, kind) of every kind word in `body`, none inside a program's name."""
    return [
        (word.start(), word.end(), rank, kind)
        for rank, (kind, pattern) in enumerate(KIND_WORDS)
        for word in pattern.finditer(body)
        if not _FUNDING_NAME_AFTER.match(body[word.end() :].lstrip())
    ]


def _bought_not_purposed(
    body: str, words: list[tuple[int, int, int, SpendKind]]
) -> list[tuple[int, int, int, SpendKind]]:
    """The kind words that name what is bought: those in a purpose phrase ("租算力做设备故障预测模型", "a dataset to
    fine-tune our model") say what the thing is for, never what it is (review12 r12-08: 设备 made the rented
    compute AI equipment). All of them when only a purpose names a kind."""
    spans = purpose_spans(body, [w[1] for w in words])
    kept = [w for w in words if not any(a <= w[0] < b for a, b in spans)]
    return kept or words


def bought_object(before: str) -> SpendKind | None:
    """The kind of the object of the last English verb of buying in `before` ("buy a licensed industry corpus
    from the Shanghai Data Exchange for about…", review12 r12-43): the amount after it is that thing's price,
    however far the object stands from it. None when no verb of buying has a kind word for object."""
    verbs = list(_BUY_VERB_EN.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    words = _kind_words(before)
    objects = [
        w for w in _bought_not_purposed(before, words) if verb.end() <= w[0] <= verb.end() + _OBJECT_REACH
    ]
    if not objects or _SENTENCE_BREAK.search(before, verb.end(), objects[0][0]):
        return None
    # "a licensed industry corpus": how it is paid (licensed, a subscription) is no object when a thing follows
    things = [w for w in objects if not _PAYMENT_MODE.fullmatch(before[w[0] : w[1]])]
    first = min(things or objects)
    return _head_kind(before, first[0], first[1], first[3], words, verb.start())


def nearest_kind(body: str, start: int, end: int, window: int = WINDOW) -> SpendKind | None:
    """The kind named nearest the amount at body[start:end], within `window` characters either side."""
    words = _bought_not_purposed(body, _kind_words(body))
    best: tuple[bool, int, int, int, int, int, SpendKind] | None = None
    for word in words:
        w_start, w_end, rank, _ = word
        distance = start - w_end if w_end <= start else w_start - end
        if 0 <= distance <= window or (w_start < end and w_end > start):
            # A thing named beats a way of paying; then nearest first; at the same distance the longer word
            # ("云服务器" over "服务器"), then the rank.
            paying = bool(_PAYMENT_MODE.fullmatch(body[w_start:w_end]))
            key = (paying, max(distance, 0), w_start - w_end, rank)
            if best is None or key < best[:4]:
                best = (*key, *word[:2], word[3])
    if best is None:
        return None
    best_start, best_end, best_kind = best[4], best[5], best[6]
    kind = _head_kind(body, best_start, best_end, best_kind, words, min(start, best_start))
    if kind is SpendKind.cloud_service and (
        _hosted_model(body, best_start) or _model_sold_by(body, best_start, best_end)
    ):
        return SpendKind.model_service  # "LLM API (Qwen on Alibaba Cloud), 80k a year"
    if kind is SpendKind.model_service and _PURPOSE.fullmatch(body[best_start:best_end]):
        # "租GPU做行业大模型微调，合同80万": what is bought is the rented compute, fine-tuning is what it is for
        # (review7 rev7-01: the contract was booked as a model service and got the 模型券).
        phrase = body[max(0, min(start, best_start) - WINDOW) : max(end, best_end)]
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
        if _PAYMENT_MODE.fullmatch(body[nxt[0] : nxt[1]]):
            break  # "a Doubao subscription": how the model is paid for, not another thing bought
        end, kind = nxt[1], nxt[3]
    rented = _RENTED.search(body[max(0, phrase - 16) : first])  # "leases GPU servers", "租了两台GPU服务器"
    if kind is SpendKind.ai_equipment and rented and _COMPUTE_HARDWARE.search(body[first:end]):
        return SpendKind.compute
    return kind
