"""Write place_holders.tsv: everyday words that hold a county's short name inside them (六合彩 holds 六合, 太平洋
holds 太平, 牡丹花 holds 牡丹), from jieba's dictionary. The gazetteer does not read a county inside such a word:
"六合彩下一期开什么号" asks about a lottery, not about 南京六合 (a held-out set had it read so), "太平洋保险的代理"
is no firm in 阜新太平区. A county named on its own ("南京六合做农产品", "我们在六合") is read as before.

Kept: words longer than the name, seen at least `MIN_FREQ` times, that are not themselves a division of China
(太平洋 is kept: an ocean; 六合区 is not) nor the name with a word of place after it (萧山人, 长寿路, 凤凰古城: still the place).

    python knowledge/places/build_place_holders.py    # reads admin_divisions.tsv, county_guarded.tsv, jieba's dict
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import jieba

HERE = Path(__file__).parent
MIN_FREQ = 3
# The name followed by the kind of place or what belongs to it: still the place.
PLACE_AFTER = re.compile(
    r"^(?:区|县|市|镇|乡|村|路|街|湾|港|站|人|城区|新区|县城|开发区|古城|古镇|景区|老街)"
)


def division_names() -> set[str]:
    with (HERE / "admin_divisions.tsv").open(encoding="utf-8") as handle:
        rows = [
            r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#") and len(r) > 4
        ]
    return {name for r in rows for name in (r[1], r[2], r[3], r[4]) if name}


def county_names() -> set[str]:
    names = set()
    for file, column in (("admin_divisions.tsv", 4), ("county_guarded.tsv", 3)):
        with (HERE / file).open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                usable = row and not row[0].startswith("#") and len(row) > column and len(row[column]) >= 2
                if usable and (file == "county_guarded.tsv" or row[0] == "county"):
                    names.add(row[column])
    return names


def main() -> None:
    names, divisions = county_names(), division_names()
    holders: dict[str, set[str]] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 3 or int(parts[1]) < MIN_FREQ or parts[0] in divisions:
            continue
        word = parts[0]
        for size in range(2, min(len(word), 5)):
            for start in range(0, len(word) - size + 1):
                name = word[start : start + size]
                if name in names and not (start == 0 and PLACE_AFTER.match(word[size:])):
                    holders.setdefault(name, set()).add(word)
    with (HERE / "place_holders.tsv").open("w", encoding="utf-8") as out:
        out.write("# county short name\teveryday words that hold it (built by build_place_holders.py)\n")
        for name in sorted(holders):
            out.write(f"{name}\t{' '.join(sorted(holders[name]))}\n")


if __name__ == "__main__":
    main()
