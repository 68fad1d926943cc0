"""The words that say what kind of thing is bought: "算力" compute, "调用大模型API" a model service, "服务器" a
server (hardware), "年费" a way of paying. And the words that are a program's name instead ("算力券" buys no
compute), so that no reader takes a voucher for a purchase. purchase_kinds.py decides, from these words, which kind
an amount pays for; plans.py and unpriced.py read plans without an amount with the same words.
"""

from __future__ import annotations

import re

from app.catalogue.taxonomy import SpendKind
from app.text.funding_words import FUNDING_NOUN, FUNDING_NOUN_EN, FUNDING_NOUN_ZH

# Models owners call by name: what they pay for is that model's service, whatever the bill is called.
MODEL_NAMES = (
    r"文心|通义|千问|qwen|deepseek|深度求索|豆包|doubao|智谱|chatglm|(?<![a-z])glm|kimi|月之暗面|混元|hunyuan|"
    r"盘古大模型|讯飞星火|星火大模型|minimax|百川|baichuan|chatgpt|openai|gpt-?[345]|(?<![a-z])claude(?![a-z])|"
    r"gemini|llama"
)
# How a thing is paid, not what it is: "一年费用12万" holds 年费, "a Doubao subscription". A kind word beside
# it names what is bought; alone, a subscription or licence is software.
PAYMENT_MODE = re.compile(r"年费|订阅|subscriptions?|licen[cs]es?", re.I)

# A machine or a line the client acquires, named by the head of its noun (Chinese compounds are right-headed):
# 机 a machine (激光切割机, 贴片机, 空压机), 床 a machine tool (冲床, 车床), 炉/窑 a furnace or kiln, 仪/器 an instrument,
# 机器人 a robot, 线 a line (产线, 包装线, 质检线), 车 a vehicle (叉车, AGV小车). The head alone is ambiguous (商机, 司机,
# 热线), so it names equipment only where the noun is counted as a machine (台/部/架, a line 条, a set 套) or is
# the object of acquiring it (买, 购置, 引进, 上了, 换了): "上个月新买了台激光切割机，150万", "刚花80万上了条自动化
# 产线", "引进了一条全自动包装线". A list of machine names would grow by every machine an owner names.
# The verbs of acquiring are looked behind, not matched, so the noun's span starts at the thing (unpriced.py wants a
# verb before the word it buys).
_ACQUIRED = "|".join(
    f"(?<={verb}{done})"
    for verb in (
        "买",
        "购置",
        "购入",
        "购进",
        "采购",
        "添置",
        "引进",
        "新上",
        "上",
        "换",
        "更新",
        "装",
        "安装",
    )
    for done in ("了", "咗", "")
    if (verb, done)
    not in {("上", ""), ("换", ""), ("装", ""), ("更新", "")}  # 上AI客服, 换个思路: no machine
)
_MACHINE_COUNT = r"[一两二三四五六七八九十几\d]+\s*[台部架条套]"
_MACHINE_HEAD = r"(?:机器人|机组|机床|加工中心|机(?![会构制关遇理场票])|床|炉|窑|仪|器(?!械厂)|车(?![间])|线)"
# The head ends the noun ("机舱的维修工单语料" is a corpus, its 机 no head); a cloud's 主机 or 服务器 is the cloud (云主机);
# a line or machine made 数字化/智能化 is a transformation project's, as 数字化车间 is (kinds below decide those).
_NOUN_ENDS = r"(?=$|[^\u4e00-\u9fff]|[和及与跟的花用共是要给了在也都还就呢吗啊吧]|一共|总共)"
_MACHINE_MODIFIER = r"(?:(?!数字化|智能化|数智化)[^，,。；;！？!?\s云]){0,12}?"
MACHINE_NOUN = (
    rf"(?:(?:{_ACQUIRED})\s*(?:{_MACHINE_COUNT}|[台部架条套])?|{_MACHINE_COUNT})"
    rf"\s*(?:新的?|全新的?|二手的?)?{_MACHINE_MODIFIER}{_MACHINE_HEAD}{_NOUN_ENDS}"
)
# ...and in English the machines owners name beside their price ("a 1.2 million yuan machining centre"); a line is
# named only as bought elsewhere ("check the seals on our packing line" buys nothing).
MACHINE_NOUN_EN = (
    r"\b(?:machining cent(?:re|er)s?|lathes?|looms?|kilns?|furnaces?|boilers?|forklifts?|"
    r"(?:laser|plasma|water-?jet) cutters?|(?:stamping|hydraulic|punch|printing) press(?:es)?|press brakes?)\b"
)

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
            r"语料|数据集|corpora|(?:已标注|标注好)的?|标注数据|(?:影像|图像|训练|语音|文本)数据|corpus|dataset|"
            r"labell?ed (?:[a-z-]+ ){0,2}(?:data|images?|photos?|pictures?|texts?|audio|speech)",
            re.I,
        ),
    ),
    (SpendKind.data_labeling, re.compile(r"标注|labell?ing|annotation", re.I)),
    # A compute cluster or data centre is where compute is rented ("跟庆阳集群的服务商签了合同", "a provider in the
    # Qingyang cluster"; held-out review of session 16): not an industrial cluster (产业集群).
    (
        SpendKind.compute,
        re.compile(
            r"算力|训力|gpu|智算|卡时|compute|(?<!产业)集群|数据中心|(?<!industrial )(?<!industry )cluster|"
            r"data[- ]?cent(?:re|er)",
            re.I,
        ),
    ),
    (
        SpendKind.model_service,
        re.compile(
            r"模型服务|模型调用|调用.{0,8}模型|模型.{0,4}接口|私有化部署|大模型部署|api|token|微调|fine-?tun|"
            # "a contract with a filed LLM" (review9 r9-47): what is signed for is the model's service
            r"model[- ]services?|(?<![a-z])llms?(?![a-z])|"
            # "we spend about 5 million on model calls", "our model usage bill" (review16 r16-53)
            r"model (?:calls|usage|inference)|(?:calls|requests) to (?:an? |the |our )?(?:\w+ ){0,2}models?\b|"
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
            rf"(?:production|inspection|assembly|sorting|cnc) line|{MACHINE_NOUN}|{MACHINE_NOUN_EN}",
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
            # "our digital transformation contract", "the retrofit contract was RMB 1.5 million" (r15-53)
            r"(?:digital|smart|intelligent)[- ]transformation (?:contract|deal)|retrofit (?:contract|project|deal)|"
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

# A kind word inside a program's name speaks of funding, not of a purchase: "有没有算力券" buys no compute. A tax
# rule is named by what it does to the tax ("设备一次性税前扣除", "设备加速折旧"): "设备" there buys nothing (en12-14).
FUNDING_NAME_AFTER = re.compile(
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


def in_program_name(body: str, word: re.Match[str]) -> bool:
    """The kind word is part of a program's name: right before a funding noun ("算力券") or inside a name that
    ends in one ("算力服务券": review14 r14-27, the 算力 of the voucher asked about made the API fee compute)."""
    if FUNDING_NAME_AFTER.match(body[word.end() :].lstrip()):
        return True
    return any(m.start() <= word.start() < m.end() for m in PROGRAM_MENTION.finditer(body))


def kind_words(body: str) -> list[tuple[int, int, int, SpendKind]]:
    """(start, end, rank, kind) of every kind word in `body`, none inside a program's name."""
    return [
        (word.start(), word.end(), rank, kind)
        for rank, (kind, pattern) in enumerate(KIND_WORDS)
        for word in pattern.finditer(body)
        if not in_program_name(body, word)
    ]
