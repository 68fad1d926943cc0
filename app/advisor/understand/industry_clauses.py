"""What in an owner's message is not the business: customers, lenders, suppliers and purchases.

"给矿山设备做配件的机加工厂" machines parts (C); the mining equipment is its customer's. "银行贷了200万" names a
lender, "找了家公司开发小程序" a supplier, "自己没有工厂" a business the owner does not have. These phrases are
blanked out before industry.py looks for the head of the business noun, so that no owner word inside them is
read as the trade. Split from industry.py (session 16) so that the reader of the business noun stays short.
"""

from __future__ import annotations

import logging
import re

# "forklifts for warehouses", "apps for Japanese clients" are customers; "a chatbot for a clinic" is ours;
# "a pharmaceutical distributor supplying hospitals" supplies hospitals, it is none.
# "apply for it for my design studio": a pronoun after "for" is the thing asked about, not a customer, and the
# owner's "my/our …" ends the customer's phrase ("the voucher for AI software apply to my clinic", r13-49).
_CUSTOMER_EN = re.compile(
    r"\b(?:for|serving|supplying)\s(?!(?:a|an|my|our|us|me|it|them|this|that)\b)(?:(?!\b(?:my|our)\b)[^,.;!?])*",
    re.IGNORECASE,
)
# Whom goods go to is a customer too: "we distribute medicines to clinics" trades medicines (F); the clinics
# are not the business (Q). The verb and its goods stay, "to …" goes.
_SUPPLIED_TO_EN = re.compile(
    r"\b((?:sell|suppl|provid|deliver|distribut|ship|export)\w*\b[^,.;!?]*?)\bto\s[^,.;!?]*", re.IGNORECASE
)
# "a company like mine", "help mine": the pronoun, not a mine (B).
_PRONOUN_MINE = re.compile(
    r"\b(?:like|of|than|as|is|are|was|help|and|or|to) mine\b|\bmine\s*[?!.]?\s*$", re.I
)
# A making verb stays as the customer goes: "我们专门给电动车厂做控制器组装" still says the business assembles (C),
# while "给人录歌做后期" says a service for a customer, no product.
_CUSTOMER_ZH = re.compile(
    r"(?:给|为|替|帮)[^,，。；]{1,14}?(?:(生产|加工|做(?=[^,，。；]{0,10}?(?:组装|装配|加工|生产|制造|代工|贴牌|件)))|"
    r"做|提供|生产|加工|供应|供|配套|服务|派|送)"
)
# Whom the goods are sold to: "我们做饲料的，主要卖给养猪场" makes feed (C); the pig farms are customers (A). The
# verb stays ("卖给" says nothing of the trade; industry_activity.py reads no sale in it).
_SOLD_TO_ZH = re.compile(r"((?:卖|销售?|供货?|发货?|出口|批发)给)[^,，。；!?！？]{1,12}")
# What the business buys is not the business: someone else does it for them ("同供应商签约做AI文件管理系统",
# "货是找工厂代工的": the factory makes what the owner sells,
# "找了家公司开发小程序", "hired a vendor to build a chatbot"), as customers are not ("给…做").
_PURCHASE_ZH = re.compile(
    r"(?:找|(?<![申邀])请|让|委托)[^,，。；?？!！]{1,10}?(?:做|开发|搭建|定制|代工|代加工|贴牌)|签[了咗过]?(?:约|合同)(?:做|开发|搭建|定制)?|"
    r"(?:同|跟|和|与)(?:供应商|服务商|厂家|厂商|外包|第三方|[^,，。；?？!！]{0,6}公司)[^,，。；?？!！]{0,6}?"
    r"(?:做|开发|搭建|定制)|外包给[^,，。；?？!！]{1,10}"
)
# A business the owner says they do not have is not theirs: "自己没有工厂，都是找厂家贴牌" sells (F), it makes nothing.
_NOT_OURS = re.compile(r"(?:没有|没|无|不是)(?:自己的?|自有的?)?(?:工厂|厂房|厂子|厂|门店|实体店|店面)")
_PURCHASE_EN = re.compile(
    r"\b(?:hired|signed (?:up )?with|contracted|engaged|paid|bought|buying|purchas\w*)\b[^,.;!?]*", re.I
)
# Who lends to the business is not the business either: "银行贷了200万", "银行批了一笔500万的设备更新贷款",
# "we owe the bank a loan".
_LENDER = re.compile(
    r"(?:从|向|跟|找)?(?:银行|信用社|小贷公司)(?=贷|借|申请贷款|放贷|批|审批|授信|发放|给)|"
    r"\b(?:owe|from|with|to|by) (?:the |a |our |two |several )?banks?\b",
    re.IGNORECASE,
)


# What the owner says the business does not do is not the business: "我们不生产阀门，是做阀门批发的", "不种茶，主要
# 做茶叶批发" trade (F); the denied verb and its object go, the rest of the clause stays.
_DENIED = re.compile(
    r"(?:^|(?<=[,，。；;\s])|(?<=我们)|(?<=公司)|(?<=自己)|(?<=其实)|(?<=也)|(?<=都))(?:并不|从不|不再|不|没有?)(?:自己)?"
    r"(?:生产|制造|加工|种植?|养殖?|开(?!心|始|发)|卖|经营)[^,，。；;!?！？]{0,8}"
)
# Where the business stands is not what it is: "在学校门口卖煎饼的" sells pancakes by a school, "在医院旁边开了家
# 花店" sells flowers.
_WHERE = re.compile(r"在[^,，。；?？!！在]{1,8}?(?:门口|旁边|附近|对面|楼下|楼上|里面|里边|边上|隔壁|周边)")


# What the business uses is not what it does (issue #12): "我们牙科诊所用了一套预约软件" is a dental clinic (Q), not a
# software house; "我们用小程序卖水果" sells fruit (F); "our clinic uses AI diagnosis software" is a clinic. The tool
# after a verb of use, up to its head noun (software, a system, an app, a platform, a machine), goes; what the
# business does with it stays ("用SaaS系统管理酒店": the hotel is theirs). "有个小程序卖茶叶": a tool one has is used,
# and so is one installed ("我们诊所装了AI软件").
_TOOL = r"(?:软件|系统|app|小程序|程序|平台|saas|工具|机器人|无人机|机床|设备|网站|公众号|erp|crm|mes|pos)"
_USED_ZH = re.compile(
    rf"(?P<verb>使用|采用|借助|利用|通过|在用|用(?:了|的是|着|紧|上了?)?|有(?:个|一个|一套|套)|"
    # ...or installed ("诊所装了AI软件", "厂里上了MES系统", "部署了大模型平台")
    rf"(?:安装|引进|部署|接入)了?|[装上]了)"
    rf"[^,，。；;!?！？]{{0,10}}?{_TOOL}"
)
_USED_EN = re.compile(
    r"\b(?:use|uses|used|using|runs? on|with)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:software|systems?|apps?|platforms?|tools?|robots?|drones?|machines?|pos|erp|crm|saas|websites?)\b",
    re.I,
)


_USE_VERBS = {"使用", "采用", "借助", "利用", "通过", "在用", "用", "用紧", "用着", "有", "有个"} | {
    "安装", "引进", "部署", "接入", "装", "上", "装了", "上了"
}  # fmt: skip


def _without_tools(norm: str) -> str:
    """The text without the tools the business uses. A verb of use is a word of its own (jieba's segmentation):
    the 用 of 医用, 商用 or 应用 ("做医用设备的") names the kind of product, not a use."""
    chars = list(norm)
    if found := list(_USED_ZH.finditer(norm)):
        verbs = {start for word, start, _ in _tokens(norm) if word in _USE_VERBS}
        for used in found:
            if used.start() in verbs:
                chars[used.start() : used.end()] = " " * (used.end() - used.start())
    return _USED_EN.sub(" ", "".join(chars))


def _tokens(text: str) -> list[tuple[str, int, int]]:
    import jieba  # loaded on first use: most messages name no tool

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.tokenize(text))


def not_the_business(norm: str) -> str:
    """The normalized message with customers, lenders, suppliers, purchases, tools and pronouns blanked out."""
    norm = _without_tools(norm)
    norm = _SUPPLIED_TO_EN.sub(r"\1", _PRONOUN_MINE.sub(" ", _WHERE.sub(" ", _DENIED.sub(" ", norm))))
    norm = _LENDER.sub(" ", _CUSTOMER_EN.sub(" ", _CUSTOMER_ZH.sub(r" \1", _SOLD_TO_ZH.sub(r"\1 ", norm))))
    return _PURCHASE_EN.sub(
        " ", _PURCHASE_ZH.sub(" ", _NOT_OURS.sub(" ", norm.replace("舖", "铺")))
    )  # HK 舖 is 铺, kept by t2s
