"""A question that asks for the Nth item of a list, read as the marker the sources number their items with.

Policy texts and speeches list proposals as "一是…，二是…，三是…"; a reader asks "第三条是什么", "第二项讲什么",
"what is the second of his four priorities". The ordinal shares no BM25 word with the item it points at, so
the passage that opens the list (which repeats the question's other words) ranks above the item itself. The
marker ("三是", a token of the index's tokenizer) is added to the question's BM25 words.
Works on normalised, prepared text: an English "second" has its Chinese translation (第二) beside it by then.
"""

from __future__ import annotations

import re

_NUMERALS = "一二三四五六七八九十"
# 第三条 / 第二项 / 第四点 / 第一个 / 头一个; a bare 第三 is a translated "third" (CC-CEDICT), kept too.
_ORDINAL = re.compile(rf"(?:第|头)([{_NUMERALS}])(?![{_NUMERALS}])")


def list_markers(text: str) -> list[str]:
    """The list-item markers ("三是") that the ordinals of `text` point at, in order, without repeats."""
    return list(dict.fromkeys(f"{numeral}是" for numeral in _ORDINAL.findall(text)))
