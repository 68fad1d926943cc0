"""A voucher named by a place and its kind that the catalogue does not hold (advice_rules.md §7).

Owners name vouchers by the issuer's place and a kind word: "四川省的算力券", "the Guangzhou data voucher",
"a Chengdu corpus voucher". When no catalogued program of that kind is the place's own, the answer must say
first that it is not in the sources, not answer with another place's voucher as if it were the one asked about.

Two gaps the Chinese voucher check (llm/guard.unknown_vouchers) leaves, which this module closes:
- a province named alone is the province's own voucher: "四川省的算力券" is not 成都's (a city voucher is
  inside the province, so a region check passes it); a municipality (北京, 上海) is a city and a province at once;
- the same in English, where kinds are words ("compute voucher", "data voucher") and names are not in title case.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.catalogue.models import Catalogue, FundingProgram
from app.catalogue.taxonomy import FundingType
from app.text.normalize import normalize

# Each kind word, and the words a program of that kind has in its (Chinese) name.
_KINDS_ZH: dict[str, tuple[str, ...]] = {
    "算力服务券": ("算力服务券", "算力券"),
    "算力券": ("算力券", "算力服务券"),
    "模型券": ("模型券",),
    "语料券": ("语料券",),
    "训力券": ("训力券",),
    "标注券": ("标注券",),
    "智能券": ("智能券",),
    "数据券": ("数据券",),
    "云使用券": ("云使用券", "上云券"),
    "上云券": ("云使用券", "上云券"),
    "科技券": ("科技券",),
}
_KINDS_EN: dict[str, tuple[str, ...]] = {
    "computing power": _KINDS_ZH["算力券"],
    "compute": _KINDS_ZH["算力券"],
    "model": ("模型券",),
    "corpus": ("语料券",),
    "training": ("训力券",),
    "labelling": ("标注券",),
    "labeling": ("标注券",),
    "data": ("数据券",),
    "cloud": _KINDS_ZH["云使用券"],
    "smart": ("智能券",),
    "technology": ("科技券",),
}
_ZH = re.compile("|".join(sorted(_KINDS_ZH, key=len, reverse=True)))
# "the Guangzhou data voucher", "a Chengdu corpus voucher", "Shanghai's AI compute vouchers": the place ends
# the words before the kind, with at most two words between ("AI", "public").
_EN = re.compile(
    r"([a-z][a-z' .-]{1,40}?)\s+(?:(?:ai|public|municipal|city|provincial|local)\s+){0,2}("
    + "|".join(sorted(_KINDS_EN, key=len, reverse=True))
    + r")\s+vouchers?\b"
)
_SAR = ("香港", "澳门", "台湾")  # a place of its own, named alone as a city is


def place_vouchers_not_in_sources(
    question: str, catalogue: Catalogue, places: RegionGazetteer, known: Callable[[str], bool]
) -> list[str]:
    """Vouchers named by a province or an English place and a kind that no program of that place carries.

    `known(name)`: whether an English name names a catalogued program after all (an alias, a full name).
    """
    norm = normalize(question)
    # `known` is not asked about a province's voucher: a region check passes 成都's as "四川省的算力券".
    english = [name for name in _english_vouchers(norm, catalogue, places) if not known(name)]
    return list(dict.fromkeys([*_province_vouchers(norm, catalogue, places), *english]))


def _province_vouchers(norm: str, catalogue: Catalogue, places: RegionGazetteer) -> list[str]:
    names = []
    for match in _ZH.finditer(norm):
        window = norm[max(0, match.start() - 6) : match.start()]
        mentions = places.mentions(window)
        if not mentions:
            continue
        said, place = mentions[-1]
        if not window.rstrip("的那个这边里").endswith(said) or place.city or place.province in _SAR:
            continue  # a city's voucher is the guard's to check; this is a province named alone
        kin = _KINDS_ZH[match.group(0)]
        if not any(_of_kind(p, kin) and _provinces_own(p, place) for p in catalogue.funding):
            names.append(f"{said}{match.group(0)}")
    return names


def _english_vouchers(norm: str, catalogue: Catalogue, places: RegionGazetteer) -> list[str]:
    names = []
    for match in _EN.finditer(norm):
        mentions = places.mentions(match.group(1))
        if not mentions:
            continue
        said, place = mentions[-1]
        if not match.group(1).rstrip("'s ").endswith(said):
            continue  # "a shop in Guangzhou that wants a data voucher": no place names the voucher
        kin = _KINDS_EN[match.group(2)]
        if not any(_of_kind(p, kin) and _of_place(p, place) for p in catalogue.funding):
            names.append(f"{_title(said)} {match.group(2)} voucher")
    return names


def _of_kind(program: FundingProgram, kin: tuple[str, ...]) -> bool:
    """ "算力券" is what owners call every compute voucher (深圳's is named 训力券)."""
    name = normalize(program.name)
    return any(word in name for word in kin) or (
        "算力券" in kin and program.type is FundingType.compute_voucher
    )


def _provinces_own(program: FundingProgram, place: Place) -> bool:
    """The province's own program: of that province and no city in it (a municipality is both)."""
    return any(
        r.province == place.province and (r.city is None or r.city == r.province)
        for r in program.eligibility.regions or [program.region]
    )


def _of_place(program: FundingProgram, place: Place) -> bool:
    """A program of the place named: its own, or (for a city) its province's."""
    if place.city is None:
        return _provinces_own(program, place)
    return any(
        r.province == place.province and r.city in (None, place.city)
        for r in program.eligibility.regions or [program.region]
        if r.province is not None
    )


def _title(words: str) -> str:
    return " ".join(word.capitalize() for word in words.split())
