"""Taiwan and Hong Kong variants folded into mainland usage, from OpenCC's own tables.

OpenCC's t2s converts characters only: a Taiwan reprint still reads 軟體, 釋出, 透過, 數位, 隨著 where the
mainland original and a reader's simplified question say 软件, 发布, 通过, 数字, 随着. OpenCC ships the
regional tables that bridge them (TWPhrasesRev, TWVariantsRev, HKVariantsRev: the `tw2sp`/`hk2s`
conversions), but applied whole they also rewrite ordinary mainland words (整合→集成, 核心→内核, 建立→创建,
序列→串行), because both sides use those words.

So a pair is kept only when mainland usage clearly prefers its target: jieba's dictionary (word frequencies
from mainland text) counts the target at least `_PREFERENCE` times as often as the variant. 软体→软件,
资讯→信息, 释出→发布, 著→着 pass; 核心→内核, 整合→集成, 资料→数据 do not. What passes is folded in every
text, whatever its script, so a question, a passage and an evaluation fact copied from either meet in one
form (a fold applied to traditional text only left a simplified "叠代" unmatched by the folded passage).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jieba
import opencc

_PREFERENCE = 3
_TABLES = (
    "TWPhrasesRev.txt",
    "TWVariantsRevPhrases.txt",
    "TWVariantsRev.txt",
    "HKVariantsRevPhrases.txt",
    "HKVariantsRev.txt",
)
# Machine-conversion forms seen in reprints (004: 行業套用, 叠代發展, 高質素, 數碼行銷) that this OpenCC
# release's tables do not carry; they are judged by the same frequency rule as the tables' own pairs.
_MACHINE_CONVERSIONS = (
    ("套用", "应用"),
    ("叠代", "迭代"),
    ("质素", "质量"),
    ("行销", "营销"),
    ("数码", "数字"),
)


def _mainland_frequencies(words: set[str]) -> dict[str, int]:
    """jieba's dictionary frequency of each of `words` (one pass over dict.txt, keeping only those)."""
    counts: dict[str, int] = {}
    path = Path(jieba.__file__).with_name("dict.txt")
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, rest = line.partition(" ")
            if word in words:
                counts[word] = int(rest.split(" ", 1)[0])
    return counts


def _table_pairs(t2s: opencc.OpenCC) -> list[tuple[str, str]]:
    folder = Path(opencc.__file__).with_name("dictionary")
    pairs: list[tuple[str, str]] = []
    for name in _TABLES:
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            variant, _, targets = line.partition("\t")
            options = [t2s.convert(t) for t in targets.split()]
            source = t2s.convert(variant)
            # A variant listed among its own targets (數字 → 數字 數位) is a word both sides use.
            if options and source not in options:
                pairs.append((source, options[0]))
    return pairs


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Variant → mainland form, simplified on both sides, for the pairs mainland usage clearly prefers."""
    t2s = opencc.OpenCC("t2s")
    pairs = _table_pairs(t2s) + list(_MACHINE_CONVERSIONS)
    frequency = _mainland_frequencies({word for pair in pairs for word in pair})
    table: dict[str, str] = {}
    for variant, mainland in pairs:
        if frequency.get(mainland, 0) >= _PREFERENCE * max(frequency.get(variant, 0), 1):
            table.setdefault(variant, mainland)
    return table


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(fold_table(), key=len, reverse=True))))


def fold_variants(simplified: str) -> str:
    """`simplified` (already through t2s) with regional variants in their mainland form, longest first."""
    table = fold_table()
    return _pattern().sub(lambda m: table[m.group(0)], simplified) if table else simplified
