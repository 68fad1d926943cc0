"""What a careful consultant says first: the dates that matter and how the money arrives (advice_rules.md §2, §4).

Who the programs are for (the place, a large firm) is in coverage_notes.py; guarantees in guarantee.py.

Each function returns the sentences (zh or en) to lead an answer with, from the engine's verdicts and the
catalogue only; an empty list when there is nothing to say.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from app.advisor.contract import Lang
from app.advisor.engine.buyer_conditions import KIND_OPEN
from app.advisor.engine.claims_window import claims_line
from app.advisor.engine.conditions import Reason, Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.program_terms import open_ended
from app.advisor.engine.programs import listed_programs
from app.advisor.engine.sector_lists import pilot_sector_open
from app.advisor.understand.program_question import DEADLINE
from app.catalogue.models import ApplicationMechanism
from app.catalogue.taxonomy import SPEND_LABELS
from app.text.normalize import normalize

SOON_DAYS = 60
# Beyond "还来得及吗" (program_question.DEADLINE): asking when a program runs or closes, or how long is left
# ("还剩几天", Cantonese "几时完", "how many days are left", "is it still valid").
_ASKS_WHEN = re.compile(
    r"还能申请|还可以申请|什么时候|何时|多久|几耐|(?:还|仲)(?:剩下?|有)几(?:天|日)|剩下几天|几多(?:天|日)|几时(?:完|结束|截止|到期|停)|还有效|过期|"
    r"when does|closing|how many days|days? left|how long (?:is |do we have )?left|cut-?off|end date|still valid",
    re.I,
)
# How long the review takes ("要幾耐先批", "多久能批下来", "how long does approval take"): no source says it.
_ASKS_APPROVAL_TIME = re.compile(
    r"(?:几耐|多久|多长时间|几时|几天|几个月)(?:才|先|能|可以|会)?(?:批|审|到账|出结果|有结果|落实)|"
    r"(?:审批|审核|批核|评审)(?:要|需要|大概)?(?:几耐|多久|多长时间)|"
    r"how long .{0,30}(?:approv|review|decision|to hear back)",
    re.I,
)
_ASKS_POLICY = re.compile(r"政策|文件|依据|规定|policy|regulation|document", re.I)


def asks_about_time(question: str) -> bool:
    text = normalize(question)
    return bool(DEADLINE.search(text) or _ASKS_WHEN.search(text))


def asks_about_policy(question: str) -> bool:
    """The generic policy quote belongs only under a question about policy (§7)."""
    return bool(_ASKS_POLICY.search(question))


def deadline_notes(
    programs: list[Assessment], today: date, question: str, language: Lang, named_ids: Collection[str] = ()
) -> list[str]:
    """Programs ending within 60 days lead with the date and days left; '来得及吗' gets the dates (§4).

    A date leads only for a program that can apply to the client (review7 p5: the loan subsidy's deadline led
    for a client who said they will not borrow; rev7-34: another city's pilot): a program ruled out gets its
    date only when the client names it and asks about time, and never when it is another place's. When the
    question names programs, the dates are theirs (review8 r8-08, r8-34: the provincial pilot's deadline led a
    question about the R&D deduction or a district award); "no end date published" is said only of those.
    `named_ids`: the programs the client names (program_names.py). One ruled out no longer leads with its date
    (review13 r13-55 over review9 r9-47): its own verdict line answers with the date and the reason.
    """
    en = language == "en"
    asked = asks_about_time(question)
    named = [a for a in programs if (a.asked or a.companion_of) and not _region_unmet(a)]
    listed = listed_programs(programs)
    dated = named or [a for a in listed if a.verdict is not Verdict.ineligible or asked]
    # An ended program the client named is the answer to their question ("南京试点还能申请吗"): it leads,
    # then what still runs (review9 r9-56, r9-17).
    dated = sorted(dated, key=lambda a: not (a.asked and _ended(a, today)))
    # A listed program that can pay and ends within 60 days leads whatever the question names: its date is
    # the one thing the client must act on (review13 r13-09: "贴息有哪些？什么时候截止" got the named city
    # program's missing end date first, and the national subsidy's 33 days after it or not at all).
    dated += [
        a
        for a in listed
        if a not in dated and _soon(a, today) and a.verdict is not Verdict.ineligible and not _kind_open(a)
    ]
    notes: list[str] = []
    soon: list[tuple[int, str]] = []  # (days left, line): the nearest date first, ahead of every other line
    for assessment in dated:
        program = assessment.program
        name = program.name_en if en else program.name
        until, closes = program.validity.effective_until, program.validity.application_closes
        ruled_out = assessment.verdict is Verdict.ineligible
        named_or_timed = asked or assessment.asked
        if program.validity.claims_after_spending(today):
            # Spending period over, claims window still to come or open: its last day is the date that matters.
            if (line := claims_line(program, assessment.conditions, en)) and (
                named_or_timed or not ruled_out
            ):
                soon.append((((program.validity.claims_close or today) - today).days, line))
        elif until and until < today:
            if asked or assessment.asked:  # "合肥的数字化补贴能拿吗": it ended, and that is the answer
                notes.append(ended_note(assessment, en))
        elif closes and closes < today:
            if asked or not ruled_out:
                notes.append(
                    f"{name}: this round closed on {closes}; the next round is not announced."
                    if en
                    else f"{name}：本轮申报已于{closes}截止，下一轮时间未公布。"
                )
        elif until and (until - today).days <= SOON_DAYS and _kind_open(assessment) and not named_or_timed:
            # It pays for nothing the client named (no purchase yet, or one of another kind): its date is no call
            # to apply (review14 r14-55: Shandong's compute voucher "apply before then" led for a model developer
            # who named no compute); its line asks what they buy. Named or asked "来得及吗", the date is said
            # with what it pays for (`_buy_first`), never "apply before then".
            continue
        elif until and (until - today).days <= SOON_DAYS and (not ruled_out or (asked and assessment.asked)):
            # Ruled out, its date leads only when the client asks about time for it ("来得及吗"): a deadline
            # leading a claim that cannot succeed sends them to file it (review13 r13-55: 山东算力券's 31 days led
            # for compute bought in Guizhou). The verdict line of a named program still gives its date.
            days = (until - today).days
            # Ruled out for this client: the date answers their question, "apply before then" would not.
            allows = (
                (
                    "it does not apply to you as things stand (see below)."
                    if en
                    else "但目前不适用于您（原因见下）。"
                )
                if ruled_out
                else _buy_first(assessment, en)
                if _kind_open(assessment)
                else _what_the_time_allows(assessment, en, asked)
            )
            soon.append(
                (
                    days,
                    f"⏰ {name} runs until {until}: {days} days left — {allows}"
                    if en
                    else f"⏰ {name}有效期至{until}，距今还剩{days}天，{allows}",
                )
            )
        elif asked and (assessment.asked or not named) and not ruled_out:
            notes.append(
                f"{name}: {'valid until ' + str(until) if until else open_ended(program).en}."
                if en
                else f"{name}：{'有效期至' + str(until) if until else open_ended(program).zh}。"
            )
    if _ASKS_APPROVAL_TIME.search(normalize(question)) and (about := next(iter(dated), None)):
        notes.append(_approval_time_unknown(about, en))
    # An ended program the client named still answers first (its line is first in `notes`); then the dates.
    ended_first = notes[:1] if dated and dated[0].asked and _ended(dated[0], today) else []
    return [
        *ended_first,
        *(line for _, line in sorted(soon, key=lambda s: s[0])),
        *notes[len(ended_first) :],
    ][:4]


def _soon(assessment: Assessment, today: date) -> bool:
    """Ends within SOON_DAYS (its claims window's last day, when it has one after the spending period), in the
    client's region (or with no region rule)."""
    last = assessment.program.validity.claims_close
    return bool(last and today <= last and (last - today).days <= SOON_DAYS) and not _region_unmet(assessment)


def named_until(assessment: Assessment) -> Reason | None:
    """A program the client named and is ruled out for still runs until a date: its line says why not and until
    when (the client asked about it; the lead gives no date for a program that cannot pay, see `deadline_notes`).
    The validity condition's own words ("有效期至2026-12-31"), None when it has no end date or ended."""
    if not assessment.asked or assessment.verdict is not Verdict.ineligible:
        return None
    if not assessment.program.validity.effective_until:
        return None
    met = (c for c in assessment.conditions if c.name == "validity" and c.status is Status.met)
    return next((c.reason for c in met), None)


def _kind_open(assessment: Assessment) -> bool:
    """Open only on what the client buys: nothing they named is of the kind the program pays for (KIND_OPEN)."""
    return any(c.fact == KIND_OPEN and c.status is Status.unknown for c in assessment.conditions)


def _buy_first(assessment: Assessment, en: bool) -> str:
    """Asked when a program runs that pays for nothing named yet: the date, and what it would have to pay for."""
    scope = assessment.program.eligibility.spend_scope
    if en:
        kinds = ", ".join(SPEND_LABELS[k][1] for k in scope)
        return f"but it pays only for {kinds}, and you have not named such a purchase: tell us what you buy first."
    kinds = "、".join(SPEND_LABELS[k][0] for k in scope)
    return f"但它只支付{kinds}，您还没说有这类采购：请先告诉我们您要采购什么。"


def _approval_time_unknown(assessment: Assessment, en: bool) -> str:
    """How long approval takes is in no source held: said so, with whom to ask (review11 r11-33)."""
    program = assessment.program
    if en:
        return (
            f"How long approval of {program.name_en} takes is not in my sources: ask {program.issuer_en}. "
            "Do not sign or start the project before the approval you need."
        )
    return f"{program.name}审批需要多长时间，我的资料中没有写明，请向{program.issuer}查询；需要先获批的，获批前不要签约或开工。"


def said_ended(assessment: Assessment, today: date) -> bool:
    """The lead says this program ended, with its date (`deadline_notes`): a program the client named, of their
    place. Other lines about it then do not say it again (review10: the end date was said twice)."""
    return assessment.asked and _ended(assessment, today) and not _region_unmet(assessment)


def _ended(assessment: Assessment, today: date) -> bool:
    return assessment.program.validity.ended(today)


def ended_note(assessment: Assessment, en: bool) -> str:
    """An ended program takes no new applications; a pilot still pays its enrolled firms by the bureau's notice.
    The answer to a question naming it leads with this sentence, said once (answering/funding.py)."""
    program = assessment.program
    name, until = (program.name_en if en else program.name), program.validity.effective_until
    pilot = program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city
    # A program paying for a period that ended takes its claims in a window after it (南宁算力券: spend to
    # 2025-12-31, filed 2026-01-04 to 01-23): "最晚什么时候交" is answered by the window's last day, said too.
    validity = program.validity
    window = (
        validity.application_closes
        if validity.application_closes and until and validity.application_closes > until
        else None
    )
    if en:
        filed = (
            f" (claims were filed {validity.application_opens or ''}{' to ' if validity.application_opens else 'until '}"
            f"{window}; that window has closed too)"
            if window
            else ""
        )
        text = f"{name} ended on {until}{filed}: no new applications."
        return text + (" Firms already on its list are paid as the bureau's notice says." if pilot else "")
    filed = (
        f"（申报期{validity.application_opens or ''}{'至' if validity.application_opens else '截至'}{window}，也已截止）"
        if window
        else ""
    )
    text = f"{name}已于{until}结束{filed}，不能再申请"
    return text + ("；已在改造名单上的企业，兑付以主管部门通知为准。" if pilot else "。")


def _region_unmet(assessment: Assessment) -> bool:
    return any(c.name == "region" and c.status is Status.unmet for c in assessment.conditions)


def _what_the_time_allows(assessment: Assessment, en: bool, asked: bool = False) -> str:
    """Days left mean different things by how the money arrives (§2, §4): a claim can still be filed; a
    pilot pays firms already on the enrolment list; a selection pays projects already applied for."""
    mechanism = assessment.program.how_to_apply.mechanism
    if mechanism is ApplicationMechanism.via_pilot_city:
        # A pilot open to listed sub-sectors only says which, here too (review15 r15-37: the date led without them).
        sector = pilot_sector_open(assessment)
        if en:
            return (
                "realistic only for firms already on the local enrolment list; a new firm should ask the bureau "
                "whether enrolment is still open." + (f" It is {sector.en}." if sector else "")
            )
        listed = f"另：{sector.zh}。" if sector else ""
        return f"只有已进入当地改造名单的企业来得及；新企业请先向主管部门确认是否还在征集。{listed}"
    if mechanism is ApplicationMechanism.competitive_selection:
        # Awards and application grants judge a project that exists: a plan started now cannot be ready.
        return (
            "realistic only for a project already built or implemented: the application is judged on it and "
            "must be selected, and most applicants are not."
            if en
            else "只有已建成或已实施的项目来得及：申报材料按已完成的项目评审并须入选，多数申报者拿不到；还没开始做的项目赶不上这一轮。"
        )
    if mechanism is ApplicationMechanism.post_award:
        # Paid after the spend is made and reviewed: a contract not yet signed cannot be settled within the days
        # left (review16 r16-02/22: "请在此之前完成申报" for GPU rental only planned; one rule with the selection's).
        issuer = assessment.program.issuer_en if en else assessment.program.issuer
        # Asked "还来得及吗", the end of the measures is still no promised window (§4), as for any claim below.
        window_en = (
            "; whether a round is open until then is up to the bureau's notice, so a window is not promised"
            if asked
            else ""
        )
        window_zh = "；有效期内是否还开放申报以主管部门通知为准，窗口不作保证" if asked else ""
        # The client asking "付款时直接少付吗" still hears that it is paid after review, not at payment (§2).
        arrives = money_arrives(assessment, en).strip().rstrip("。.")
        return (
            f"apply before then for spend already made{window_en}. {arrives}; so a contract not yet signed or work "
            f"not yet done will very likely miss this round: don't sign for the voucher, and ask {issuer} whether "
            "the measures are renewed."
            if en
            else f"已发生的支出请在此之前完成申报{window_zh}。{arrives}；还没签约或还没开始的，大概率赶不上这一轮，"
            f"不要为了这笔补贴赶着签约，可向{issuer}询问政策是否续期。"
        )
    arrives = money_arrives(assessment, en)
    if asked:  # "还来得及吗": the end of the measures is not an open window (§4)
        return (
            "apply before then; whether an application round is open until that date is up to the issuing "
            f"bureau's notice, so a window is not promised.{arrives}"
            if en
            else f"请在此之前完成申报；有效期内是否还开放申报以主管部门通知为准，窗口不作保证。{arrives}"
        )
    return f"apply before then.{arrives}" if en else f"请在此之前完成申报。{arrives}"


def money_arrives(assessment: Assessment, en: bool) -> str:
    """When the money comes, for a program paid after the spend (§2): the owner pays the full price first and
    is paid after review or acceptance, never at purchase ("付款的时候直接少付30%吗" — no)."""
    mechanism = assessment.program.how_to_apply.mechanism
    if mechanism is ApplicationMechanism.post_award:
        return (
            " It is paid after the award: you pay in full first, and the money comes after review or acceptance, "
            "not when you pay."
            if en
            else "这是事后奖补：先全额付款，审核或验收通过后才拨付，不是付款时抵扣。"
        )
    if mechanism is ApplicationMechanism.two_step_claim:
        return (
            " You pay in full first and claim it back after settlement, not when you pay."
            if en
            else "须先全额付款，结算后申领返还，不是付款时抵扣。"
        )
    return ""
