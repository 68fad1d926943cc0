"""Chinese word segmentation for BM25, with the domain glossary as a user dictionary.

jieba's default dictionary splits 算力券 into 算力/券 and 专精特新 into pieces
(RAGFlow #8989 is the same failure with 三码), which silently breaks keyword
recall; every glossary term is therefore added as a high-frequency word.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import jieba
import jieba.posseg

from app.text.normalize import normalize
from app.yaml_loading import safe_load

_STOPWORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "的 了 和 与 及 等 是 在 对 为 将 把 被 也 就 都 而 并 或 其 之 以 于 从 向 这 那 有 个 "
        "中 上 下 吗 呢 吧 啊 么 什么 怎么 怎样 如何 哪些 哪个 多少 可以 能 能否 是否 我 我们 你 "
        "你们 他 她 它 请问 一下 一个 一些 这个 那个 需要 要 想 没有 有没有 是不是 会不会 能不能 "
        "可不可以 怎么办 怎么样 为什么 哪里 具体 例子 用 还 又 呀 哦 嗯 the a an of to in on for "
        "and or is are was be by with what how which who does do can i my we our you your it this "
        "that as at from about "
    ).split()
)
_TOKEN_OK = re.compile(r"[\w+]", re.UNICODE)
# A capitalised word that does not open the text or a sentence (a name, not "He said" or "What").
_CAPITALISED_INSIDE = re.compile(r"(?<=[^\s.?!;:。？！\"“'‘(（]\s)[A-Z][a-z]+\b")
# "748eflops", "5g", "2025年版": also index the letter and digit runs so
# "EFLOPS" or "748" alone still match.
_ALNUM_RUNS = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def _words(text: str) -> str:
    """Lower-case words separated by single spaces; "data-element" matches "data element"."""
    return " ".join(re.sub(r"[^a-z0-9+&]+", " ", text.lower()).split())


@dataclass(frozen=True)
class GlossaryTerm:
    zh: str
    en: tuple[str, ...]


@dataclass
class Glossary:
    terms: list[GlossaryTerm] = field(default_factory=list)

    translations: list[GlossaryTerm] = field(default_factory=list)  # expansion only, not for jieba
    people: list[GlossaryTerm] = field(default_factory=list)  # also among `translations`

    @classmethod
    def load(cls, path: Path) -> Glossary:
        if not path.exists():
            return cls()
        raw = safe_load(path.read_text(encoding="utf-8")) or {}

        def read(section: str) -> list[GlossaryTerm]:
            return [
                GlossaryTerm(zh=str(t["zh"]), en=tuple(_words(str(e)) for e in t.get("en") or ()))
                for t in raw.get(section) or []
            ]

        people = read("people")
        return cls(read("terms"), read("vocabulary") + people + read("entities"), people)

    def expand_english(self, text: str) -> str:
        """Append the Chinese term for each English glossary phrase found in `text` (in glossary order)."""
        phrases = self.english_phrases(text)
        if not phrases and not _CAPITALISED_INSIDE.search(text):
            return text  # no English phrase of the glossary: no need to look further
        index, _ = self._phrase_index
        found = {n for phrase in phrases for n in index[phrase]}
        extra = [self._all_terms[n].zh for n in sorted(found)]
        extra += [
            self.family_names[w.lower()]
            for w in _CAPITALISED_INSIDE.findall(text)
            if w.lower() in self.family_names
        ]
        return f"{text} {' '.join(dict.fromkeys(extra))}" if extra else text

    def english_phrases(self, text: str) -> set[str]:
        """The glossary's English phrases found in `text` (lower case, as the glossary spells them)."""
        words = _words(text).split()
        index, longest = self._phrase_index
        return {
            phrase
            for start in range(len(words))
            for end in range(start + 1, min(start + longest, len(words)) + 1)
            if (phrase := " ".join(words[start:end])) in index
        }

    @cached_property
    def family_names(self) -> dict[str, str]:
        """{pinyin family name: the person}, for the people no other person here shares a family name with.

        English readers refer to a person by the family name after the first mention ("how does Zhao want
        investors involved"); without it the question neither routes to that person's article nor
        matches their name in it. Only capitalised and inside a sentence (`_CAPITALISED_INSIDE`), so the
        pronoun "he" or a sentence's first word is never taken for 贺晗 (He Han)."""
        named: dict[str, set[str]] = {}
        for person in self.people:
            for spelling in person.en:
                words = spelling.split()
                if len(words) == 2:
                    named.setdefault(words[0], set()).add(person.zh)
        return {family: next(iter(zh)) for family, zh in named.items() if len(zh) == 1}

    @cached_property
    def _all_terms(self) -> list[GlossaryTerm]:
        return [*self.terms, *self.translations]

    @cached_property
    def _phrase_index(self) -> tuple[dict[str, list[int]], int]:
        """{English phrase: positions of the terms it names}, and the longest phrase in words.

        Looking each of the text's word sequences up is what scanning ~700 phrases per text
        cost ~1 ms of every search for."""
        index: dict[str, list[int]] = {}
        for n, term in enumerate(self._all_terms):
            for phrase in term.en:
                if phrase:
                    index.setdefault(phrase, []).append(n)
        return index, max((len(p.split()) for p in index), default=1)


_PERSON_ENTRY = re.compile(rb"^(\S+) \d+ nr$", re.MULTILINE)


def _name_tagger(tokenizer: jieba.Tokenizer) -> jieba.posseg.POSTokenizer:
    """A part-of-speech tagger that knows only which dictionary words are person names.

    `POSTokenizer()` parses the tag of all 350k dictionary words (about a second of every cold
    build); speaker detection only asks "is this a name", so only the `nr` entries are read, with
    one regex pass. Words outside the dictionary are still tagged by jieba's HMM, which is how
    most names in news text (汪小帆, 赵志国) are found.
    """
    with tokenizer.get_dict_file() as dictionary:
        names = {m.group(1).decode("utf-8"): "nr" for m in _PERSON_ENTRY.finditer(dictionary.read())}
    tagger: jieba.posseg.POSTokenizer = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = names
    return tagger


class Segmenter:
    """A private jieba tokenizer so the glossary never leaks into other users of jieba."""

    def __init__(self, glossary: Glossary, cache_dir: Path) -> None:
        self._glossary = glossary
        self._cache_dir = cache_dir
        self._tokenizer: jieba.Tokenizer | None = None
        self._tagger: jieba.posseg.POSTokenizer | None = None
        self._lock = threading.Lock()

    def _ready(self) -> jieba.Tokenizer:
        with self._lock:
            if self._tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                # Without this jieba writes its 9 MB prefix cache to the system temp dir; a
                # read-only data dir leaves it no choice (and must not cost a search).
                if _usable_cache_dir(self._cache_dir):
                    tokenizer.tmp_dir = str(self._cache_dir)
                tokenizer.initialize()
                for term in self._glossary.terms:
                    tokenizer.add_word(normalize(term.zh), freq=20000)
                self._tokenizer = tokenizer
            return self._tokenizer

    def tag(self, text: str) -> list[tuple[str, str]]:
        """(word, part-of-speech) pairs; used on short spans only (speaker names), so HMM cost stays small."""
        tokenizer = self._ready()
        with self._lock:
            if self._tagger is None:
                self._tagger = _name_tagger(tokenizer)
            tagger = self._tagger
        return [(pair.word, pair.flag) for pair in tagger.lcut(text)]

    def tokens(self, text: str) -> list[str]:
        """BM25 tokens of already-normalised text: search-mode cut, stopwords dropped."""
        tokens: list[str] = []
        for word in self._ready().lcut_for_search(text):
            word = word.strip()
            if not word or word in _STOPWORDS or not _TOKEN_OK.search(word):
                continue
            tokens.append(word)
            runs = _ALNUM_RUNS.findall(word)
            if len(runs) > 1 or (runs and runs[0] != word):
                tokens.extend(r for r in runs if r not in _STOPWORDS)
        return tokens


def _usable_cache_dir(folder: Path) -> bool:
    """The folder exists (created if need be) and takes files, or holds the cache already."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK) or (folder / "jieba.cache").exists()
