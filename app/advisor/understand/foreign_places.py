"""Places outside China (knowledge/places/world_places.tsv), so a company in Tokyo or Penang is "outside the
programs' coverage" and not "region unknown".

Chinese names join the gazetteer's one scan of place names (the longer name wins: 吉隆坡 is Kuala Lumpur,
not 吉隆县); English country names are matched as capitalised whole words ("Nice" the city, not "nice to
meet you"); GeoNames cities are looked up by runs of capitalised words.
"""

from __future__ import annotations

import re
from collections.abc import Container
from pathlib import Path

from app.advisor.understand.divisions import tsv_rows
from app.text.normalize import normalize

# The generated list, then the English names owners write that it holds only under a short name ("United
# Kingdom", "South Korea": IANA writes "Britain (UK)", "Korea (South)"), then the foreign cities CC-CEDICT names
# (small capitals and second transliterations: Valletta, 札格雷布, 伯恩; build_world_places_cedict.py).
WORLD_FILES = ("world_places.tsv", "country_names_en.tsv", "world_places_cedict.tsv")


def world_rows(folder: Path) -> list[list[str]]:
    return [row for name in WORLD_FILES for row in tsv_rows(folder / name)]


# Words that put a place after them in English ("a studio in Penang", "based in Cebu"), and runs of
# capitalised words a foreign city's name is looked up in.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|near|outside|around|to|based in|located in|headquartered in|out of)\s+$", re.I
)
# Words that make the place after them a market the client sells to, not where it is: "出口日本", "客户在美国",
# "buyers in Dubai", "we export to Germany".
_MARKET_BEFORE = re.compile(
    r"(?:出口(?:到|至)?|销往|卖到|卖去|发往|客户(?:主要)?(?:在|是|来自)?|买家(?:在|来自)?|市场(?:在|是)?|"
    r"\b(?:export(?:s|ing)?|sell(?:s|ing)?|ship(?:s|ping)?)\s+(?:\w+\s+){0,3}?(?:to|in)|"
    r"\b(?:customers?|clients?|buyers?|markets?)\s+(?:\w+\s+){0,2}?(?:in|from|at))\s*$",
    re.I,
)


def names_a_market(norm: str, start: int) -> bool:
    """The place at norm[start:] is named as where the client sells, not where it is."""
    return bool(_MARKET_BEFORE.search(norm[max(0, start - 30) : start]))


_CAPITALISED_RUN = re.compile(r"(?<![A-Za-z])[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*(?![A-Za-z])")


class ForeignPlaces:
    def __init__(self, rows: list[list[str]], china_zh: Container[str], china_en: Container[str]) -> None:
        """`rows`: (lang, country, name); a name China's own tables already hold stays Chinese."""
        self.zh: dict[str, str] = {}
        self._en: dict[str, str] = {}
        self.cities: dict[str, str] = {}  # GeoNames cities in English (Kuala Lumpur, Penang)
        for lang, country, name in rows:
            if lang == "zh" and len(name) >= 2 and normalize(name) not in china_zh:
                self.zh.setdefault(normalize(name), country)
            elif lang == "en" and name.lower() not in china_en:
                self._en[name] = country
            elif lang == "en_city" and name.lower() not in china_en:
                self.cities.setdefault(name.replace("-", " "), country)  # looked up by its words
        en = sorted(self._en, key=len, reverse=True)
        self._en_pattern = (
            re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, en)) + r")(?![A-Za-z])") if en else None
        )

    def in_english(self, text: str) -> str | None:
        """A foreign country or city written in English in `text`, or None."""
        if self._en_pattern and (m := self._en_pattern.search(text)):
            return m.group(1)
        return self._city(text)

    def _city(self, text: str) -> str | None:
        """A GeoNames city written in English: looked up by its capitalised words (25,000 names would make a
        regex that takes seconds to compile). A name of one word counts only where the sentence puts a place
        ("in Penang", "based in Cebu", "Surabaya-based"): alone it may be an everyday word ("Mobile")."""
        for run in _CAPITALISED_RUN.finditer(text):
            words = run.group(0).replace("-", " ").split()
            for start in range(len(words)):
                for end in range(min(len(words), start + 4), start, -1):
                    name = " ".join(words[start:end])
                    if name not in self.cities:
                        continue
                    if end - start > 1 or (start == 0 and _PLACE_BEFORE.search(text[: run.start()])):
                        return name
                    if end == len(words) and text[run.end() : run.end() + 6].lower() == "-based":
                        return name
        return None
