"""Everyday words that hold a county's name inside them: no place is read there.

"六合彩下一期开什么号" asks about a lottery, not about 南京六合; "太平洋保险的代理" is no firm in 阜新太平区; "牡丹花饼"
is a pastry, not 菏泽牡丹区. places/place_holders.tsv lists, per county short name, the words of jieba's dictionary
that hold it and are no division of China themselves (built by places/build_place_holders.py). A county named on
its own ("南京六合做农产品", "我们在六合") is read as before.
"""

from __future__ import annotations

import re
from pathlib import Path


class PlaceHolders:
    def __init__(self, path: Path) -> None:
        self._holders: dict[str, re.Pattern[str]] = {}
        if not path.exists():
            return
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, words = line.split("\t")
                alternatives = "|".join(map(re.escape, sorted(words.split(), key=len, reverse=True)))
                self._holders[name] = re.compile(alternatives)

    def held(self, norm: str, name: str, start: int) -> bool:
        """The name found at `start` of `norm` lies inside an everyday word that holds it."""
        pattern = self._holders.get(name)
        if pattern is None:
            return False
        end = start + len(name)
        return any(
            m.start() <= start and end <= m.end() and not _counts_after(norm, m, name)
            for m in pattern.finditer(norm)
        )


# A count after a place's name: "玉山一家汽修厂", "六合一个厂". jieba holds "玉山一" and "六合一" as words (names),
# yet a numeral that a measure word follows starts "一家…", not the word: the county is the place.
_NUMERALS = "一二两三四五六七八九十几"
_MEASURE = re.compile(r"[家个間间所座位名台条]")


def _counts_after(norm: str, held: re.Match[str], name: str) -> bool:
    word = held.group(0)
    return (
        word.startswith(name)
        and all(c in _NUMERALS for c in word[len(name) :])
        and bool(_MEASURE.match(norm, held.end()))
    )
