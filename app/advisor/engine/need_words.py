"""The catalogue's own words for each need: which solutions an owner's description names.

An owner rarely repeats a listed pain point letter for letter ("点餐慢" for 高峰点餐排队, "训练垂直模型"
for 模型微调 / 训练算力不够). Each solution's pain points and keywords are cut into Chinese character
bigrams and English words, and a message names a solution when it shares one with them. Bigrams, as in
Lucene's CJK analyser, because jieba cuts domain words it does not know differently in different
contexts ("拣货路径" -> 拣/货/路径, "拣货慢" -> 拣/货慢): a bigram is the same wherever it stands. Words are weighted by how few solutions list them (inverse document frequency over the
catalogue), so a word every second solution lists ("管理", "智能") is no evidence of any one need.
Three kinds of words never count: everyday words (jieba's own corpus IDF below `EVERYDAY_IDF`: "问题",
"时间", "企业"), words naming a kind of business ("冷库", "物流": they say who asks, not what is needed;
the industry fit handles them) and the words of asking and complaining ("想用", "太多", "过来") or of
wishing for AI at all ("智能", the 人工 of 人工智能, the 数字 of 数字化, a robot's 机器人): every owner's
message says those, and they named a chatbot for a welding robot and a digital-human video tool for
数字化改造 (review5 c24, c27).

Overlapping bigrams of one run of the owner's words are one word, weighed once (its rarest bigram):
"机器人" is not two words 机器 + 器人, nor "合同审查" three. English words are compared without a plural -s.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
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
# A bigram with a grammatical character is a piece of a complaint ("跟不上" -> 跟不/不上, "回不过来"), not a
# word naming a job: jieba's IDF rates such phrases rare, so the everyday test below misses them.
_GRAMMAR = re.compile(r"[不了的得很太也都就没吗呢吧着]")
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
        # everyday English of the catalogue's phrases (stems): the job is in the word beside them
        # ("bid writing", "customer service", "machine vision"); jieba's IDF knows no English
        *[
            "writ",
            "write",
            "copy",
            "work",
            "data",
            "base",
            "case",
            "list",
            "check",
            "control",
            "human",
            "language",
            "learn",
            "natural",
            "real",
            "record",
        ],
        *[
            "short",
            "site",
            "smart",
            "staff",
            "text",
            "quality",
            "product",
            "customer",
            "service",
            "management",
            "digital",
            "food",
            "water",
        ],
        *[
            "hard",
            "last",
            "path",
            "peak",
            "rate",
            "risk",
            "sale",
            "saving",
            "search",
            "teach",
            "empty",
            "precision",
            "draft",
            "operation",
        ],
        *[
            "research",
            "chain",
            "monitor",
            "assistant",
            "machine",
            "cloud",
            "busines",
            "document",
            "generation",
        ],
        # wishing for AI at all, not for a job of it
        "智能",
        "人工",
        "工智",
        "数字",
        "机器",
        "器人",
    ]
)
# Words name a job when their rarity over the kinds of job (categories) reaches that of a word only one kind
# lists, less this: a word two kinds share (log 2 = 0.69 less: 视频 of short videos and of site cameras,
# 训练 of staff coaching and of GPU training) names neither; a word only one kind lists names it, however
# many variants of that job the catalogue holds (合同 of the two contract reviewers, 保养 of the two
# maintenance tools). A fixed weight over solutions let a word three content tools share name each of them.
NAMING_MARGIN = 0.35


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


def _stem(word: str) -> str:
    """An English word without its plural -s ("forecasts" -> "forecast"); short words as said. Both sides are
    cut alike, so a stem need not be a word ("business" -> "busines"). Not -ing: "ordering" (at the till) and
    "work orders" are two jobs."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"  # "inquiries" -> "inquiry"
    for ending in ("s",):
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_LATIN_WORD:
            return word[: -len(ending)]
    return word


def says(phrase: str, text: str) -> bool:
    """`text` (normalised) says `phrase`: an English phrase as whole words, plural included ("gpus" says
    "gpu"; "pos" is not in "posts", "bi" not in "bin"), its words joined by a space or a hyphen alike
    ("customer-service bot" says "customer service", review9 r9-44), a Chinese one anywhere."""
    if phrase.isascii():
        return _whole_words(phrase).search(text) is not None
    return phrase in text


# The catalogue's English phrases, compiled once each: an ask tests every solution's phrases, several
# hundred patterns, which overflow `re`'s own cache of 512 and were recompiled on every ask (issue 15:
# regex compilation was ~70% of a cached ask's CPU).
@lru_cache(maxsize=8192)
def _whole_words(phrase: str) -> re.Pattern[str]:
    words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase))
    return re.compile(rf"(?<![a-z0-9]){words}(?:e?s)?(?![a-z0-9])")


@dataclass(frozen=True)
class WordMatch:
    words: tuple[str, ...]  # the catalogue words the owner used
    weight: float  # their summed rarity (each run of overlapping bigrams once), 0 when none
    names: bool = False  # they name the solution's job (rare enough among the kinds of job, NAMING_MARGIN)


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
        self._sector_of = lru_cache(maxsize=8192)(sector_of)
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
            and not _GRAMMAR.search(w)
            and not sector_of(w)
        }
        kind = self.kind = {s.id: s.category.value for s in catalogue.solutions}
        kinds_of: dict[str, set[str]] = {}
        for sid, words in self._words.items():
            for w in words:
                kinds_of.setdefault(w, set()).add(kind[sid])
        kinds = max(1, len(set(kind.values())))
        self._naming = math.log(kinds) - NAMING_MARGIN
        self._kind_weight = {w: math.log(kinds / len(kinds_of[w])) for w in self._weight}

    @staticmethod
    def _cut(text: str) -> frozenset[str]:
        """Chinese character bigrams and English word stems of four letters or more ("pay", "per" name nothing)."""
        norm = normalize(text)
        bigrams = {run[i : i + 2] for run in _HAN_RUN.findall(norm) for i in range(len(run) - 1)}
        return frozenset(bigrams | {_stem(w) for w in _LATIN_WORD.findall(norm) if len(w) >= _MIN_LATIN_WORD})

    @staticmethod
    def _runs(text: str) -> list[list[str]]:
        """The owner's bigrams run by run, in order: overlapping neighbours belong to one word.

        A bigram made of the last character of one word and the first of the next, both words of two
        characters or more, is no word the owner said: "早上手机" is 早上 + 手机, not 上手 (getting the hang
        of a job). One beside a single character stays ("拣货慢": 拣/货/慢). Dictionary words only (no HMM),
        as jieba's guesses at unknown words would make seams inside the owner's own terms."""
        runs = []
        for run in _HAN_RUN.findall(normalize(text)):
            words = [(start, end) for _word, start, end in jieba.tokenize(run, HMM=False)]
            seams = {
                first_end
                for (first_start, first_end), (_, second_end) in pairwise(words)
                if first_end - first_start >= 2 and second_end - first_end >= 2
            }
            # "" keeps the places: the words on either side of a seam are two stretches in `_weigh`.
            runs.append([run[i : i + 2] if i + 1 not in seams else "" for i in range(len(run) - 1)])
        return runs

    @staticmethod
    def _terms(phrases: list[str]) -> frozenset[str]:
        """English keywords whole: "pay per token" is a term; its word "pay" names no need on its own."""
        terms = (" ".join(_LATIN_WORD.findall(normalize(p))) for p in phrases if p.isascii())
        return frozenset(t for t in terms if t and not _SHORT_LATIN.match(t))

    def match(self, text: str) -> dict[str, WordMatch]:
        """Solution id -> the catalogue words of that solution found in `text` (only solutions with some)."""
        norm = self._without_businesses(" ".join(_LATIN_WORD.findall(normalize(text))))
        terms = {t for t, whole in self._latin if whole.search(norm)}
        said = (
            {w for w in self._cut(norm) if w.isascii()}
            | {b for run in self._runs(text) for b in run if b}
            | terms
        )
        runs = self._runs(text)
        found: dict[str, WordMatch] = {}
        for sid, words in self._words.items():
            shared = {w for w in said & words if w in self._weight}
            if shared:
                weight = self._weigh(shared, runs, self._weight)
                names = self._weigh(shared, runs, self._kind_weight) >= self._naming
                found[sid] = WordMatch(tuple(sorted(shared)), round(weight, 3), names)
        return found

    def own_words(self, sid: str, text: str, apart_from: Iterable[str]) -> frozenset[str]:
        """The words of solution `sid` said in `text`, everyday ones too, that none of the solutions `apart_from` lists:
        what ties the text to that tool rather than to those ("经验" of 经验传承, the repair assistant's)."""
        others = frozenset().union(*(self._words[o] for o in apart_from))
        return (self._cut(text) & self._words[sid]) - others

    def _without_businesses(self, words: str) -> str:
        """The owner's English words without the two-word names of a kind of business ("cold storage", as 冷库's
        bigram never counts): they say where the need is, not what is to be done (s21: "how much to keep in cold
        storage for export orders" named the cold-room alert by its "cold" of "cold chain")."""
        tokens = words.split()
        drop = {
            i + k
            for i, pair in enumerate(pairwise(tokens))
            if self._sector_of(" ".join(pair))
            for k in (0, 1)
        }
        return " ".join(t for i, t in enumerate(tokens) if i not in drop)

    @staticmethod
    def _weigh(shared: set[str], runs: list[list[str]], rarity: dict[str, float]) -> float:
        """Summed rarity of the shared words, a stretch of overlapping bigrams counted once (its rarest)."""
        weight, counted = 0.0, set()
        for run in runs:
            stretch: list[float] = []
            for bigram in [*run, ""]:  # "" closes the last stretch
                if bigram in shared:  # a word said twice counts once
                    stretch.append(0.0 if bigram in counted else rarity[bigram])
                    counted.add(bigram)
                elif stretch:
                    weight, stretch = weight + max(stretch), []
        return weight + sum(rarity[w] for w in shared - counted)  # English words and terms
