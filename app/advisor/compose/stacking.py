"""The direct answer to "能一起拿吗 / can we stack them": one sentence per pair (advice_rules.md §5).

Which programs and how each pair relates is the engine's (engine/stacking.py); this module only words it. The
programs the client asked about come first; three claimable things make at most three pairs. Every sentence
names its pair and says what holds for it — never a pair without a verb (review7 rev7-34).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from app.advisor.compose.program_labels import short_name
from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Assessment, Verdict, deciding_reason
from app.advisor.engine.stacking import Relation, Unit, relation, units
from app.catalogue.english import original
from app.catalogue.models import ScopeLevel
from app.catalogue.render import format_ratio

_LEVEL_ZH = {
    ScopeLevel.national: "国家",
    ScopeLevel.provincial: "省级",
    ScopeLevel.municipal: "市级",
    ScopeLevel.district: "区县级",
}


def _place(a: Assessment, en: bool) -> str:
    region = a.program.region
    if en:
        return region.label_en.split(",")[0]
    return region.district or region.city or region.province or region.label


def stacking_line(programs: list[Assessment], language: Lang) -> str:
    en = language == "en"
    useful = [a for a in programs if a.verdict is not Verdict.ineligible or a.asked]
    shown = units(sorted(useful, key=lambda a: not a.asked))[:3]
    full = {u.lead.program.id: u.lead.program.name_en if en else u.lead.program.name for u in shown}
    shorts = Counter(short_name(n) for n in full.values())

    def name(unit: Unit) -> str:
        """A channel by its city; a program by its short name, or its full one where two share it."""
        if unit.channel:
            return f"the {_place(unit.lead, en)} city pilot" if en else f"{_place(unit.lead, en)}的城市试点"
        short = short_name(full[unit.lead.program.id])
        return short if shorts[short] == 1 else full[unit.lead.program.id]

    # One the client asked about that rules them out is no pair: it is said so, with the reason.
    closed = [u for u in shown if u.lead.verdict is Verdict.ineligible]
    open_ = [u for u in shown if u not in closed]
    sentences = [_closed(name(u), u, en) for u in closed] + [_channel(u, en) for u in open_ if u.channel]
    pairs, alone = [], False
    for one, other in combinations(open_, 2):
        kind, cap = relation(one, other)
        best = _alone_pays(one, other, cap) if kind is Relation.combined else None
        if best is None:
            pairs.append((one, other, kind, cap))
            continue
        alone = True  # the pair's cap is no more than one of them pays alone: stacking adds nothing
        unit, ratio = best
        sentences.append(_alone(name(one), name(other), cap, name(unit), ratio, en))
    kinds = {kind for _, _, kind, _ in pairs}
    for kind in Relation:
        mine = [(a, b, cap) for a, b, k, cap in pairs if k is kind]
        names = list(dict.fromkeys(name(u) for a, b, _ in mine for u in (a, b)))
        if (
            kind is not Relation.combined
            and len(names) > 2
            and len(mine) == len(names) * (len(names) - 1) // 2
        ):
            # every pair of these in one relation: one sentence names each program once (review4 §4)
            sentences.append(_pair(_joined(names, en), None, kind, None, _level(mine[0][0], mine[0][1]), en))
            continue
        sentences += [_pair(name(a), name(b), kind, cap, _level(a, b), en) for a, b, cap in mine]
    if en:
        head = "Can they be stacked? " + (
            "Yes, in part. "
            if Relation.combined in kinds
            else "Not on the same expense. "
            if Relation.one_claim in kinds
            # the texts are silent: said first, never a "no" the catalogue does not hold (review14 r14-02)
            else "The texts do not say. "
            if Relation.ask_issuer in kinds
            else "Yes, but it adds nothing. "
            if alone
            else ""
        )
    else:
        head = "能否叠加：" + (
            "部分可以。"
            if Relation.combined in kinds
            else "不能重复申领同一笔支出。"
            if Relation.one_claim in kinds
            else "原文没有写明。"
            if Relation.ask_issuer in kinds
            else "可以叠加，但不增加金额。"
            if alone
            else ""
        )
    if not sentences:
        only = name(shown[0]) if shown else None
        if en:
            return "Can they be stacked? " + (
                f"Only {only} may apply to you, so there is nothing to stack."
                if only
                else "None of these programs applies to you, so there is nothing to stack."
            )
        return "能否叠加：" + (
            f"可能适用的只有{only}一项，谈不上叠加。" if only else "这些补贴对您都不适用，谈不上叠加。"
        )
    # A channel's sentence speaks for its levels: their notes are about pilots elsewhere (天台县's N+X).
    rules = [u.lead.program.benefit.stacking for u in shown if not u.channel]
    if en:
        notes_en = [r.note_en or original(r.note) for r in rules if r.note]
        return (
            head + " ".join(sentences) + (f" The catalogue adds: {'; '.join(notes_en)}." if notes_en else "")
        )
    notes = list(dict.fromkeys(r.note for r in rules if r.note))
    return head + "".join(sentences) + (f"（原文说明：{'；'.join(notes)}）" if notes else "")


def _closed(name: str, unit: Unit, en: bool) -> str:
    reason = deciding_reason(unit.lead)
    why = reason.text("en" if en else "zh") if reason else ""
    if en:
        return (
            f"{name} does not apply to you ({why}), so it is not stacked with anything."
            if why
            else (f"{name} does not apply to you, so it is not stacked with anything.")
        )
    return f"{name}对您不适用（{why}），谈不上叠加。" if why else f"{name}对您不适用，谈不上叠加。"


def _channel(unit: Unit, en: bool) -> str:
    """The levels of one pilot are one channel: the local fund is the money the levels above send down."""
    local, above = unit.lead, unit.programs[1:]
    place = _place(local, en)
    if en:
        levels = " and ".join(
            _place(a, en) if a.program.scope_level is not ScopeLevel.national else "national" for a in above
        )
        return (
            f"{short_name(local.program.name_en)} is the {levels} pilot money paid through {place}: one channel, "
            f"not two claims; your firm must be on {place}'s enrolment list, and applies once per project, for the "
            "amount the local notice sets."
        )
    levels = "和".join(_LEVEL_ZH[a.program.scope_level] for a in above)
    return (
        f"{short_name(local.program.name)}就是{levels}试点经{place}下达的资金：同一个渠道，不是两笔钱，"
        f"须进入{place}的改造名单，一个改造项目申请一次，单个企业金额以当地通知为准。"
    )


def _alone_pays(one: Unit, other: Unit, cap: float | None) -> tuple[Unit, float] | None:
    """The program that alone pays at least the pair's combined cap, and its rate, if one does: stacking then
    adds nothing (a small firm's 杭州算力券 at 50% beside the smart voucher's 10% tier, whose pair is capped at
    30%; review9 r9-02/51/52/54 were told "可以叠加，合计不超过30%" as if the pair paid more)."""
    best = max((one, other), key=lambda u: u.lead.ratio or 0)
    ratio = best.lead.ratio
    return (best, ratio) if cap is not None and ratio is not None and ratio >= cap else None


def _alone(a: str, b: str, cap: float | None, best: str, ratio: float, en: bool) -> str:
    capped = format_ratio(cap) if cap is not None else ""  # _alone_pays found a cap
    if en:
        return (
            f"{a} and {b} combined are capped at {capped} of the cost, while {best} alone pays "
            f"up to {format_ratio(ratio)}: stacking adds nothing, so claim {best} alone."
        )
    return (
        f"{a}与{b}叠加后合计不超过费用的{capped}，而{best}单独最高已达{format_ratio(ratio)}："
        f"叠加不增加金额，只申请{best}即可。"
    )


def _joined(names: list[str], en: bool) -> str:
    return (", " if en else "、").join(names[:-1]) + (" and " if en else "、") + names[-1]


def _level(one: Unit, other: Unit) -> ScopeLevel:
    """The level two things share ("同为…政策"): a pilot channel's (市·省·国家) beside a national pilot is
    national, never the channel's local level."""
    shared = {a.program.scope_level for a in one.programs} & {a.program.scope_level for a in other.programs}
    return min(shared or {one.lead.program.scope_level}, key=list(_LEVEL_ZH).index)


def _pair(a: str, b: str | None, kind: Relation, cap: float | None, level: ScopeLevel, en: bool) -> str:
    """One sentence for a pair, or for every pair of a group (`b` None: `a` names them all)."""
    if b is None:
        a, b = a.rsplit(" and " if en else "、", 1)
    if en:
        return {
            Relation.combined: f"{a} and {b} can be combined"
            + (f", together at most {format_ratio(cap)} of the cost." if cap else "."),
            Relation.separate: f"{a} and {b} pay for different purchases: each is claimed on its own spend.",
            Relation.one_claim: f"{a} and {b} pay for the same purchase: one claim per expense (editions of one "
            "program, or an entry's own rule against a second claim).",
            Relation.ask_issuer: f"{a} and {b} pay for the same purchase: the catalogue does not say whether they "
            "combine, so ask the issuers.",
        }[kind]
    return {
        Relation.combined: f"{a}与{b}可以叠加"
        + (f"，合计不超过费用的{format_ratio(cap)}。" if cap else "。"),
        Relation.separate: f"{a}与{b}支付的是不同采购，可各按自己的支出申请。",
        Relation.one_claim: f"{a}与{b}同为{_LEVEL_ZH[level]}政策、支付同类采购，同一笔支出只能申请其中一项"
        "（同一政策的不同批次，或原文写明不得重复申领）。",
        Relation.ask_issuer: f"{a}与{b}支付同类采购，目录未写明能否叠加，请向发文单位确认。",
    }[kind]
