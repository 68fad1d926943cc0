"""The first line of a what-if answer: which fact was supposed, what changes with it, and that nothing was saved.

"那苏州呢" gets the same pack judged for 苏州 with the programs gained and lost; "要是改成有限公司呢" after a
question about the R&D super-deduction gets that program's verdict before and after. The saved profile keeps
its facts, and the answer says how to change them for good.
"""

from __future__ import annotations

from app.advisor.compose.program_labels import short_name
from app.advisor.contract import Lang
from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict, deciding_reason
from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.advisor.understand.legal_form import LABELS
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.taxonomy import INDUSTRY_SECTIONS

_VERDICT = {
    Verdict.eligible: ("符合", "eligible"),
    Verdict.unknown: ("待确认", "to be confirmed"),
    Verdict.ineligible: ("不符合", "not eligible"),
}


def _place_name(profile: CompanyProfile, places: RegionGazetteer, language: Lang) -> str:
    label = profile.region_label() or ("region unknown" if language == "en" else "地区未知")
    if language == "en" and profile.province:
        return places.english_label(Place(profile.province, profile.city)) or label
    return label


def _facts(profile: CompanyProfile, fields: list[str], places: RegionGazetteer, language: Lang) -> str:
    """The facts a what-if changed, as the owner would say them ("300人", "a limited company")."""
    en = language == "en"
    said = []
    for name in fields:
        if name == "place":
            said.append(_place_name(profile, places, language))
        elif name == "employees" and profile.employees is not None:
            said.append(f"{profile.employees} employees" if en else f"{profile.employees}人")
        elif name == "annual_revenue_cny" and profile.annual_revenue_cny is not None:
            revenue = profile.annual_revenue_cny
            said.append(f"revenue CNY {revenue:,.0f}" if en else f"年营收{revenue / 10_000:g}万元")
        elif name == "legal_form" and profile.legal_form:
            said.append(LABELS[profile.legal_form][en])
        elif name == "industry" and profile.industry in INDUSTRY_SECTIONS:
            said.append(INDUSTRY_SECTIONS[profile.industry][en])
    return (", " if en else "、").join(said)


def _changed(saved: CompanyProfile, supposed: CompanyProfile) -> list[str]:
    fields = ["place"] if (saved.province, saved.city) != (supposed.province, supposed.city) else []
    return fields + [
        name
        for name in ("employees", "annual_revenue_cny", "legal_form", "industry")
        if getattr(saved, name) != getattr(supposed, name)
    ]


def _supposed_facts(
    saved: CompanyProfile, supposed: CompanyProfile, places: RegionGazetteer, language: Lang
) -> tuple[list[str], str, str]:
    """The fields a what-if changed, and those facts as saved and as supposed ("深圳" / "东莞")."""
    fields = _changed(saved, supposed)
    return fields, _facts(saved, fields, places, language), _facts(supposed, fields, places, language)


def _open(assessment: Assessment) -> set[str]:
    """The conditions not met (unmet or still open) behind a verdict."""
    return {c.name for c in assessment.conditions if c.status is not Status.met}


def _count(programs: list[Assessment], verdict: Verdict) -> int:
    return sum(a.verdict == verdict for a in programs)


def _tally(programs: list[Assessment], language: Lang) -> str:
    """How the programs came out, as a client reads it: "可申请1项、待确认2项", "none likely to apply yet, 1 to confirm".

    Counted as the headline counts them (compose/pack.summary_line): national money paid through a local pilot is
    that pilot, and a program paid only if selected is "须申报入选", not "待确认" (review10 r10-26: "3项待确认"
    above a headline of "2 项须申报入选")."""
    own = [a for a in programs if a.reached_through is None]
    ok = _count(own, Verdict.eligible)
    open_ = [a for a in own if a.verdict is Verdict.unknown]
    unsure = sum(not a.selection_only for a in open_)
    selected = len(open_) - unsure
    if language == "en":
        if not ok and not open_:
            return "none that applies"
        said = f"{ok} likely to apply" if ok else "none likely to apply yet"
        said += f", {unsure} to confirm" if unsure else ""
        return said + (f", {selected} only if selected" if selected else "")
    if not ok and not open_:
        return "没有适用的补贴"
    rest = "、".join(
        part
        for part in (f"{unsure}项待确认" if unsure else "", f"{selected}项须申报入选" if selected else "")
        if part
    )
    if not ok:
        return f"暂无可直接申请的，{rest}"
    return f"可申请{ok}项" + (f"、{rest}" if rest else "")


def _short_place(profile: CompanyProfile, fields: list[str], said: str) -> str:
    """The supposed or saved side as a tally names it: the city alone ("杭州"), else the facts ("按300人")."""
    return (profile.city or profile.province or said) if fields == ["place"] else f"按{said}"


def what_changed(
    saved: CompanyProfile,
    supposed: CompanyProfile,
    before: list[Assessment],
    after: list[Assessment],
    places: RegionGazetteer,
    language: Lang,
) -> str:
    """The same pack for the supposed company: every program judged both ways, the tally on each side in
    one readable sentence (review9 r9-32: "深圳0项，东莞0项（待确认：1项、2项）" was hard to read), the programs
    gained and lost by name, and that nothing was saved."""
    fields, old, new = _supposed_facts(saved, supposed, places, language)
    en = language == "en"

    def eligible(programs: list[Assessment]) -> dict[str, str]:
        return {
            a.program.id: short_name(a.program.name_en if en else a.program.name)
            for a in programs
            if a.verdict == Verdict.eligible
        }

    def judged(programs: list[Assessment]) -> set[tuple[str, Verdict]]:
        return {(a.program.id, a.verdict) for a in programs if a.verdict != Verdict.ineligible}

    was, now = eligible(before), eligible(after)
    gained = [name for pid, name in now.items() if pid not in was]
    lost = [name for pid, name in was.items() if pid not in now]
    then_tally, now_tally = _tally(before, language), _tally(after, language)
    # "The same" only when the same programs come out the same way: 宁波's pilot and 天台's N+X are both "to
    # confirm", but not the same program.
    same = judged(before) == judged(after)
    # A what-if that changes nothing says so first (review13 r13-57): the owner asked whether it matters.
    unchanged = same and not gained and not lost
    if en:
        by = "in" if fields == ["place"] else "for"
        text = "Nothing changes. " if unchanged else ""
        text += f"For {new} instead of {old}: the same pack. Funding {by} {new}: {now_tally}"
        text += f", as {by} {old}." if same else f" ({by} {old}: {then_tally})."
        text += f" New: {', '.join(gained)}." if gained else ""
        text += f" No longer applicable: {', '.join(lost)}." if lost else ""
        return text + _unsaved(supposed, old, new, fields, language)
    here, there = _short_place(supposed, fields, new), _short_place(saved, fields, old)
    text = "没有变化。" if unchanged else ""
    text += f"换成{new}（原为{old}）：方案不变。补贴：{here}{now_tally}"
    text += f"，与{there}相同。" if same else f"（{there}：{then_tally}）。"
    text += f"新增：{'、'.join(gained)}。" if gained else ""
    text += f"不再适用：{'、'.join(lost)}。" if lost else ""
    return text + _unsaved(supposed, old, new, fields, language)


def verdicts_changed(
    saved: CompanyProfile,
    supposed: CompanyProfile,
    before: list[Assessment],
    after: list[Assessment],
    places: RegionGazetteer,
    language: Lang,
) -> str:
    """The programs asked about, judged for the supposed company: each verdict before and after."""
    fields, old, new = _supposed_facts(saved, supposed, places, language)
    lead = f"If you were {new} (now {old}): " if language == "en" else f"假如是{new}（目前为{old}）："
    if not _moves(before, after, language):
        lead = ("Nothing changes. " if language == "en" else "没有变化。") + lead
    return lead + _moves_said(before, after, language) + _unsaved(supposed, old, new, fields, language)


def supposition_changed(words: str, before: list[Assessment], after: list[Assessment], language: Lang) -> str:
    """What a supposition that is no profile fact changes ("如果12月20號先簽約呢"): the owner's words quoted, then
    each verdict it moves with the reason, as one message saying it all would be judged. Nothing is saved."""
    lead = f"If {words}: " if language == "en" else f"假如{words}："
    return lead + _moves_said(before, after, language)


def changed_verdicts(before: list[Assessment], after: list[Assessment]) -> list[Assessment]:
    """The programs in `after` whose verdict differs from `before`: what the answer must list and explain."""
    was = {a.program.id: a.verdict for a in before}
    return [a for a in after if a.program.id in was and was[a.program.id] != a.verdict]


def _moves_said(before: list[Assessment], after: list[Assessment], language: Lang) -> str:
    moves = _moves(before, after, language)
    if language == "en":
        return "; ".join(moves) + "." if moves else "the verdicts below do not change; their reasons say why."
    return "；".join(moves) + "。" if moves else "下列补贴的结论不变，原因见各项说明。"


def _moves(before: list[Assessment], after: list[Assessment], language: Lang) -> list[str]:
    """Each program judged both ways whose verdict or reasons moved: "训力券：符合 → 不符合（the reason）"."""
    en = language == "en"
    was = {a.program.id: a for a in before}
    moves = []
    for a in after:
        earlier = was.get(a.program.id)
        if earlier is None:
            continue
        name = short_name(a.program.name_en if en else a.program.name) + (": " if en else "：")
        reason = deciding_reason(a)
        why = (
            f" ({reason.text(language)})"
            if en and reason
            else f"（{reason.text(language)}）"
            if reason
            else ""
        )
        if earlier.verdict != a.verdict:
            moves.append(f"{name}{_VERDICT[earlier.verdict][en]} → {_VERDICT[a.verdict][en]}{why}")
        elif _open(earlier) != _open(a) and reason is not None:
            # "合伙不缴企业所得税" is gone, the industry's exclusion is not: still no, for that reason.
            still = "still " if en else "仍"
            moves.append(f"{name}{still}{_VERDICT[a.verdict][en]} ({reason.text(language)})")
    return moves


def _unsaved(supposed: CompanyProfile, old: str, new: str, fields: list[str], language: Lang) -> str:
    """That the saved profile keeps its facts, and how to change them for good."""
    if fields == ["place"]:
        moved = supposed.city or supposed.province
        if language == "en":
            return f' Your saved profile still says {old}; tell me "we are in {new}" if you have moved.'
        return f"您保存的企业资料仍是{old}，如已迁到{moved}，请告诉我“我们在{moved}”。"
    if language == "en":
        return f" Your saved profile still says {old}; tell me if that has changed."
    return f"您保存的企业资料仍是{old}；如情况已变，请直接告诉我。"


def withdrawn_after_correction(
    earlier: list[Assessment], listed: list[Assessment], language: Lang
) -> list[str]:
    """A correction of where the company is registered ("不对，我们注册在东莞") withdraws the programs the last
    answer showed for the old place: each is named with the reason it no longer applies, not dropped in silence
    (review12 r12-30: the 深圳模型券 shown a turn before vanished without a word). `earlier`: the programs the last
    answer listed, judged again on the corrected profile; `listed`: what this answer lists."""
    shown_now = {a.program.id for a in listed}
    en = language == "en"
    gone = []
    for a in earlier:
        region = next((c for c in a.conditions if c.name == "region"), None)
        if a.program.id in shown_now or region is None or region.status is not Status.unmet:
            continue
        name = short_name(a.program.name_en if en else a.program.name)
        gone.append(f"{name} ({region.reason.en})" if en else f"{name}（{region.reason.zh}）")
    if not gone:
        return []
    if en:
        return [f"After your correction, no longer applicable: {'; '.join(gone)}."]
    return [f"按您更正后的注册地，不再适用：{'；'.join(gone)}。"]
