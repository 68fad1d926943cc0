"""Magnitudes owners say without a digit, written out so the number readers see an ordinary numeral: "上百人",
"过千万", "破亿", "万把块", "小几万", "大几万", "几千块", "百来号人"; each rewritten in place, same length, so the
positions found in the rewritten text are those of the original (numbers.py reads money and counts on it).
"""

from __future__ import annotations

import re

# Magnitudes said without a digit, rewritten in place (same length, so positions stay valid):
# "上百人" / "过千万" / "破亿" = one of that unit, "万把块" = about 10,000, "小几万" = 两三万 (a few 万, the small
# end) and "大几万" = 七八万. What is left is an ordinary numeral for cn2an and the readers below.
_ONE_OF_UNIT = re.compile(r"(?<![零〇一二两三四五六七八九十百千万亿\d])[上过近破超逾](?=千万|百|千|万|亿)")
_ABOUT_ONE = re.compile(r"(?<![零〇一二两三四五六七八九十百千万\d])(万|千)把")
_A_FEW = re.compile(r"(?<![零〇一二两三四五六七八九十百千万\d])([小大])几(?=[十百千万亿])")
# "预算几千块", "几万块钱": a few of a money unit, said with no digit (review13 r13-08: no budget was read); read as
# five of it, the middle of "a few" (小几万 and 大几万 say the end). Not "十几万" (ten-odd) nor "几十个人" (a count).
_SOME_OF_UNIT = re.compile(r"(?<![零〇一二两三四五六七八九十百千万亿\d小大好])几(?=千(?!万)|万)")
# "员工百来号人", "百多人", "百几个工人" (Cantonese), "百十个工人", "百把万": a hundred (or thousand) said without its "一".
_BARE_HUNDRED = re.compile(r"(?<![零〇一二两三四五六七八九十百千万亿\d几])(百|千)(?:来|多|余|几|十|把)")


def spoken_magnitudes(text: str) -> str:
    """上百人 -> 一百人, 过千万 -> 一千万, 万把块 -> 一万块, 小几万 -> 两三万, 百来号人 -> 一百号人, 几千块 -> 五千块;
    same length."""
    text = _ONE_OF_UNIT.sub("一", text)
    text = _ABOUT_ONE.sub(lambda m: "一" + m.group(1), text)
    text = _BARE_HUNDRED.sub(lambda m: "一" + m.group(1), text)
    text = _SOME_OF_UNIT.sub("五", text)
    return _A_FEW.sub(lambda m: "两三" if m.group(1) == "小" else "七八", text)
