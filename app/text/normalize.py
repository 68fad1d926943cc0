"""Text cleaning and normalisation shared by ingest, queries and evaluation.

Two views of every text exist:
- `clean_text`: conversion debris removed, script untouched. This is what we quote.
- `normalize`: `clean_text` + NFKC (full-width → half-width) + traditional → simplified.
  This is what we embed, tokenise and compare.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import opencc

from app.text.variants import fold_variants

_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# `產業(yè)`, `發(fā)展`: pinyin annotations a big5→gb round trip leaves behind.
# Requiring a tone mark keeps legitimate "(AI)" or "(a)" intact.
_PINYIN_DEBRIS = re.compile(rf"\([a-zü]*[{_TONE_VOWELS}][a-zü]*\)(;)?")
# `?/p>` and stray HTML tags from scraped pages.
_TAG_DEBRIS = re.compile(r"[?!]*\?/p>|</?(?:p|br|span|div|strong|em|b|i)(?:\s[^<>]{0,80})?/?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\ufeff]")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")


# Character-level t2s; the regional phrase tables are applied only where mainland usage prefers their
# target (app.text.variants): whole, tw2sp rewrites ordinary words (整合→集成, 核心→内核).
@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def clean_text(text: str) -> str:
    """Remove conversion debris and control characters; keep the original script."""
    text = html.unescape(text)
    text = _PINYIN_DEBRIS.sub("", text)
    text = _TAG_DEBRIS.sub("", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """For short strings such as a person's name found in normalised text, shown in a traditional quote."""
    converted: str = _s2t().convert(text)
    return converted


def to_simplified(text: str) -> str:
    """Traditional text in simplified script and mainland usage (Taiwan/HK variants folded); simplified
    text unchanged (a display conversion: 著名 stays 著名)."""
    converted: str = _t2s().convert(text)
    return fold_variants(converted) if converted != text else converted


def normalize(text: str) -> str:
    """Canonical form for matching: cleaned, NFKC, simplified, lower-cased."""
    # Every answer re-normalises the same catalogue and evidence sentences, and OpenCC is pure
    # Python (about a tenth of an all-new ask's CPU): short texts are remembered.
    return _normalize_short(text) if len(text) <= _CACHED_CHARS else _normalize(text)


_CACHED_CHARS = 2000


def normalize_cased(text: str) -> str:
    """`normalize` keeping the letter case: the client's words as matched, but quoted back as typed ("POS")."""
    # A turn reads the conversation's words this way several times (each program's conditions, the notes).
    return _cased_short(text) if len(text) <= _CACHED_CHARS else _normalize_cased(text)


def _normalize_cased(text: str) -> str:
    text = unicodedata.normalize("NFKC", clean_text(text))
    # Variants are folded whatever the script, so a simplified question or fact meets a folded passage.
    return fold_variants(_t2s().convert(text))


def _normalize(text: str) -> str:
    return _normalize_cased(text).lower()


_normalize_short = lru_cache(maxsize=16384)(_normalize)
_cased_short = lru_cache(maxsize=4096)(_normalize_cased)


def compact(text: str) -> str:
    """`normalize` without any whitespace, for substring fact checks across line breaks."""
    return re.sub(r"\s+", "", normalize(text))


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_language(text: str) -> str:
    """'zh' when Han characters dominate letters, else 'en'. Empty text counts as 'zh'."""
    han = len(_HAN.findall(text))
    latin = sum(len(w) for w in _LATIN_WORD.findall(text))
    if han == 0 and latin == 0:
        return "zh"
    # One Han char carries roughly a word; weigh letters down so "AI赋能包" stays zh.
    return "zh" if han * 3 >= latin else "en"


def is_traditional(text: str) -> bool:
    return to_simplified(text) != text
