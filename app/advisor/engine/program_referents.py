"""Which programs a follow-up means: those the previous answer showed, however briefly it names them again.

After an answer that listed 成都市算力券 (2025), a pilot and an award, "算力券和试点能叠加吗" is about that
voucher and that pilot, not about every catalogued 成都市算力券 (the 2023 one shares the everyday name) nor
about a pilot the answer never showed (review7 rev7-s4-3). So, against the programs shown (in the order the
answer listed them) and the ones the previous turn asked about:

- an everyday name several named programs share ("成都市算力券", each year's edition) is one program: the one
  whose edition the message repeats ("2023年那个"), else the first shown; all of them only when the message
  speaks of several ("两个算力券", "both");
- a kind of program the message names without a name ("试点", "贴息", "奖励", "the pilot") is the first shown
  program of that kind;
- an ordinal ("第二个补贴", "the second program") is the program listed at that place;
- "那个券", "这项补贴", "that voucher" with no name is what the previous turn asked about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.catalogue.models import ApplicationMechanism, FundingProgram
from app.catalogue.taxonomy import FundingType
from app.text.normalize import normalize

_I = re.IGNORECASE
# The message speaks of several programs of one name or kind: all of them are meant.
_SEVERAL = re.compile(
    r"两个|两张|两项|几个|这些|那些|所有|全部|各个|\bboth\b|\ball\b|\bthose\b|\bthese\b", _I
)
# Kinds owners name instead of a program: each picks the first shown program of the kind.
_KINDS: list[tuple[re.Pattern[str], Callable[[FundingProgram], bool]]] = [
    (
        re.compile(r"试点|\bpilot", _I),
        lambda p: p.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city,
    ),
    (re.compile(r"贴息|interest subsid", _I), lambda p: p.type is FundingType.loan_interest_subsidy),
    (
        re.compile(r"奖励|奖补|\baward", _I),
        lambda p: p.how_to_apply.mechanism is ApplicationMechanism.competitive_selection,
    ),
]
_ORDINALS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "1": 0, "2": 1, "3": 2, "4": 3, "5": 4}
_EN_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4}
_EN_ORDINALS |= {"1st": 0, "2nd": 1, "3rd": 2, "4th": 3, "5th": 4}
_EN_PROGRAM = r"(?:one|program(?:me)?|voucher|subsidy|scheme|grant)"
# "第二个补贴", "第二项能补多少" (not "第二个方案", "第一年"), "the second program", "that second one", "the 2nd one",
# "number two" (an owner points at the list the way they read it: any determiner or none).
_ORDINAL = re.compile(
    r"第([一二三四五1-5])(?:个|项|张|条)(?!方案|月|年|季|工位|门店|店|人)|"
    rf"\b(?:the|that|this)?\s*(first|second|third|fourth|fifth|[1-5](?:st|nd|rd|th)) {_EN_PROGRAM}\b|"
    r"\b(?:number|no\.?|#)\s*([1-5])\b(?!\s*(?:staff|people|employees|years?|months?|%))",
    _I,
)
_LAST = re.compile(rf"最后(?:一|那)(?:个|项|张)(?!方案)|\b(?:the|that) last {_EN_PROGRAM}\b", _I)
# A program pointed back at by a funding noun with no name: the one the previous turn asked about.
_THAT_ONE = re.compile(
    r"(?:这|那|该)(?:个|项|张)?(?:券|补贴|补助|政策|项目)|"
    r"\b(?:that|this|the same) (?:voucher|program(?:me)?|subsidy|scheme)\b",
    _I,
)


def _edition(program: FundingProgram) -> str:
    """What tells a program from others of its everyday name: the bracketed part ("2023年算力产业专项政策")."""
    inside = re.findall(r"[（(]([^（）()]*)[）)]", program.name)
    return normalize(inside[-1]) if inside else ""


def _years(text: str) -> set[str]:
    return set(re.findall(r"20\d\d", text))


def referred_programs(
    text: str,
    named: Sequence[FundingProgram],
    shown: Sequence[FundingProgram],
    asked: Sequence[FundingProgram],
    everyday_name: Callable[[FundingProgram], str],
    elsewhere: bool = False,
) -> list[FundingProgram]:
    """The programs the message means, given those it `named` (ProgramNames.named_in) and the conversation.

    `shown`: the programs the previous answer listed, in its order; `asked`: those the previous turn asked about;
    `everyday_name`: a program's name without its edition; `elsewhere`: the message names another place than
    the client's ("那苏州的试点呢"), so a kind, an ordinal or "那个" is not one of the programs shown here.
    With nothing shown, `named` is returned as it is.
    """
    norm = normalize(text)
    several = bool(_SEVERAL.search(norm))
    order = {p.id: n for n, p in enumerate(shown)}
    found = list(named)
    if shown and not several:
        found = _one_per_name(found, norm, order, everyday_name)
    ids = {p.id for p in found}
    if elsewhere:
        return found
    for pattern, of_kind in _KINDS if shown else []:
        if pattern.search(norm) and not any(of_kind(p) for p in found):
            kind = [p for p in shown if of_kind(p) and p.id not in ids]
            found += kind if several else kind[:1]
            ids |= {p.id for p in kind}
    if not found and shown and (place := _ordinal(norm)) is not None and place < len(shown):
        found = [shown[place]]
    if not found and asked and _THAT_ONE.search(norm):
        found = list(asked)
    return found


def _one_per_name(
    named: list[FundingProgram],
    text: str,
    order: dict[str, int],
    everyday_name: Callable[[FundingProgram], str],
) -> list[FundingProgram]:
    """Programs sharing an everyday name count once: the edition the text names, else the first shown."""
    groups: dict[str, list[FundingProgram]] = {}
    for program in named:
        groups.setdefault(everyday_name(program), []).append(program)
    kept = []
    for group in groups.values():
        if len(group) == 1:
            kept += group
            continue
        said = [p for p in group if _years(_edition(p)) & _years(text)]
        on_show = sorted((p for p in group if p.id in order), key=lambda p: order[p.id])
        kept += said[:1] or on_show[:1] or group
    return [p for p in named if p in kept]


def _ordinal(text: str) -> int | None:
    if _LAST.search(text):
        return -1
    match = _ORDINAL.search(text)
    if match is None:
        return None
    if match.group(1) or match.group(3):
        return _ORDINALS[match.group(1) or match.group(3)]
    return _EN_ORDINALS[match.group(2).lower()]
