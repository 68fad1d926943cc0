"""What a business does, as a GB/T 4754-2017 section: owners' words first, then the standard's class names.

Owners name their business with a head noun at the end of a phrase, in Chinese and in English alike:
"给矿山设备做配件的机加工厂" is a machining plant (C), not a mine (B); "mining equipment leasing company"
is leasing (L); "宠物医院" is a pet service (O), not a hospital (Q). So in the first clause that names a
business we take the rightmost match, and customers ("给…做", "for mining equipment") do not count.
When no owner word matches, the names of all 1,381 small classes of the standard
(knowledge/gbt4754_2017.tsv) are tried: a product or activity term that belongs to one section only
("乳制品", "矿山机械", "水产养殖") decides.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.advisor.understand.size import SECTION_SECTOR
from app.text.normalize import normalize

# Clause breaks, and the start of a customer phrase ("for mining equipment", "给矿山设备做").
_CLAUSE = re.compile(
    r"[,.;!?，。；！？、\n]|\s(?:in|at|with|and|that|who|which|for|near|based)\s", re.IGNORECASE
)
_CUSTOMER_ZH = re.compile(r"(?:给|为|替|帮)[^,，。；]{1,14}?(?:做|提供|生产|加工|供应|配套|服务)")
# Activity words that end a class name; what precedes them is the product or service.
_ACTIVITY = re.compile(
    r"(?:制造|加工|生产|制作|种植|饲养|养殖|批发|零售|服务|活动|管理|开采|采选|冶炼|修理|维修|维护|建筑|施工|安装|"
    r"运输|出租|租赁|培训|教育|出版|业)$"
)
_GENERIC_TERMS = {
    "其他",
    "未列明",
    "相关物品",
    "专用设备",
    "设备",
    "器材",
    "用品",
    "制品",
    "产品",
    "其他未列明",
    # Fragments of class names split at 和/及/与 that are everyday words, not a kind of business:
    # "造林和更新" must not make "请根据更新后的资料重新推荐" forestry, nor "缺陷检测" a testing lab.
    "更新",
    "利用",
    "特殊",
    "系统",
    "管理",
    "计算",
    "帮助",
    "数字",
    "供应",
    "商业",
    "家庭",
    "办公",
    "代理",
    "投资",
    "资产",
    "资源",
    "检测",
    "调查",
    "交通",
    "信用",
    "修复",
    "计量",
    "营养",
}
# MIIT sectors (size thresholds) per GB/T division where a section holds several.
_DIVISION_SECTOR = {
    "51": "wholesale",
    "52": "retail",
    "59": "warehousing",
    "60": "postal",
    "61": "accommodation",
    "62": "catering",
    "63": "telecom",
    "64": "telecom",
    "65": "software",
}


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


def _class_terms(path: Path) -> dict[str, IndustryMatch]:
    """Product and activity terms of the standard's small classes that point to one section only."""
    if not path.exists():
        return {}
    sections: dict[str, set[str]] = {}
    first: dict[str, tuple[str, str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#"):
                continue
            _code, section, division, name = row
            stem = _ACTIVITY.sub("", re.sub(r"（[^）]*）|\([^)]*\)", "", name))
            for term in {stem, *re.split(r"、|和|及|与|等", stem)}:
                term = normalize(term.strip())
                if len(term) >= 2 and term not in _GENERIC_TERMS and not term.startswith("其他"):
                    sections.setdefault(term, set()).add(section)
                    first.setdefault(term, (name, section, division))
    terms = {}
    for term, found in sections.items():
        if len(found) == 1:
            name, section, division = first[term]
            sector = _DIVISION_SECTOR.get(division, SECTION_SECTOR.get(section, "other"))
            terms[term] = IndustryMatch(name, section, sector, term)
    return terms


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
        self._terms = _class_terms(path.parent / "gbt4754_2017.tsv")
        terms = sorted(self._terms, key=len, reverse=True)
        self._term_pattern = re.compile("|".join(map(re.escape, terms))) if terms else None

    def _owner_word(self, clause: str) -> IndustryMatch | None:
        """The rightmost owner word in a clause: the head of the business noun phrase."""
        hits: list[tuple[int, IndustryMatch]] = []
        if self._zh_pattern:
            hits += [(m.start(), self._zh[m.group(0)]) for m in self._zh_pattern.finditer(clause)]
        if self._en_pattern:
            hits += [(m.start(1), self._en[m.group(1)]) for m in self._en_pattern.finditer(clause)]
        return max(hits, key=lambda hit: hit[0])[1] if hits else None

    def sector_of(self, word: str) -> str | None:
        """The sector a single word names as a kind of business ("民宿", "guesthouse"), else None."""
        match = self._zh.get(normalize(word)) or self._en.get(word.lower())
        return match.sector if match else None

    def find(self, text: str) -> IndustryMatch | None:
        norm = _CUSTOMER_ZH.sub(" ", normalize(text))
        for clause in _CLAUSE.split(norm):
            if match := self._owner_word(clause):
                return match
        if self._term_pattern and (m := self._term_pattern.search(norm)):
            return self._terms[m.group(0)]
        return None
