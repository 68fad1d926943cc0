"""What a business does, said with a verb: "做二手车买卖", "养对虾", "we make …", "we rent out …".

Two readings, both before or instead of the business nouns in industry.py:
- `verb_object`: in English the verb decides and its object is the product, so the owner words inside the
  object are modifiers: "we make construction machinery parts" is a parts maker (C), not construction (E);
  "we sell auto parts" trades (F); "we rent out construction equipment" leases (L).
- `ACTIVITY_SECTIONS`: a verb that names the activity when no business noun does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What the business does, said with a verb, when no business noun is named.
ACTIVITY_WORDS: list[tuple[str, str, str]] = [
    (
        r"买卖|批发|零售|团购|倒卖|代销|经销|(?<![外拍义变])卖[^,，。]{0,6}的|\bwe (?:sell|resell|retail|distribute|wholesale)\b|"
        # "主要在淘宝上卖女装", "专门销售建材": selling said as what the business mainly does
        # ...or through a channel ("通过抖音卖茶叶"); "我们 卖水果": the tool used for it blanked (industry_clauses.py)
        r"(?:主要|专门|就是|(?:在|通过)[^,，。]{1,8}?上?|(?:我们|我家|咱们|我们家)(?:是|也)?\s*)(?<![外拍义变])(?:卖|销售)"
        r"(?!渠道|额|收入|团队|人员|部|经理|不|得|掉|出|给|的时候)",
        "F",
        "retail",
    ),
    # 养对虾, 种茶, but not 保养 (servicing), 养生 (wellness), 种草 (marketing slang)
    (
        # ...and after the owner ("我们是种苗木的", "我家养鸭"), not "这是种新工具" (a kind of)
        r"(?:^|[，,]|做|在[^,，。]{1,6}?|(?:我们|我家|咱们|我们家|我)(?:是|也是|主要|专门)?)"
        r"(?<![保培营供抚修疗调教])(?:养(?![生老护])|"
        r"(?<![各这那哪几多一两某每此品同])种(?!草|类)|栽|捕)[^,，。]"
        r"|(?:亩|地|田|棚)种(?!类|草)"  # "承包了两百亩地种猕猴桃": land, then what grows on it
        r"|\bwe (?:grow|raise|farm|breed)\b",
        "A",
        "agriculture",
    ),
    (r"开采|采石|挖矿|开矿|\bwe (?:mine|quarry)\b", "B", "industry"),
    # A kiln fires what the business makes: "烧陶瓷的", "烧砖的", "烧石灰的" (C), not a cooked dish (烧鹅, 烧烤).
    (r"(?<![燃发])烧(?:制)?(?:陶|瓷|砖|瓦|石灰|玻璃|炭|窑)", "C", "industry"),
    # Machinery is repaired in manufacturing (GB/T 43); phones, cars and appliances in resident services (81).
    (
        r"\b(?:repair|service|fix)\w* (?:and \w+ )?(?:industrial |heavy )?"
        r"(?:forklifts?|machines|machinery|equipment|cranes?|engines?|pumps?|boilers?)\b",
        "C",
        "industry",
    ),
    # ...and so is a business named after repairing them ("an oilfield equipment repair shop", review16 r16-56)
    (
        r"\b(?:equipment|machinery|machines?|pumps?|valves?|engines?|boilers?|forklifts?|cranes?|compressors?|"
        r"motors?|generators?|cnc)(?: and \w+)? (?:repair|maintenance|overhaul)s? (?:shops?|workshops?|compan(?:y|ies)|"
        r"firms?|business(?:es)?|services?|cent(?:re|er)s?|specialists?)\b",
        "C",
        "industry",
    ),
    # the business of repairing ("修手机的", "做家电维修"), not a repair the owner needs ("维修费用太高")
    (
        r"(?<!装)修[^,，。]{0,4}的|做[^,，。]{0,6}(?:维修|清洗|洗涤|保洁|洗衣|干洗|洗鞋)|维修(?:店|部|公司|铺|点)|"
        r"\bwe (?:repair|fix)\b",
        "O",
        "other",
    ),
    (
        r"\bwe (?:make|manufacture|produce|assemble|machine|fabricate|print|dye|weave|knit|sew|mou?ld|stamp|brew)\b|"
        r"\bassembly\b|"
        r"\b(?:people|staff|workers|employees|team|company|firm) (?:making|manufacturing|producing|assembling)\b|"
        # "a medical device company in Suzhou making catheters": the place between the firm and its making
        r"\b(?:company|firm|business|supplier|startup|enterprise|venture|wfoe)\b[^.;!?]{0,40}?"
        r"\b(?:making|manufacturing|producing)\b",
        "C",
        "industry",
    ),
    # An English compound ends in its head as a Chinese one does: "an EV battery company", "a solar panel firm"
    # make the article they are named by (the English of "新能源电池企业").
    (
        r"\b(?:batter(?:y|ies)|cells?|panels?|modules?|chips?|semiconductors?|components?|parts|machinery|"
        r"machines|devices|furniture|garments?|textiles?|apparel|castings?|moulds?|molds?|fasteners?|valves?|"
        r"pumps?|cables?|motors?|inverters?|sensors?|tools?)(?: tech(?:nology)?)? "
        r"(?:company|firm|business|enterprise|startup|supplier|producer|processor)\b",
        "C",
        "industry",
    ),
    (r"\bwe (?:teach|train)\b", "P", "other"),
    # What a technology firm makes is software, whatever its words share with factory classes ("做大模型的",
    # "在深圳做工业视觉算法，18个人": the clause may end the phrase, review13 r13-01),
    # "做工业视觉的公司", "做自动驾驶的", "做智能客服的": 模型/视觉/驾驶/智能 are not model-, car- or device-making).
    (
        r"(?:做|研发|开发|搞)[^,，。]{0,6}?(?:大模型|模型训练|算法|人工智能|ai|自动驾驶|机器视觉|工业视觉|计算机视觉|"
        r"智能投研|软件|saas|app|小程序|语音|声纹|图像识别|人脸识别|数据标注|大数据|云计算|物联网|区块链|芯片设计|"
        r"智能客服|智能外呼|智能问答|智能助手|智能营销|客服机器人|聊天机器人|游戏)[^,，。]{0,6}?(?:的|公司|团队|企业|$|[，,。；;])",
        "I",
        "software",
    ),
    # ...and a company named by the technology it applies ("模型应用公司", "大模型应用开发公司", "医疗AI软件公司"):
    # 模型 there is a large model, not the teaching models of GB/T 2413 (review9 r9-53).
    (
        r"(?:大模型|模型应用|人工智能|ai|算法|数字人|智能体|机器视觉|计算机视觉|软件|saas|大数据|云计算|物联网|区块链)"
        r"[^,，。]{0,6}?(?:公司|企业|初创|团队|工作室)",
        "I",
        "software",
    ),
    (
        r"\bwe (?:develop|build|code|write|make)\b[^,.;]{0,30}?\b(?:software|apps?|mini[- ]?programs?|websites?|"
        r"systems?|platforms?|saas)\b",
        "I",
        "software",
    ),
    (r"\bwe (?:do|provide|offer)\b[^,.;]{0,30}?\b(?:cleaning|laundry|repairs?|housekeeping)\b", "O", "other"),
]
ACTIVITY_SECTIONS = [(re.compile(words, re.I), section, sector) for words, section, sector in ACTIVITY_WORDS]

# Who does it ("we", "our plant", "the company", "our central kitchen"), the verb, and its object up to the
# clause's end.
_DOER = (
    r"\b(?:we|i|our (?:\w+ )?(?:company|firm|plant|factory|workshop|team|business|mill|kitchen)|"
    r"the (?:company|firm|plant|factory))"
)
# How owners hedge the verb: "we actually manufacture …", "we mainly make …".
_ADVERB = r"(?:(?:also|mainly|mostly|only|actually|really|just|largely|primarily|now) )?"
_VERB_SECTIONS = [
    (
        r"make|makes|manufacture|manufactures|produce|produces|turns? out|machine|machines|fabricate|fabricates|"
        r"assemble|assembles|cast|casts|forge|forges|build|builds|"
        # the trades' own making verbs: printing (C 23), dyeing, weaving, knitting and sewing (17, 18), moulding,
        # stamping, brewing and distilling (15)
        r"print|prints|dye|dyes|weave|weaves|knit|knits|sew|sews|mou?ld|mou?lds|stamp|stamps|brew|brews|distil|distils|"
        r"distill|distills",
        "C",
        "industry",
    ),
    (
        r"sell|sells|resell|resells|distribute|distributes|wholesale|wholesales|trade in|trades in|import|imports|"
        r"export|exports",
        "F",
        "wholesale",
    ),
    (r"rent out|rents out|hire out|hires out|lease out|leases out", "L", "leasing"),
]
_VERB_OBJECT = [
    (
        re.compile(rf"{_DOER}\s+{_ADVERB}(?P<verb>{verbs})\s+(?P<object>[^,.;!?]+)", re.I),
        section,
        sector,
    )
    for verbs, section, sector in _VERB_SECTIONS
]
# What a firm that "builds" or "makes" is in software: code, not a factory's goods.
_SOFTWARE_OBJECT = re.compile(
    r"\b(?:software|apps?|mini[- ]?programs?|websites?|platforms?|saas|games?|systems?)\b", re.I
)
# "We build" houses and roads too (E): only a made article after it is a factory's.
_MADE_ARTICLE_EN = re.compile(
    r"\b(?:parts?|components?|machines?|machinery|equipment|devices?|tools?|assemblies|castings?|fittings?|"
    r"accessories|attachments?|modules?|boards?|units?)\b",
    re.I,
)


# The Chinese making verbs, said of the business ("其实主要生产数控机床", "我们公司制造污水处理设备"): the
# object is the product, and the owner words inside it are its modifiers (污水处理 there is no utility, D).
# Not a stage or a concern of production ("生产线", "安全生产", "生产管理", "生产批记录").
_VERB_OBJECT_ZH = re.compile(
    r"(?:^|[，,]|主要|专门|专业|其实|就是|是|我们|公司|厂|企业|自己)(?:研发|设计)?(?:生产|制造)(?:和销售|销售)?"
    r"(?!线|管理|计划|安全|效率|数据|过程|环节|车间|批|成本|任务|排|工艺|经营)"
    r"(?P<object>[^,，。；;!?！？]{2,})"
)
_SOFTWARE_OBJECT_ZH = re.compile(r"软件|系统|app|小程序|平台|saas|算法|模型", re.I)
# What a kitchen "makes" for the table is a meal: catering (H), not a food factory's goods (C).
_MEALS_EN = re.compile(r"\b(?:meals?|lunch(?:es)?|dinners?|breakfasts?|dishes|lunchboxes|bento)\b", re.I)


@dataclass(frozen=True)
class VerbObject:
    section: str
    sector: str
    start: int  # where the object starts in the clause: owner words from here on are the product's modifiers
    product: str


def verb_object(clause: str) -> VerbObject | None:
    """The activity a clause states with a verb and its object ("we make X parts", "主要生产数控机床"), or None."""
    if (said_zh := _VERB_OBJECT_ZH.search(clause)) and not _SOFTWARE_OBJECT_ZH.search(
        said_zh.group("object")
    ):
        return VerbObject("C", "industry", said_zh.start("object"), said_zh.group("object").strip())
    for pattern, section, sector in _VERB_OBJECT:
        if not (said := pattern.search(clause)):
            continue
        product = said.group("object").strip()
        if section == "C" and _SOFTWARE_OBJECT.search(product):
            return None  # "we build apps": software, read by the activity words
        if said.group("verb").lower().startswith("build") and not _MADE_ARTICLE_EN.search(product):
            return None
        if section == "C" and _MEALS_EN.search(product):
            return VerbObject("H", "catering", said.start("object"), product)  # "our kitchen makes lunches"
        return VerbObject(section, sector, said.start("object"), product)
    return None
