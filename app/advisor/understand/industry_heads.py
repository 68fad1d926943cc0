"""The head of an owner's business noun ("药房", "米粉厂", "摄影工作室") and the sections it allows.

Chinese business nouns end in their head: a 店/房/馆 is an outlet that sells or serves, a 厂/作坊 makes things, a
场/园 farms or entertains, a 公司 may be anything. industry_classes.py matches the modifier before the head
against the class names of the sections the head allows. Split from industry_classes.py (session 16).
"""

from __future__ import annotations

import re

# The sections of an outlet (店, 铺, 行, 摊) and of a hall (馆): named, as industry_classes.py asks which one a head is.
OUTLET_HEADS = "FHOQRKLP"
HALL_HEADS = "HOQRP"
# The head of an owner's business noun and the sections it can be. An outlet sells or serves; it does not
# make, mine, farm or build. None: any section ("公司", "工作室" say nothing of the kind).
HEADS: list[tuple[str, str | None]] = [
    ("工作室", "FHOQRLMIP"),  # a studio serves or designs; a workshop that makes things is a 作坊/厂
    # 行 is a trade's shop ("五金行", "车行"), not "行不行", "行吗", 行业 (an industry) or 行驶
    (
        "门市|门店|店铺|档口|店|铺|房|局|(?<![不可还也都就才])行(?![不吗吧呢啊业情政动驶李为程])|摊",
        OUTLET_HEADS,
    ),
    # A 馆 serves, it sells no goods: "照相馆" takes photos (O), "面馆" cooks (H), "台球馆", "体育馆" entertain (R).
    ("馆", HALL_HEADS),
    # A 厅 is a hall that serves or entertains, or shows goods: "咖啡厅" (H), "歌舞厅" (R), "家具展厅" (F).
    ("厅", "HROF"),
    # A 坊 or 工场 makes as a 厂 does ("豆腐坊", "染坊", HK/Taiwan "工場"); not a teahouse, bookshop or neighbour
    # (茶坊, 书坊, 街坊), nor the 坊 of a bakery shop (烘焙坊, 面包坊: the owner words read them).
    ("工厂|厂|作坊|工坊|工场|(?<![茶书街牌酒])坊|车间", "BCD"),
    (
        "会所",
        "HO",
    ),  # a 会所 serves meals or pampers ("美容会所", "私房菜会所"); a 俱乐部 is an owner word (R)
    # A pond or pasture only farms: "虾塘", "奶牛牧场", "渔场" (the standard's classes name no 虾 or 奶牛).
    ("牧场|渔场|鱼塘|虾塘|蟹塘|塘口|鱼池|网箱", "A"),
    ("农场|农庄|合作社|场|园|基地", "ABRGN"),
    # A 院 is an institution that serves, treats, teaches, studies or stages: 医院, 养老院 (HK 安老院, 护老院), 美容院,
    # 学院, 设计院, 研究院, 剧院. Not a pension or an insurer (安老 shares 老 with 基本养老保险 and 商业养老金).
    ("院", "MOPQR"),
    # Not S (public bodies: 团体, 共青团) nor T: an owner's company is neither.
    # 企业/集团 as 公司: "一家生物医药企业" names its trade by the modifier as "生物医药公司" does.
    # A centre, an office, an institute or a station serves, supplies or studies; it neither mines nor makes:
    # "物理治疗所" treats patients (Q), not 机械治疗设备制造; "天然气调压站" supplies gas (D), not 天然气开采 (B).
    ("中心|机构|事务所|所|站", "ADEFGHIJKLMNOPQR"),
    ("公司|企业|集团|社", "ABCDEFGHIJKLMNOPQR"),
]
HEAD = re.compile(
    r"([\u4e00-\u9fff]{1,8}?)("
    + "|".join(words for words, _ in HEADS)
    + r")(?![\u4e00-\u9fff]{0,1}(?:长|员|主|里))"
)
# Words of a company's name, not of its trade: "XX科技有限公司", "生物科技公司" say nothing of what it does.
NAME_WORD = re.compile(r"科技|有限|股份|实业|控股")
# What precedes the modifier in "我们是一家X店", "开了个X工作室", "杭州的X公司". 家 only as a measure word
# ("一家", "我家"): "一家家电企业", "一家家具企业" keep the 家 of their product (review11 r11-16).
LEAD = re.compile(
    # a count of sites ("运营几座天然气调压站") leads as 家 does
    r".*(?:是|[一两几这那每某0-9了开是有]家|[一两几多数0-9十]座|我家|个|間|间|开|了|的|嘅|在|做|搞|经营|一|几|两|我们|我)"
)
NUMERAL = re.compile(r"[零一二三四五六七八九十百千万亿两几多]+")
# How a business is run, not what it does: "连锁药房" is a pharmacy, not a hotel chain (经济型连锁酒店).
FORMAT = re.compile(  # and who owns it or how big it is: 台资企业, 中外合资企业, 小微企业 name no trade
    r"连锁|加盟|直营|社区|小型|大型|个体|私人|民营|独立|品牌|线上|网上|夫妻|家庭式|老字号|第三方|专业|正规|"
    r"(?:中外)?(?:合|独|外|台|港|澳|侨|国|民|内)资|国有|国营|私营|集体|外商|[国央]企|上市|控股|股份|小微|中小|微型|中型"
)
# A dish cooked for the customer: an outlet selling it serves meals ("烤肉店", "卤味铺"), whatever its food's class.
COOKED = re.compile(r"[烤炸煎炖卤涮蒸煲焖串]|炒(?!货)|烧(?!酒)|麻辣|酸辣")
# A 馆 named after a food cooks it: "肉夹馍馆", "馄饨馆子", "羊肉馆" (whatever factory class the food shares words with).
FOOD_HALL = re.compile(
    r"(?:面|粉|饭|粥|米线|包子|饺子|馄饨|麻辣烫|煎饼|卤味|小吃|汤|馍|饼|鱼|肉|虾|蟹|鸡|鸭|鹅|菜|锅|串|煲)$"
)
# A verb that takes the outlet as its object: "2个人看店", "每天开店", "巡店" say what is done in a shop, not its kind.
TAKES_AN_OUTLET = re.compile(r"[看守开关进到逛巡探]$")
