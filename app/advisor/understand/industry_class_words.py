"""Owners' words for GB/T 4754-2017 small classes (knowledge/industry_class_words.tsv).

The published class names are the statistician's ("豆制品制造", "蔬菜加工", "汽车零部件及配件制造"); owners name the
product or the workshop ("豆腐坊", "做榨菜的", "做汽车线束的"). Those words were read as nothing, or by a shared
character as another trade, and a 420-person harness maker was sized on the other-industries thresholds. The
table gives each such word its class, so the message is read as the class the owner means, by the same rules
as any owner word (a trade verb before it is trade, an outlet after it a shop).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

from app.advisor.understand.industry_match import IndustryMatch, sector_of
from app.text.normalize import normalize


def class_words(table: Path, class_list: Path) -> dict[str, IndustryMatch]:
    """Each owner word of the table, normalized, with its class's name, section and size sector."""
    classes: dict[str, tuple[str, str, str]] = {}  # code -> section, division, name
    if class_list.exists():
        with class_list.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                if row and row[0][:1].isdigit():
                    classes[row[0]] = (row[1], row[2], row[3])
    words: dict[str, IndustryMatch] = {}
    if not table.exists():
        return words
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        code, said = line.split("\t", 1)
        if code.strip() not in classes:
            continue  # a code the standard does not hold names nothing
        section, division, name = classes[code.strip()]
        sector = sector_of(section, division)
        for word in said.split():
            key = normalize(word)
            words[key] = IndustryMatch(name, section, sector, key)
    return words


def class_codes(table: Path) -> dict[str, str]:
    """Each owner word of the table, normalized, with its class code ("幼儿园": 8310): what a tool made for some
    classes of a section checks (`Solution.classes`)."""
    codes: dict[str, str] = {}
    if not table.exists():
        return codes
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            code, said = line.split("\t", 1)
            codes.update((normalize(word), code.strip()) for word in said.split())
    return codes


def client_class_reader(table: Path) -> Callable[[str], str | None]:
    """The class code of the first owner word of the table in a (normalised) text, longest words first."""
    codes = class_codes(table)
    words = re.compile("|".join(map(re.escape, sorted(codes, key=len, reverse=True)))) if codes else None

    def class_of(text: str) -> str | None:
        found = words.search(text) if words else None
        return codes[found.group(0)] if found else None

    return class_of
