"""Which ranked solutions make the pack: one per stated need, in the order stated, true to the budget.

advice_rules.md §6: the need decides what goes in, the budget decides the tier or states the gap. A need no
catalogued solution answers is named as such (`PackChoice.unanswered`), never filled with the nearest
unrelated product; a budget never swaps a need's solution for an unrelated cheaper one; nothing is added
that no stated need calls for.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.advisor.engine.need_parts import NeedPart
from app.advisor.engine.pack_budget import priced_together
from app.advisor.engine.pack_lead import USEFUL_SHARE, business_variant, for_client_variant, one_need
from app.advisor.engine.pack_picks import PackChoice, SolutionPick
from app.text.normalize import normalize

__all__ = ["PackChoice", "SolutionPick", "choose_pack"]  # the pick types live in pack_picks.py


def _ruled_out(need: NeedPart, ranked: list[SolutionPick]) -> bool:
    """The catalogue answers the need, but not for this client (size, industry or region ruled its solutions
    out before ranking): "nothing fits this company" is true, "no catalogued solution for X" would not be."""
    return bool(need.answers) and not any(p.solution.id in need.answers for p in ranked)


def choose_pack(
    ranked: list[SolutionPick],
    budget: float | None,
    size: int = 3,
    needs: Sequence[NeedPart] = (),
    fill: bool = True,
) -> PackChoice:
    """Complementary solutions whose first-year upper bound fits the budget before any subsidy.

    `needs`: the needs the conversation states, in order (need_parts.py). Each need with a solution gets
    one; a need no solution answers is reported in `unanswered`; two or more needs are priced together
    and flagged over budget rather than cut down to one. Without stated needs (a funding question naming
    none, `fill`), the best match leads and solutions made for the client's industry may join it.
    """
    served = [n for n in needs if not n.unserved]
    if needs and not served:  # every need cut out of the message is one the catalogue cannot answer
        # A need said in a clause no item was cut from ("…宣传图，再剪几条带货视频") that the catalogue's own
        # words name still gets its solution; the unanswered ones are said to be so beside it.
        apart = [p for p in ranked if p.worded and p.score >= CLEAR_LEAD_SCORE]
        apart = [p for p in apart if not any(_says_its_words(n, p) for n in needs)]
        if not apart:
            return PackChoice([], unanswered=[n.text for n in needs])
        return priced_together(apart[:1], ranked, budget, [n.text for n in needs])
    if len(served) <= 1:  # one need (or none): the ranking of the whole message decides
        need = served[0] if served else None
        ranked = _doing(need, ranked)
        # What the need's own words or nearest examples name replaces a lead nothing names.
        # A need no solution is named for but whose words and examples lean to a kind of job: the one the
        # message ranks first of that kind answers it, as in the several-needs path below (`_of_its_kind`).
        answers = (_for_this_client(need, ranked) or _ids(_of_its_kind(need, ranked))) if need else ()
        choice = one_need(ranked, budget, size, answers, fill and not needs)
        if need is not None and not (choice.picks and _answers(choice.picks[0], need, ranked, answers)):
            # Nothing the owner said names the ranking's best match: the nearest product by the trade or by
            # a vague likeness is not an answer (review5: a courseware tool for a design studio, a review-reply
            # tool for bookings). Say the need is unanswered instead.
            choice = PackChoice([])
        if need is not None:  # one need, one answer: a second pick only for words said outside it
            choice.picks = choice.picks[:1] + [p for p in choice.picks[1:] if not _says_its_words(need, p)]
        choice.unanswered = [n.text for n in needs if n.unserved or (n is need and not choice.picks)]
        choice.ruled_out = [n.text for n in needs if n.text in choice.unanswered and _ruled_out(n, ranked)]
        return choice
    picks: list[SolutionPick] = []
    unanswered: list[str] = []
    # A solution two of the needs name answers both with one purchase ("审合同、检索判例": the law firm's
    # reviewer and legal search), never two tools for one job.
    both = {p.solution.id for p in ranked if sum(p.solution.id in n.answers for n in served) > 1}
    by_id = {p.solution.id: p for p in ranked}
    for need in needs:
        found = [by_id[a] for a in _for_this_client(need, ranked) if a in by_id]  # as the need names them
        # Of several that answer two needs, the one the whole message ranks best ("用大模型做客服…用的是已备案的大模型
        # API": the API, not a fine-tuning service the word 大模型 also names, r11-28).
        found = sorted((p for p in found if p.solution.id in both), key=lambda p: -p.score) or found
        if not found and not need.unserved:
            # A need in words neither the catalogue nor the examples know as one item, or whose named tools are all
            # for other clients ("自動覆客WhatsApp": a shop platform's bot, for a Hong Kong carrier): a solution the
            # owner's words name in the whole message whose words are this need's; never an unnamed one.
            doing = _doing(need, ranked)
            # Useful beside what the other needs name, not beside their tools' scores: the message's best match is
            # another need's answer ("排車" at 0.97 beside a reply bot at 0.28 for "覆客").
            others = {a for n in served if n is not need for a in n.answers}
            apart = [p for p in doing if p.solution.id not in others]
            found = [p for p in doing if p.worded and _says_its_words(need, p)] or _of_its_kind(need, apart)
        candidates = [for_client_variant(p, _doing(need, ranked)) for p in found]
        # Already in the pack, or a variant of a pick's job (same kind, the same words of the owner's): one
        # purchase answers both. Two jobs of one kind (点评回复 and 电话预约) are two needs, two picks.
        chosen = next((p for p in candidates for q in picks if p is q or _same_job(p, q)), None)
        chosen = chosen or next(iter(candidates), None)
        if chosen is None:  # every stated need is answered or said to be unanswered, never dropped silently
            unanswered.append(need.text)
        elif all(chosen is not p and not _same_job(chosen, p) for p in picks):
            picks.append(chosen)
    if not picks:
        # Needs cut into pieces none of which names a solution ("会员卡到期不续，怎么用AI提醒和挽回"): as for one
        # need (`_answers`), a ranking lead the whole message puts well above the rest answers them, unless a
        # piece is one the catalogue lacks or leans that way.
        lead = ranked[0] if ranked else None
        vague = all(not n.answers and not n.unserved and not n.doubted for n in needs)
        if lead is None or not vague or not _clear_lead(lead, ranked):
            return PackChoice([], unanswered=unanswered)
        return priced_together([lead], ranked, budget, [])
    # Every stated need keeps its solution, a fourth too: cutting the pack at `size` dropped it silently.
    return priced_together(picks[: max(size, len(served))], ranked, budget, unanswered)


def _for_this_client(need: NeedPart, ranked: list[SolutionPick]) -> tuple[str, ...]:
    """What answers the need for this client: the solutions it names that fit them (the ranking holds only those),
    or, when every one it names is for other clients, those its nearest examples voted for about as much that fit
    (`NeedPart.alternatives`: a law firm's "写文书" names the estate agents' listing writer, tied with the drafting
    agent made for law firms). The need's own names when none of either fits: the pack says nothing fits."""
    fitting = {p.solution.id for p in ranked}
    own = tuple(a for a in need.answers if a in fitting)
    if own or not need.answers:
        return own
    return tuple(a for a in need.alternatives if a in fitting) or need.answers


def _ids(picks: list[SolutionPick]) -> tuple[str, ...]:
    return tuple(p.solution.id for p in picks)


def _doing(need: NeedPart | None, ranked: list[SolutionPick]) -> list[SolutionPick]:
    """The ranked solutions that do what the need asks done (`NeedPart.job`: answering customers' messages on their
    channel), when its verb says it and some of them fit the client; else the whole ranking."""
    if need is None or not need.job:
        return ranked
    return [p for p in ranked if p.solution.id in need.job] or ranked


def _of_its_kind(need: NeedPart, ranked: list[SolutionPick]) -> list[SolutionPick]:
    """The best-ranked solution of the kind of job the need's own words and nearest examples lean to, when
    the whole message ranks it among the useful ones: "an AI receptionist" leans to customer service
    without naming a tool, and the one the message ranks first of that kind answers it (as for one need,
    `_answers`). Never for a need that leans to what the catalogue lacks (`doubted`)."""
    if need.doubted or not need.kinds or not ranked:
        return []
    best = max(p.score for p in ranked)
    # The kind the need leans to and a useful score: the best-ranked tool of that kind answers it. Asking more (that
    # the message name it, or rank it first) empties packs the catalogue does fit ("想用AI挑坏果": fruit sorting is
    # visual inspection), and an empty pack drops the funding answer with it.
    return [p for p in ranked if p.solution.category in need.kinds and p.score >= USEFUL_SHARE * best][:1]


def _answers(
    pick: SolutionPick, need: NeedPart, ranked: list[SolutionPick], answers: tuple[str, ...]
) -> bool:
    """The pick answers the stated need: the owner's words or the need's nearest examples name it (or a
    variant of its kind made for the client), not only the trade or the whole message's likeness. `answers`: what
    `one_need` was given (the need's own or its kind's best, `_of_its_kind`): judged on the same, or the variant
    `one_need` kept for the business was rejected and the named need emptied the pack ("over-ordering pastries")."""
    kinds = {p.solution.category for p in ranked if p.solution.id in answers} | need.kinds
    named = pick.named or pick.solution.id in answers or pick.solution.category in kinds
    named = named or business_variant(pick, [p for p in ranked if p.solution.id in answers])
    return named or (not need.answers and not need.doubted and _clear_lead(pick, ranked))


# A ranking lead nothing names still answers the need when the whole message's readings (dense search, the
# examples' vote, the catalogue's words) together put it well above the rest: first in the search alone
# scores 1/3, so the floor needs support beyond it, and the margin that no second solution comes close
# ("would like AI quality checks": a vision box at 0.65, the next at 0.32; "效果图": a dashboard at 0.25).
CLEAR_LEAD_SCORE = 0.45
CLEAR_LEAD_MARGIN = 1.5


def _clear_lead(pick: SolutionPick, ranked: list[SolutionPick]) -> bool:
    """The whole message puts the pick's kind of job well above every other kind. Two tools of one kind near
    each other are one job read two ways ("health monitoring for the cows": a livestock monitor and a pest
    trap, review9 r9-41), and the better of them answers it; a runner-up of that kind is no rival."""
    kind = pick.solution.category
    others = [p.score for p in ranked if p.solution.category != kind]
    runner_up = max(others, default=0.0)
    return pick.score >= CLEAR_LEAD_SCORE and pick.score >= CLEAR_LEAD_MARGIN * runner_up


def _same_job(one: SolutionPick, other: SolutionPick) -> bool:
    """Two variants of one job: of the same kind, and named by the same words of the owner's."""
    return one.solution.category == other.solution.category and bool(one.said & other.said)


def _says_its_words(need: NeedPart, pick: SolutionPick) -> bool:
    text = normalize(need.text)
    return any(normalize(w) in text for w in pick.said)
