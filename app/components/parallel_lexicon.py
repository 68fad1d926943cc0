"""English → Chinese word translations learnt from the catalogue's own bilingual text.

Every catalogue entry states its name, conditions, benefit, steps and caveats twice, in Chinese and in
English (`name`/`name_en`, `requirements`/`requirements_en`, …): some 1,800 sentence pairs. Words that keep
turning up in the two halves of the same pairs translate each other: "Xiamen" is 厦门, "corpus voucher" is
语料券, "settled" is 结算. A general dictionary (CC-CEDICT, app.components.dictionary) knows most everyday
words but not the places in pinyin nor the domain's own senses (it gives "voucher" as 票据, a receipt); this
lexicon covers exactly those, and grows with the catalogue without a hand-written entry per word.

Association is the Dice coefficient over sentence pairs (2·both / (English + Chinese)), kept only for
pairs seen together at least `MIN_PAIRS` times and above `MIN_DICE`, so one-off co-occurrences never
become a translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import pairwise
from typing import Any

import numpy as np
from pydantic import BaseModel

from app.text.normalize import normalize

MIN_PAIRS = 3
MIN_DICE = 0.5
PER_PHRASE = 1
_EN_WORD = re.compile(r"[a-z][a-z\-]*(?:'s)?")
_LATIN = re.compile(r"[a-z0-9.%\-]+")
# Function words, and words every pair shares ("yuan", "per"), carry no translation.
EN_STOP = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "the a an of to in on for and or is are was were be been by with what how which who does do did can "
        "could it its this that these those as at from about into than their they them has have had will would "
        "should any some such not no per yuan up than then there if when where all each other only also more "
        "most much many very our your you we"
    ).split()
)


def bilingual_pairs(models: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """(Chinese, English) text pairs: every field `x_en` beside a field `x` of the same shape, in any
    nested model or list (a list pairs item by item when both have the same length)."""
    for model in models:
        if isinstance(model, (list, tuple)):
            yield from bilingual_pairs(model)
        if not isinstance(model, BaseModel):
            continue
        fields = type(model).model_fields
        for name in fields:
            value = getattr(model, name)
            if name.endswith("_en") and name[:-3] in fields:
                yield from _aligned(getattr(model, name[:-3]), value)
            elif isinstance(value, (BaseModel, list, tuple)):
                yield from bilingual_pairs([value])


def _aligned(zh: Any, en: Any) -> Iterator[tuple[str, str]]:
    if isinstance(zh, str) and isinstance(en, str):
        yield zh, en
    elif isinstance(zh, (list, tuple)) and isinstance(en, (list, tuple)) and len(zh) == len(en):
        yield from ((a, b) for a, b in zip(zh, en, strict=True) if isinstance(a, str) and isinstance(b, str))


def english_terms(text: str) -> list[str]:
    """The content words of `text` (lower case, possessive dropped) and each pair of adjacent ones."""
    words = [m.removesuffix("'s").strip("-") for m in _EN_WORD.findall(text.lower())]
    words = [w if len(w) >= 3 and w not in EN_STOP else "" for w in words]
    bigrams = [f"{a} {b}" for a, b in pairwise(words) if a and b]
    return [w for w in words if w] + bigrams


def learn(
    pairs: Iterable[tuple[str, str]], tokenize: Callable[[str], list[str]]
) -> dict[str, tuple[str, ...]]:
    """{English word or bigram: its best Chinese words}, from sentence pairs; `tokenize` cuts the
    normalised Chinese as the index does, so a translation is a word BM25 can match."""
    cut: list[tuple[set[str], set[str]]] = []
    for zh, en in pairs:
        zh_words = {w for w in tokenize(normalize(zh)) if not _LATIN.fullmatch(w)}
        cut.append((set(english_terms(en)), zh_words))
    # Only words seen in `MIN_PAIRS` pairs can pass: the matrices stay a few thousand columns wide.
    en_seen = Counter(t for terms, _ in cut for t in terms)
    zh_seen = Counter(w for _, words in cut for w in words)
    en_ids = {t: n for n, t in enumerate(t for t, c in en_seen.items() if c >= MIN_PAIRS)}
    zh_ids = {w: n for n, w in enumerate(w for w, c in zh_seen.items() if c >= MIN_PAIRS)}
    english = np.zeros((len(cut), len(en_ids)), dtype=np.float32)
    chinese = np.zeros((len(cut), len(zh_ids)), dtype=np.float32)
    for n, (terms, words) in enumerate(cut):
        english[n, [en_ids[t] for t in terms if t in en_ids]] = 1
        chinese[n, [zh_ids[w] for w in words if w in zh_ids]] = 1
    if not en_ids or not zh_ids:
        return {}
    both = english.T @ chinese  # pairs holding each (English, Chinese) couple
    dice = 2 * both / (english.sum(0)[:, None] + chinese.sum(0)[None, :])
    dice[both < MIN_PAIRS] = 0
    zh_words_by_id = list(zh_ids)
    lexicon: dict[str, tuple[str, ...]] = {}
    for term, row in en_ids.items():
        scores = dice[row]
        best = [int(i) for i in np.argsort(-scores, kind="stable")[:PER_PHRASE] if scores[i] >= MIN_DICE]
        if best:
            lexicon[term] = tuple(zh_words_by_id[i] for i in best)
    return lexicon


def lookup(lexicon: Mapping[str, tuple[str, ...]], phrase: str) -> tuple[str, ...]:
    """The translations of an English word or bigram as the question spells it (plural or not)."""
    for form in (phrase, phrase.removesuffix("s"), phrase.removesuffix("es")):
        if form in lexicon:
            return lexicon[form]
    return ()
