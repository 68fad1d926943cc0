"""Dictionaries for profile extraction: regions (knowledge/regions.yaml) and
industries (knowledge/industries.yaml), matched on normalised text.

Longest names win, so 浦东新区 beats 浦东 and 冷链运输 (transport) beats 冷链.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from app.text.normalize import normalize


@dataclass(frozen=True)
class Place:
    province: str
    city: str | None


@dataclass(frozen=True)
class IndustryMatch:
    label: str
    section: str
    sector: str
    keyword: str


def _english_pattern(words: list[str]) -> re.Pattern[str] | None:
    words = sorted({w.lower() for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w in words) + r")(?![a-z])")


class RegionGazetteer:
    def __init__(self, path: Path) -> None:
        self._zh: dict[str, Place] = {}
        self._en: dict[str, Place] = {}
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        for province in (raw or {}).get("provinces", []):
            pname = str(province["name"])
            whole = Place(pname, pname if province.get("municipality") else None)
            for name in (pname, province.get("full"), *(province.get("aliases") or [])):
                if name and len(name) >= 2:
                    self._zh[normalize(str(name))] = whole
            for word in province.get("en") or []:
                self._en[str(word).lower()] = whole
            for city in province.get("cities") or []:
                place = Place(pname, str(city["name"]))
                for name in (city["name"], city.get("full")):
                    if name and len(name) >= 2:
                        self._zh.setdefault(normalize(str(name)), place)
                for word in city.get("en") or []:
                    self._en.setdefault(str(word).lower(), place)
            for county in province.get("counties") or []:
                place = Place(pname, str(county["city"]))
                for name in (county.get("full"), county["name"]):
                    if name and len(name) >= 2:
                        self._zh.setdefault(normalize(str(name)), place)
                for word in county.get("en") or []:
                    self._en.setdefault(str(word).lower(), place)
        names = sorted(self._zh, key=len, reverse=True)
        self._zh_pattern = re.compile("|".join(map(re.escape, names))) if names else None
        self._en_pattern = _english_pattern(list(self._en))

    def mentions(self, text: str) -> list[tuple[str, Place]]:
        """(name as written in the normalised text, place) for every mention: Chinese names, then English."""
        norm = normalize(text)
        found: list[tuple[str, Place]] = []
        if self._zh_pattern:
            found += [(m.group(0), self._zh[m.group(0)]) for m in self._zh_pattern.finditer(norm)]
        if self._en_pattern:
            found += [(m.group(1), self._en[m.group(1)]) for m in self._en_pattern.finditer(norm)]
        return found

    def find(self, text: str) -> Place | None:
        """The most specific place named in `text` (city beats province), or None."""
        found = [place for _, place in self.mentions(text)]
        if not found:
            return None
        with_city = [p for p in found if p.city]
        return with_city[0] if with_city else found[0]

    def all_places(self, text: str) -> list[Place]:
        return list(dict.fromkeys(place for _, place in self.mentions(text)))


class IndustryDictionary:
    def __init__(self, path: Path) -> None:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        self._zh: dict[str, IndustryMatch] = {}
        self._en: dict[str, IndustryMatch] = {}
        for entry in (raw or {}).get("industries", []):
            for word in entry.get("zh") or []:
                key = normalize(str(word))
                self._zh[key] = IndustryMatch(entry["label"], entry["section"], entry["sector"], key)
            for word in entry.get("en") or []:
                key = str(word).lower()
                self._en[key] = IndustryMatch(entry["label"], entry["section"], entry["sector"], key)
        names = sorted(self._zh, key=len, reverse=True)
        self._zh_pattern = re.compile("|".join(map(re.escape, names))) if names else None
        self._en_pattern = _english_pattern(list(self._en))

    def find(self, text: str) -> IndustryMatch | None:
        norm = normalize(text)
        if self._zh_pattern and (m := self._zh_pattern.search(norm)):
            return self._zh[m.group(0)]
        if self._en_pattern and (m := self._en_pattern.search(norm)):
            return self._en[m.group(1)]
        return None


@lru_cache(maxsize=4)
def regions(knowledge_dir: Path) -> RegionGazetteer:
    return RegionGazetteer(knowledge_dir / "regions.yaml")


@lru_cache(maxsize=4)
def industries(knowledge_dir: Path) -> IndustryDictionary:
    return IndustryDictionary(knowledge_dir / "industries.yaml")
