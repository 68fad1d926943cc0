"""County-level names written in English, read inside the city written with them (knowledge/places/division_spellings.tsv).

A romanised name several divisions share is no place alone: "Jiyang" is 济南's 济阳区 and 三亚's 吉阳区, "Qingyang" 甘肃's
庆阳, 成都's 青羊区 and 池州's 青阳县. Written with its city — "Jiyang, Sanya", "Qingyang district, Chengdu", "Jiyang
district of Jinan", "Chengdu Qingyang", "Chengdu's Qingyang district" — it is the division of that city, whatever the
name alone would read as; a prefecture-level city's own English name (regions.yaml: "Qingyang" is 庆阳) still reads
alone. One index of every division's spellings (CC-CEDICT's romanisation, build_division_spellings.py) decides what
is shared, not a list of collisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.advisor.understand.divisions import Place, owner_of_shared, tsv_rows

# Between a division and its city after it: "jiyang, sanya", "qingyang district, chengdu", "jiyang district of jinan",
# "gulou qu, fuzhou"; between its city and it: "chengdu qingyang", "chengdu's qingyang district", "sanya, jiyang".
_KIND = r"(?:\s+(?:district|county|county-level city|city|banner|new area|qu|xian|shi))?"
_BEFORE_CITY = re.compile(rf"^{_KIND}\s*(?:,|\s+(?:in|of))\s*(?:the\s+)?(?:city\s+of\s+)?$|^{_KIND}\s+$")
_AFTER_CITY = re.compile(r"^(?:\s+city)?(?:'s|,)?\s+$")


@dataclass(frozen=True)
class Division:
    place: Place
    full: str | None  # the county's full name; None for a prefecture-level city


class SpelledDivisions:
    def __init__(self, path: Path, city_place: dict[tuple[str, str], Place]) -> None:
        """`city_place`: (province, city as admin_divisions.tsv names it) -> the gazetteer's place for that city."""
        self.by_spelling: dict[str, list[Division]] = {}
        for spelling, province, city, county in tsv_rows(path):
            place = city_place.get((province, city), Place(province, city.split("/")[-1]))
            self.by_spelling.setdefault(spelling, []).append(Division(place, county or None))

    def alone(self, name: str) -> Division | None:
        """The division a spelling names when written without its city: the only one, or the one owner of a
        spelling several share (divisions.owner_of_shared: "Haicheng" is 鞍山's 海城市, not 北海's 海城区), else None."""
        spelled = self.by_spelling.get(_key(name), [])
        if len({d.place for d in spelled}) == 1:
            return spelled[0]
        counties = [d for d in spelled if d.full]
        if len(counties) < len(spelled):
            return None  # a prefecture-level city's name too ("qingyang"): regions.yaml decides, by hand
        return owner_of_shared(counties, lambda d: (d.place.province, d.place.city or "", d.full or ""))

    def within(self, name: str, parent: Place) -> Division | None:
        """The one division spelled `name` inside `parent`: a county of a city ("Jiyang, Sanya"), or a county or city
        of a province when no city is named ("Suzhou, Anhui" is 宿州, "Taizhou, Jiangsu" 泰州)."""
        inside = {
            d
            for d in self.by_spelling.get(_key(name), [])
            if d.place.province == parent.province
            and (parent.city is None or (d.place.city == parent.city and d.full))
        }
        return next(iter(inside)) if len(inside) == 1 else None

    def read(
        self, norm: str, matches: Iterable[re.Match[str]], known: dict[str, Place], county_names: set[str]
    ) -> list[tuple[str, Place, str | None]]:
        """(name as written, place, county's full name or None) for each English place name matched in `norm`.

        A division written next to its city is one mention spanning both ("jiyang, sanya"). Alone, a name the
        county tables gave (`county_names`) is read only where its spelling says which town (`alone`); regions.yaml's
        hand-written names keep their place ("qingyang" is 庆阳), and a spelling no table gives is read only beside
        its city (most are everyday English words or too short to tell)."""
        found = list(matches)
        pairs = {i: paired for i in range(len(found)) if (paired := self._paired(norm, found, i, known))}
        parents = {j for j, _ in pairs.values()}
        out: list[tuple[str, Place, str | None]] = []
        for i, m in enumerate(found):
            name = m.group(1)
            if i in pairs:
                j, division = pairs[i]
                start, end = min(m.start(1), found[j].start(1)), max(m.end(1), found[j].end(1))
                out.append((norm[start:end], division.place, division.full))
            elif i in parents:
                continue  # the city is named within the division's mention
            elif name in county_names and _key(name) in self.by_spelling:
                if (lone := self.alone(name)) is not None:
                    out.append((name, lone.place, lone.full))
            elif name in known:
                out.append((name, known[name], None))
        return out

    def _paired(
        self, norm: str, found: list[re.Match[str]], i: int, known: dict[str, Place]
    ) -> tuple[int, Division] | None:
        """The neighbouring match naming the city of the division matched at `i`, and that division."""
        m = found[i]
        for j, glue in ((i + 1, _BEFORE_CITY), (i - 1, _AFTER_CITY)):
            if not 0 <= j < len(found) or (parent := known.get(found[j].group(1))) is None:
                continue
            between = norm[m.end(1) : found[j].start(1)] if j > i else norm[found[j].end(1) : m.start(1)]
            if glue.match(between) and (division := self.within(m.group(1), parent)) is not None:
                return j, division
        return None


def _key(name: str) -> str:
    return name.lower().replace("'", "").replace("-", "").replace(" ", "")
