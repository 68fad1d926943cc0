"""A part is made where its machine's parts are: "汽车内饰件" in 汽车零部件及配件制造 (3670), "液压件" in 液压动力机械及
元件制造. The standard names parts by their machine, owners by the part. Split from industry_classes.py (session 17)
so that the class list's reader stays short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from app.advisor.understand.industry_classes import IndustryMatch


class _ClassName(Protocol):  # a small class of the list: its section letter and its published name
    @property
    def section(self) -> str: ...
    @property
    def name(self) -> str: ...


_PART = re.compile(r"(?:零部件|零配件|配套件|配件|零件|部件|元器件|元件|内饰件|外饰件|饰件|总成|件)$")
_PART_CLASS = re.compile(r"零部件|配件|零件|部件|元件")
_DONE_TO_A_MACHINE = re.compile(
    r"维修|修理|保养|美容|装饰|装潢|租赁|出租|服务|销售|贸易|运输|物流|托运|救援|检测|驾驶|驾校|培训|陪练|贴膜|洗|改色|"
    r"金融|保险|二手|回收|拆解|钣喷|喷漆|钣金|代驾|评估|年检|充电|停车|共享|配送|快递|用品|电商|市场|媒体|视频|直播|俱乐部"
)


def part_maker(classes: Sequence[_ClassName], product: str) -> IndustryMatch | None:
    """The parts class of the machine a part belongs to ("汽车内饰件": 汽车零部件及配件制造), by the longest
    start of the product that a manufacturing class of parts names; None for what is no part ("软件")."""
    part = _PART.search(product)
    machine = product[: part.start()] if part else ""
    for end in range(len(machine), 1, -1):
        for cls in classes:
            if cls.section == "C" and machine[:end] in cls.name and _PART_CLASS.search(cls.name):
                return IndustryMatch(cls.name, "C", "industry", product)
    # No part word: a machine that opens a parts class's name, then what of it is made ("汽车内饰", "摩托车
    # 坐垫"); what is done to the machine is a service or trade ("汽车美容", "汽车租赁", "汽车用品").
    for end in range(len(product) - 1, 1, -1) if not part else ():
        if _DONE_TO_A_MACHINE.search(product[end:]):
            return None
        for cls in classes:
            if cls.section == "C" and cls.name.startswith(product[:end]) and _PART_CLASS.search(cls.name):
                return IndustryMatch(cls.name, "C", "industry", product)
    return None
