"""Every city, county, town and zone of China as a place of the gazetteer (knowledge/places/).

admin_divisions.tsv holds every prefecture-level city and county-level division (from jionlp's china_location);
zones.tsv the towns and zones owners name instead of a district (东莞虎门, 松山湖, 郑东新区). Towns and zones are
read as counties of their city. The hand-written regions.yaml entries were read first and keep their keys.
What this adds to the gazetteer's names: official names and unique short names (萧山 for 萧山区), the full name
of each district a name means (for the client's district), the cities whose short name is an everyday word
(`guarded`: 大理, 三明, read only where a sentence puts a place) and the counties read only before a word for
their old town (`scenic`: 平遥古城).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.text.normalize import normalize

T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    province: str
    city: str | None


_COUNTY = "county"
# A zone's short name that is only its kind names no place: 衡阳综合保税区 is not every "保税区".
_GENERIC_ZONE = re.compile(
    r"(?:综合)?(?:保税区|火炬开发区|化工园区|文旅区|高新区|经开区|开发区|新区|工业园|产业园)"
)


# Words for a county's old town or scenic area, after which its name is a place: "平遥古城", "凤凰古镇".
_SCENIC_WORDS = r"古城|古镇|县城|景区|老城|老街"


def tsv_rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]


class Divisions:
    def __init__(
        self, folder: Path, zh: dict[str, Place], district: dict[str, str], en: dict[str, Place] | None = None
    ) -> None:
        """Adds the divisions' names to `zh` (name -> place), `en` (English name -> place) and `district` (name ->
        full district name); names already there keep their place."""
        self.guarded: dict[str, Place] = {}
        provinces = {place.province for place in zh.values()}
        # Short names an owner uses first as the everyday word (新建, 商城, 温泉, 路桥; 金门 inside 铝合金门窗): read
        # only where a sentence puts a place (county_everyday.tsv, guarded_places.py), never as plain names.
        everyday = {normalize(row[3]): row for row in tsv_rows(folder / "county_everyday.tsv")}
        for name, (province, city, _full, _name) in everyday.items():
            if zh.get(name) == Place(province, city):
                del zh[name]  # 金门 of regions.yaml
        counties: dict[str, set[tuple[str, str]]] = {}
        guarded_in: dict[str, tuple[str, str]] = {}
        # Towns and zones (zones.tsv) are read as counties of their city: "东莞虎门", "松山湖" are in 东莞.
        rows = [
            [_COUNTY if row[0] in ("town", "zone") else row[0], *row[1:]]
            for table in (folder / "admin_divisions.tsv", folder / "zones.tsv")
            for row in tsv_rows(table)
            if row[1] in provinces  # others would have no programs either
        ]
        # A city under the name regions.yaml gives it (巴音郭楞, not the dataset's "巴州/巴音郭楞"), for its counties too.
        city_place = {
            city: zh.get(normalize(full), Place(province, city.split("/")[-1]))
            for kind, province, city, full, _short, _code in rows
            if kind == "city"
        }
        # (province, city as the tables name it) -> the place, for the tables read beside this one (english_places.py)
        self.city_place = {(place.province, city): place for city, place in city_place.items()}
        for kind, province, city, full, short, _code in rows:
            place = city_place.get(city, Place(province, city.split("/")[-1]))
            spoken = normalize(re.sub(r"(?:州|地区|盟|市)$", "", city.split("/")[-1]))
            if kind == "city" and len(spoken) >= 2 and spoken not in zh:
                # 大理 (大理石), 三明 (三明治), 白银 (silver), under the name regions.yaml gives the city (大理州)
                self.guarded[spoken] = zh.get(normalize(full), place)
                guarded_in[spoken] = (province, city)
            elif kind == "county":
                counties.setdefault(normalize(re.sub(r"(?:县|区|市)$", "", full)), set()).add(
                    (province, city)
                )
            # Cities are all in regions.yaml under the names people use; only their official names here.
            for name in (full, short) if kind == "county" else (full,):
                if name and len(name) >= 2 and not _GENERIC_ZONE.fullmatch(name) and name not in everyday:
                    zh.setdefault(normalize(name), place)
                    if kind == "county" and zh[normalize(name)] == place:
                        district.setdefault(normalize(name), full)
        self._add_prefixed(rows, city_place, zh, district)
        # Counties whose short name no dictionary knows as a word (横州): read wherever written (county_plain.tsv).
        for province, city, full, name in tsv_rows(folder / "county_plain.tsv"):
            if province in provinces:
                zh.setdefault(normalize(name), city_place.get(city, Place(province, city)))
                district.setdefault(normalize(name), full)
        for name, where in guarded_in.items():
            if counties.get(name, {where}) != {where}:
                del self.guarded[name]  # 连江: a county of Fuzhou as well as Matsu; not guessed
        # A county whose short name was left out (an everyday word or unclear: 平遥, 比如, 资源) is read only
        # before a word for its old town or scenic area ("平遥古城", "资源县城"), where nothing else fits.
        scenic: dict[str, Place] = {}
        for kind, province, city, full, short, _code in rows:
            spoken = normalize(re.sub(r"(?:县|区|市|旗)$", "", full))
            if kind == "county" and not short and len(spoken) >= 2 and len(counties.get(spoken, set())) == 1:
                scenic.setdefault(spoken, city_place.get(city, Place(province, city.split("/")[-1])))
        self.scenic = scenic
        # Counties whose short name is an everyday word, read only where a sentence puts a place ("在海盐",
        # county_guarded.tsv, built by build_county_guards.py); names held for another place keep it.
        guarded_rows = tsv_rows(folder / "county_guarded.tsv") + list(everyday.values())
        self.guarded_counties = {
            normalize(name): city_place.get(city, Place(province, city))
            for province, city, _full, name in guarded_rows
            if province in provinces and normalize(name) not in zh
        }
        self.guarded_county_full = {normalize(name): full for _province, _city, full, name in guarded_rows}
        self.everyday_counties = frozenset(everyday)  # 新建, 商城: the word first, even opening a sentence
        # County-level names in English: from GeoNames ("Shouguang", "Zhangjiagang": county_names_en.tsv, built by
        # build_county_names_en.py), then CC-CEDICT's romanised proper nouns for the counties GeoNames lists under
        # no name owners write or not at all ("Qufu", "Pingyao": county_names_cedict.tsv); regions.yaml's
        # hand-written English names come first.
        english_rows = tsv_rows(folder / "county_names_en.tsv") + tsv_rows(folder / "county_names_cedict.tsv")
        for province, city, full, name in english_rows:
            if en is not None and province in provinces:
                en.setdefault(name.lower(), city_place.get(city, Place(province, city)))
                district.setdefault(name.lower(), full)
        self.scenic_pattern = (
            re.compile(
                "("
                + "|".join(map(re.escape, sorted(scenic, key=len, reverse=True)))
                + f")(?={_SCENIC_WORDS})"
            )
            if scenic
            else None
        )

    @staticmethod
    def _add_prefixed(
        rows: list[list[str]], city_place: dict[str, Place], zh: dict[str, Place], district: dict[str, str]
    ) -> None:
        """A county named right after its own city or province ("嘉兴海盐", "浙江海盐", "辽宁朝阳建平", "三明永安"),
        and a city right after its province ("辽宁朝阳"),
        is that place, whatever its name alone would read as: 海盐 and 永安 are read alone only where a sentence
        puts a place, 朝阳 alone is Beijing's district, 鼓楼 names five. Added only where reading the two names
        apart would miss the county or take another city's place."""
        for kind, province, city, full, _short, _code in rows:
            place = city_place.get(city, Place(province, city.split("/")[-1]))
            own = re.sub(r"(?:州|地区|盟|市)$", "", city.split("/")[-1])
            if kind == "city":  # "辽宁朝阳" is Liaoning's 朝阳, not Beijing's district
                if zh.get(normalize(own)) not in (place, None):
                    zh.setdefault(normalize(province + own), place)
                continue
            if kind != _COUNTY:
                continue
            prefixes = {own, city.split("/")[-1], province} - {""}
            if (
                zh.get(normalize(province + own)) == place
            ):  # "辽宁朝阳建平": the province-and-city key read first
                prefixes.add(province + own)
            for name in {normalize(full), normalize(spoken_name(full))}:
                if len(name) < 2 or name == normalize(own):  # "辽宁朝阳" is the city; 朝阳县 is said in full
                    continue
                for prefix in prefixes:
                    before = zh.get(normalize(prefix))
                    elsewhere = before is not None and before not in (place, Place(province, None))
                    if zh.get(name) != place or elsewhere:
                        key = normalize(prefix) + name
                        if key not in zh:
                            zh[key] = place
                            district.setdefault(key, full)


def owner_of_shared(sharers: Sequence[T], where: Callable[[T], tuple[str, str, str]]) -> T | None:
    """The one of several divisions sharing a name (or its English spelling) that the name alone still means, or
    None. `where`: (province, city, full name) of a division.

    All in one city: that city's (its county-level city first: 伊宁市 is the seat). One county-level city or county
    among districts elsewhere: that town, named alone (海城 is 鞍山's 海城市, 五华 梅州's 五华县), while a district is
    named with its city ("北海海城区", "昆明五华区", "Haicheng district, Beihai"). Read by
    knowledge/places/build_county_guards.py too."""
    if not sharers:
        return None
    if len({where(d)[:2] for d in sharers}) == 1:
        return next((d for d in sharers if where(d)[2].endswith("市")), sharers[0])
    towns = [d for d in sharers if where(d)[2].endswith("市")]
    if len(towns) == 1 and all(where(d)[2].endswith("区") for d in sharers if d is not towns[0]):
        return towns[0]
    # A municipality's district is named alone as a city is ("在长宁" is Shanghai's, not 宜宾长宁县): only districts
    # of other cities leave a county the name, and only one written the same ("Pingshan" is 平山县 and 坪山区).
    counties = [d for d in sharers if where(d)[2].endswith("县")]
    if (
        len(counties) == 1
        and len({where(d)[2][:-1] for d in sharers}) == 1
        and all(
            where(d)[2].endswith("区") and where(d)[0] != where(d)[1] for d in sharers if d is not counties[0]
        )
    ):
        return counties[0]
    return None


# The 56 peoples of China as GB/T 3304-1991 names them, as they stand in autonomous counties' names (张家川回族自治县,
# 塔什库尔干塔吉克自治县 without 族): what is cut off is a people's name, not any four characters before 族.
PEOPLES = [
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
_PEOPLE = "|".join(rf"{p}族" if len(p) == 1 else rf"{p}族?" for p in sorted(PEOPLES, key=len, reverse=True))
AUTONOMOUS_COUNTY = re.compile(rf"^(.{{2,}}?)(?:{_PEOPLE})+自治县$")


def spoken_name(full: str) -> str:
    """A county said without its kind: 海盐县 -> 海盐, 张家川回族自治县 -> 张家川, 江城哈尼族彝族自治县 -> 江城; a banner
    (旗) keeps its word. Read by the place builders in knowledge/places/ too, so the tables and the app agree."""
    # The name keeps its first two characters at least: "融水苗族自治县" is 融水, never "".
    if people := re.fullmatch(rf"({'|'.join(PEOPLES)})族自治县", full):
        return people.group(1)  # 东乡族自治县 is 东乡
    return re.sub(r"(?:县|区|市)$", "", AUTONOMOUS_COUNTY.sub(r"\1", full))
