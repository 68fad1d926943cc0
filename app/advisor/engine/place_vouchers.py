"""A voucher named by a place and its kind that the catalogue does not hold (advice_rules.md §7).

Owners name vouchers by the issuer's place and a kind word: "四川省的算力券", "the Guangzhou data voucher",
"a Chengdu corpus voucher". When no catalogued program of that kind is the place's own, the answer must say
first that it is not in the sources, not answer with another place's voucher as if it were the one asked about.

Gaps the Chinese voucher check (engine/voucher_mentions.unknown_vouchers) leaves, which this module closes:
- a province named alone is the province's own voucher: "四川省的算力券" is not 成都's (a city voucher is
  inside the province, so a region check passes it); a municipality (北京, 上海) is a city and a province at once;
- a place a few words before the kind: "南昌市的人工智能数据券", "长沙那边有没有大模型的算力券" (the guard looks
  six characters back, where the place is no longer);
- the same in English, where kinds are words ("compute voucher", "data voucher") and names are not in title case,
  and the place may come after ("an innovation voucher in Nanchang") or own it ("Does Wuxi have a data voucher").
A question that is only about such a voucher, with no business described, is the commonest form (review12
held-out: "X市的Y券能申请吗" got the generic "no reliable evidence" line instead of "not in my sources").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.catalogue.models import Catalogue, FundingProgram
from app.catalogue.taxonomy import FundingType
from app.text.normalize import normalize

# Each kind word, and the words a program of that kind has in its (Chinese) name.
KINDS_ZH: dict[str, tuple[str, ...]] = {
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
KINDS_EN: dict[str, tuple[str, ...]] = {
    "computing power": KINDS_ZH["算力券"],
    "compute": KINDS_ZH["算力券"],
    "model": ("模型券",),
    "corpus": ("语料券",),
    "training": ("训力券",),
    "labelling": ("标注券",),
    "labeling": ("标注券",),
    "data": ("数据券",),
    "cloud": KINDS_ZH["云使用券"],
    "smart": ("智能券",),
    "technology": ("科技券",),
}
_ZH = re.compile("|".join(sorted(KINDS_ZH, key=len, reverse=True)))
# "the Guangzhou data voucher", "a Chengdu corpus voucher", "Shanghai's AI compute vouchers": the place ends
# the words before the kind, with at most two words between ("AI", "public").
# The kind is any word: a kind the catalogue does not have ("a Suzhou innovation voucher") is not held either.
_EN = re.compile(
    r"([a-z][a-z' .-]{1,40}?)\s+(?:(?:ai|public|municipal|city|provincial|local)\s+){0,2}("
    + "|".join(sorted(KINDS_EN, key=len, reverse=True))
    + r"|[a-z]+)[ -]vouchers?\b"
)
# The words an owner puts between a place and the voucher's kind, none of them a name of its own: "南昌市的人工智能
# 数据券", "长沙那边有没有大模型的算力券", "上海新出的模型券".
_GAP_ZH = re.compile(
    r"^(?:市|省|区|县)?(?:的|那个|这个|那边|这边|那里|这里|里|还?有没有|有没|还有|有|"
    # "合肥出了个模型券", "郑州是不是也出了语料券", "武汉最近推出了一种算力券": the place issued one, by hearsay
    r"是不是|是否|也|又|还|都|刚|最近|今年|去年|好像|据说|"
    r"新?(?:推出|出台|出|发布|发|搞|弄|上线)(?:了|咗)?(?:一?个|一种|一批|种|批)?的?|新的|最新的?|现在的?|今年的?|"
    r"人工智能|ai|大模型|智能|公共|市级|省级|区级|本地|当地|专项|"
    r"什么|啥|(?:可以|能)(?:领|用|申请)的?)*$"
)
_ZH_REACH = 16  # characters before the kind a place may stand, with only gap words between
# The place after the kind, or owning it: "compute vouchers in Kunming", "Does Wuxi have a data voucher".
_EN_KIND = r"([a-z]+)[ -]vouchers?\b"
_EN_AFTER = re.compile(_EN_KIND + r"\s+(?:in|from|of|for)\s+([a-z][a-z' .-]{1,30})")
# The place issued it, by hearsay: "I heard Nanjing launched a model voucher", "Hefei has rolled out a new
# model voucher" (the place is the subject; the words before it are the relay, not the place).
_EN_ISSUED = re.compile(
    r"([a-z][a-z'.-]{1,20}(?: [a-z][a-z'.-]{1,20})?)\s+(?:has |have |just |recently |now |also )*"
    r"(?:launched|introduced|rolled out|started|issued|announced|released|put out|come out with|came out with|"
    r"offers|is offering|gives|is giving|has got|got)\s+(?:an?|its|their|some|a new)\s+"
    r"(?:(?:ai|public|new|municipal|city|local)\s+){0,2}" + _EN_KIND
)
_EN_OWNS = re.compile(
    r"\b(?:does|do|has|have|did)\s+([a-z][a-z' .-]{1,30}?)\s+(?:have|has|got|offer|run|give|issue)s?\s+"
    r"(?:an?|any|some)\s+(?:(?:ai|public|new|municipal|city|local)\s+){0,2}" + _EN_KIND
)
# A word before "voucher" that names no kind: the voucher of the place, whatever its kind.
_NO_KIND_WORDS = "ai sme smes business government public new local city municipal provincial"
_NO_KIND = frozenset(_NO_KIND_WORDS.split())
# Words that are no kind nor place: "a voucher", "the voucher", "any voucher".
_ARTICLES = "a an the any this that some such one our your their my its those these"
_NOT_A_WORD = frozenset(_ARTICLES.split())
_SAR = ("香港", "澳门", "台湾")  # a place of its own, named alone as a city is


def place_vouchers_not_in_sources(
    question: str, catalogue: Catalogue, places: RegionGazetteer, known: Callable[[str], bool]
) -> list[str]:
    """Vouchers named by a place and a kind that no program of that place carries.

    `known(name)`: whether an English name names a catalogued program after all (an alias, a full name).
    """
    norm = normalize(question).replace("‘", "'").replace("’", "'")
    # `known` is not asked about a province's voucher: a region check passes 成都's as "四川省的算力券".
    english = [name for name in _english_vouchers(norm, catalogue, places) if not known(name)]
    return list(dict.fromkeys([*_chinese_vouchers(norm, catalogue, places), *english]))


def _chinese_vouchers(norm: str, catalogue: Catalogue, places: RegionGazetteer) -> list[str]:
    names = []
    for match in _ZH.finditer(norm):
        window = norm[max(0, match.start() - _ZH_REACH) : match.start()]
        mentions = places.mentions(window)
        if not mentions:
            continue
        said, place = mentions[-1]
        at = window.rfind(said)
        if at < 0 or not _GAP_ZH.match(window[at + len(said) :]) or place.province in _SAR:
            continue
        kin = KINDS_ZH[match.group(0)]
        district = places.district(said)
        if place.city is None:  # a province named alone: its own program, not one of its cities'
            held = any(of_kind(p, kin) and _provinces_own(p, place) for p in catalogue.funding)
            name = f"{said}{match.group(0)}"
        else:  # named as the guard names it, so the same claim is said once
            held = any(
                of_kind(p, kin) and of_place(p, place) and (district is None or _of_district(p, district))
                for p in catalogue.funding
            )
            name = f"{district or place.city}{match.group(0)}"
        if not held:
            names.append(name)
    return names


def _english_vouchers(norm: str, catalogue: Catalogue, places: RegionGazetteer) -> list[str]:
    found = []  # (words before the place that say it, the kind word)
    for match in _EN.finditer(norm):
        mentions = places.mentions(match.group(1))
        if mentions and match.group(1).rstrip("'s ").endswith(mentions[-1][0]):
            found.append((mentions[-1], match.group(2)))
        # else "a shop in Guangzhou that wants a data voucher": no place names the voucher
    for match in _EN_AFTER.finditer(norm):
        mentions = places.mentions(match.group(2))
        if mentions and match.group(2).startswith(mentions[0][0]):
            found.append((mentions[0], match.group(1)))
    for match in _EN_ISSUED.finditer(norm):
        mentions = places.mentions(match.group(1))
        if mentions and match.group(1).endswith(mentions[-1][0]):
            found.append((mentions[-1], match.group(2)))
    for match in _EN_OWNS.finditer(norm):
        mentions = places.mentions(match.group(1))
        if mentions and match.group(1).strip() == mentions[0][0]:
            found.append((mentions[0], match.group(2)))
    names = []
    for (said, place), kind in found:
        if kind in _NOT_A_WORD:
            continue
        if not any(_of_english_kind(p, kind) and of_place(p, place) for p in catalogue.funding):
            names.append(
                f"{_title(said)} {kind} voucher" if kind not in _NO_KIND else f"{_title(said)} voucher"
            )
    return names


def _of_english_kind(program: FundingProgram, kind: str) -> bool:
    """A program of the kind an English word names: a known kind's Chinese words, any voucher for a word that
    names no kind ("an SME voucher"), else a program whose English name says "<word> voucher"."""
    if kind in KINDS_EN:
        return of_kind(program, KINDS_EN[kind])
    if kind in _NO_KIND:
        return "券" in program.name or "voucher" in normalize(program.name_en)
    return f"{kind} voucher" in normalize(program.name_en)


def of_kind(program: FundingProgram, kin: tuple[str, ...]) -> bool:
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


def of_place(program: FundingProgram, place: Place) -> bool:
    """A program of the place named: its own, or (for a city) its province's."""
    if place.city is None:
        return _provinces_own(program, place)
    return any(
        r.province == place.province and r.city in (None, place.city)
        for r in program.eligibility.regions or [program.region]
        if r.province is not None
    )


def _of_district(program: FundingProgram, district: str) -> bool:
    """ "黄埔区的算力券" is the district's own voucher: the province's or the city's does not back it."""
    return any(r.district == district for r in program.eligibility.regions or [program.region])


def _title(words: str) -> str:
    return " ".join(word.capitalize() for word in words.split())
