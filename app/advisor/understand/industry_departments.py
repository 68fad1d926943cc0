"""A pain point names a department of the business, never its trade (review15 r15-23).

"我们是温州乐清的电气开关厂" then "主要是仓库管理乱、排产靠人工": the warehouse is the switchgear factory's own, and
reading 仓库 as the trade made the firm a warehousing business (G) and ruled it out of a manufacturing pilot.
Every business has a warehouse, a logistics bill, a canteen and a customer-service desk; an owner word said as
the subject of a problem ("仓库管理乱", "物流成本也高", "客服跟不上", "车间温度太高") names that department. The
business itself is named with a business head ("物流公司管理乱" is a logistics firm) or stated before ("做仓储的").
"""

from __future__ import annotations

import re

# Owner words that also name a department every business has. A business head ("物流公司", "仓储中心") or a trade
# word ("火锅": "火锅食材成本高" is still a hot-pot restaurant's) is never one.
_DEPARTMENTS = re.compile(
    r"仓库|仓储|仓|库房|冷库|物流|运输|配送|货运|车队|客服|呼叫中心|财务|会计|记账|代账|食堂|车间|生产线|产线|加工|"
    r"设计|销售|售后|采购|人事|行政|质检|检测|维修|保洁|安保|研发|"
    r"warehous\w*|logistics|shipping|delivery|deliveries|customer service|call cent(?:er|re)|accounting|"
    r"bookkeeping|canteen|workshop|design|sales|maintenance|repairs?|cleaning|security",
    re.I,
)
# What owners say of a department that is not working: its management, cost, staffing, speed or mess.
_PROBLEM = (
    r"管理|管不|管得|乱|混乱|成本|费用|开支|效率|人手|人工|人员|跟不上|忙不过来|老是|总是|经常|老出|常出|出错|错|"
    r"出问题|不够|太慢|慢|太高|偏高|高|太多|积压|压力|难|麻烦|头疼|盘点|对不上|找不到|温度|数据|记录|流程|环节"
)
# The problem right after the word, or after one more department word of up to four characters ("物流配送跟不上");
# never across 的 ("做仓储的人手不够" says what the business does, then a problem).
_DEPARTMENT_TAIL = re.compile(
    rf"^(?:[^\W的是]{{0,4}}?)(?:也|都|还|又|很|太|特别|比较|老|总)?(?:{_PROBLEM})"
    # "our warehouse is a mess", "logistics costs are too high", "customer service can't keep up"
    r"|^(?:'s)?\s+(?:is|are|keeps?|costs?|management|team|staff|errors?|mistakes?|can'?t|cannot|takes?)\b",
    re.I,
)


def names_a_department(keyword: str, after: str) -> bool:
    """Whether an owner word followed by `after` (the rest of its clause) is a department with a problem."""
    return bool(_DEPARTMENTS.fullmatch(keyword) and _DEPARTMENT_TAIL.match(after))
