"""Post-generation checks: an LLM answer may only say what the engine and the sources hold.

Used at run time on every LLM answer (a failing answer is replaced by the
offline one) and by the evaluation to count invented programs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.advisor.compose.canned import NOT_IN_SOURCES
from app.advisor.llm.verdicts import promises_eligibility
from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.catalogue.models import Catalogue, FundingProgram
from app.catalogue.render import funding_text
from app.text.normalize import normalize

_VOUCHER = re.compile(r"(算力券|模型券|语料券|训力券|标注券|智能券|数据券|云使用券|算力服务券|科技券)")
_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)\s*(%|万|亿)")
_MARK = re.compile(r"\[(\d+)\]")
# Text addressed to the model rather than to a reader: in a user message it is an attack; in a
# document it must never be quoted as evidence or passed on as a passage.
_INSTRUCTION = re.compile(
    r"忽略(之前|以上|上述|前面|所有|先前)|无视(之前|以上|所有)|(系统|system)\s*(提示|prompt)|提示词|越狱|"
    r"你现在是|扮演|开发者模式|管理员(模式|身份)|不受.{0,6}限制|"
    r"ignore (all |any )?(previous|prior|above|earlier) (instructions|rules|prompts?)|disregard (the |all )?(previous|above)|"
    r"you are now|act as|developer mode|jailbreak|reveal (your|the) (prompt|instructions|system)|"
    r"(print|show|tell me|reveal|output).{0,20}(api[ _-]?key|secret|token|password|env)|"
    r"(api[ _-]?key|openai_api_key|密钥|秘钥)",
    re.IGNORECASE,
)


def looks_like_instruction(text: str) -> bool:
    return bool(_INSTRUCTION.search(normalize(text)))


# The advisor's own "X is not in my sources" sentence names X without backing it.
_NOT_FOUND = re.compile(
    rf"[^。\n]*{NOT_IN_SOURCES[0]}[^。]*。|[^.\n]*{NOT_IN_SOURCES[1]}[^.]*\.", re.IGNORECASE
)
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
    text = _NOT_FOUND.sub("", normalize(answer))
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
        if not any(name.endswith(kind) for kind in _KNOWN_TYPES) and len(name) > 1:
            unknown.append(name.lstrip("的个种"))
    return list(dict.fromkeys(unknown))


def unsupported_quantities(answer: str, context: str) -> list[str]:
    """Percentages and 万/亿 amounts in the answer that appear nowhere in the context."""
    known = {f"{float(n):g}{unit}" for n, unit in _QUANTITY.findall(normalize(context))}
    return [
        f"{n}{unit}" for n, unit in _QUANTITY.findall(normalize(answer)) if f"{float(n):g}{unit}" not in known
    ]


_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")
# A deadline claim promises as much as an eligibility one ("still open" for an expired program).
_STILL_OPEN = re.compile(r"still open|仍可申报|仍在申报期", re.IGNORECASE)


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


def _sentences_with_programs(
    answer: str, catalogue: Catalogue, places: RegionGazetteer
) -> list[tuple[str, list[FundingProgram]]]:
    """Each sentence with the programs it speaks of: those it names, else those named earlier on its line.

    A verdict line or an application step goes on after its first sentence ("…：需遴选。支持：最高20%。"),
    and the later sentences still speak of the program the line opened with.
    """
    out: list[tuple[str, list[FundingProgram]]] = []
    for line in answer.splitlines():
        current: list[FundingProgram] = []
        for sentence in _SENTENCE.findall(line):
            current = mentioned_programs(sentence, catalogue, places) or current
            out.append((sentence, current))
    return out


def unattributed_claims(
    answer: str, catalogue: Catalogue, places: RegionGazetteer, eligible_ids: set[str]
) -> list[str]:
    """Rates not tied to a program that states them, and eligibility claims for programs the engine did not clear."""
    problems = []
    for sentence, programs in _sentences_with_programs(_NOT_FOUND.sub("", answer), catalogue, places):
        for number in _PERCENT.findall(sentence):
            percent = f"{float(number):g}%"
            if not any(percent in normalize(funding_text(p)) for p in programs):
                problems.append(f"rate {percent} not attributed to a program that states it")
        # An amount next to a named program must be that program's amount (solution costs name no program).
        for number, unit in _AMOUNT.findall(normalize(sentence)) if programs else []:
            amount = f"{float(number):g}{unit}"
            if not any(amount in normalize(funding_text(p)).replace(" ", "") for p in programs):
                problems.append(f"amount {amount} not stated by {programs[0].id}")
        claims = promises_eligibility(sentence) or _STILL_OPEN.search(sentence)
        if claims and not any(p.id in eligible_ids for p in programs):
            problems.append(f"eligibility claim without an eligible program: {sentence.strip()[:40]}")
    return problems


@dataclass
class GuardReport:
    answer: str
    dropped_citations: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_answer(
    answer: str,
    *,
    allowed_citations: set[int],
    context: str,
    catalogue: Catalogue,
    places: RegionGazetteer,
    allowed_solution_ids: set[str],
    needs_citations: bool,
    secrets: tuple[str, ...] = (),
    eligible_ids: set[str] | None = None,
) -> GuardReport:
    report = GuardReport(answer)
    lowered = answer.lower()
    if any(secret and secret.lower() in lowered for secret in secrets):
        report.problems.append("reveals configuration or keys")

    def keep(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n in allowed_citations:
            return match.group(0)
        report.dropped_citations.append(n)
        return ""

    report.answer = _MARK.sub(keep, answer).strip()
    if not report.answer:
        report.problems.append("empty answer")
    if needs_citations and not _MARK.search(report.answer):
        report.problems.append("no citations")
    if invented := invented_programs(report.answer, catalogue, places):
        report.problems.append(f"programs not in the catalogue: {invented}")
    if numbers := unsupported_quantities(report.answer, context):
        report.problems.append(f"numbers not in the sources: {numbers}")
    if eligible_ids is not None:
        report.problems += unattributed_claims(report.answer, catalogue, places, eligible_ids)
    mentioned = {
        s.id
        for s in catalogue.solutions
        if s.name_zh in report.answer or s.name_en.lower() in report.answer.lower()
    }
    if extra := mentioned - allowed_solution_ids:
        report.problems.append(f"solutions the engine did not choose: {sorted(extra)}")
    return report


def load_places(knowledge_dir: Path) -> RegionGazetteer:
    from app.advisor.understand.gazetteer import regions

    return regions(knowledge_dir)
