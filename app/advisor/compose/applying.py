"""How to apply: each program's channel and steps, and the answer's next steps (which programs get them)."""

from __future__ import annotations

from app.advisor.contract import Lang
from app.advisor.engine.costing import CostedSolution
from app.advisor.engine.eligibility import Assessment, Verdict
from app.catalogue.english import original


def apply_steps(assessment: Assessment, language: Lang, named: bool = True) -> str:
    """Channel and steps; `named=False` where the program's name opens the line already (the details)."""
    how = assessment.program.how_to_apply
    if language == "en":
        channel = how.channel_en or original(how.channel)
        if how.steps_en:
            steps = "; ".join(f"{i}. {step}" for i, step in enumerate(how.steps_en, start=1))
        else:
            steps = original("；".join(f"{i}. {step}" for i, step in enumerate(how.steps, start=1)))
        if not named:
            return f"Channel: {channel}. Steps: {steps.rstrip('.')}."
        return f"{assessment.program.name_en} — channel: {channel}. Steps: {steps}"
    steps = "；".join(f"{i}. {step}" for i, step in enumerate(how.steps, start=1))
    if not named:
        return f"渠道：{how.channel}。步骤：{steps.rstrip('。')}。"
    return f"{assessment.program.name} — 渠道：{how.channel}。步骤：{steps}"


def to_apply(costed: list[CostedSolution], programs: list[Assessment]) -> list[Assessment]:
    """The programs whose steps an answer gives: every one that pays for the pack, and the first others
    that may apply, up to three."""
    used = {s.program_id for item in costed for s in item.subsidies}
    chosen: list[Assessment] = []
    for assessment in programs:
        if assessment.verdict is not Verdict.ineligible and (
            assessment.program.id in used or len(chosen) < 2
        ):
            chosen.append(assessment)
    return chosen[:3]


def next_steps(
    costed: list[CostedSolution], programs: list[Assessment], language: Lang, own_contracts: bool = False
) -> list[str]:
    """The contract's steps: ask vendors, apply to each program `to_apply` picks, confirm before signing.

    `own_contracts`: every line is a contract the client named; there is no vendor to ask and, signed or not,
    its papers are what a claim is filed with."""
    en = language == "en"
    return [
        first_step(language, own_contracts),
        *(apply_steps(a, language) for a in to_apply(costed, programs)),
        "Before filing, confirm the current application notice with the issuing authority."
        if en and own_contracts
        else "Before signing any contract, confirm the current application notice with the issuing authority."
        if en
        else "申报前，先向发文单位确认最新申报通知（申报时间、材料清单和认可的服务商）。"
        if own_contracts
        else "签合同前，先向发文单位确认最新申报通知（很多补贴要求先申请后采购，或限定服务商）。",
    ]


def first_step(language: Lang, own_contracts: bool = False) -> str:
    if own_contracts:
        return (
            "Keep the contract, invoices and payment records: the programs below ask for them when you file."
            if language == "en"
            else "保留好合同、发票和付款凭证，申报时都要用。"
        )
    return (
        "Ask two or three vendors for a quote on each solution and start with a small pilot."
        if language == "en"
        else "就每个方案向2—3家服务商询价，先小范围试点。"
    )
