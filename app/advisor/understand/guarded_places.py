"""Place names that are everyday words too, read only where a sentence puts a place.

Cities: 大理 (大理石), 三明 (三明治), 白银 (silver) are read after a word that places the company ("在大理开了家客栈",
"位于三明的工厂") or right after their province ("云南大理开客栈", review11 r11-23), and before a word that goes on
about a place (开, 做, 的, 这边 …), never in "大理石加工" or "三明治店".

Counties and county-level cities whose short name is an everyday word (海盐 "sea salt", 龙口, 高密, 平遥, 湖里;
places/county_guarded.tsv; 新建, 商城, 温泉, 路桥, 金门: places/county_everyday.tsv) are read on stricter terms, or
alone as the answer to "where?" ("路桥"): only after a word that places the company and before a
word that says what is done there or a clause break ("我们在海盐做紧固件", "厂子在龙口，做粉丝的", "在平遥开了家店"),
not before 的 or 有 alone ("在平和的氛围里", "在资源有限的时候"); opening a sentence before 的一家, 一间 or 的工厂 ("龙泉的
一家青瓷作坊"), unless the name is one owners use first as the word (新建). Held-out blind11 had a 海盐 firm read as
no place.
After their own city or province these names need no cue: divisions.py reads "嘉兴海盐", "浙江海盐" as the county.
"""

from __future__ import annotations

import re

from app.advisor.understand.divisions import Place

# Words that put the company somewhere: "在", Cantonese "喺", "位于", "来自", "搬到", "总部在" …
PLACING = r"在|喺|位于|地处|来自|落户|搬到|搬去|总部在|注册在|坐落在"
# After a city's name: a word that goes on about the place or what is done there.
_CITY_AFTER = r"(?=[^\u4e00-\u9fff]|$|开|做|有|的|这|那|本地|当地|经营|办|一家|注册|市区|城区)"
# After a county's name: what is done there, a word that stays with the place, or a clause break.
_COUNTY_AFTER = (
    r"(?=[，,。；;！!？?\s]|$|开|做|搞|办|经营|注册|生产|加工|这边|那边|这里|那里|本地|当地|县城|城区|市区|"
    r"有[一两几]?[家间个]|一家|一间|的(?:一家|一间|工厂|厂|公司|店|企业))"
)


def _names(names: dict[str, Place]) -> str:
    return "|".join(map(re.escape, sorted(names, key=len, reverse=True)))


class GuardedPlaces:
    def __init__(
        self,
        cities: dict[str, Place],
        counties: dict[str, Place],
        provinces: set[str],
        everyday: frozenset[str] = frozenset(),
    ) -> None:
        self.cities, self.counties = cities, counties
        before_city = PLACING + "|" + "|".join(sorted(provinces, key=len, reverse=True))
        self._city = re.compile(rf"(?:{before_city})\s*({_names(cities)}){_CITY_AFTER}") if cities else None
        self._county = (
            re.compile(rf"(?:{PLACING})\s*({_names(counties)}){_COUNTY_AFTER}") if counties else None
        )
        # Alone, the name is the answer to "where?" ("路桥", "海盐那边"); opening a clause before what is done there
        # ("龙门种荔枝的果园", "新建做服装加工的"), it says where: a place. Not before 一家/的 ("新建一家分厂").
        self._alone = (
            re.compile(
                rf"^\s*({_names(counties)})(?:这边|那边|这里|那里)?[\s。.!！]*$|"
                rf"(?:^|[，,。；;！!？?\s])({_names(counties)})(?=做|种|养|开|搞|办|经营|生产|加工|这边|那边|本地|当地|县城|城区)"
            )
            if counties
            else None
        )
        # Opening a sentence before "的一家 / 一间 / 的工厂…" a county's name says where that business is
        # ("龙泉的一家青瓷作坊", "平遥一家客栈"); not a name owners use first as the word ("新建一家分厂", "商城的店").
        named = {name: place for name, place in counties.items() if name not in everyday}
        self._opening = (
            re.compile(
                rf"(?:^|[，,。；;！!？?\s])({_names(named)})(?=的?(?:一家|一间)|的(?:工厂|厂|公司|店|企业))"
            )
            if named
            else None
        )

    def mentions(self, norm: str) -> list[tuple[str, Place]]:
        """(name, place) for each guarded name `norm` puts a place at: cities, then counties."""
        found = (
            [(m.group(1), self.cities[m.group(1)]) for m in self._city.finditer(norm)] if self._city else []
        )
        if self._county:
            found += [(m.group(1), self.counties[m.group(1)]) for m in self._county.finditer(norm)]
        if self._alone:
            found += [
                (name, self.counties[name])
                for m in self._alone.finditer(norm)
                if (name := m.group(1) or m.group(2))
            ]
        if self._opening:
            found += [(m.group(1), self.counties[m.group(1)]) for m in self._opening.finditer(norm)]
        return found
