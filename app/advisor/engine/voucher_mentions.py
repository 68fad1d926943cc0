"""Programs a text names by a voucher kind and a place ("杭州算力券", "the Shanghai model voucher"), and the
vouchers it names that no catalogued program backs ("重庆算力券", "AI普惠券").

Read on the client's question (service.py: which programs are asked about, which are not in the sources), on an
earlier answer (llm/decisions.py) and on an LLM answer (llm/guard.py: a program the engine does not hold is an
invented one); program_names.py reads the kinds for names said in part.
"""

from __future__ import annotations

import re

from app.advisor.compose.canned import NOT_IN_SOURCES
from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.catalogue.models import Catalogue, FundingProgram
from app.text.normalize import normalize

_VOUCHER = re.compile(r"(算力券|模型券|语料券|训力券|标注券|智能券|数据券|云使用券|算力服务券|科技券)")
# The advisor's own "X is not in my sources" sentence names X without backing it.
_NOT_FOUND = re.compile(
    rf"[^。\n]*{NOT_IN_SOURCES[0]}[^。]*。|[^.\n]*{NOT_IN_SOURCES[1]}[^.]*\.", re.IGNORECASE
)


def without_not_found(text: str) -> str:
    """The text without the advisor's own "X is not in my sources" sentences, which name X on purpose."""
    return _NOT_FOUND.sub("", text)


# A voucher word in text, and the words that count as the same kind in program names.
_VOUCHER_KIN = {
    "算力券": ("算力券", "算力服务券"),
    "云使用券": ("云使用券", "上云券"),
    "上云券": ("云使用券", "上云券"),
}


def invented_programs(answer: str, catalogue: Catalogue, places: RegionGazetteer) -> list[str]:
    """'<place><voucher>' mentions that no catalogue program backs ("重庆算力券" when we hold none).

    Our own "not in the catalogue" notice names such programs on purpose and is skipped.
    """
    text = without_not_found(normalize(answer))
    bad: list[str] = []
    for match in _VOUCHER.finditer(text):
        window = text[max(0, match.start() - 6) : match.start()]
        mentions = places.mentions(window)
        if not mentions:
            continue
        said, place = mentions[-1]
        # "黄埔区的算力券" is the district's own voucher: the province's or the city's does not back it.
        district = places.district(said)
        kin = _VOUCHER_KIN.get(match.group(1), (match.group(1),))
        backed = any(
            any(word in normalize(program.name) for word in kin)
            and _in_region(program, place)
            and (district is None or _in_district(program, district))
            for program in catalogue.funding
        )
        if not backed:
            bad.append(f"{district or place.city or place.province}{match.group(1)}")
    return bad


_NAMED_VOUCHER = re.compile(r"([\u4e00-\u9fffa-z0-9]{0,8}?券)")
_ASKS_WHICH = re.compile(
    r"^(?:.*?(?:哪|什么|啥|这|那|各|几|任何|所有|其他|别的|两|双|俩|二|三|四))(?:些|个|种|类|样|张|项)?券$"
)
_KNOWN_TYPES = (
    "算力服务券",
    "云使用券",
    "算力券",
    "模型券",
    "语料券",
    "训力券",
    "标注券",
    "智能券",
    "数据券",
    "科技券",
    "上云券",
    "算法券",
)


# A voucher the business hands out ("会员营销、自动发优惠券", "给老客派代金券", "核销团购券"): the verb of giving it to
# customers right before it; a program is applied for, claimed or used (申请、领、用), never handed out by the client.
_HANDED_OUT = re.compile(
    r"(?:发|派|送|赠|推送|推|核销|设置|设)(?:放|出|送)?(?:个|些|张|点|了)?[\u4e00-\u9fff]{1,3}券$"
)


def unknown_vouchers(text: str, catalogue: Catalogue, places: RegionGazetteer) -> list[str]:
    """Vouchers a user names that the catalogue cannot back: an unknown kind ("AI普惠券") or an
    unknown place for a known kind ("重庆算力券")."""
    norm = normalize(text)
    unknown = list(invented_programs(norm, catalogue, places))
    for match in _NAMED_VOUCHER.finditer(norm):
        name = match.group(1)
        if _ASKS_WHICH.match(name) or name.endswith("的券"):
            # "哪些券能用", "这些券能叠加吗", "杭州的券能补哪部分": vouchers in general, not a voucher's name
            continue
        if _HANDED_OUT.search(name):
            continue  # "自动发优惠券": the shop's own coupons to its customers, a job to do, no program claimed
        if not any(name.endswith(kind) for kind in _KNOWN_TYPES) and len(name) > 1:
            unknown.append(name.lstrip("的个种"))
    return list(dict.fromkeys(unknown))


_PLAIN_TYPES = ("模型券", "语料券", "训力券", "标注券", "智能券", "数据券", "科技券")
_ALL_KIN: dict[str, tuple[str, ...]] = {**_VOUCHER_KIN, **{t: (t,) for t in _PLAIN_TYPES}}


_PARENTHESISED = re.compile(r"\([^()]*\)")


def _in_region(program: FundingProgram, place: Place) -> bool:
    """Whether the program is a local one of `place`: a national program is no "杭州算力券"."""
    return any(
        r.province is not None and r.covers(place.province, place.city)
        for r in (program.eligibility.regions or [program.region])
    )


def _in_district(program: FundingProgram, district: str) -> bool:
    """Whether the program is that district's own (its region names the district)."""
    return any(r.district == district for r in program.eligibility.regions or [program.region])


def _short(name: str) -> str:
    """A program's name without its parenthesised source ("…城市试点（中央财政奖补）" → "…城市试点")."""
    short = _PARENTHESISED.sub("", normalize(name)).strip()
    return short if len(short) >= 4 else normalize(name)


# How English speakers name the same kinds ("the Shanghai model voucher", "compute vouchers").
_MODEL_USE = ("模型券", "使用模型补贴")
_ENGLISH_KIN: dict[str, tuple[str, ...]] = {
    "compute voucher": _VOUCHER_KIN["算力券"],
    "computing power voucher": _VOUCHER_KIN["算力券"],
    "model voucher": ("模型券",),
    "corpus voucher": ("语料券",),
    "training voucher": ("训力券",),
    "labelling voucher": ("标注券",),
    "labeling voucher": ("标注券",),
    "data voucher": ("数据券",),
    "cloud voucher": _VOUCHER_KIN["云使用券"],
    # A subsidy for using models, by what it pays for ("Can it stack with the model-use subsidy?", "能和模型补贴叠加
    # 吗"): 成都鼓励使用模型补贴, or a place's 模型券 (r15-42 answered the stacking question for two compute vouchers).
    "model-use subsidy": _MODEL_USE,
    "model use subsidy": _MODEL_USE,
    "model usage subsidy": _MODEL_USE,
    "subsidy for using models": _MODEL_USE,
    "模型补贴": _MODEL_USE,
    "模型使用补贴": _MODEL_USE,
}


def voucher_kinds(text: str, english: bool = False) -> list[tuple[str, ...]]:
    """For each voucher word in the (normalised) text, the words a program of that kind has in its name;
    `english`: English names of the kinds count too (a question, not an answer's Chinese program names)."""
    words = {**_ALL_KIN, **_ENGLISH_KIN} if english else _ALL_KIN
    return [kin for word, kin in words.items() if word in text]


def mentioned_programs(sentence: str, catalogue: Catalogue, places: RegionGazetteer) -> list[FundingProgram]:
    """Programs a sentence names, by name (with or without its parenthesised source) or by
    place + voucher kind ("杭州算力券")."""
    norm = normalize(sentence)
    named_places = places.all_places(norm)
    vouchers = voucher_kinds(norm)
    found = []
    for program in catalogue.funding:
        name = normalize(program.name)
        by_name = _short(program.name) in norm or _short(program.name_en) in norm
        by_place = any(
            any(k in name for k in kin) and _in_region(program, place)
            for kin in vouchers
            for place in named_places
        )
        if by_name or by_place:
            found.append(program)
    return found
