"""How the money arrives: "算力券是服务商直接抵扣吗？还是先付钱再返？", "is it deducted by the provider or paid back later?".

The owner asks whether they pay less at the counter or pay in full and wait (advice_rules.md §2): it decides the
cash they need up front. Each program shown is answered yes or no from its `how_to_apply.mechanism`, the field the
net-cost arithmetic reads, so the answer and the arithmetic never disagree. Where the mechanism does not settle it
(a platform's voucher, a pilot's local rules, no application) the entry's own words decide, or the answer says the
text does not state it ("原文未写明") and sends the client to the issuer.
"""

from __future__ import annotations

import re

from app.advisor.compose.program_labels import short_name
from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.program_question import PAYOUT
from app.catalogue.models import ApplicationMechanism, FundingProgram
from app.text.clauses import sentences
from app.text.normalize import normalize

MAX_PROGRAMS = 3
M = ApplicationMechanism
# (zh, en): the answer to "is it deducted when we pay?" for each way the money arrives.
_BY_MECHANISM: dict[ApplicationMechanism, tuple[str, str]] = {
    M.instant_deduction: (
        "是付款时直接抵扣：领券后购买时少付，不用先垫付全款",
        "yes, deducted when you pay: with the voucher you pay the reduced price, nothing is advanced",
    ),
    M.vendor_deduction: (
        "是由服务商在售价中先行折抵：您按折后价付款",
        "yes, the provider deducts it up front: you pay the reduced price",
    ),
    M.two_step_claim: (
        "不是付款时抵扣：先全额付款，按通知申领，结算后兑付返还",
        "no, not deducted when you pay: you pay in full, claim under the notice and are paid back after settlement",
    ),
    M.post_award: (
        "不是付款时抵扣：先全额付款，审核或验收通过后事后拨付",
        "no: you pay in full first; it is paid after review or acceptance",
    ),
    M.competitive_selection: (
        "不是付款时抵扣：须申报并经评审入选，入选后才拨付，多数申报者拿不到",
        "no: it is paid only to projects selected after review, and most applicants are not",
    ),
    M.via_pilot_city: (
        "不是付款时抵扣：资金经入选试点的城市下达给进入改造名单的企业；企业是抵扣还是事后补助，原文未写明，以当地通知为准",
        "no: the money reaches firms on the retrofit list of a selected pilot city; whether a firm gets a deduction "
        "or a later grant is not stated in my sources, the local notice decides",
    ),
    M.tax_filing: (
        "不是现金补贴：在年度纳税申报时享受，减的是税，不抵扣采购价",
        "no: it is claimed in the annual tax filing and lowers the tax, not the price of a purchase",
    ),
}
# A platform's voucher or a benefit granted without application: deduction only where the entry's text says so.
_DEDUCTED = re.compile(r"抵扣|折抵|抵减|不需垫付|直接减免")
_NOT_STATED = (
    "付款时抵扣还是事后返还，原文未写明，请向发文单位确认",
    "whether it is deducted when you pay or paid back later is not stated in my sources; ask the issuing authority",
)


def _from_text(program: FundingProgram, en: bool) -> str:
    """A mechanism that does not say how the money arrives: the entry's own words about deduction, or not stated."""
    how = program.how_to_apply
    where_zh = "须在指定平台购买；" if how.mechanism is M.via_platform else "符合条件即享、无需申请；"
    where_en = (
        "bought on the designated platform only; "
        if how.mechanism is M.via_platform
        else "granted without an application; "
    )
    texts = [program.benefit.summary, program.benefit.per_firm or "", *how.steps]
    said = next((t for t in texts if _DEDUCTED.search(t)), None)
    if said is None:
        return where_en + _NOT_STATED[1] if en else where_zh + _NOT_STATED[0]
    clause = next(c for c in sentences(said) if _DEDUCTED.search(c))
    if en:
        return where_en + f"the text says it is deducted when you buy there (“{clause.strip()}”)"
    return where_zh + f"原文写明购买时抵扣（“{clause.strip()}”）"


def _one(program: FundingProgram, en: bool) -> str:
    said = _BY_MECHANISM.get(program.how_to_apply.mechanism)
    answer = (said[1] if en else said[0]) if said else _from_text(program, en)
    name = short_name(program.name_en if en else program.name)
    return f"{name}: {answer}" if en else f"{name}：{answer}"


def payout_line(programs: list[Assessment], language: Lang) -> str | None:
    """Yes or no per program shown (the ones asked about first), the open ones before those ruled out; a national
    pilot reached through the local one is that line's money, not a line of its own."""
    about = [a for a in programs if a.asked] or programs
    shown = [a for a in about if a.reached_through is None]
    open_ = [a for a in shown if a.verdict is not Verdict.ineligible] or shown
    if not open_:
        return None
    en = language == "en"
    lines = [_one(a.program, en) for a in open_[:MAX_PROGRAMS]]
    if en:
        return "How the money arrives: " + "; ".join(lines) + "."
    return "钱怎么到账：" + "；".join(lines) + "。"


def payout_lead(question: str, programs: list[Assessment], language: Lang) -> list[str]:
    """The payout line leading an answer that has no focus line of its own (a pack, a policy digest), when the
    question asks how the money arrives."""
    if not PAYOUT.search(normalize(question)):
        return []
    line = payout_line(programs, language)
    return [line] if line else []
