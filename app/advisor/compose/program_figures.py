"""Figures a client checks or asks for about a program they name: its ratio and cap, how often it may be claimed.

"Is the Xiamen compute subsidy 50%?", "深圳模型券是补一半吗？", "上限是不是100万", "成都算力券按什么比例补？上限多少？",
"科技券最多可以申請幾多次？": yes or no against the entry's own ratio and cap, or the count its text states. Never a
figure the entry does not hold: where the text publishes none, the line says so and sends the client to the issuer.
"""

from __future__ import annotations

import re

from app.advisor.compose.program_labels import short_name
from app.advisor.engine.arithmetic import ratio_is_ceiling
from app.advisor.understand.numbers import chinese_to_number, money_amounts
from app.advisor.understand.program_question import STATED_SHARE
from app.catalogue.models import FundingProgram, SpecialRate
from app.catalogue.render import cap_phrase, format_ratio


def _stated_share(norm: str) -> float | None:
    match = STATED_SHARE.search(norm)
    if match is None:
        return None
    percent, spelled, tenths = match.groups()
    if percent:
        return float(percent) / 100
    if spelled:
        value = chinese_to_number(spelled) if not spelled.isdigit() else float(spelled)
        return value / 100 if value is not None else None
    if tenths:
        value = chinese_to_number(tenths)
        return value / 10 if value is not None else None
    return 0.5  # 一半, half


def _stated_cap(norm: str) -> float | None:
    amounts = [m.value for m in money_amounts(norm) if m.marked and m.value >= 1000]
    return amounts[0] if amounts else None


def _special_rates(program: FundingProgram) -> list[SpecialRate]:
    """The other rates the text grants on stated conditions; a discretionary one ("补早补小", up to 100%) is no rate
    a client can check against (advice_rules: never used), so it is not said as one."""
    return [r for r in program.benefit.special_rates if r.ratio is not None and r.automatic]


def _rate(program: FundingProgram, en: bool) -> str:
    """The published rate, with each other rate the text gives and whom it is for ("最高30%（年申报智算合同累计
    50万元（含）以下的中小企业：50%）"): a client checking "是50%吗" hears both, not the general one alone."""
    ratio = program.benefit.ratio
    if ratio is None:
        return ""
    ceiling = ratio_is_ceiling(program, ratio)
    general = (
        f"{'up to ' if ceiling else ''}{format_ratio(ratio)}"
        if en
        else f"{'最高' if ceiling else ''}{format_ratio(ratio)}"
    )
    others = [
        f"{(r.condition_en or r.condition) if en else r.condition}: {format_ratio(r.ratio)}"
        if en
        else f"{r.condition}：{format_ratio(r.ratio)}"
        for r in _special_rates(program)
        if r.ratio is not None
    ]
    if not others:
        return general
    return f"{general} ({'; '.join(others)})" if en else f"{general}（{'；'.join(others)}）"


def _special_match(program: FundingProgram, share: float) -> SpecialRate | None:
    return next((r for r in _special_rates(program) if r.ratio and abs(r.ratio - share) < 1e-6), None)


def figure_line(program: FundingProgram, norm: str, en: bool) -> str:
    name = short_name(program.name_en if en else program.name)
    benefit = program.benefit
    rate, cap = _rate(program, en), cap_phrase(benefit, "en" if en else "zh")
    share, amount = _stated_share(norm), _stated_cap(norm)
    no_rate = "the sources give no ratio" if en else "资料没有写明补贴比例"
    per_firm = benefit.per_firm_en if en else benefit.per_firm
    if benefit.ratio is None and per_firm:
        # A tax rate or a fixed award publishes what it does, not a ratio of a purchase: that is the figure.
        return (
            f"The sources don't say: {name} has no subsidy ratio; as published, {per_firm}"
            if en
            else f"资料没有写明补贴比例：{name}按公布口径{per_firm}"
        ) + ("" if per_firm.endswith((".", "。")) else "." if en else "。")
    no_cap = "no cap is published" if en else "资料没有写明上限"
    if share is not None:
        if benefit.ratio is None:
            head = (
                f"The sources don't say: {no_rate} for {name}"
                if en
                else f"资料没有写明：{name}原文没有公开补贴比例"
            )
        elif abs(benefit.ratio - share) < 1e-6:
            head = f"Yes: {name} pays {rate}" if en else f"是：{name}按{rate}补贴"
        elif (special := _special_match(program, share)) is not None:
            whom = (special.condition_en or special.condition) if en else special.condition
            head = (
                f"Only for some: {name} pays {format_ratio(share)} only to {whom}; the general rate is {rate}"
                if en
                else f"只对部分企业：{name}对{whom}按{format_ratio(share)}，一般是{rate}"
            )
        else:
            head = (
                f"No: {name} pays {rate}, not {format_ratio(share)}"
                if en
                else f"不是：{name}是{rate}，不是{format_ratio(share)}"
            )
        tail = (
            (f", capped at {cap}" if cap else f"; {no_cap}")
            if en
            else (f"，上限{cap}" if cap else f"；{no_cap}")
        )
    elif amount is not None:
        caps = {c for c in (benefit.cap, benefit.cap_in_principle) if c is not None}
        if not caps:
            head = f"No cap is published for {name}" if en else f"资料没有写明{name}的上限"
        elif any(abs(c - amount) < 0.5 for c in caps):
            head = f"Yes: {name} is capped at {cap}" if en else f"是：{name}上限{cap}"
        else:
            head = f"No: {name} is capped at {cap}" if en else f"不是：{name}的上限是{cap}"
        tail = (
            (f"; rate {rate}" if rate else f"; {no_rate}")
            if en
            else (f"，比例{rate}" if rate else f"；{no_rate}")
        )
    else:
        head = (
            f"{name}: " + (f"rate {rate}" if rate else no_rate)
            if en
            else f"{name}：" + (f"比例{rate}" if rate else no_rate)
        )
        tail = (
            (f", capped at {cap}" if cap else f"; {no_cap}")
            if en
            else (f"，上限{cap}" if cap else f"；{no_cap}")
        )
    ask = (
        ""
        if (benefit.ratio is not None and benefit.cap is not None)
        else (" — ask the issuer" if en else "，请向发文单位确认")
    )
    return head + tail + ask + ("." if en else "。")


# ---------------------------------------------------------------- how often it may be claimed

# The entry's own words on how often: "最多获批6个项目", "只能申请一次", "每人累计最多享受3次", "up to 6 approved projects".
_TIMES_CLAUSE = re.compile(
    r"[^，。；]*?(?:\d+|[一二三四五六七八九十两])\s*(?:次|个项目|個項目)[^，。]*|"
    r"[^，。；]*(?:只能申请一次|只能申报一次|限申报一次|限申请一次|不得重复申请|不得重复申报|不予重复支持)[^，。；]*",
)
_TIMES_CLAUSE_EN = re.compile(
    r"[^,.;]*\b(?:up to|at most)\s+\d+\s+(?:approved\s+)?(?:projects|times|applications)\b[^,.;]*|"
    r"[^,.;]*\bonly once\b[^,.;]*|[^,.;]*\bonce per\b[^,.;]*",
    re.I,
)


def _program_texts(program: FundingProgram, en: bool) -> list[str]:
    benefit, rules = program.benefit, program.eligibility
    if en:
        return [benefit.summary_en or "", benefit.per_firm_en or "", *rules.requirements_en]
    return [benefit.summary, benefit.per_firm or "", *rules.requirements, *rules.special_conditions]


def times_line(program: FundingProgram, en: bool) -> str:
    name = short_name(program.name_en if en else program.name)
    pattern = _TIMES_CLAUSE_EN if en else _TIMES_CLAUSE
    said = next((m.group(0).strip() for t in _program_texts(program, en) if (m := pattern.search(t))), None)
    rate, cap = _rate(program, en), cap_phrase(program.benefit, "en" if en else "zh")
    money = (
        ", ".join(b for b in (f"rate {rate}" if rate else "", f"cap {cap}" if cap else "") if b)
        if en
        else "，".join(b for b in (f"比例{rate}" if rate else "", f"上限{cap}" if cap else "") if b)
    )
    if en:
        head = (
            f"How often: {name} — {said}"
            if said
            else f"The sources don't say how often {name} may be claimed"
        )
        return (
            head
            + (f"; {money}" if money else "; no cap is published")
            + "."
            + ("" if said else " Ask the issuer.")
        )
    head = f"申请次数：{name}{said}" if said else f"资料没有写明{name}能申请几次"
    return (
        head + (f"；{money}" if money else "；资料没有写明上限") + ("。" if said else "，请向发文单位确认。")
    )
