"""Catalogue coverage report (issue 13): programs by type and by province, official sources, absences.

Prints Markdown tables for the closing note and the README. Every figure is counted from
knowledge/catalogue and knowledge/coverage.yaml, so it can be reproduced on any checkout:

    python bench/catalogue.py [--knowledge knowledge]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from app.catalogue.coverage import load_absences
from app.catalogue.lint import url_class
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import FundingType

# The 31 provincial-level divisions of the mainland, short names as the catalogue writes them.
PROVINCES = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
]
# Twenty cities with the most registered SMEs (market-entity counts of the big cities; no official ranking
# exists, so this is the team's list, checked by the issue's own examples).
BIG_CITIES = [
    "上海",
    "北京",
    "深圳",
    "广州",
    "重庆",
    "成都",
    "苏州",
    "杭州",
    "武汉",
    "天津",
    "西安",
    "南京",
    "青岛",
    "宁波",
    "东莞",
    "佛山",
    "郑州",
    "长沙",
    "合肥",
    "厦门",
]


def report(knowledge: Path) -> str:
    catalogue = load_catalogue(knowledge / "catalogue")
    absences = load_absences(knowledge)
    programs = catalogue.funding
    official = [p for p in programs if url_class(p.provenance.source_urls[0]) == "official"]
    lines = [
        f"programs: {len(programs)} · official first URL: {len(official)} "
        f"({len(official) / len(programs):.0%}) · solutions: {len(catalogue.solutions)}",
        "",
        "| type | programs | official first URL |",
        "|---|---|---|",
    ]
    by_type = Counter(p.type for p in programs)
    official_type = Counter(p.type for p in official)
    for kind in FundingType:
        lines.append(f"| {kind.value} | {by_type[kind]} | {official_type[kind]} |")
    lines += [
        "",
        "| province | programs | official first | provincial-level | documented absence |",
        "|---|---|---|---|---|",
    ]
    by_province: dict[str, list[str]] = defaultdict(list)
    for p in programs:
        by_province[p.region.province or "全国"].append(p.id)
    reprint_only = []
    for province in (*PROVINCES, "全国"):
        ids = by_province.get(province, [])
        own = [p for p in programs if p.id in ids]
        n_official = sum(1 for p in own if p in official)
        provincial = sum(1 for p in own if p.scope_level.value == "provincial")
        absent = "yes" if province in absences else ""
        lines.append(f"| {province} | {len(own)} | {n_official} | {provincial} | {absent} |")
        if own and not n_official:
            reprint_only.append(province)
    lines += ["", "| big city | own programs | official first |", "|---|---|---|"]
    for city in BIG_CITIES:
        own = [
            p for p in programs if p.region.city == city or (p.region.province == city and not p.region.city)
        ]
        lines.append(f"| {city} | {len(own)} | {sum(1 for p in own if p in official)} |")
    uncovered = [p for p in PROVINCES if p not in by_province and p not in absences]
    lines += [
        "",
        f"provinces covered by a program or an absence: {len(PROVINCES) - len(uncovered)}/31"
        + (f" (missing: {', '.join(uncovered)})" if uncovered else ""),
        f"programs but no official first URL: {', '.join(reprint_only) or 'none'}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=Path("knowledge"))
    print(report(parser.parse_args().knowledge))


if __name__ == "__main__":
    main()
