"""A dish is served where it is cooked: a shop, a chain or a stall that sells one is catering (H), not trade.

"卖牛肉面的", "在写字楼下面卖盒饭的", "開麻辣燙連鎖的" serve meals (GB/T 62 餐饮业), whatever factory class the raw
product shares words with (面粉, 米粉 as goods) and although 卖 otherwise says trade (F). Flour, milk powder and
instant noodles are goods, not dishes: "卖面粉的" trades.
"""

from __future__ import annotations

import re

# The end of a dish's name: a bowl, a plate, a meal or a street snack.
DISH = re.compile(
    r"(?:(?<![面奶淀藕])粉|(?<![挂便])面|饭|粥|米线|包子|饺子|馄饨|麻辣烫|煎饼|卤味|小吃|汤|快餐|早餐|早点|夜宵|宵夜|烧烤|"
    r"火锅|串串|凉皮|肠粉|盖浇|便当)$"
)
# What follows a trade verb up to the end of its phrase: "卖牛肉面的" -> 牛肉面, "主要卖盒饭" -> 盒饭.
_SOLD = re.compile(r"(?:卖|销售)(?:的是)?(?P<goods>[\u4e00-\u9fff]{1,8}?)(?:的|嘅|[,，。;；]|$)")


def sold_dish(text: str) -> str | None:
    """The dish the first trade verb of `text` sells ("我们是卖牛肉面的" -> "卖牛肉面"), or None."""
    sold = _SOLD.search(text)
    return sold.group(0).rstrip("的嘅,，。;；") if sold and DISH.search(sold.group("goods")) else None
