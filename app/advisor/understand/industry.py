"""What a business does, as a GB/T 4754-2017 section: owners' words first, then the standard's class names.

Owners name their business with a head noun at the end of a phrase, in Chinese and in English alike:
"给矿山设备做配件的机加工厂" is a machining plant (C), not a mine (B); "mining equipment leasing company"
is leasing (L); "宠物医院" is a pet service (O), not a hospital (Q). So in the first clause that names a
business we take the rightmost match, and customers ("给…做", "for mining equipment") do not count.
Lenders are no more the business than customers ("银行贷了200万", "we owe the bank"), and a clause that
says what the owner wants ("想做AI质检") names the need, so it is read only when no other clause names a
business. When no owner word matches, what the business does decides: an activity verb ("做二手车买卖",
"养对虾", "we make …"), then the names of all 1,381 small classes of the standard
(knowledge/gbt4754_2017.tsv): a term that belongs to one section only ("乳制品", "矿山机械", "水产养殖"),
or, for the product the owner names ("做罐头的", "做环境监测仪器的"), the section whose class names share
its character bigrams, weighted by how few sections use each bigram. A shop (X店) no owner word names is
retail, before any class name: "服饰店" sells clothes, it does not make them.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.advisor.understand.size import SECTION_SECTOR
from app.text.normalize import normalize

# Clause breaks, and the start of a customer phrase ("for mining equipment", "给矿山设备做").
_CLAUSE = re.compile(
    r"[,.;!?，。；！？、\n]|\s(?:in|at|with|and|that|who|which|for|near|based)\s", re.IGNORECASE
)
_CUSTOMER_ZH = re.compile(r"(?:给|为|替|帮)[^,，。；]{1,14}?(?:做|提供|生产|加工|供应|配套|服务|派|送)")
# Who lends to the business is not the business either: "银行贷了200万", "we owe the bank a loan".
_LENDER = re.compile(
    r"(?:从|向|跟|找)?(?:银行|信用社|小贷公司)(?=贷|借|申请贷款|放贷)|"
    r"\b(?:owe|from|with|to|by) (?:the |a |our |two |several )?banks?\b",
    re.IGNORECASE,
)
# A clause that says what the owner wants names the need ("想做AI质检", "we want to …"), not the business.
_WANT = re.compile(
    r"想|希望|打算|需要|准备|要上|能不能|\b(?:want|need|would like|looking for|hope|plan)\b", re.I
)
# What the business does, said with a verb, when no business noun is named.
_ACTIVITY_WORDS: list[tuple[str, str, str]] = [
    (r"买卖|批发|零售|团购|倒卖|代销|经销|卖[^,，。]{0,6}的|\bwe (?:sell|resell|retail)\b", "F", "retail"),
    # 养对虾, 种茶, but not 保养 (servicing), 养生 (wellness), 种草 (marketing slang)
    (
        r"(?:^|做|在[^,，。]{1,6}?)(?<![保培营供抚修疗调教])(?:养(?![生老护])|种(?!草)|栽|捕)[^,，。]"
        r"|\bwe (?:grow|raise|farm|breed)\b",
        "A",
        "agriculture",
    ),
    (r"开采|采石|挖矿|\bwe (?:mine|quarry)\b", "B", "industry"),
    # Machinery is repaired in manufacturing (GB/T 43); phones, cars and appliances in resident services (81).
    (
        r"\b(?:repair|service|fix)\w* (?:and \w+ )?(?:industrial |heavy )?"
        r"(?:forklifts?|machines|machinery|equipment|cranes?|engines?|pumps?|boilers?)\b",
        "C",
        "industry",
    ),
    # the business of repairing ("修手机的", "做家电维修"), not a repair the owner needs ("维修费用太高")
    (
        r"(?<!装)修[^,，。]{0,4}的|做[^,，。]{0,6}维修|维修(?:店|部|公司|铺|点)|\bwe (?:repair|fix)\b",
        "O",
        "other",
    ),
    (
        r"\bwe (?:make|manufacture|produce|assemble|machine|fabricate)\b|\bassembly\b|"
        r"\b(?:people|staff|workers|employees|team|company|firm) (?:making|manufacturing|producing|assembling)\b",
        "C",
        "industry",
    ),
    (r"\bwe (?:teach|train)\b", "P", "other"),
]
_ACTIVITY_SECTIONS = [
    (re.compile(words, re.I), section, sector) for words, section, sector in _ACTIVITY_WORDS
]
# The product or service after "做/生产": "做罐头的" -> 罐头, "生产机器人减速器" -> 机器人减速器.
_PRODUCT = re.compile(r"(?:做|生产|制造|加工|研发)([\u4e00-\u9fff]{2,10}?)(?:的|[，,]|$)")
# "想做AI质检", "想上视觉检测": what follows a want verb right away is the need, even when it reads like a
# business ("做ai" is also how an AI company describes itself).
_RIGHT_AFTER_WANT = re.compile(r"(?:想|希望|打算|需要|准备|要)(?:用|上|搞|弄)?$")
_SHOP = re.compile(r"[\u4e00-\u9fff]{1,4}(?:店|铺|档口|门市)(?!长|员|里)")
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


def _section_names(path: Path) -> dict[str, str]:
    """Section letter -> the standard's name ("C" -> 制造业), from the "#section" lines of the class list."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row[1]: row[2] for row in csv.reader(handle, delimiter="\t") if row and row[0] == "#section"}


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _class_bigrams(path: Path) -> dict[str, Counter[str]]:
    """For every character bigram of the standard's class names (activity words removed), the sections using it."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    if not path.exists():
        return found
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if row and not row[0].startswith("#"):
                stem = _ACTIVITY.sub("", re.sub(r"（[^）]*）|\([^)]*\)|其他|未列明", "", row[3]))
                for bigram in _bigrams(normalize(stem)):
                    found[bigram][row[1]] += 1
    return found


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
        self._class_bigrams = _class_bigrams(path.parent / "gbt4754_2017.tsv")
        self._section_names = _section_names(path.parent / "gbt4754_2017.tsv")

    def _owner_word(self, clause: str) -> IndustryMatch | None:
        """The rightmost owner word in a clause: the head of the business noun phrase."""
        hits: list[tuple[int, IndustryMatch]] = []
        if self._zh_pattern:
            hits += [
                (m.start(), self._zh[m.group(0)])
                for m in self._zh_pattern.finditer(clause)
                if not _RIGHT_AFTER_WANT.search(clause[: m.start()])
            ]
        if self._en_pattern:
            hits += [(m.start(1), self._en[m.group(1)]) for m in self._en_pattern.finditer(clause)]
        return max(hits, key=lambda hit: hit[0])[1] if hits else None

    def sector_of(self, word: str) -> str | None:
        """The sector a single word names as a kind of business ("民宿", "guesthouse"), else None."""
        match = self._zh.get(normalize(word)) or self._en.get(word.lower())
        return match.sector if match else None

    def find(self, text: str) -> IndustryMatch | None:
        norm = _LENDER.sub(" ", _CUSTOMER_ZH.sub(" ", normalize(text)))
        clauses = [c for c in _CLAUSE.split(norm) if c.strip()]
        stated = [c for c in clauses if not _WANT.search(c)]
        wanted = [c for c in clauses if _WANT.search(c)]
        if match := self._from_clauses(stated):
            return match
        # The need's clauses only when no other names the business, and only by a business noun there:
        # "想给我们美发店弄个会员回访" (O), while "想做视觉检测" is no testing lab.
        for clause in wanted:
            if match := self._owner_word(clause):
                return match
        return None

    def _from_clauses(self, clauses: list[str]) -> IndustryMatch | None:
        for clause in clauses:
            if match := self._owner_word(clause):
                return match
        joined = "，".join(clauses)
        for pattern, section, sector in _ACTIVITY_SECTIONS:
            if verb := pattern.search(joined):
                return IndustryMatch(
                    self._section_names.get(section, section), section, sector, verb.group(0)
                )
        if shop := _SHOP.search(joined):
            # A shop is the head of its phrase: "服饰店" sells clothes (F), it does not make them (C).
            return IndustryMatch(self._section_names.get("F", "F"), "F", "retail", shop.group(0))
        if self._term_pattern and (m := self._term_pattern.search(joined)):
            return self._terms[m.group(0)]
        for product in _PRODUCT.finditer(joined):
            if match := self._by_class_names(product.group(1)):
                return match
        return None

    def _by_class_names(self, product: str) -> IndustryMatch | None:
        """The section whose class names share the product's bigrams, when one clearly leads."""
        votes: dict[str, float] = defaultdict(float)
        for bigram in _bigrams(product):
            sections = self._class_bigrams.get(bigram)
            if not sections:
                continue
            weight = math.log(1 + 20 / len(sections))  # a bigram of one section says more than one of many
            total = sum(sections.values())
            for section, count in sections.items():
                votes[section] += weight * count / total
        if not votes:
            return None
        ranked = [*sorted(votes.items(), key=lambda vote: -vote[1]), ("", 0.0)]
        (best, score), runner_up = ranked[0], ranked[1][1]
        if score < 1.0 or score < 2 * runner_up:
            return None
        sector = SECTION_SECTOR.get(best, "other")
        return IndustryMatch(self._section_names.get(best, best), best, sector, product)
