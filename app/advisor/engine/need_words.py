"""The catalogue's own words for each need: which solutions an owner's description names.

An owner rarely repeats a listed pain point letter for letter ("点餐慢" for 高峰点餐排队, "训练垂直模型"
for 模型微调 / 训练算力不够). Each solution's pain points and keywords are cut into Chinese character
bigrams and English words, and a message names a solution when it shares one with them. Bigrams, as in
Lucene's CJK analyser, because jieba cuts domain words it does not know differently in different
contexts ("拣货路径" -> 拣/货/路径, "拣货慢" -> 拣/货慢): a bigram is the same wherever it stands. Words are weighted by how few solutions list them (inverse document frequency over the
catalogue), so a word every second solution lists ("管理", "智能") is no evidence of any one need.
Three kinds of words never count: everyday words (jieba's own corpus IDF below `EVERYDAY_IDF`: "问题",
"时间", "企业"), words naming a kind of business ("冷库", "物流": they say who asks, not what is needed;
the industry fit handles them) and the words of asking and complaining ("想用", "太多", "过来").
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

from app.catalogue.models import Catalogue
from app.text.normalize import normalize

# A word listed by more than this share of the solutions names no particular need.
COMMON_SHARE = 0.12
_SHORT_LATIN = re.compile(r"^[a-z0-9]{1,2}$")  # "ai", "qr", "5g": too short to name a need
# A single English word names a need only from four letters: shorter ones of a keyword ("pay" of "pay per
# token", "per") are everyday English; the keyword itself still counts whole.
_MIN_LATIN_WORD = 4
_HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9+-]*")
# jieba's IDF (from its general corpus; median ~12): below this a word is everyday language.
EVERYDAY_IDF = 6.0
_SAYING = frozenset(
    [
        "想用",
        "想要",
        "想做",
        "想搞",
        "希望",
        "需要",
        "打算",
        "不会",
        "帮忙",
        "解决",
        "太多",
        "太慢",
        "不够",
        "want",
        "need",
        "help",
    ]
)


def _general_idf(words: Iterable[str]) -> dict[str, float]:
    """jieba's bundled IDF of `words`, read from its table without loading all 270k entries into a model."""
    wanted = set(words)
    found: dict[str, float] = {}
    table = Path(jieba.__file__).parent / "analyse" / "idf.txt"
    if not table.exists():
        return found
    with table.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, value = line.partition(" ")
            if word in wanted:
                found[word] = float(value)
    return found


def says(phrase: str, text: str) -> bool:
    """`text` (normalised) says `phrase`: an English phrase as whole words, plural included ("gpus" says
    "gpu"; "pos" is not in "posts", "bi" not in "bin"), a Chinese one anywhere."""
    if phrase.isascii():
        return _whole_words(phrase).search(text) is not None
    return phrase in text


# The catalogue's English phrases, compiled once each: an ask tests every solution's phrases, several
# hundred patterns, which overflow `re`'s own cache of 512 and were recompiled on every ask (issue 15:
# regex compilation was ~70% of a cached ask's CPU).
@lru_cache(maxsize=8192)
def _whole_words(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?:e?s)?(?![a-z0-9])")


@dataclass(frozen=True)
class WordMatch:
    words: tuple[str, ...]  # the catalogue words the owner used
    weight: float  # their summed rarity, 0 when none


class CatalogueWords:
    def __init__(
        self,
        catalogue: Catalogue,
        sector_of: Callable[[str], str | None],
    ) -> None:
        # A keyword naming a kind of business ("民宿", "hotel") says whom a solution is for, not what it solves.
        phrases = {
            s.id: [*s.pain_points, *(k for k in s.keywords if not sector_of(k))] for s in catalogue.solutions
        }
        self._words = {sid: self._cut(" ".join(p)) | self._terms(p) for sid, p in phrases.items()}
        latin = sorted({w for words in self._words.values() for w in words if w.isascii()}, key=len)
        self._latin = [(w, re.compile(rf"(?<![a-z]){re.escape(w)}(?![a-z])")) for w in latin]
        listed = Counter(w for words in self._words.values() for w in words)
        everyday = _general_idf(listed)
        total = max(1, len(self._words))
        self._weight = {
            w: math.log(total / n)
            for w, n in listed.items()
            if n <= max(1, COMMON_SHARE * total)
            and everyday.get(w, EVERYDAY_IDF) >= EVERYDAY_IDF
            and w not in _SAYING
            and not sector_of(w)
        }

    @staticmethod
    def _cut(text: str) -> frozenset[str]:
        """Chinese character bigrams and English words of four letters or more ("pay", "per" name nothing)."""
        norm = normalize(text)
        bigrams = {run[i : i + 2] for run in _HAN_RUN.findall(norm) for i in range(len(run) - 1)}
        return frozenset(bigrams | {w for w in _LATIN_WORD.findall(norm) if len(w) >= _MIN_LATIN_WORD})

    @staticmethod
    def _terms(phrases: list[str]) -> frozenset[str]:
        """English keywords whole: "pay per token" is a term; its word "pay" names no need on its own."""
        terms = (" ".join(_LATIN_WORD.findall(normalize(p))) for p in phrases if p.isascii())
        return frozenset(t for t in terms if t and not _SHORT_LATIN.match(t))

    def match(self, text: str) -> dict[str, WordMatch]:
        """Solution id -> the catalogue words of that solution found in `text` (only solutions with some)."""
        norm = " ".join(_LATIN_WORD.findall(normalize(text)))
        terms = {t for t, whole in self._latin if whole.search(norm)}
        said = self._cut(text) | terms
        found: dict[str, WordMatch] = {}
        for sid, words in self._words.items():
            shared = sorted(w for w in said & words if w in self._weight)
            if shared:
                found[sid] = WordMatch(tuple(shared), round(sum(self._weight[w] for w in shared), 3))
        return found
