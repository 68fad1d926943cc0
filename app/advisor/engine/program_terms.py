"""The program's own terms behind a funding verdict (advice_rules.md §1-§3), whoever the client is.

Validity and the application window (against today), the special conditions the entry states, those it
implies without stating them (a local program open to anyone still pays for something local; a tax
benefit is claimed in the filing), and selection: each a `Condition`, so nothing is eligible by default.
"""

from __future__ import annotations

import re
from datetime import date

from app.advisor.engine.claims_window import claims_window
from app.advisor.engine.condition_words import judge
from app.advisor.engine.conditions import Condition, Reason, Status
from app.advisor.engine.purchase_terms import applies
from app.advisor.engine.purchases import Purchase
from app.advisor.engine.role_conditions import model_maker
from app.catalogue.english import original
from app.catalogue.models import ApplicationMechanism, FundingProgram, ScopeLevel


def _ended_reason(until: date) -> Reason:
    return Reason(
        f"政策已于{until}结束（如有新一期以主管部门通知为准）",
        f"ended on {until} (a new round is not a promise)",
    )


def ended_alone(conditions: list[Condition], program: FundingProgram) -> bool:
    """The program has ended and nothing else rules it out: its end date is the whole answer."""
    until = program.validity.effective_until
    unmet = [c for c in conditions if c.status is Status.unmet]
    return (
        until is not None
        and bool(unmet)
        and all(c.name == "validity" and c.reason == _ended_reason(until) for c in unmet)
    )


# The part of a validity note that tells the client the terms may have changed or may no longer be paid ("市财政局答复称
# 正在研究调整优化…，现行口径请向市数据管理局确认", "是否仍在发放需核实"): said to them, not kept as a research note
# (review17: 厦门's revision caveat never reached the answer).
_TERMS_CAVEAT = re.compile(r"正在[^；;]*(?:调整|修订|优化)|是否仍在(?:发放|受理|执行)")
_TERMS_CAVEAT_EN = re.compile(
    r"being revised|under revision|still (?:paid|issued|open|running|in force)", re.I
)
# A caveat that already says whom to ask needs no second "ask the authority".
_ASKS = re.compile(r"确认|核实|\b(?:ask|check|confirm)", re.I)


def _terms_caveat(note: str, note_en: str) -> Reason | None:
    # From the clause the caveat stands in to the end of its sentence: "…，是否仍在发放需核实" without the date
    # remarks before it, "…正在研究调整…，现行口径请向市数据管理局确认" with whom to ask.
    parts = [
        p[p.rfind("，", 0, m.start()) + 1 :]
        for p in re.split(r"[；;]", note)
        if (m := _TERMS_CAVEAT.search(p))
    ]
    if not parts:
        return None
    english = [p.strip() for p in re.split(r";", note_en) if _TERMS_CAVEAT_EN.search(p)]
    zh = "；".join(p.strip().strip("，。") for p in parts)
    en = "; ".join(
        p[p.rfind(",", 0, m.start()) + 1 :].strip()
        for p in english
        for m in [_TERMS_CAVEAT_EN.search(p)]
        if m
    )
    en = re.sub(r"^(?:so|and) ", "", en) or "the terms may have changed"
    return Reason(
        f"原文未写明有效期；{zh}" + ("" if _ASKS.search(zh) else "，申请前请向主管部门确认现行口径"),
        f"no end date published; {en}"
        + ("" if _ASKS.search(en) else ": confirm the current terms with the authority before applying"),
    )


def open_ended(program: FundingProgram) -> Reason:
    """What to say of a program with no end date, as the catalogue knows it: a tax rule and a standing programme
    have no batches to wait for; one the research says may have ended is said to (review11 r11-33, r11-34, r10-50:
    "check whether a new batch is open" of a standing rule, and of a subsidy that may be over)."""
    validity = program.validity
    if program.how_to_apply.mechanism is ApplicationMechanism.tax_filing:
        return Reason(
            "长期执行的税收政策，在纳税申报时享受，没有申报批次",
            "a standing tax rule claimed in the tax filing; there are no application rounds",
        )
    if "常设" in (validity.window_note or ""):
        return Reason("常设计划，没有截止日期", "a standing programme with no deadline")
    if validity.note and "可能已结束" in validity.note:
        return Reason(
            f"{validity.note}，请先向主管部门确认是否仍在受理",
            f"{validity.note_en or 'it may have ended'}; ask the authority whether it still takes applications",
        )
    if (caveat := _terms_caveat(validity.note or "", validity.note_en or "")) is not None:
        return caveat
    return Reason(
        "原文未写明有效期，请确认是否有新一批申报", "no end date published; check whether a new batch is open"
    )


def validity(
    program: FundingProgram, today: date, purchases: list[Purchase] | None = None, said: str = ""
) -> list[Condition]:
    validity = program.validity
    out: list[Condition] = []
    until = validity.effective_until
    if validity.claims_after_spending(today):
        return [claims_window(program, today, purchases, said)]
    if until and until < today:
        out.append(Condition("validity", Status.unmet, _ended_reason(until)))
    elif validity.effective_from and validity.effective_from > today:
        out.append(
            Condition(
                "validity",
                Status.unmet,
                Reason(
                    f"自{validity.effective_from}起施行，尚未开始", f"starts on {validity.effective_from}"
                ),
            )
        )
    elif until:
        out.append(Condition("validity", Status.met, Reason(f"有效期至{until}", f"valid until {until}")))
    else:
        out.append(
            Condition(
                "validity",
                Status.met,
                open_ended(program),
            )
        )
    closes = validity.application_closes
    if closes and closes < today and not (until and until < today):
        out.append(
            Condition(
                "window",
                Status.unmet,
                Reason(
                    f"本轮申报已于{closes}截止，下一轮时间未公布（明年可能再开，但不是承诺）",
                    f"this round closed on {closes}; the next is not announced (it may reopen, not a promise)",
                ),
            )
        )
    return out


def _implicit(program: FundingProgram) -> list[Condition]:
    """Conditions an entry implies without stating them, so that nothing is eligible by default (§1, §3)."""
    eligibility, how = program.eligibility, program.how_to_apply
    out: list[Condition] = []
    # A venue, or a stated condition on where the spend is bought, is that local condition.
    placed = eligibility.venue is not None or any(r.bought_in for r in eligibility.stated_conditions)
    if not eligibility.special_conditions and not placed:
        if not eligibility.regions and program.scope_level is not ScopeLevel.national:
            # A local program open to firms from anywhere pays for using something local (a platform, a hub).
            label = program.region.label
            out.append(
                Condition(
                    "special",
                    Status.unknown,
                    Reason(
                        f"不限注册地，但须满足{label}的使用条件（如在当地平台采购），请核实",
                        f"no registration rule, but {program.region.label_en}'s own condition applies "
                        "(e.g. buying on its platform)",
                    ),
                )
            )
        elif how.mechanism is ApplicationMechanism.via_platform:
            out.append(
                Condition(
                    "special",
                    Status.unknown,
                    Reason(
                        f"须通过指定渠道办理：{how.channel}",
                        "only through the designated channel: " + (how.channel_en or original(how.channel)),
                    ),
                )
            )
    if how.mechanism is ApplicationMechanism.tax_filing:
        # Industries are said to be excluded only where the entry lists them (研发费用加计扣除's negative list);
        # review17: "部分行业不适用" was said of the equipment deduction, which excludes none.
        excluded = bool(program.eligibility.excluded_industries)
        out.append(
            Condition(
                "special",
                Status.unknown,
                Reason(
                    f"税收优惠在年度纳税申报时享受，须符合税法条件{'（部分行业不适用）' if excluded else ''}，不是采购折扣",
                    "a tax benefit claimed in the annual filing under tax-law conditions"
                    f"{' (some industries are excluded)' if excluded else ''}, not a purchase discount",
                ),
            )
        )
    return out


def special(
    program: FundingProgram, said: str = "", purchases: list[Purchase] | None = None
) -> list[Condition]:
    """The program's own conditions, each judged from the client's words (condition_words), then the ones the
    entry implies and selection. A condition about another kind of purchase than the client's is left out
    (purchase_terms: 杭州算力券's filed model does not bear on renting GPUs)."""
    eligibility = program.eligibility
    out = [
        Condition("special", status, reason)
        for zh, en in zip(
            eligibility.special_conditions,
            eligibility.special_conditions_en or eligibility.special_conditions,
            strict=False,
        )
        if applies(zh, program, purchases, said)
        # Who the applicant must be (a model maker) is settled by what the client says they do with models.
        for status, reason in model_maker(zh, en, said.lower(), said) or judge(zh, en, program, said)
    ]
    mechanism = program.how_to_apply.mechanism
    out += _implicit(program)
    if mechanism is ApplicationMechanism.competitive_selection:
        out.append(
            Condition(
                "selection",
                Status.unknown,
                Reason(
                    "需遴选：须申报并经评审入选，多数申报者拿不到",
                    "selection required: most applicants are not selected",
                ),
            )
        )
    elif mechanism is ApplicationMechanism.via_pilot_city and not eligibility.special_conditions:
        out.append(
            Condition(
                "selection",
                Status.unknown,
                Reason(
                    "须所在城市入选试点，企业进入当地改造名单",
                    "only if your city is a selected pilot and you are on its list",
                ),
            )
        )
    return out
