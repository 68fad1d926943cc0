"""English names of Chinese places (Shenzhen, Guangdong), read from the gazetteer's `en` spellings.

knowledge/regions.yaml lists each province and prefecture-level city with the pinyin people type
(`en: [shenzhen]`); the first spelling is the one an English answer shows. A place the file does not
know falls back to its province, never to Chinese characters in an English sentence.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from app.settings import PROJECT_ROOT

REGIONS = PROJECT_ROOT / "knowledge" / "regions.yaml"


def _capitalised(spelling: str) -> str:
    # "xi'an" -> "Xi'an", "inner mongolia" -> "Inner Mongolia" (str.title would write "Xi'An")
    return " ".join(word[:1].upper() + word[1:] for word in spelling.split())


@lru_cache(maxsize=2)
def _english_names(
    path: Path = REGIONS,
) -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, str]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    provinces: dict[str, str] = {}
    cities: dict[tuple[str, str], str] = {}
    districts: dict[str, str] = {}  # full name (海珠区) -> Haizhu
    for province in (raw or {}).get("provinces", []):
        name = str(province["name"])
        if province.get("en"):
            provinces[name] = _capitalised(str(province["en"][0]))
        for city in province.get("cities") or []:
            if city.get("en"):
                cities[(name, str(city["name"]))] = _capitalised(str(city["en"][0]))
        for county in province.get("counties") or []:
            if county.get("en") and county.get("full"):
                districts[str(county["full"])] = _capitalised(str(county["en"][0]))
    return provinces, cities, districts


_DIVISION_KINDS = (("市", ""), ("县", " county"), ("旗", " banner"), ("区", " district"))


def english_district(district: str) -> str | None:
    """海珠区 -> "Haizhu district", 义乌市 -> "Yiwu" (a county-level city), 天台县 -> "Tiantai county"; None when the
    gazetteer has no English name for it."""
    districts = _english_names()[2]
    if district not in districts:
        return None
    kind = next((en for zh, en in _DIVISION_KINDS if district.endswith(zh)), " district")
    return f"{districts[district]}{kind}"


@lru_cache(maxsize=4096)  # every verdict labels its region: ~120 programs per ask
def english_place(province: str | None, city: str | None = None, district: str | None = None) -> str:
    """广东, 深圳 -> "Shenzhen, Guangdong"; 上海, 上海 -> "Shanghai"; no province -> "nationwide";
    广东, 广州, 海珠区 -> "Haizhu district, Guangzhou, Guangdong"."""
    if not province:
        return "nationwide"
    provinces, cities, _ = _english_names()
    if district:
        where = english_place(province, city)
        # Never Chinese characters in an English sentence, never the whole city for one district.
        # What the division is, from its official name: 义乌市 is a county-level city, not a "Yiwu district"
        # (review10 r10-56); 天台县 a county, 海珠区 a district, 四子王旗 a banner.
        named = english_district(district)
        return f"{named}, {where}" if named else f"one district of {where}"
    province_en = provinces.get(province, "")
    city_en = cities.get((province, city), "") if city and city != province else ""
    if city_en and province_en:
        return f"{city_en}, {province_en}"
    return city_en or province_en or "(place name, in Chinese) " + (city or province)
