"""Dictionaries for profile extraction: regions and industries, matched on normalised text.

Places: the hand-written knowledge/regions.yaml first (English names, aliases, which 朝阳 wins), then every
city, county, town and zone of China (divisions.py: 萧山 -> 杭州, 虎门 -> 东莞), districts and neighbourhoods
of Hong Kong, Macao and Taiwan (places/sar_places.tsv), and places abroad (foreign_places.py), so a company in
Tokyo is "outside the programs' coverage", not "region unknown". Longest names win: 浦东新区 beats 浦东.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from app.advisor.understand.divisions import Divisions, Place
from app.advisor.understand.english_places import SpelledDivisions
from app.advisor.understand.foreign_places import ForeignPlaces, names_a_market, world_rows
from app.advisor.understand.guarded_places import GuardedPlaces
from app.advisor.understand.industry import IndustryDictionary
from app.advisor.understand.industry_classes import IndustryMatch
from app.advisor.understand.name_patterns import english_names, longest_name
from app.advisor.understand.place_holders import PlaceHolders
from app.advisor.understand.place_roles import PlaceMention, PlaceRole, place_mentions, role_of, said_as_ours
from app.advisor.understand.registration import (
    REGISTERED_EN,
    not_the_company,
    offshore_registration,
    said_registered,
)
from app.advisor.understand.sar_places import sar_names
from app.text.normalize import normalize


class RegionGazetteer:
    def __init__(self, path: Path) -> None:
        # One message is read for places about six times a turn (profile, need, place filter, foreign…);
        # the name patterns hold thousands of alternatives, so each distinct text is scanned once.
        self._mentions_in = lru_cache(maxsize=512)(self._find_mentions)
        self._zh: dict[str, Place] = {}
        self._en: dict[str, Place] = {}
        self._neighbourhoods_en: set[str] = set()  # SAR districts: places to read, never a city's label
        self._district: dict[str, str] = {}  # a county's name as written -> its full name (海珠 -> 海珠区)
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
                full = str(county.get("full") or county["name"])
                for name in (county.get("full"), county["name"]):
                    if name and len(name) >= 2:
                        self._zh.setdefault(normalize(str(name)), place)
                        self._district.setdefault(normalize(str(name)), full)
                for word in county.get("en") or []:
                    self._en.setdefault(str(word).lower(), place)
                    self._district.setdefault(str(word).lower(), full)
        hand_written = set(self._en)  # regions.yaml's English names keep their place
        divisions = Divisions(path.parent / "places", self._zh, self._district, self._en)
        self._county_en = (
            set(self._en) - hand_written
        )  # from the county tables: read alone only if one town's
        self._spelled = SpelledDivisions(
            path.parent / "places" / "division_spellings.tsv", divisions.city_place
        )
        self._guarded, self._scenic, self._scenic_pattern = (
            divisions.guarded,
            divisions.scenic,
            divisions.scenic_pattern,
        )
        self._add_sar_places(path.parent / "places")
        counties = {
            name: p for name, p in divisions.guarded_counties.items() if name not in self._zh
        }  # 九龙: HK's
        for name in counties:
            self._district.setdefault(name, divisions.guarded_county_full[name])
        self._held = PlaceHolders(path.parent / "places" / "place_holders.tsv")  # 六合彩, 太平洋: no county
        self._guarded_names = GuardedPlaces(
            self._guarded, counties, {p.province for p in self._zh.values()}, divisions.everyday_counties
        )
        self.abroad = ForeignPlaces(world_rows(path.parent / "places"), self._zh, self._en)
        # Foreign names join the scan so the longer name wins: 吉隆坡 (Kuala Lumpur) is not 吉隆县.
        self._zh_pattern = longest_name(set(self._zh) | set(self.abroad.zh))
        # Every division's spelling is scanned, so a shared one is read beside its city ("jiyang, sanya").
        self._en_pattern = english_names([*self._en, *self._spelled.by_spelling])

    def _add_sar_places(self, folder: Path) -> None:
        """Districts and neighbourhoods of Hong Kong, Macao and Taiwan (sar_places.py); known names keep theirs."""
        sar = sar_names(folder, {place.province for place in self._zh.values()})
        for name, place in sar.zh.items():
            self._zh.setdefault(name, place)
        for name, place in sar.guarded.items():
            self._guarded.setdefault(name, place)
        for name, place in sar.en.items():
            if name not in self._en:
                self._en[name] = place
                self._neighbourhoods_en.add(name)

    def foreign(self, text: str) -> str | None:
        """The foreign place named in `text` when it names no place in China, or the one the company is said to
        be registered in whatever Chinese office it names ("registered in Delaware, office in Shenzhen"), else None."""
        if abroad := self.registered_abroad(text):
            return abroad
        if self.mentions(text):
            return self.abroad_beside_programs(text) or self._abroad_said_as_ours(text)
        norm = normalize(text)
        # The one scan of Chinese and foreign names (a second trie would double the start-up cost).
        if self._zh_pattern and (
            name := next(
                (m.group(0) for m in self._zh_pattern.finditer(norm) if m.group(0) in self.abroad.zh), None
            )
        ):
            return name
        return self.abroad.in_english(text)

    def mentions(self, text: str) -> list[tuple[str, Place]]:
        """(name as written in the normalised text, place) for every mention: Chinese names, then English."""
        return list(self._mentions_in(normalize(text)))

    def _find_mentions(self, norm: str) -> tuple[tuple[str, Place], ...]:
        found: list[tuple[str, Place]] = []
        last: tuple[int, Place] | None = None  # where the mention before ended, and its place
        scenic = {
            m.end(): (m.group(1), self._scenic[m.group(1)])
            for m in (self._scenic_pattern.finditer(norm) if self._scenic_pattern else ())
        }
        for m in self._zh_pattern.finditer(norm) if self._zh_pattern else ():
            name, start = m.group(0), m.start()
            # A county inside an everyday word (六合彩) is none; its scenic area ("凤凰古城") is still the county.
            if name not in self._zh or (start not in scenic and self._held.held(norm, name, start)):
                continue
            if start in scenic:  # "平遥古城": 平遥's old town, not 丽江's 古城区
                county, where = scenic.pop(start)
                last = (start, where)
                found.append((county, where))
            # A city whose name is an everyday word, right before another place name ("大理古城", "三明沙县"),
            # is named there as a place.
            if guarded := next(
                (norm[start - k : start] for k in (4, 3, 2) if norm[start - k : start] in self._guarded), None
            ):
                last = (start, self._guarded[guarded])
                found.append((guarded, last[1]))
            place = self._zh[name]
            # A county or district name straight after another city's name belongs to that city's place phrase:
            # "大理古城", "平遥古城" are not 丽江's 古城区 (district names that are everyday words too).
            if (
                last
                and last[0] == start
                and last[1].city
                and place.city != last[1].city
                and name in self._district
            ):
                continue
            found.append((name, place))
            last = (m.end(), place)
        found += scenic.values()  # before a word that names no place itself ("凤凰古镇")
        found += self._guarded_names.mentions(norm)  # 大理, 海盐: only where a sentence puts a place
        if self._en_pattern:
            english = self._en_pattern.finditer(norm)
            for name, place, full in self._spelled.read(norm, english, self._en, self._county_en):
                if full:
                    self._district.setdefault(name, full)  # "jiyang, sanya" -> 吉阳区
                found.append((name, place))
        return tuple(found)

    def english_label(self, place: Place) -> str | None:
        """The place's English name from regions.yaml ("Suzhou", "Shanghai"), or None when it has none.

        A neighbourhood is never the label of the city it lies in ("Mong Kok, Hong Kong" is Hong Kong, not the
        first district listed for it); a SAR whose city is itself is named as the province is."""
        for word, known in self._en.items():
            if known == place and word not in self._neighbourhoods_en:
                return word.title()
        if place.city is not None and place.city == place.province:
            return self.english_label(Place(place.province, None))
        return None

    def find(self, text: str) -> Place | None:
        """The place the company is registered in when `text` says so, else the most specific place named
        (city beats province), or None. "registered in Hong Kong … Shenzhen's voucher … a Shenzhen provider"
        is a Hong Kong firm (review9 r9-37 was told it qualified for the Shenzhen voucher)."""
        mentions = self.mentions(text)
        found = [place for _, place in mentions]
        if not found or self.registered_abroad(text) or self.abroad_beside_programs(text):
            return None
        norm = normalize(text)
        placed = place_mentions(norm, mentions)
        for m in placed:
            if said_registered(norm, m.start, m.end):
                return m.place
        # The client's own places first; a program's ("黄埔区牵头的试点") only when none is, as an owner asking about
        # "深圳的模型券" is most often there; a supplier's or a venue's ("从广州的服务商采购", "a data centre in
        # Guizhou") only when nothing else is named.
        found = (
            [m.place for m in placed if m.role is PlaceRole.client]
            or [m.place for m in placed if m.role is PlaceRole.program]
            or found
        )
        with_city = [p for p in found if p.city]
        return with_city[0] if with_city else found[0]

    def roles(self, text: str) -> list[PlaceMention]:
        """Every place `text` names, with its span in the normalised text and whose place it is (place_roles.py)."""
        norm = normalize(text)
        return place_mentions(norm, self.mentions(norm))

    def registered_abroad(self, text: str) -> str | None:
        """The place abroad the company is said to be registered in ("incorporated in Singapore", "a Delaware
        C-corp", "注册在开曼", "新加坡公司"), or None: a registration cue or a company word must be with it."""
        norm = normalize(text)
        if offshore := offshore_registration(norm):
            return offshore
        for m in self._zh_pattern.finditer(norm) if self._zh_pattern else ():
            if m.group(0) in self.abroad.zh and said_registered(norm, m.start(), m.end()):
                return m.group(0)
        for m in REGISTERED_EN.finditer(
            norm
        ):  # "incorporated in singapore, …": normalised text is lower case
            words = m.group(1).split()[:4]
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n]).title()
                if self.mentions(name):
                    break  # "registered in Hong Kong" is a place of China's tables
                if named := self.abroad.in_english("in " + name):
                    return named
        return None

    def abroad_beside_programs(self, text: str) -> str | None:
        """The place abroad the client is in when every place of China `text` names is another party's: "a Dubai
        trading firm — can we get Shenzhen's model voucher?", "雅加达的公司能申请深圳的券吗". The place the client is in
        wins over a place named only as a program's (or a vendor's); a market abroad ("出口日本", "buyers in Dubai")
        is not where the client is."""
        placed = self.roles(text)
        if not placed or any(m.role is PlaceRole.client for m in placed):
            return None
        norm = normalize(text)
        for m in self._zh_pattern.finditer(norm) if self._zh_pattern else ():
            if m.group(0) in self.abroad.zh and self._clients_abroad(norm, m.start(), m.end()):
                return m.group(0)
        named = self.abroad.in_english(text)  # looked up as written: capitalised words
        at = norm.find(named.lower()) if named else -1
        return named if named and at >= 0 and self._clients_abroad(norm, at, at + len(named)) else None

    def _abroad_said_as_ours(self, text: str) -> str | None:
        """The place abroad the client calls its own when no place of China is so called: "我们在马尼拉开了家奶茶店，
        货从深圳发过来", "We are a Manila-based company, and our sister company is in Shenzhen" (both were placed in
        深圳, the only place the tables of China hold)."""
        norm = normalize(text)
        if any(said_as_ours(norm, m.start, m.end) for m in self.roles(text) if m.role is PlaceRole.client):
            return None
        for m in self._zh_pattern.finditer(norm) if self._zh_pattern else ():
            if m.group(0) in self.abroad.zh and self._ours_abroad(norm, m.start(), m.end()):
                return m.group(0)
        named = self.abroad.in_english(text)
        at = norm.find(named.lower()) if named else -1
        return named if named and at >= 0 and self._ours_abroad(norm, at, at + len(named)) else None

    @staticmethod
    def _ours_abroad(norm: str, start: int, end: int) -> bool:
        ours = said_as_ours(norm, start, end) or (
            norm[end : end + 6] == "-based"
            and bool(re.search(r"\b(?:we|i)(?:'re|'m| are| am)\s+(?:a|an)\s+$", norm[:start]))
        )
        return ours and not names_a_market(norm, start)

    @staticmethod
    def _clients_abroad(norm: str, start: int, end: int) -> bool:
        return role_of(norm, start, end) is PlaceRole.client and not names_a_market(norm, start)

    def district(self, name: str) -> str | None:
        """The full name of the district or county a mention names ("海珠" -> 海珠区), None for a city or province."""
        return self._district.get(name)

    def without_places(self, text: str) -> str:
        """Normalised `text` with the places it names blanked: "太原小店区的保安公司" is a security firm, not a
        shop, and "三亚" no kind of business, whatever their characters share with class names."""
        norm = normalize(text)
        for name, _ in self.mentions(norm):
            norm = norm.replace(name, " ")  # a space, not a clause break: "在湛江养对虾" still farms
        return norm

    def names_the_client(self, text: str) -> bool:
        """Whether `text` names a place as the client's, not only as a program's or a supplier's ("咁香港嗰邊嘅科技券
        又點？", "上海那边的算力券我们能拿吗", "租贵州数据中心的算力" name where a program or a supplier is; "我们在成都" and
        "深圳南山，6个人" where the client is)."""
        return any(m.role is PlaceRole.client for m in self.roles(text))

    def client_district(self, text: str, place: Place | None) -> str | None:
        """The district the client is in, when the message names one inside `place` ("广州天河区的游戏公司").

        A district named with a program ("海珠区那个示范项目奖励", "经开区的算力券") is where the program is, not
        where the client is: it is skipped, as the same district named later for the client would not be.
        """
        if place is None or not place.city:
            return None
        for m in self.roles(text):
            full = self._district.get(m.name)
            if full is not None and m.place == place and m.role is PlaceRole.client:
                return full
        return None

    def all_places(self, text: str) -> list[Place]:
        return list(dict.fromkeys(place for _, place in self.mentions(text)))


@lru_cache(maxsize=4)
def regions(knowledge_dir: Path) -> RegionGazetteer:
    return RegionGazetteer(knowledge_dir / "regions.yaml")


@lru_cache(maxsize=4)
def industries(knowledge_dir: Path) -> IndustryDictionary:
    return IndustryDictionary(knowledge_dir / "industries.yaml")


__all__ = [
    "IndustryDictionary",
    "IndustryMatch",
    "Place",
    "RegionGazetteer",
    "industries",
    "not_the_company",
    "regions",
]
