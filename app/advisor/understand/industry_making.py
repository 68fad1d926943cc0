"""Food made for other businesses is made, not served: "烘焙工坊，自己做面包供给周边的咖啡店，不零售" and "a bakery
that bakes bread for hotels and cafes, no shop front" are 糕点、面包制造 (C), while a bakery that sells over its
own counter is a shop (F) and a café that serves cake is catering (H).

GB/T 4754-2017 classes a business by what it does with the food: making it for others to sell is manufacturing
(division 14), selling it from a shop is retail (5222), serving it to be eaten is catering (62). Owners' words
for a bakery ("烘焙", "bakery") name all three; what the owner says of the customers and the shop decides.
"""

from __future__ import annotations

import re

# Foods a food-service word names that are made ahead and sold on: bread, cakes, pastries, braised meats. Not a
# meal or a place where meals are cooked (团餐, 中央厨房, canteen): cooking for diners is catering whoever eats.
_MADE_FOODS = re.compile(r"烘焙|面包|蛋糕|糕点|糕|饼|卤|甜品|bakery|bakeries|bake|pastr|cake", re.I)
# The owner says the food goes to other businesses, or that there is no counter to sell it from.
_FOR_TRADE = re.compile(
    r"不零售|不做零售|不开店|没有?(?:开)?(?:门店|店面|实体店|门面)|只做批发|做批发|"
    r"(?:给|向|为)[^,，。；]{0,10}(?:超市|商超|便利店|咖啡店|咖啡馆|奶茶店|酒店|饭店|餐厅|经销商)[^,，。；]{0,4}"
    r"(?:供货|供应|代工)|供(?:货|应)?给[^,，。；]{0,10}(?:超市|商超|便利店|咖啡店|咖啡馆|奶茶店|酒店|饭店|餐厅|经销商)|"
    r"\bno (?:shop|store|retail)(?: ?fronts?)?\b|\bwholesale\b|"
    r"\b(?:for|to|supply|supplies|supplying) (?:local )?(?:hotels|cafes|cafés|coffee shops|supermarkets|retailers|"
    r"grocers|grocery stores|convenience stores)\b",
    re.I,
)


def made_for_trade(keyword: str, text: str) -> bool:
    """Whether a food-service owner word names food the business makes for other businesses to sell."""
    return bool(_MADE_FOODS.search(keyword) and _FOR_TRADE.search(text))
