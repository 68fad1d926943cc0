"""Programs the client asserts that no catalogue entry backs (advice_rules.md §7).

A name in quotes ("听说有个“AI赋能包专项补贴”"), a relayed claim or a per-firm promise ("群里说每家补20万"),
or an English program name in title case ("the Guangdong AI Empowerment Voucher"): each is checked against the
catalogue, and what nothing backs is said plainly to be "not in my sources; don't rely on it".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from app.advisor.engine.program_subjects import RAISED_ONLY, instrument_named
from app.catalogue.models import Catalogue, FundingProgram
from app.text.clauses import mark, sentences
from app.text.funding_words import FUNDING_NOUN, FUNDING_NOUN_ZH
from app.text.normalize import normalize, normalize_cased

# Single quotes too ("an 'AI+ Manufacturing special fund 2026'", ‘…’), but not an apostrophe ("Beijing's").
_QUOTED = re.compile(
    r"[“\"「『‘]([^”\"」』’]{2,40})[”\"」』’]|(?<![A-Za-z0-9])'([^'\n]{2,40})'(?![A-Za-z0-9])"
)
_GENERIC = re.compile(r"^[两双二三四几多各这那该此本]\s*[张个项类种]?\s*(?:券|补贴|补助|政策)$")
# A loan product is named like a program ("“AI惠企贷”", "科创贷"): a claim to check as any other (review11 r11-17).
_PROGRAM_WORDS = re.compile(rf"{FUNDING_NOUN}|资金|计划|专项|贷$|\bfunds?\b|scheme|\bloan\b", re.I)


# What a name is compared without: its punctuation and quote marks (天台's name holds "“N+X”改造补助"), and its
# funding noun ("改造补贴" for "改造补助"): the words that tell one program from another are what must match.
_MARKS = re.compile(r"[\s“”\"'‘’「」『』（）()·、，,：:]")
_NOUN = re.compile(FUNDING_NOUN, re.I)
_MIN_CORE = 3  # "AI" alone is in many names: too little of a name to back a claim by


def _bare(text: str) -> str:
    return _MARKS.sub("", normalize(text))


# A place said without its level ("深圳模型券" for 深圳市模型券): the level word is no part of what tells programs apart.
_LEVEL = re.compile(r"(?<=[\u4e00-\u9fff])[省市](?=[\u4e00-\u9fff])")


def _core(text: str) -> str:
    return _LEVEL.sub("", _NOUN.sub("", _bare(text)))


def quoted_programs_not_in_sources(question: str, catalogue: Catalogue) -> list[str]:
    """Programs the client names in quotes ("听说有个“AI赋能包专项补贴”") that no catalogue entry carries; a catalogued
    program named loosely ("“n+x改造补贴”" for 天台县…“N+X”改造补助) is backed (review18: said missing, then quoted)."""
    names = [_bare(p.name) + "|" + _bare(p.name_en) for p in catalogue.funding]
    cores = [_core(p.name) + "|" + _core(p.name_en) for p in catalogue.funding]
    found = []
    for match in _QUOTED.finditer(question):
        name = (match.group(1) or match.group(2)).strip()
        if _GENERIC.match(name):
            continue  # "“两券”能一起用吗": the vouchers just discussed, not a program's name
        # Script-blind: "「AI轉型津貼」" names a program as "“AI转型津贴”" does.
        bare, core = _bare(name), _core(name)
        backed = any(bare in known for known in names) or (
            len(core) >= _MIN_CORE and any(core in known for known in cores)
        )
        if _PROGRAM_WORDS.search(normalize(name)) and not backed:
            found.append(name)
    return found


# A claim the owner relays ("听说", "朋友说", "网上说", "heard that") or a per-firm promise ("每家补10万", "each
# company gets") is an assertion to check, quoted or not (§7): "国家人工智能+专项补贴，每家10万，12月15号截止".
_RELAYED = re.compile(
    # Cantonese relays its claims with 讲 ("聽講", "有人講", "朋友話"): normalised to simplified here.
    r"听说|据说|听人说|朋友说|有人说|网上说|群里说|群里有人|传言|传闻|新闻说|刷到|看到.{0,6}说|"
    r"听讲|听闻|有人讲|朋友讲|网上讲|朋友话|有人话|"
    r"\bheard\b|\bsomeone (?:said|told)\b|\brumou?r|\bapparently\b|\bi read (?:that|about)\b|\bi saw a post\b",
    re.I,
)
_PER_FIRM_PROMISE = re.compile(
    r"每(?:家|个企业|家企业|户|个店|店|个公司|间公司|间|间铺)(?:都|直接|能|可以|可)?(?:补|给|发|拿|领|有|攞)?\s*\d|"
    r"直接补\s*\d|"
    r"\beach (?:company|firm|business|sme)\b.{0,20}\d|\bevery (?:company|firm|sme)\b.{0,20}\d",
    re.I,
)
# A tax or finance instrument is claimed like a grant ("听说有个增值税留抵退税", "a tax credit for AI"): the
# catalogue holds some under their own names (研发费用税前加计扣除), checked by `known` like any other.
_CLAIMED_NAME = re.compile(
    r"[\u4e00-\u9fffa-z0-9+＋·]{2,24}?(?:专项补贴|专项资金|专项|补贴|补助|资助|奖励|奖补|津贴|贴息|基金|券|计划|"
    r"退税|减税|免税|抵税|扣除|抵扣|抵减|减免|(?<!免息)(?<!贴息)贷(?!款))"
    r"|\b(?:an?|the) ([a-z0-9 +&'-]{3,40}? (?:grant|subsidy|voucher|fund|scheme|tax credit|tax break|tax rebate|"
    r"rebate|deduction|tax relief|exemption))\b"
)
# What comes before the name in a relayed claim: "听说国家出了个…", "朋友说长沙有个…".
# Cantonese says 咗 for 了 and 话/讲 for 说 ("有朋友话中央出咗个AI消费券").
_LEAD_IN = re.compile(
    r"^.*(?:听说|据说|说|话|讲|有个|有一个|出了个|出了一个|出咗个|推出[了咗]?|[了咗]个|有|\d[万元]?的)"
)
# "听说用AI能领补贴": a clause saying what one can get, not a program's name ("AI赋能券" keeps its 赋能).
_A_CLAUSE = re.compile(r"(?<!赋)能(?:领|拿|申请|申领|享受|获得)|可以(?:领|拿|申请)|领到|拿到")
# "…，我们买设备的进项能加计抵减吗": the client's own question after the claim; no program's name starts with "we".
_OWN_CLAUSE = re.compile(r"^(?:我们|我们的|我|我的|咱们|我司|本公司|俺们)")
_NOT_A_NAME = re.compile(
    r"^(?:这个|那个|这些|那些|什么|哪些|有没有|我们|政府|国家的?|有|的)?(?:补贴|补助|资助|奖励|券|专项)$"
)


def relayed_programs_not_in_sources(
    question: str, catalogue: Catalogue, known: Callable[[str], bool]
) -> list[str]:
    """Program names in a relayed claim or a per-firm promise that no catalogue entry backs.

    `known(sentence)`: whether the sentence names a catalogued program (by name, or place + kind).
    """
    norm = normalize(question)
    if not (_RELAYED.search(norm) or _PER_FIRM_PROMISE.search(norm)):
        return []
    found = []
    for sentence in sentences(norm, semicolon=False):
        for match in _CLAIMED_NAME.finditer(sentence):
            name = (match.group(1) or _LEAD_IN.sub("", match.group(0))).strip(" '\"")
            name = re.sub(
                r"^(?:[一这那]?[个种项张批]|的)+", "", name
            )  # "推出了一种模型券": the voucher, not "一种…"
            if (
                len(name) < 4
                or _NOT_A_NAME.match(name)
                or _A_CLAUSE.search(name)
                or _OWN_CLAUSE.match(name)
                or known(name)
                or _subject_held(name, catalogue)
            ):
                continue
            found.append(_as_typed(name, question))
    return list(dict.fromkeys(found))


def _subject_held(claim: str, catalogue: Catalogue) -> bool:
    """The claim relays what a catalogued tax or loan program does, by its subject ("听说买设备的钱可以一次性扣除" is
    the one-off equipment deduction): held, so it is judged, never "not in my sources" (held-out: the deduction
    was answered as a rumour)."""
    return any(instrument_named(p.name, claim) for p in catalogue.funding if p.type in RAISED_ONLY)


def _as_typed(name: str, question: str) -> str:
    """An English name in the client's own capitals ("China SME AI Software Rebate"), not lower-cased."""
    if not name.isascii():
        return name
    typed = re.search(re.escape(name).replace(r"\ ", r"\s+"), question, re.I)
    return typed.group(0) if typed else name


# "the Yangtze River Delta compute pass", "the Greater Bay Area digital voucher": a proper name, then the kind in
# lower case (English names are rarely typed in title case whole).
_PROPER_THEN_KIND = re.compile(
    r"\bthe ((?:[A-Z][A-Za-z'-]+\s+){1,5}(?:[a-z][a-z-]*\s+){0,2}"
    r"(?:voucher|grant|subsidy|fund|scheme|programme|program|award|rebate|allowance|pass|card|coupon)s?)\b"
)
# Capitalised words that are no place: a sentence's first word is not after "the", but these are.
_NOT_PROPER = frozenset(
    {"ai", "sme", "smes", "it", "llm", "gpu", "api", "china", "chinese", "national", "state"}
)
# "the Guangdong AI Empowerment Voucher", "Shenzhen Model Voucher": a program named in title case.
_TITLED = re.compile(
    r"\b((?:[A-Z][A-Za-z0-9+&'-]*\s+){1,6}(?:Voucher|Grant|Subsidy|Fund|Scheme|Programme|Program|Award|Rebate|Allowance)s?)\b"
)
_WORD = re.compile(r"[a-z0-9]+")
# Words that say "a program" without naming one: what is left must be in one catalogue name.
_FILLER = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "s",
        "program",
        "programme",
        "scheme",
        "fund",
        "grant",
        "subsidy",
        "award",
        "rebate",
    }
)


def titled_programs_not_in_sources(question: str, catalogue: Catalogue) -> list[str]:
    """English program names whose every word no single catalogue name carries ("AI Empowerment Voucher").

    A name backs the claim only where its program could be the one meant: a Beijing firm's "AI Pioneer Fund"
    is not Shenzhen's "…(AI pioneer city measures)" voucher, whose words hold "ai pioneer" (a local program of
    another place than the one the question names is no match)."""
    said = set(_WORD.findall(question.lower()))
    places = [_place_words(p) for p in catalogue.funding]
    named_places = set().union(*places) & said
    names = [set(_WORD.findall(f"{p.name_en} {p.id.replace('-', ' ')}".lower())) for p in catalogue.funding]
    catalogue_places = set().union(*places)
    mixed = [
        m
        for m in _PROPER_THEN_KIND.finditer(question)
        # "the Chengdu model-use subsidy" is a catalogue place's program in the owner's words (place_vouchers.py
        # and the name matcher judge it); "the Yangtze River Delta compute pass" names a place the sources lack.
        if not {w.lower() for w in re.findall(r"\b[A-Z][A-Za-z'-]+", m.group(1))}
        & (catalogue_places | _NOT_PROPER)
    ]
    found = []
    for match in [*_TITLED.finditer(question), *mixed]:
        name = match.group(1).strip()
        words = set(_WORD.findall(name.lower())) - _FILLER
        backed = any(
            words <= known and (not own or not named_places or bool(own & named_places))
            for known, own in zip(names, places, strict=True)
        )
        if words and not backed:
            found.append(name)
    return list(dict.fromkeys(found))


def _place_words(program: FundingProgram) -> set[str]:
    """The English words of a local program's place ("shenzhen", "guangdong"); none for a national one."""
    region = program.region
    if not region.province:
        return set()
    # "Xi'an" gives "an", a word of any sentence: only words long enough to be a place's own count
    return {w for w in _WORD.findall(region.label_en.lower()) if len(w) >= 4 and w not in _PLACE_FILLER}


_PLACE_FILLER = frozenset({"city", "district", "county", "area", "zone", "province", "region", "special"})


# A claim about a national program ("国家出了个AI补贴券", "a national AI voucher", "中央出咗个…"): whatever the
# language, the answer says what the sources do hold at that level, so "not in my sources" is not all it hears.
_NATIONAL = re.compile(
    r"国家|中央|全国|国务院|\bnational\b|\bnationwide\b|\bcentral government\b|\bstate council\b", re.I
)
NATIONAL_CHANNEL = "cn-sme-dx-pilot-city-2023"


def nearest_real_program(question: str, catalogue: Catalogue) -> FundingProgram | None:
    """For a claimed national program, the national channel the catalogue holds (none for a local claim)."""
    if not _NATIONAL.search(normalize(question)):
        return None
    return catalogue.program(NATIONAL_CHANNEL)


def one_name_per_claim(names: list[str], placed: Collection[str] = ()) -> list[str]:
    """Each claim once, by its shortest name: "央出咗个ai消费券" (read as a voucher) and "ai消费券" (read as a relayed
    claim) are one claim, said as "ai消费券". A name made of the issuer's place and the kind (`placed`: "Nanjing
    model voucher") wins over a bare one ("model voucher"): the place is what the sources lack."""
    kept: list[str] = []
    for name in names:
        same = next((i for i, k in enumerate(kept) if same_claim(name, k)), None)
        if same is None:
            kept.append(name)
        elif (name in placed) != (kept[same] in placed):
            kept[same] = name if name in placed else kept[same]
        elif len(normalize(name)) < len(normalize(kept[same])):
            kept[same] = name
    return kept


def same_claim(name: str, other: str) -> bool:
    """Two names found for one claim ("小企业的ai补贴券" quoted as a voucher, "给中小企业的ai补贴" as a relayed
    claim): most of the shorter one is in the other ("重庆算力券" and "贵阳算力券" are two)."""
    a, b = sorted((normalize(name), normalize(other)), key=len)
    needed = max(3, round(0.8 * len(a)))
    return any(a[i : i + needed] in b for i in range(len(a) - needed + 1))


# A program named by a foreign place ("EU AI voucher", "新加坡那个PSG生产力补贴", "日本IT导入补助金"): no catalogue
# program is issued abroad, so whatever the name it is not in the sources (review9 r9-43 got the Ningbo pilot
# instead, as if it were the answer). Hong Kong, Macau and Taiwan are the gazetteer's own places, not foreign.
# The gazetteer holds countries and cities; unions of countries are named here.
_UNIONS = re.compile(r"\b(?:EU|E\.U\.|European Union|European|ASEAN)\b|欧盟|欧洲|东盟")
_FOREIGN_NOUN_ZH = re.compile(rf"(?:补助金|{FUNDING_NOUN_ZH}|基金|计划)")
_FOREIGN_NOUN_EN = re.compile(
    r"\b(?:vouchers?|grants?|subsid(?:y|ies)|funds?|schemes?|programmes?|programs?|tax credits?|rebates?)\b",
    re.I,
)
# Between the place and the program noun: the program's own words, never the client or their plan
# ("新加坡公司能申请深圳的模型券吗" is a Singapore firm asking about Shenzhen's voucher).
_NOT_A_NAME_GAP = re.compile(
    r"公司|工厂|厂|店|我们|注册|申请|能|可以|用|拿|领|"
    r"\b(?:company|firm|factory|business|we|our|us|registered|apply|get|use|can|could|for|in|from)\b",
    re.I,
)
_DEMONSTRATIVE = re.compile(r"那个|这个|那种|这种|嗰个|呢个|(?:那边|那里|嗰边)有?")


def foreign_programs_not_in_sources(
    question: str, foreign_place: Callable[[str], str | None], known: Callable[[str], bool]
) -> list[str]:
    """Programs named by a foreign place or union, in either language, that no catalogue entry carries.

    `foreign_place(text)`: the foreign place `text` names when it names none in China (the gazetteer's
    `foreign`); `known(name)`: whether the name is a catalogued program's after all.
    """
    found = [*_foreign_names(normalize_cased(question), _FOREIGN_NOUN_ZH, 14, foreign_place)]
    found += _foreign_names(question, _FOREIGN_NOUN_EN, 40, foreign_place)
    return list(dict.fromkeys(name for name in found if not known(name)))


def _foreign_names(
    text: str, noun: re.Pattern[str], reach: int, foreign_place: Callable[[str], str | None]
) -> list[str]:
    names = []
    for match in noun.finditer(text):
        before = text[max(0, match.start() - reach) : match.start()]
        before = mark(colon=True).split(before)[-1]  # the clause the noun is in
        place = _union(before) or foreign_place(before)
        if not place:
            continue
        at = before.rfind(place) if place in before else before.lower().rfind(place.lower())
        gap = before[at + len(place) :]
        if at < 0 or _NOT_A_NAME_GAP.search(gap) or noun.search(gap):  # a noun in the gap ended the name
            continue
        name = re.sub(r"[的嘅]", "", _DEMONSTRATIVE.sub("", before[at:] + match.group(0)), count=1).strip()
        names.append(re.sub(r"\s+", " ", name))
    return names


def _union(text: str) -> str | None:
    """The union of countries named last in the clause, nearest the noun ("EU AI voucher")."""
    unions = _UNIONS.findall(text)
    return unions[-1] if unions else None
