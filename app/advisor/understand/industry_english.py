"""English business nouns read through the Chinese class list (knowledge/industry_words_en.tsv).

The standard's class names are Chinese, so an English noun the owner words do not list ("a state-owned steel
company", "a listed cement company", "our brewery") was read as nothing and the owner was asked. Its product
word is put in Chinese ("钢铁公司", "水泥公司", "啤酒厂") and read by the same rules as a Chinese message, so one
class list decides the section in both languages. Ownership and legal-form words around it ("state-owned",
"listed", "family-owned", "joint venture") are not in the list: they say who owns the firm, not its trade.
"""

from __future__ import annotations

import re
from pathlib import Path

# The company noun that a product word names a business before: "steel company", "cement plant", "paper mill".
_COMPANY = (
    r"compan(?:y|ies)|firms?|groups?|corporations?|corp|enterprises?|business(?:es)?|plants?|mills?|works|"
    r"factor(?:y|ies)|makers?|manufacturers?|producers?|suppliers?|co|assemblers?|fabricators?|processors?|packers?|"
    r"startups?|studios?"
)
# "a wholesale distributor of auto parts", "a retailer of kitchen appliances": the noun before "of" is the
# business, what follows are its goods (auto parts are made in factories, the distributor trades them).
_GOODS_OF = re.compile(
    r"\b((?:distributor|wholesaler|retailer|reseller|supplier|dealer|trader|importer|exporter|seller|"
    r"stockist|agent)s?) of\b[^,.;!?]*",
    re.IGNORECASE,
)
_ON_ITS_OWN = re.compile(r"[厂场]$")  # "brewery" -> 啤酒厂 is a business without a company noun


class EnglishNouns:
    def __init__(self, path: Path) -> None:
        self._words: dict[str, str] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#") and "\t" in line:
                    english, chinese = line.split("\t", 1)
                    self._words[english.strip().lower()] = chinese.strip()
        words = "|".join(re.escape(w) for w in sorted(self._words, key=len, reverse=True))
        # A product word, up to two more words, then the company noun: "steel company", "packaging printing
        # company", "chemical products company".
        self._named = re.compile(
            rf"\b(?P<words>(?:(?:{words})\s+)(?:[a-z-]+\s+){{0,2}})(?:{_COMPANY})\b", re.IGNORECASE
        )
        self._alone = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)

    def in_chinese(self, text: str) -> str | None:
        """The first English business noun of `text` in Chinese ("钢铁公司", "啤酒厂"), or None."""
        if not self._words:
            return None
        for noun in self._named.finditer(text):
            said = [self._words[w.lower()] for w in noun.group("words").split() if w.lower() in self._words]
            if said:
                return "".join(dict.fromkeys(said)) + "公司"
        for word in self._alone.finditer(text):
            chinese = self._words[word.group(0).lower()]
            if _ON_ITS_OWN.search(chinese):
                return chinese
        return None


def english_pattern(words: list[str]) -> re.Pattern[str] | None:
    """English owner words as one pattern, longest first, each a whole word (group 1 is the word)."""
    words = sorted({w.lower() for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    # "hair salons", "car washes": an owner word in the plural is the same business; "nail-salon", "car-repair":
    # with a hyphen for the space (and "cold chain" for "cold-chain").
    joined = "|".join(re.escape(w).replace(r"\ ", "[ -]").replace(r"\-", "[ -]") for w in words)
    return re.compile(r"(?<![a-z])(" + joined + r")(?:e?s)?(?![a-z])")


def en_key(word: str) -> str:
    return word.lower().replace("-", " ")


# Closed compounds owners also write open or hyphenated: "AI start-up" is an "AI startup".
_COMPOUNDS = {"startup": "start up", "meatpack": "meat pack", "printshop": "print shop"}


def en_forms(word: str) -> tuple[str, ...]:
    """The word, its plural in -ies ("pharmacy", "pharmacies"), which the -s/-es of the pattern misses, and a
    closed compound written open ("start-up", read with the hyphen as a space)."""
    forms = [word, word[:-1] + "ies"] if re.search(r"[^aeiou]y$", word) else [word]
    forms += [
        form.replace(closed, spaced)
        for form in forms
        for closed, spaced in _COMPOUNDS.items()
        if closed in form
    ]
    return tuple(forms)


# A hyphen inside an English compound ("frozen-food processor", "auto-parts maker", "gas-supply company") joins
# what owners also write with a space; the owner words and class nouns are listed with the space.
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])", re.IGNORECASE)


def open_compounds(text: str) -> str:
    """The text with the hyphens of English compounds said as spaces ("auto-parts" -> "auto parts")."""
    return _HYPHEN.sub(" ", text)


def without_goods_of(text: str) -> str:
    """The text without the goods after a trader's noun ("distributor of auto parts" -> "distributor")."""
    return _GOODS_OF.sub(r"\1", text)
