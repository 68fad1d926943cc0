"""What the owner says the business makes or does ("做罐头的", "生产机器人减速器", "主营LED显示屏"), read when no
business noun names it: the product's words against the GB/T class list, its head first.

Chinese compounds end in their head: "宠物零食" is food (made, C: 宠物饲料加工), whatever the pet-service classes
share with its modifier 宠物; "冷链" is a way of carrying goods (transport, G), not the chains a factory makes.
Split from industry.py (session 15) so the reader of business nouns stays short.
"""

from __future__ import annotations

import re

from app.advisor.understand.industry_classes import ClassList, IndustryMatch
from app.advisor.understand.industry_parts import part_maker
from app.advisor.understand.industry_trade import MEAL, TRADE_NOUN_END, is_carrying

# The product or service after "做/生产/主营": "做罐头的" -> 罐头, "生产机器人减速器" -> 机器人减速器.
# A product may open with a Latin name ("做LED显示屏的", "生产PCB板").
PRODUCT = re.compile(
    r"(?:做|生产|制造|加工|研发|主营|从事)((?:[a-z0-9]{1,6})?[\u4e00-\u9fff]{2,10}?)(?:[a-z0-9]{1,8})?(?:的|嘅|[，,]|$)"
)
# "做生意的", "做项目的": what is done, said so broadly that it names no trade (asked, not guessed).
_NO_PRODUCT = re.compile(r"生意|项目|业务|事情?|工作|技术|产品|东西|服务")
# Chinese compounds end in their head: a product whose last character names a made article ("蓝牙耳机",
# "LED显示屏", "不锈钢保温杯") is made in a factory (C) even when no class name shares its words. Not 车 (网约车,
# 二手车 are services and trade), 表/片/网/管 (做报表, 做图片, 做品管 are office work).
_MADE_ARTICLE = re.compile(
    r"(?:[机器屏板件材缆阀泵柜箱灯罐瓶袋膜布纸胶漆剂床具仪模锁窗鞋帽袜衫裤裙袍砖瓦钉丝绳轮辊轴链锅杯盒桶笔伞扇镜槽品"
    # furniture, fittings, tools, tableware, textiles and toiletries ("实木餐椅", "充电桩", "床垫", "手工皂")
    r"桩椅桌凳门垫架梯锤刀剪钳锯铲勺筷碗碟盆缸壶瓷扣针罩帘毯枕被靴革绒纱皂烛霜膏液簧盖塞]|(?<!客)服|"
    r"(?<!装)饰|(?<!洗)衣|(?<!准)备)$"  # 灯饰, 首饰, 服饰; not 装饰 (decorating is building work)
)
_REPAIRED_OR_HEAD = re.compile(r"(?:维修|修理|检修|维保)?(?:公司|厂|中心|站|店|企业)?")
# Equipment a trade's word names ("污水处理设备", "风电叶片", "养殖设备"): made for that trade, not the trade itself.
_EQUIPMENT = re.compile(r"(?:设备|装备|器械|仪器|器材|机械|叶片|机组|组件|部件|配件|零件|耗材)")
_RUN = re.compile(r"[\u4e00-\u9fff]{1,6}?(?=[的嘅]|[^\u4e00-\u9fff]|$)")  # the noun, up to 的 or a break
# Packaged foods are made articles too when a modifier says whom or what for ("宠物零食", "婴儿辅食", "猫粮").
_FOOD_HEAD = re.compile(r"(?:零食|熟食|辅食|主食|[粮酱醋脯肠粽])$")
# A meat said with the way it is cured or marinated is a processed food (肉制品加工, C), not the animal farmed:
# "做酱鸭的", "做风干鸡的", "做腊鱼的", "做卤牛肉的", "做扒鸡的" (a roast is a restaurant's dish, not here). The
# town or brand it is known by may come first: "建昌板鸭", "德州扒鸡" are the same cured meats.
_CURED = re.compile(
    r"(?:酱|卤|腊|熏|腌|咸|风干|盐水|板|酱卤|扒)[\u4e00-\u9fff]{0,2}?(?:鸭|鸡|鹅|肉|鱼|兔|肘子?|排骨|鸭脖|鸭货)$"
)
_MAKING_VERBS = ("生产", "制造", "加工")
# "做服装设计和生产": a product whose activity ends in making is made (C), whatever the trade's classes share.
# The stage said after the product is making too: "做茶叶初制的", "做猪肉分割的", "做铝合金压铸的" (not 制作,
# which is also a video's or an advert's: "做视频制作的" is media).
_MAKING_END = re.compile(
    r"(?:生产|制造|加工|初制|精制|酿造|酿制|腌制|炒制|烘焙|屠宰|分割|冶炼|铸造|锻造|冲压|压铸|注塑|组装|装配)$"
)
# Design is a service of its own (GB/T 7491 工业设计, 7492 专业设计服务: fashion, packaging, jewellery, graphics),
# whatever the designed thing's makers share with it; a chip's or a program's design is software (I 65).
_DESIGN_END = re.compile(r"设计$")
_CODE = re.compile(r"芯片|集成电路|ic|软件|app|小程序|网站|网页|系统|游戏|ui", re.I)
# What is done for others, or where: a service, a channel or a platform after 做 ("做自媒体的", "做抖音的", "做私域的")
# is no good. The class list places most services before this; these are the owners' words it does not hold.
_SERVICE = re.compile(
    r"服务|咨询|中介|代理|运营|推广|营销|媒体|直播|主播|带货|培训|教育|辅导|物流|运输|配送|快递|电商|外贸|贸易|生意|销售|"
    r"餐饮|维修|安装|装修|工程|施工|检测|认证|租赁|保洁|家政|美容|美发|旅游|软件|网站|开发|技术|平台|视频|广告|传媒|"
    r"内容|财税|记账|法律|人力|劳务|保险|金融|投资|回收|策划|设计|摄影|拍摄|演出|活动|会展|项目|业务|外包|代购|跨境|"
    r"抖音|快手|小红书|淘宝|拼多多|亚马逊|微信|公众号|私域|社群|流量|副业|兼职|自媒体|ip|app|数据|算法|模型|ai|"
    # a question word, or a field rather than a good ("做新能源的", "做环保的", "做出海的")
    r"什么|啥|哪|出海|招聘|留学|移民|公益|慈善|新能源|环保|节能|双碳|文旅|康养|养老|医疗|健康|文化|体育|娱乐|游戏|"
    r"动漫|影视|电竞|会计|翻译|农业|科技|互联网|品牌",
    re.I,
)
# Mining said in the product: "做煤矿开采的", "做砂石开采的" dig (B).
_DUG = re.compile(r"矿|开采|采|挖|勘探|钻探|油田|气田")
# A noun suffix after the head: "袜子", "粽子", "瓶子" end in 袜, 粽, 瓶 (the 子 says nothing of the article).
_NOUN_SUFFIX = re.compile(r"(?<=.)子$")


# Cantonese says "make" with 整: "我哋喺深圳整藍牙耳機", "整蠔豉嘅工場". Read as 做 in a Cantonese message only, and
# not where 整 is Mandarin's whole or tidy (整理, 整体, 整改, 整套, 整天).
_CANTONESE = re.compile(r"[嘅哋喺咗唔嗰啲冇佢]|係")
_CANTONESE_MAKE = re.compile(r"整(?![理体个改合顿天年套批齐洁形容治整车条张间栋])")


def as_mandarin_make(text: str) -> str:
    """The text with Cantonese 整 ("make") said as 做, so that the product after it is read as any other."""
    return _CANTONESE_MAKE.sub("做", text) if _CANTONESE.search(text) else text


_OWN_DOING = re.compile(r"(?:我们|我|我家|咱们|公司|我司|本厂|工厂|厂里|主要|专门|专业)(?:是|也)?$")


def _a_good(product: str) -> bool:
    """A noun after 做 that no class, service or platform word places: an owner names what the business makes
    ("做碳化硼的", "做竹编的"); what it does for others is said with the service's own words."""
    return len(product) >= 2 and not _NO_PRODUCT.search(product) and not _SERVICE.search(product)


def _made_article(product: str) -> bool:
    head = _NOUN_SUFFIX.sub("", product)
    return bool(_MADE_ARTICLE.search(head) or _FOOD_HEAD.search(head) or _CURED.search(head))


def _made_head(product: str) -> bool:
    """A compound (a modifier before its head) whose head is a made article or a packaged food."""
    return len(product) >= 3 and _made_article(product)


def read_product(joined: str, classes: ClassList) -> IndustryMatch | None:
    """The section of what the owner says they make or do, or None. 服装 alone is named only by the trade's
    classes (服装批发), while the makers' are 机织服装制造: "做服装的" makes (C)."""
    for found in PRODUCT.finditer(joined):
        product = found.group(1)
        if _NO_PRODUCT.fullmatch(product):
            continue
        if _MAKING_END.search(product):
            return classes.match("C", product)
        if product.endswith("定制") and len(product) > 2:  # "做旗袍定制的" makes to order; code is software
            return classes.match("I", product, "65") if _CODE.search(product) else classes.match("C", product)
        if _DESIGN_END.search(product):  # "做包装设计的", "做珠宝设计的": 专业设计服务 (M), chips and code I
            return classes.match("I", product, "65") if _CODE.search(product) else classes.match("M", product)
        if TRADE_NOUN_END.search(product):  # "做饰品生意" trades; "做外卖点餐生意" serves meals (GB/T 62)
            return (
                classes.match("H", product, "62")
                if MEAL.search(product)
                else classes.match("F", product, "51")
            )
        if is_carrying(product):  # "做冷链的", "做同城配送的": they carry goods
            return classes.match("G", product, "54")
        match = part_maker(classes.classes, product) or classes.by_product(product)
        if match is None and _made_article(
            product
        ):  # "做锁具的": 锁 shares nothing with 连锁酒店 but a character
            return classes.match("C", product)
        match = match or classes.nearest_product(product)
        # The modifier may share a service's words ("宠物" of the pet services); the head says what is made.
        if (match is None or match.section not in "CF") and _made_head(product):
            return classes.match("C", product)
        # Trade is said with its own verbs (read before this): a made article after 做 alone is made ("做灯饰"), and
        # so is a good the makers' classes name and the farms' do not ("做中式糕点的": 糕点、面包制造); a crop
        # after 做 ("做水果的") is still traded.
        if (
            match is not None
            and match.section == "F"
            and (_made_article(product) or (classes.names("C", product) and not classes.names("A", product)))
        ):
            return classes.match("C", product)
        # So is mining (开采, 采, 挖): "做活性炭的", "做石英砂的" make them from what the mines dig (C); a bare mineral
        # ("做煤炭的", "做砂石的") may be dug or traded, and keeps its reading.
        if match is not None and match.section == "B" and len(product) >= 3 and not _DUG.search(product):
            return classes.match("C", product)
        if match:
            return match
    # "生产刹车片": making is what 生产/制造/加工 say, whatever the product; after 做 only a made article is.
    if (made := next(iter(PRODUCT.finditer(joined)), None)) and (
        _made_article(made.group(1)) or made.group(0).startswith(_MAKING_VERBS)
    ):
        return classes.match("C", made.group(1))
    return None


def made_guess(joined: str, classes: ClassList) -> IndustryMatch | None:
    """A good after 做 that nothing else places ("做碳化硼的，员工120", "做竹编的"): made (C). Read last, after every
    owner word, class and activity, and never before a clause's owner word ("做招聘的，猎头" is 猎头's, L)."""
    for made in PRODUCT.finditer(joined):
        # Only where it says what the business is: "做X的", "我们做X" (not "每天做报表": office work).
        if (made.group(0).endswith(("的", "嘅")) or _OWN_DOING.search(joined[: made.start()])) and _a_good(
            made.group(1)
        ):
            return classes.match("C", made.group(1))
    return None


def made_after(after: str) -> str | None:
    """The made article right after an owner word ("风电" + "叶片", "污水处理" + "设备"), or None: the owner word is
    then the modifier of a product, and the business makes the product (C), not the trade it is made for."""
    run = _RUN.match(after)
    head = run.group(0) if run else ""
    # Equipment words only: a made article of one character is too often another word's ("健身房老板", "餐饮连锁").
    # ...also when the business repairs it ("油田设备维修公司": 专用设备修理, C 43) or is named by it ("风电设备公司").
    found = _EQUIPMENT.match(head)
    return head if found and _REPAIRED_OR_HEAD.fullmatch(head[found.end() :]) else None
