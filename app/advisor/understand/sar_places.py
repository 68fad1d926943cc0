"""Districts and neighbourhoods of Hong Kong, Macao and Taiwan, read as places of their SAR or province.

places/sar_places.tsv holds GeoNames' names (many English, some rare Chinese renderings such as 官塘), and
places/sar_districts.tsv the names owners write: Hong Kong's eighteen districts and the neighbourhoods firms
say they are in (火炭, 荃灣, 長沙灣, Causeway Bay), Macao's zones. Without them "我哋喺火炭有間印刷廠" named no
place, "天水圍" was 天水 in Gansu and "九龍灣" was 龍灣 in Wenzhou (the longer name now wins). A name that is
also an everyday word (`zh_guarded`: 火炭 is charcoal, 中環 a Shanghai ring road) is read only where a sentence
puts a place ("喺火炭", "在中環"), as the gazetteer reads 大理 and 三明.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.advisor.understand.divisions import Place, tsv_rows
from app.text.normalize import normalize

FILES = ("sar_districts.tsv", "sar_places.tsv")  # hand-written first: its place wins for a name in both


@dataclass
class SarNames:
    zh: dict[str, Place] = field(default_factory=dict)
    guarded: dict[str, Place] = field(default_factory=dict)
    en: dict[str, Place] = field(default_factory=dict)


def sar_names(folder: Path, provinces: set[str]) -> SarNames:
    """The names in `folder`'s SAR files whose province the gazetteer knows."""
    names = SarNames()
    for path in (folder / name for name in FILES):
        for lang, province, city, name in tsv_rows(path):
            if province not in provinces:
                continue
            place = Place(province, city or None)
            if lang in ("zh", "zh_guarded") and len(name) >= 2:
                target = names.guarded if lang == "zh_guarded" else names.zh
                target.setdefault(normalize(name), place)
            elif lang == "en":
                names.en.setdefault(name.lower(), place)
    return names
