"""What a named program is, from the catalogue: "廊坊的算力券是什么", "What exactly is the Hangzhou smart voucher?".

definitions.py answers a kind ("算力券是啥"). A question naming one catalogued program and asking what it is got a
verdict on a pack nobody asked for instead ("❌ Langfang compute voucher: not eligible — nothing in your plan is of
that kind", review14 r14-52). A consultant defines it: what it pays for, the published rate and cap, how the money
arrives, its period and who issued it, with the source, then asks what the client buys, since the verdict and
the amount wait on that. Every part is read from the catalogue entry, never more than it says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from app.advisor.compose.definitions import HOW_EN, HOW_ZH, asked_kind
from app.advisor.engine.place_vouchers import of_kind
from app.advisor.understand.divisions import Place
from app.catalogue.models import Catalogue, FundingProgram
from app.catalogue.render import cap_phrase, format_ratio
from app.catalogue.taxonomy import RELIABILITY_LABELS, SPEND_LABELS
from app.text.normalize import normalize

_FUNDING_THING_ZH = r"(?:券|补贴|补助|奖励|奖补|资助|试点|资金|项目|政策)"
# "廊坊的算力券是什么", "那个智能券到底是啥", "武汉的算力服务券是干嘛的", "天津算力券怎么回事，具体补什么"; not
# "是什么时候截止" (a date) or "是什么条件" (the conditions, answered by the verdict).
_WHAT_ZH = re.compile(
    rf"{_FUNDING_THING_ZH}\s*(?:到底|究竟|具体)?\s*(?:是|指)?\s*(?:个|一个)?\s*"
    r"(?:什么|啥|甚么|咩|乜)(?!时候|时间|条件|要求|材料|行业|企业|公司)(?:东西|意思|玩意|来的|来头)?|"
    rf"{_FUNDING_THING_ZH}\s*(?:是)?\s*(?:怎么回事|干嘛的|干什么的|做什么的)|"
    r"(?:具体|主要)?补(?:的是)?(?:什么|啥|哪些)(?!时候)|(?:介绍|讲讲|说说|解释)一?下"
)
# "what (exactly) is the Langfang compute voucher", "what's the TVP", "tell me about the Wuhan OPC voucher"; not
# "what's the maximum total" or "what is the deadline" (a figure, answered by the verdict and the date).
_WHAT_EN = re.compile(
    r"\bwhat(?:'s| is| are| exactly is| exactly are)\s+(?:exactly\s+)?"
    r"(?!(?:the\s+|a\s+|an\s+)?(?:maximum|max\b|total|rate|ratio|cap\b|deadline|difference|amount|limit|most|best|"
    r"process|procedure|status|timeline|chance))(?:the\s+|a\s+|an\s+|this\s+|that\s+)?"
    r"[\w'\"“”() -]{0,60}?\b(?:vouchers?|subsid(?:y|ies)|grants?|awards?|pilot|programme|program|scheme|fund|tvp)\b|"
    r"\b(?:tell me (?:more )?about|explain)\s+(?:the\s+)?[\w'\"“” -]{0,60}?"
    r"\b(?:vouchers?|subsid(?:y|ies)|grants?|awards?|pilot|programme|program|scheme|fund|tvp)\b",
    re.I,
)


def asks_what_it_is(text: str) -> bool:
    """The message asks what a program is or pays for (not whether, how much or by when)."""
    return bool(_WHAT_ZH.search(normalize(text)) or _WHAT_EN.search(text))


def programs_asked(
    named: list[str], text: str, catalogue: Catalogue, places: Sequence[Place]
) -> list[FundingProgram]:
    """The programs a definition question is about: those it names, else its voucher kind in the one place it
    names ("武汉的算力服务券是啥": both of 武汉's, which no single name picks out)."""
    known = {p.id: p for p in catalogue.funding}
    if named:
        return [known[i] for i in named if i in known]
    asked = asked_kind(text)
    if asked is None or len(places) != 1:
        return []
    place = places[0]
    return [
        p
        for p in catalogue.funding
        if of_kind(p, asked[1]) and p.region.province == place.province and p.region.city == place.city
    ]


def program_definitions(
    programs: list[FundingProgram],
    language: str,
    today: date,
    cite: Callable[[FundingProgram], int],
    place_known: bool = False,
) -> str:
    """Each program defined in one paragraph, then what would settle whether and how much it pays the client."""
    en = language == "en"
    lines = [_defined(p, en, today, cite(p)) for p in programs[:2]]
    where_en = "" if place_known else ", and where your company is registered"
    where_zh = "" if place_known else "、注册在哪里"
    lines.append(
        "Whether it pays your company, and how much, depends on what you buy: tell me what you plan to rent or "
        f"buy and roughly how much{where_en}, and I will check the conditions."
        if en
        else f"能不能用、能补多少，要看贵公司买什么：告诉我打算租用或采购什么、大概多少钱{where_zh}，我帮您逐条核对条件。"
    )
    return "\n\n".join(lines)


def _defined(program: FundingProgram, en: bool, today: date, mark: int) -> str:
    benefit = program.benefit
    scope = [SPEND_LABELS[k][1 if en else 0] for k in program.eligibility.spend_scope]
    how = (HOW_EN if en else HOW_ZH).get(program.how_to_apply.mechanism)
    source = RELIABILITY_LABELS[program.provenance.reliability][1 if en else 0]
    if en:
        pays = f"it pays up to {format_ratio(benefit.ratio)} of" if benefit.ratio else "it supports"
        what = f"{pays} {', '.join(scope) or 'the spending its notice names'}"
        cap = f", capped at {cap_phrase(benefit, 'en')}" if benefit.cap is not None else ""
        rate = "" if benefit.ratio else " (no per-firm rate is published)"
        parts = [f"{program.name_en} (issuer: {program.issuer_en or program.issuer}): {what}{cap}{rate}"]
        parts += [f"the money is {how}"] if how else []
        parts.append(_period(program, today, True))
        return "; ".join(parts) + f". Source: {source}. [{mark}]"
    pays = f"按最高{format_ratio(benefit.ratio)}补贴" if benefit.ratio else "支持"
    what = f"{pays}企业的{'、'.join(scope) or '通知所列'}费用"
    cap = f"，上限{cap_phrase(benefit)}" if benefit.cap is not None else ""
    rate = "" if benefit.ratio else "（单个企业的比例未公布）"
    parts = [f"{program.name}（发文单位：{program.issuer}）：{what}{cap}{rate}"]
    parts += [f"钱怎么到：{how}"] if how else []
    parts.append(_period(program, today, False))
    return "；".join(parts) + f"。来源：{source}。[{mark}]"


def _period(program: FundingProgram, today: date, en: bool) -> str:
    validity = program.validity
    closes, end = validity.application_closes, validity.application_closes or validity.effective_until
    if closes and closes < today and validity.effective_until and validity.effective_until >= today:
        return f"this round closed on {closes}" if en else f"本轮申报已于{closes}截止"
    if end and end < today:
        return f"it ended on {end}" if en else f"已于{end}结束"
    if end:
        return (
            f"it runs until {end} ({(end - today).days} days left)"
            if en
            else f"有效至{end}（还剩{(end - today).days}天）"
        )
    return (
        "no end date is published; check whether a new round is open"
        if en
        else "原文未写明有效期，请确认是否有新一批申报"
    )
