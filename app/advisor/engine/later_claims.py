"""A program whose later claims have their own cap, read for the claim the client is at (advice_rules §5: caps as
published). 贵州上云券 pays "首次领取最高5万元，第二次及以后每次最高3万元": a firm that says it already claimed it once,
or asks about its second claim, is quoted the 3万 cap, not the first claim's 5万 (s21 c21-10). Otherwise both caps
are said (catalogue/render.cap_phrase).
"""

from __future__ import annotations

import re

from app.advisor.engine.client_clauses import clauses
from app.advisor.engine.once_only import names_program
from app.catalogue.models import FundingProgram

# The client is at a claim after the first: "第二次申请", "再申请一次", "去年已经领过一次", "we already used it once",
# "claim it again". A claim verb must be there: "第二次创业" is no claim.
_LATER_CLAIM = re.compile(
    r"第\s*[二三四五两2-5]\s*次\s*(?:申请|申领|申报|领|用|拿)|再次?(?:申请|申领|申报|领|用)|又(?:要|想)?(?:申请|申领|领)|"
    r"(?:已经|已|之前|以前|去年|前年|上次|曾经?)[^，。；?？]{0,12}(?:申请|申领|申报|领|拿|用)(?:过|了)|"
    r"\b(?:second|third|next) (?:claim|time|application)\b|\b(?:claim|apply|use)\w* (?:for )?(?:it |them )?again\b|"
    r"\balready (?:used|claimed|received|got|had)\b",
    re.I,
)


def at_later_claim(program: FundingProgram, said: str, cased: str = "") -> FundingProgram:
    """The program with the later claims' cap in place of the first's when the client's words say they are at a
    later claim of it; else the program unchanged."""
    later = program.benefit.later_claim_cap
    if later is None or not said.strip():
        return program
    text = cased or said
    if not any(_LATER_CLAIM.search(clause) for _, clause in clauses(text)) or not names_program(
        program, text
    ):
        return program
    rates = [
        rate.model_copy(update={"cap": min(rate.cap, later)}) if rate.cap is not None else rate
        for rate in program.benefit.special_rates
    ]
    benefit = program.benefit.model_copy(
        update={"cap": later, "later_claim_cap": None, "cap_period": "later_claim", "special_rates": rates}
    )
    return program.model_copy(update={"benefit": benefit})
