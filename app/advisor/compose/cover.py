""" "Does X cover Y?" answered first: yes, no, or the sources don't say, from what the program pays for.

"深圳那个算力券，推理也能用吗，还是只管训练？", "杭州算力券能不能用在买服务器上？", "Does the Xiamen compute
subsidy cover inference or only training?" ask about one thing the client would spend on, not for a digest of the
program's texts. The answer is read off the catalogue entry, the same facts every verdict uses:

- the kinds of spend the message names (understand/purchase_kinds, outside the program's own name) against the
  program's `spend_scope`: a server is equipment, which a compute voucher does not pay for;
- what the compute is for (engine/compute_purpose: 训练 / 推理) against the program's stated purpose condition
  (深圳训力券 pays for training only); with no such condition the text does not limit it;
- when the message names neither, the sources do not say, and the program's own sentence is quoted.

The program's quoted sentence follows the verdict, so a consultant can check it; the issuer has the last word
(the answer's disclaimer says so).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from app.advisor.compose.program_labels import short_name
from app.advisor.contract import Lang
from app.advisor.engine.compute_purpose import TRAIN, purpose_words
from app.advisor.understand.kind_words import without_programs
from app.advisor.understand.program_question import COVER_MODAL, COVERS, DEADLINE, WHAT_IT_COVERS
from app.advisor.understand.purchase_kinds import kinds_named
from app.catalogue.english import quoted
from app.catalogue.models import FundingProgram
from app.catalogue.render import cap_phrase, format_ratio
from app.catalogue.taxonomy import SPEND_LABELS, SpendKind
from app.text.funding_words import FUNDING_NOUN_ZH
from app.text.normalize import normalize

_PURPOSE_ZH = {TRAIN: "模型训练", "serve": "推理部署"}
_PURPOSE_EN = {TRAIN: "training", "serve": "inference (serving a model)"}
MAX_PROGRAMS = 3  # "训力券和模型券能不能用在…上" names two; more is a digest, not a question about one spend


def _cover_text(question: str) -> str:
    """The message without its deadline questions: "现在还能报吗" asks whether the round is still open (the date
    notes answer it), not whether the program pays for something, though 能报 is also a modal of cover."""
    return DEADLINE.sub(" ", normalize(question))


# A modal with nothing after it ("深圳训力券能用吗？", "可以用吗"): "can we use it", a question of eligibility,
# unless the message names a thing or a purpose to be paid for (then "推理也能用吗" asks about that).
_BARE_MODAL = re.compile(rf"(?:{COVER_MODAL.pattern})\s*(?:吗|么|嘛|呢|不|[？?。，,!！]|$)", re.I)


def _names_nothing(norm: str) -> bool:
    """Every modal of cover in the message stands bare (nothing it is asked of follows it)."""
    modals = list(COVER_MODAL.finditer(norm))
    return bool(modals) and len(modals) == len(list(_BARE_MODAL.finditer(norm)))


def asks_cover(question: str) -> bool:
    """A yes/no question whether a program pays for one thing ("X能不能用在Y上", "does X cover Y")."""
    norm = _cover_text(question)
    return bool(COVERS.search(norm)) and not WHAT_IT_COVERS.search(norm)


def _asks_cover_of(norm: str) -> bool:
    """The yes/no modal said of a program named without a funding noun ("城市试点能不能用在…上"): a question of
    cover only when it names what would be paid for (else "试点只限制造业吗" would hear about spend)."""
    return bool(COVER_MODAL.search(norm)) and not WHAT_IT_COVERS.search(norm)


def _asked_kinds(norm: str, purposes: dict[str, str]) -> list[SpendKind]:
    kinds = kinds_named(without_programs(norm))
    # "推理也能用吗": a purpose of compute is asked about compute, whatever word the message uses for it.
    if purposes and SpendKind.compute not in kinds:
        kinds.append(SpendKind.compute)
    return kinds


def _labels(kinds: Sequence[SpendKind], en: bool) -> str:
    return (", " if en else "、").join(SPEND_LABELS[k][1 if en else 0] for k in kinds)


def _without_names(norm: str, program: FundingProgram) -> str:
    """The message without the program's own name: "数据资产入表服务费用补贴能不能用在买服务器上" asks about servers,
    not about the data-asset services its name holds (a shortened name is cut by `without_programs`)."""
    for name in (program.name, program.name_en, short_name(program.name), short_name(program.name_en)):
        norm = norm.replace(normalize(name), " ")
    return norm


_NOT_SAID = ("资料没有写明", "The sources don't say")


def _program_line(program: FundingProgram, norm: str, en: bool) -> str | None:
    name = short_name(program.name_en if en else program.name)
    norm = _without_names(norm, program)
    scope = list(program.eligibility.spend_scope)
    purposes = purpose_words(norm)
    kinds = _asked_kinds(norm, purposes)
    if not kinds and _names_nothing(norm):
        return None  # "训力券能用吗": no thing asked of; the verdicts answer whether the client can use it
    if not kinds:
        pays = _labels(scope, en)
        return (
            f"The sources don't say: {name} pays for {pays}; whether it covers what you ask is not in the text I "
            "hold, so ask the issuer."
            if en
            else f"资料没有写明：{name}支付的是{pays}，您问的这一项原文没有提到，请向发文单位确认。"
        )
    outside = [k for k in kinds if k not in scope]
    inside = [k for k in kinds if k in scope]
    purpose_rule = next(
        (r for r in program.eligibility.stated_conditions if r.compute_purpose is not None), None
    )
    # A purpose the program does not pay compute for ("只做推理" under a training voucher) is outside too.
    barred = (
        {p: w for p, w in purposes.items() if p != purpose_rule.compute_purpose}
        if purpose_rule is not None and SpendKind.compute in inside
        else {}
    )
    pays = _labels(scope, en)
    if barred and purpose_rule is not None and purpose_rule.compute_purpose is not None:
        words = (
            ", ".join(_PURPOSE_EN[p] for p in barred) if en else "、".join(f"“{w}”" for w in barred.values())
        )
        only = _PURPOSE_EN[purpose_rule.compute_purpose] if en else _PURPOSE_ZH[purpose_rule.compute_purpose]
        other = _labels(outside, en)
        return (
            f"No, not for {words}: {name} pays only for compute used for {only} ({purpose_rule.en})"
            + (f"; nor does it pay for {other}." if other else ".")
            if en
            else f"不包括{words}：{name}只支付用于{only}的算力（{purpose_rule.zh}）"
            + (f"；{other}也不在其内。" if other else "。")
        )
    # Compute the message only implies by its purpose ("推理也能用吗") is named by that purpose, not as a kind.
    unlimited = bool(purposes) and purpose_rule is None and SpendKind.compute in inside
    yes = _labels(inside, en)
    if not outside:
        if en:
            tail = (
                ", and its text does not limit what the compute is for (training or inference)"
                if unlimited
                else ""
            )
            return f"Yes: {name} pays for {yes}{tail}."
        tail = "，原文没有限定算力只能用于训练或推理" if unlimited else ""
        return f"包括：{name}支付{yes}{tail}。"
    no = _labels(outside, en)
    if not inside:
        return (
            f"No: {name} does not cover {no}; it pays for {pays}."
            if en
            else f"不包括：{name}不支付{no}；它支付的是{pays}。"
        )
    return (
        f"Partly: {name} pays for {yes}, not for {no}."
        if en
        else f"只包括一部分：{name}支付{yes}，不支付{no}。"
    )


def cover_lines(question: str, programs: Sequence[FundingProgram], language: Lang) -> list[str]:
    """The direct answer to "does X cover Y" for each program named, each with its quoted sentence; [] when the
    message asks no such question or names no program."""
    norm = _cover_text(question)
    if not programs or len(programs) > MAX_PROGRAMS:
        return []
    strict = asks_cover(question)
    if not (strict or _asks_cover_of(norm)):
        return []
    en = language == "en"
    lines = []
    for program in programs:
        line = _program_line(program, norm, en)
        if line is None or (not strict and line.startswith(_NOT_SAID)):
            continue
        lines.append(line)
        quote = re.sub(r"\s+", " ", program.provenance.quote).strip()
        if quote:
            lines.append(f"Source {quoted(quote)}" if en else f"原文：“{quote}”")
    return lines


# "扬州有算力券吗", "有没有训力券", "Is there a compute voucher in Yangzhou?": whether the program exists, asked of a
# program the message names; the catalogue holding it is the answer, said before its texts are quoted.
_EXISTS = re.compile(
    rf"有(?:没有|冇)?[^，,。？?]{{0,14}}(?:{FUNDING_NOUN_ZH})(?:吗|么|嘛|没有|冇|未)|(?:有没有|有冇)[^，,。？?]{{0,14}}(?:{FUNDING_NOUN_ZH})|"
    r"\b(?:is there|are there|does \w+ have|do they have)\b",
    re.I,
)


def asks_existence(question: str) -> bool:
    return bool(_EXISTS.search(normalize(question)))


def existence_lines(
    question: str, programs: Sequence[FundingProgram], today: date, language: Lang
) -> list[str]:
    """ "有X吗" about programs the message names: yes, each with its published rate and cap, or that it ended."""
    if not programs or len(programs) > MAX_PROGRAMS or not asks_existence(question) or asks_cover(question):
        return []
    en = language == "en"
    lines = []
    for program in programs:
        name = short_name(program.name_en if en else program.name)
        benefit, until = program.benefit, program.validity.effective_until
        bits = [format_ratio(benefit.ratio) if benefit.ratio else "", cap_phrase(benefit, language)]
        if until and until < today and program.validity.ended(today):
            lines.append(
                f"There was: {name}, but it ended on {until}." if en else f"有过：{name}，但已于{until}结束。"
            )
        elif en:
            paid = f" (up to {bits[0]}{', cap ' + bits[1] if bits[1] else ''})" if bits[0] else ""
            lines.append(f"Yes: {name}{paid}; its conditions and how to apply are below.")
        else:
            paid = f"（最高{bits[0]}{'，上限' + bits[1] if bits[1] else ''}）" if bits[0] else ""
            lines.append(f"有：{name}{paid}，条件和申请方式见下。")
    return lines
