"""Which catalogued programs a message names, the way owners name them: in part, without the place.

Owners rarely type a program's catalogue name. After an answer that listed "郑州市人工智能场景应用创新项目支持"
they ask "那场景应用创新项目呢？"; "武汉市人工智能OPC数据产品使用补助" becomes "数据产品使用补助", the Hong
Kong "Technology Voucher Programme" becomes "TVP". A program is named when the message holds a long enough
stretch of its name that no more than two programs share (so "人工智能" or "数字化转型城市试点" names none), or
an acronym or a part of its name given in brackets ("TVP"), or its whole short name. Owners also drop a word
of the name: "研发费用加计扣除" is "研发费用税前加计扣除", "高新企业的所得税" the "高新技术企业…企业所得税",
"the R&D super deduction" the "R&D expense super-deduction": the name's pieces in its own order, close
together in the message, name it when they are as long and as distinctive as a stretch (names_in_order.py). An
English name is read by its words (english_names.py).

A stretch that names a local program counts only where the program could be the one meant: the client is
there, has not said where they are, or the message names the program's place ("人工智能算力券" from a Hangzhou
firm is Hangzhou's compute voucher, not Beijing's). A voucher kind alone ("那语料券呢？", "训力券能打包票吗")
names that kind of voucher of the place the message names, else of the client's own place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from app.advisor.engine.english_names import WORD, EnglishNames
from app.advisor.engine.kind_names import in_named_place, of_kind_named, provinces_own_first
from app.advisor.engine.names_in_order import han_pieces_in_order, holds_in_order
from app.advisor.engine.pilot_names import PilotNames
from app.advisor.engine.voucher_mentions import voucher_kinds
from app.advisor.understand.gazetteer import Place
from app.catalogue.models import FundingProgram
from app.text.normalize import normalize

_BRACKET = re.compile(r"[（(]([^（）()]*)[）)]")
_PART_SEPARATOR = re.compile(r"[，,、;；]")
_ACRONYM = re.compile(r"^[A-Za-z]{2,8}$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_STRETCH = 6  # Han characters of a name a message must repeat: "行业应用资助", "使用模型补贴"
# Han characters of a voucher's name without its place that, said whole, name it (科技券, 智能券).
MIN_CORE = 3
# A scope said before a short voucher name: the national one, which a local voucher of that name is not.
_NATIONAL_BEFORE = re.compile(r"国家|全国|中央|national|central government", re.I)
MAX_SHARING = 2  # a stretch more programs share is generic ("人工智能算力", "中小企业数字化")
MIN_WORDS = 2  # an English part is a phrase ("technology voucher programme"), not one word


# Asking what two programs give together: the pair, not only the one named.
_COMBINED = re.compile(
    r"两(?:个|张|项|种)?(?:券|补贴|政策)|加起来|合起来|加在一起|叠加|叠一起|一起(?:用|拿|申请|领|报)|合计|"
    r"\bcombined\b|\btogether\b|\bboth\b|\bstack",
    re.IGNORECASE,
)


def _short(name: str) -> str:
    return normalize(_BRACKET.sub("", name)).strip()


def _without_place(name: str, program: FundingProgram) -> str:
    """The name after its leading place ("郑州市人工智能…" -> "人工智能…"), as an owner who is there says it."""
    region = program.region
    for place in (region.district, region.city, region.province):
        if not place:
            continue
        for form in (place, place.rstrip("市省区县"), "香港", "hong kong"):
            if form and name.startswith(normalize(form)):
                return name[len(normalize(form)) :].lstrip(" 市省")
    return name


def _bracketed_parts(name: str) -> list[str]:
    """ "香港科技券（Technology Voucher Programme，TVP）" -> ["technology voucher programme", "tvp"]."""
    parts = []
    for inside in _BRACKET.findall(name):
        for part in _PART_SEPARATOR.split(normalize(inside)):
            part = part.strip()
            if _ACRONYM.match(part):
                parts.append(part)  # an acronym; years and editions ("2025年") are no name
            elif not _HAN.search(part) and len(part.split()) >= MIN_WORDS:
                parts.append(part)
    return parts


def _runs(text: str, length: int) -> frozenset[str]:
    """Every `length` characters in a row of `text`."""
    return frozenset(text[i : i + length] for i in range(len(text) - length + 1))


def _written_at(text: str, program: FundingProgram) -> int:
    """Where `text` writes the program's full name; after everything when it does not."""
    at = text.find(normalize(program.name))
    return at if at >= 0 else len(text)


class ProgramNames:
    def __init__(self, programs: Iterable[FundingProgram]) -> None:
        self.programs = list(programs)
        self._names = [normalize(p.name) for p in self.programs]
        self._cores = [_without_place(_short(p.name), p) for p in self.programs]
        # What a message must share with a name before it can repeat a stretch of it (MIN_STRETCH characters in
        # a row) or its pieces in order (each piece two characters or more): most messages share neither with
        # most names, and these set checks spare the character-by-character search (named_in runs every turn).
        self._core_runs = [_runs(core, MIN_STRETCH) for core in self._cores]
        self._core_pairs = [_runs(core, 2) for core in self._cores]
        self._english = EnglishNames([_short(p.name_en) for p in self.programs], MAX_SHARING)
        self._shorts = [{_short(p.name), _short(p.name_en)} for p in self.programs]
        self._pilots = PilotNames(self.programs)
        self._aliases = [
            [re.compile(rf"(?<![a-z]){re.escape(part)}(?![a-z])") for part in _bracketed_parts(p.name)]
            for p in self.programs
        ]

    def named_in(
        self, text: str, province: str | None = None, city: str | None = None, places: Sequence[Place] = ()
    ) -> list[FundingProgram]:
        """The programs the message names, for a client at province/city; `places`: the places the text names."""
        norm = normalize(text)
        kinds = voucher_kinds(norm, english=True)
        where = list(places) or ([Place(province, city)] if province else [])
        # The message's words, read once for every program (an English name needs a few of them, so a message
        # with fewer is matched by its Han characters alone).
        words = WORD.findall(norm)
        runs, pairs = _runs(norm, MIN_STRETCH), _runs(norm, 2)
        found: list[FundingProgram] = []
        by_kind: list[FundingProgram] = []
        for i, program in enumerate(self.programs):
            whole = any(len(short) >= 4 and short in norm for short in self._shorts[i])
            by_alias = any(alias.search(norm) for alias in self._aliases[i])
            shares = not self._core_pairs[i].isdisjoint(pairs)
            in_name = self._english.may_name(i, words)
            stretch = (
                (not self._core_runs[i].isdisjoint(runs) and self._stretch(self._cores[i], norm))
                or self._whole_core(i, norm)
                or (in_name and self._english.run(i, words))
                or self._in_order(i, norm if shares else "", words if in_name else [])
            )
            if whole or by_alias or (stretch and self._could_mean(program, norm, where)):
                found.append(program)
            elif of_kind_named(program, self._names[i], kinds) and in_named_place(program, where):
                by_kind.append(program)  # its kind and place said (kind_names.py)
        kept = found + provinces_own_first(by_kind, where)
        found = [p for p in self.programs if p in kept]  # in the catalogue's order, as before
        # "南京试点还能申请吗": a pilot is named by its place and the word 试点, never by its catalogue name.
        return found + [p for p in self._pilots.named_in(norm) if p not in found]

    def listed_in(self, answer: str) -> list[FundingProgram]:
        """The programs an earlier answer lists, in its order: what "这些补贴", "第二个" refer to when a client
        resends the chat instead of keeping a session.

        Each list line ("- ✅ 成都市算力券：…") names the program whose everyday name (either language) it shows
        first; editions sharing that name ("成都市算力券" of 2023 and of 2025) are told apart by a full name on
        the line, else taken in the order the answer writes their full names, one per line.
        """
        text = normalize(answer)
        found: list[FundingProgram] = []
        for line in (line for line in text.split("\n") if line.startswith("- ")):
            named = [
                (line.find(short), i)
                for i in range(len(self.programs))
                for short in self._shorts[i]
                if len(short) >= 4 and short in line
            ]
            if not named:
                continue
            first = min(at for at, _ in named)
            editions = [self.programs[i] for at, i in named if at == first]
            whole = [p for p in editions if normalize(p.name) in line]
            left = [p for p in editions if p not in found]
            pick = whole[:1] or sorted(left, key=lambda p: _written_at(text, p))[:1]
            found += [p for p in pick if p not in found]
        return found

    @staticmethod
    def everyday_name(program: FundingProgram) -> str:
        """The name without its edition in brackets: each year's 成都市算力券 reads the same."""
        return _short(program.name)

    def by_ids(self, ids: Sequence[str]) -> list[FundingProgram]:
        """The catalogued programs with these ids, in that order (one removed meanwhile is skipped)."""
        known = {p.id: p for p in self.programs}
        return [known[i] for i in ids if i in known]

    def stretches(self, text: str) -> list[str]:
        """Stretches of program names a normalised text repeats (any program's: they name funding, not a need)."""
        runs, names = _runs(text, MIN_STRETCH), zip(self._cores, self._core_runs, strict=True)
        return [s for core, own in names if not own.isdisjoint(runs) and (s := self._stretch(core, text))]

    def with_partners(self, named: list[FundingProgram], text: str) -> list[FundingProgram]:
        """A question about combining ("两个券加起来最多能拿多少", "both vouchers together") keeps each named
        program's stacking partners: naming one of the pair still asks about both (review6 c33 lost 杭州算力券)."""
        if not named or not _COMBINED.search(normalize(text)):
            return named
        ids = {p.id for p in named}
        partners = [
            p
            for p in self.programs
            if p.id not in ids
            and any(
                p.id in n.benefit.stacking.stackable_with or n.id in p.benefit.stacking.stackable_with
                for n in named
            )
            and any(p.region.covers(n.region.province, n.region.city) for n in named if n.region.province)
        ]
        return [*named, *partners]

    def _stretch(self, core: str, text: str) -> str | None:
        """The longest stretch of the name the text repeats, when it is long and distinctive enough."""
        best = ""
        for start in range(len(core)):
            end = start + max(len(best), MIN_STRETCH - 1) + 1
            while end <= len(core) and core[start:end] in text:
                best, end = core[start:end], end + 1
        if len(_HAN.findall(best)) < MIN_STRETCH:
            return None
        sharing = sum(best in name for name in self._names)
        return best if sharing <= MAX_SHARING else None

    def _whole_core(self, i: int, text: str) -> str | None:
        """A voucher's own short name said whole, which no other program's name holds: "科技券" is Hong Kong's
        科技券 (TVP) and "智能券" Hangzhou's, though three characters are too few for a stretch of a longer name.
        Only a voucher's: its name is a proper noun, where "企业算力补贴" is also what any subsidy is called."""
        core = self._cores[i]
        if len(_HAN.findall(core)) < MIN_CORE or not core.endswith("券") or core not in text:
            return None
        if self.programs[i].region.province and _NATIONAL_BEFORE.search(text[: text.find(core)][-8:]):
            return None  # "国家那个智能券" claims a national voucher, not Hangzhou's (rules §7: say it is not held)
        return core if sum(core in name for name in self._names) == 1 else None

    def _in_order(self, i: int, text: str, message_words: Sequence[str]) -> str | None:
        """The name's pieces in order with a word of it left out ("研发费用加计扣除", "R&D super deduction"),
        when no other program's name holds those pieces in that order: a gapped match is a weaker sign than a
        stretch, so "数字化…改造补助" (in two pilots' names) names neither."""
        pieces = han_pieces_in_order(self._cores[i], text)
        if pieces:
            sharing = sum(holds_in_order(name, pieces) for name in self._names)
            return "…".join(pieces) if sharing == 1 else None
        return self._english.in_order(i, message_words)

    @staticmethod
    def _could_mean(program: FundingProgram, text: str, where: Sequence[Place]) -> bool:
        """A name's stretch or pieces name a program of the client's place, or of a place the text names: the
        places the message itself names count before any profile is saved ("长春数字化转型试点的改造补助" in a
        first message named 武汉's and 无锡's pilots, whose names hold "数字化转型…试点…改造")."""
        region = program.region
        if region.province is None or not where:
            return True
        named_here = any(
            place and normalize(place.rstrip("市省")) in text for place in (region.city, region.province)
        )
        return named_here or any(region.covers(p.province, p.city) for p in where)
