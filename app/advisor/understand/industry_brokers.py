"""Agents and brokers, classed by what they broker (knowledge/industry_brokers.yaml).

GB/T 4754-2017 files each kind of agency under the trade it brokers: 房地产中介服务 is real estate (K 7030),
保险代理服务 finance (J), 货物运输代理 transport (G), 知识产权服务 (patent and trademark agents) M, 贸易代理
wholesale (F). Owners say the thing brokered before the agent noun ("做二手房经纪的", "地產代理", "a real estate
brokerage", "customs broker"), so the words before the noun decide, never the noun itself: "brokerage" and
"经纪" are not finance words, nor "agency" a business-services one. An agent noun whose thing no row names
("代理记账", "an agency") is left to the other rules.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.advisor.understand.industry_match import IndustryMatch, sector_of
from app.text.normalize import normalize

# The agent noun. 房仲 (Taiwan: 房屋仲介) holds its thing in itself.
_NOUN_ZH = re.compile(r"房仲|中介|仲介|经纪|代理|代办")
_NOUN_EN = re.compile(
    r"\b(?:agenc(?:y|ies)|agents?|brokers?|brokerages?|brokering|forwarders?|realtors?)\b", re.IGNORECASE
)
# What precedes the brokered thing in "我们是做二手房经纪的", "一間地產代理": the thing is the Han run after it.
_LEAD_ZH = re.compile(
    r".*(?:是|[一两几这那每某0-9了开是有]家|我家|个|間|间|做|搞|开|了|的|嘅|在|经营|从事|专门|专业|主要|我们|我)"
)
# Up to three English words before the noun ("real estate", "patent and trademark", "freight forwarding").
_WORDS_EN = re.compile(r"((?:[a-z][a-z&'-]*\s+){1,3})$", re.IGNORECASE)
# The MIIT size rules name two real-estate activities; every other K class (brokers, rental) is "other".
_K_SECTORS = {"7010": "real_estate", "7020": "property"}


@dataclass(frozen=True)
class BrokerHit:
    start: int  # where the agent noun starts in the clause
    match: IndustryMatch


@dataclass(frozen=True)
class _Row:
    code: str
    zh: tuple[str, ...]
    en: re.Pattern[str] | None


def _sector(code: str, section: str, division: str) -> str:
    if section == "K":
        return _K_SECTORS.get(code, "other")
    return sector_of(section, division)


class Brokers:
    def __init__(self, table: Path, class_list: Path) -> None:
        raw = yaml.safe_load(table.read_text(encoding="utf-8")) if table.exists() else {}
        self._rows = [
            _Row(
                str(row["code"]),
                tuple(normalize(w) for w in row.get("zh") or []),
                re.compile(r"\b(?:" + "|".join(re.escape(w) for w in row["en"]) + r")\b", re.IGNORECASE)
                if row.get("en")
                else None,
            )
            for row in (raw or {}).get("brokered", [])
        ]
        self._classes: dict[str, tuple[str, str, str]] = {}  # code -> section, division, name
        if class_list.exists():
            with class_list.open(encoding="utf-8") as handle:
                for line in csv.reader(handle, delimiter="\t"):
                    if line and line[0][:1].isdigit():
                        self._classes[line[0]] = (line[1], line[2], line[3])

    def _brokered(self, thing: str, english: bool) -> IndustryMatch | None:
        for row in self._rows:
            said = (
                bool(row.en.search(thing))
                if english and row.en
                else not english and any(w in thing for w in row.zh)
            )
            if said and row.code in self._classes:
                section, division, name = self._classes[row.code]
                return IndustryMatch(name, section, _sector(row.code, section, division), thing.strip())
        return None

    def find(self, clause: str) -> BrokerHit | None:
        """The rightmost agent noun of a clause whose brokered thing a row names, or None."""
        hits: list[BrokerHit] = []
        for noun in _NOUN_ZH.finditer(clause):
            run = re.search(r"[\u4e00-\u9fff]*$", clause[: noun.start()])
            thing = _LEAD_ZH.sub("", run.group(0) if run else "") + (
                noun.group(0) if noun.group(0) == "房仲" else ""
            )
            if match := self._brokered(thing, english=False):
                hits.append(BrokerHit(noun.start(), match))
        for noun in _NOUN_EN.finditer(clause):
            before = _WORDS_EN.search(clause[: noun.start()])
            thing = (before.group(1) if before else "") + noun.group(0)
            if match := self._brokered(thing, english=True):
                hits.append(BrokerHit(noun.start(), match))
        return max(hits, key=lambda hit: hit.start) if hits else None
