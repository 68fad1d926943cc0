"""Which clause of an owner's message names the business, and which never does (split from industry.py, s18).

Owners say what the business is ("我们是…", "一家…公司", "we're a …") beside what they want ("想做AI质检") and
what they bought ("采购了一套大模型打样系统"); only the first names the trade. industry.py reads the clauses in
that order: the self-description first, a want only when nothing else names a business, a purchase never.
"""

from __future__ import annotations

import re

# Clause breaks, and the start of a customer phrase ("for mining equipment", "给矿山设备做").
CLAUSE = re.compile(
    r"[,.;!?，。；！？、\n]|\s(?:in|at|with|and|that|who|which|for|near|based)\s", re.IGNORECASE
)
# A clause in which the owner says what the business is ("我们是…", "一家…公司", "we're a …") is read before
# the others: a question that names a product ("pays 50% of any AI software?") does not name the business.
SELF = re.compile(
    r"我们是|我们公司|我司|本公司|我是|我家|我们[厂店]|(?<![找请买租跟同和给])[一1](?:家|间|个)|开了|"
    r"\b(?:we are|we're|i run|we run|i own|we own|our (?:company|firm|business|plant|factory|shop) is)\b|"
    # "for my Beijing design studio": the owner's own business, not the software a grant pays for (r13-49)
    r"\b(?:my|our) (?:[\w-]+ ){0,3}(?:company|firm|business|studio|shop|store|factory|plant|restaurant|clinic|"
    r"agency|practice|workshop|office)\b",
    re.I,
)
# What the business bought is not its trade either: "去年花了30万买了套AI设计软件", "采购了一套大模型打样系统，软件
# 和服务器一共60万" (review11 r11-15: a knitwear maker read as software): such a clause never names the business.
BOUGHT = re.compile(
    r"采购|购买|购置|买了|买过|花了|付了|一共|总共|合计|共计|总价|报价|\b(?:bought|purchased|paid)\b", re.I
)
# A tool the business built for its own use is no more its trade than one it bought: "做外卖的，自己开发了点餐app" is a
# restaurant (H), "开花店的，自己搭了个小程序接单" a florist (F), "with our own ordering app we built in-house" a
# delivery kitchen. What the firm sells decides; only a firm that builds such things for others is in software.
OWN_TOOL = re.compile(
    # one thing made once ("开发了", "搭了个", "写了一套"), not the habit of a trade ("我们自己开发软件卖给医院")
    r"(?:自己|自行|自主|内部|自家)(?:开发|搭|搭建|写|做|建|编)(?:(?:了|过)(?:一?(?:个|套|款))?|一?(?:个|套|款))[^，,。；;]{0,10}"
    r"(?:app|小程序|系统|软件|平台|网站|程序|工具)|自研(?:了|的)?[^，,。；;]{0,8}(?:app|小程序|系统|软件|平台)|"
    r"\bin-house\b|\b(?:we|i) (?:built|developed|wrote|coded) (?:it |them )?(?:ourselves|myself)\b|"
    r"\bour own [\w-]+ (?:app|system|software|platform|website|tool)\b",
    re.I,
)
# A clause in which the owner says what the business does: "一家做数据标注的公司", "我们做灯饰", "主要生产阀门".
DOES = re.compile(
    r"(?:^\s*(?:我们|我|我家|咱们|公司|我司)?(?:是|也是)?|[一1](?:家|个|间))(?:主要|专门|专业)?(?:做|生产|制造|加工)"
    # ...not a compound noun about the work: "生产计划总是排不好", "生产线老停", "加工成本太高" say a problem
    r"(?!计划|排程|排产|线|管理|效率|过程|现场|环节|成本|质量|工艺|进度|任务|车间)"
)
# A clause that says what the owner wants names the need ("想做AI质检", "we want to …"), not the business.
WANT = re.compile(
    r"想|希望|打算|需要|准备|要上|能不能|帮我|帮忙|\b(?:want|need|would like|looking for|hope|plan)\b", re.I
)
# The 家 of a measure word ("一家", "这家") starts no business word: "一家电子科技公司" names no 家电.
MEASURE_JIA = re.compile(r"[一两几这那每某0-9了开是有]家$")
# "想做AI质检", "想上视觉检测": what follows a want verb right away is the need, even when it reads like a
# business ("做ai" is also how an AI company describes itself).
RIGHT_AFTER_WANT = re.compile(r"(?:想|希望|打算|需要|准备|要)(?:用|上|搞|弄)?$")

# The owner's own business said inside a want ("想给我们美发店弄个会员回访"): a possessive right before the word.
_OWN = re.compile(r"(?:我们|我|咱们|本|自己)(?:的|家|这边)?$")


_SOLD = re.compile(r"卖给|卖|销售|给客户|出售|\b(?:for|to) (?:clients|customers|other)\b|\bsell", re.I)


def own_tools(clauses: list[str]) -> set[str]:
    """The clauses naming a tool the business made for itself (OWN_TOOL), not one it sells: neither the clause
    nor the one after it sells it ("自己开发了一套软件，卖给医院" is the trade)."""
    return {
        clause
        for n, clause in enumerate(clauses)
        if OWN_TOOL.search(clause) and not _SOLD.search("，".join(clauses[n : n + 2]))
    }


def wanted_thing(clause: str, keyword: str) -> bool:
    """Whether the owner word is what the owner wants, said after the want verb ("想申请资助做个聊天机器人": 机器人 is the
    bot wanted, not a robot maker), unless the owner calls it theirs ("想给我们美发店…")."""
    want, at = WANT.search(clause), clause.find(keyword)
    return bool(want and at > want.start() and not _OWN.search(clause[:at]))
