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


# "顶天了也就二十个", "预算上限十五个", "最多出八个": in talk of money 个 stands for 万 (N个 = N万, as "十五个w" says
# outright). Only a count that ends its clause (no noun counted after it) in a clause that speaks of paying or of a
# ceiling, and no people in it ("员工最多二十个" counts staff).
_GE_AS_WAN = re.compile(
    r"([零〇一二两三四五六七八九十百\d]+)(个)(?=\s*(?:吧|左右|上下|以内|以下|封顶|的样子)?\s*(?:[，,。；;！？!?]|$))"
)
_MONEY_TALK = re.compile(r"预算|顶天|撑死|封顶|最多|顶多|至多|不超过|不超|控制在|价位|[出花投掏]")
_PEOPLE = re.compile(r"人|员工|工人|店员|伙计|师傅|同事")
_CLAUSE_START = re.compile(r"[，,。；;！？!?\n]")


def _ge_as_wan(text: str) -> str:
    chars = list(text)
    for match in _GE_AS_WAN.finditer(text):
        starts = [m.end() for m in _CLAUSE_START.finditer(text, 0, match.start())]
        clause = text[starts[-1] if starts else 0 : match.start()]
        if _MONEY_TALK.search(clause) and not _PEOPLE.search(clause):
            chars[match.start(2)] = "万"
    return "".join(chars)


def spoken_magnitudes(text: str) -> str:
    """上百人 -> 一百人, 过千万 -> 一千万, 万把块 -> 一万块, 小几万 -> 两三万, 百来号人 -> 一百号人, 几千块 -> 五千块;
    same length."""
    text = _ONE_OF_UNIT.sub("一", text)
    text = _ABOUT_ONE.sub(lambda m: "一" + m.group(1), text)
    text = _BARE_HUNDRED.sub(lambda m: "一" + m.group(1), text)
    text = _SOME_OF_UNIT.sub("五", _ge_as_wan(text))
    return _A_FEW.sub(lambda m: "两三" if m.group(1) == "小" else "七八", text)
