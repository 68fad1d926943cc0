"""Write county_guarded.tsv: counties and county-level cities whose short name admin_divisions.tsv left empty
because it is also an everyday word (海盐 "sea salt", 龙口, 高密, 平遥), which owners still write alone for where
the company is ("我们在海盐做紧固件"). The gazetteer reads these names only where a sentence puts a place
("在海盐", "位于龙口的工厂"), as it reads 大理 and 三明.

Left out: names of more than one county (朝阳, 鼓楼: only their city or province before them tells which, and the
gazetteer reads "辽宁朝阳建平", "嘉兴海盐" for every county), except where the name still says which town
(`divisions.owner_of_shared`, session 20): all its counties lie in one city (伊宁县 and 伊宁市 are both 伊犁's), or one of them
is a county-level city and the others are districts (海城市 of 鞍山 and 北海's 海城区, 兴宁市 and 南宁's 兴宁区): a
county-level city is a town named alone, a district is named with its city ("北海海城区", read by divisions.py
whatever this table says). Also left out: names of a city or province, one-character names,
and words jieba's dictionary knows mainly as a verb, adverb, direction, number or other function word, or very
often as any word (比如, 合作, 南部, 资源, 解放), and names that only say where in a town (城东, 市中): "在合作的基础上" is no place.

Names jieba's dictionary does not hold at all (横州) are no everyday word: county_plain.tsv, read as places anywhere.
A name CC-CEDICT knows only as a county-level division (当阳, 定远, 监利, 石首: no common-word sense) is a place name
whatever jieba's counts say (they are counts of a news corpus, where county names are frequent): it is guarded.

    python knowledge/places/build_county_guards.py     # reads admin_divisions.tsv and jieba's dict.txt
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

import jieba
from build_county_names_cedict import division_name

HERE = Path(__file__).parent
sys.path.insert(
    0, str(HERE.parents[1])
)  # the app's reading of a county's spoken name, so tables and app agree
from app.advisor.understand.divisions import AUTONOMOUS_COUNTY as ETHNIC_SUFFIX  # noqa: E402
from app.advisor.understand.divisions import owner_of_shared  # noqa: E402
from app.advisor.understand.divisions import spoken_name as spoken  # noqa: E402

# jieba tags of words that are rarely a place when said after 在: verbs, adverbs, conjunctions, prepositions,
# measure words, numbers, directions, pronouns, particles, time words, idioms. Place words (湖里 "in the lake")
# are places too when rare: 湖里 is where Xiamen's firms are; 台前 ("front stage") is said too often.
FUNCTION_TAGS = {"v", "vn", "vd", "c", "d", "p", "q", "m", "f", "r", "u", "t", "l", "i"}
COMMON = 3000  # a word jieba has seen this often is an everyday word whatever its tag (资源 17,453)
COMMON_ADJECTIVE = (
    300  # adjectives and place words are tagged loosely (平遥 and 高密 "a"); frequent ones are words
)
# Zones are read by their full name (zones.tsv, admin_divisions.tsv); their short names are their kind.
# Names that say where in any town, not which town: "在城东开了家店".
GENERIC = re.compile(r"^(?:城|市|郊|矿)[东西南北中区]?$|^城[东西南北中]|^中西$|开发|高新|新区|新城")
# Hong Kong's, Macao's and Taiwan's districts are read from the SAR tables (sar_places.py), by the names used there.
SAR = {"香港", "澳门", "台湾"}
ZONE = re.compile(r"开发区|园区|新区|管理区|管委会|示范区|新城|产业园|风景|食品区|实验区|聚集区|保税区")


def jieba_words() -> dict[str, tuple[int, str]]:
    words: dict[str, tuple[int, str]] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def everyday(word: str, words: dict[str, tuple[int, str]]) -> bool:
    freq, tag = words.get(word, (0, "ns"))
    loose = tag in ("a", "s") and freq >= COMMON_ADJECTIVE
    return tag in FUNCTION_TAGS or freq >= COMMON or loose


def main() -> None:
    with (HERE / "admin_divisions.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    counties = [r for r in rows if r[0] == "county" and not ZONE.search(r[3])]
    # An autonomous county yields its name to a district of the same name (汕头金平区 over 金平苗族瑶族傣族自治县):
    # counted apart, it is read only where no other county is called so.
    said = Counter(spoken(r[3]) for r in counties if not ETHNIC_SUFFIX.search(r[3]))
    said_autonomous = Counter(spoken(r[3]) for r in counties if ETHNIC_SUFFIX.search(r[3]))
    taken = {r[4] for r in rows if r[4]} | {r[1] for r in rows}
    taken |= {re.sub(r"(?:州|地区|盟|市)$", "", r[2].split("/")[-1]) for r in rows}
    words = jieba_words()
    sharers: dict[str, list[list[str]]] = {}
    for row in counties:
        if not ETHNIC_SUFFIX.search(row[3]):
            sharers.setdefault(spoken(row[3]), []).append(row)
    out, plain = [], []
    for row in counties:
        _kind, province, city, full, short, _code = row
        if province in SAR:
            continue
        name = spoken(full)
        if (
            short
            or GENERIC.search(name)
            or full.endswith("旗")
            or len(name) < 2
            or (said[name] > 1 and owner_of_shared(sharers[name], lambda r: (r[1], r[2], r[3])) is not row)
            or (ETHNIC_SUFFIX.search(full) and (said[name] or said_autonomous[name] > 1))
            or name in taken
        ):
            continue
        if name not in words:
            # Not a word jieba knows at all (横州, renamed from 横县 in 2021): no everyday word, read as a place
            # wherever it is written ("横州一家做茉莉花茶的厂").
            plain.append((province, city, full, name))
        elif (
            not everyday(name, words)
            or division_name(name)
            or (ETHNIC_SUFFIX.search(full) and words[name][0] < COMMON_ADJECTIVE)
        ):
            # An autonomous county is said without its peoples (融水苗族自治县 is 融水), whatever rare sense
            # jieba gives the word (融水 "melt water", tagged vn).
            out.append((province, city, full, name))
    with (HERE / "county_guarded.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# province\tcity\tcounty\tname read only where a sentence puts a place (build_county_guards.py)\n"
        )
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(sorted(out))
    with (HERE / "county_plain.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# province\tcity\tcounty\tname no dictionary knows as a word: read as a place (build_county_guards.py)\n"
        )
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(sorted(plain))
    print(len(out), "guarded names,", len(plain), "plain names")


if __name__ == "__main__":
    main()
