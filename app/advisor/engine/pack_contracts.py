"""The client's own contracts in the pack: each stands as what it is (advice_rules.md §5, review8 r8-16/r8-18).

A contract that is a catalogued solution's purchase (engine/purchases.py `is_that_solution`) brings that
solution, costed on the client's figure; any other contract stands as its own line, with nothing built
around it. A client whose message is a contract gets that contract as the pack: a catalogued solution joins it
only for a stated need the contracts do not cover (review10 r10-03, r10-14, r10-22: a labelling contract, a
dataset purchase and a 数字化车间 contract each got unasked tools beside them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from app.advisor.engine.compute_purpose import fits_purpose, stated_purposes
from app.advisor.engine.need_parts import NeedPart
from app.advisor.engine.pack_picks import PackChoice, SolutionPick
from app.advisor.engine.purchases import Purchase, is_that_solution, prices_the_pack
from app.advisor.understand.purchases import kinds_named
from app.catalogue.taxonomy import SpendKind
from app.text.clauses import clauses
from app.text.normalize import normalize


def _no_needs() -> Sequence[NeedPart]:
    return ()


def with_client_contracts(
    choice: PackChoice,
    contracts: Sequence[Purchase],
    ranked: Callable[[], list[SolutionPick]],
    needs: Callable[[], Sequence[NeedPart]] = _no_needs,
    problem: str = "",
) -> PackChoice:
    """A contract the client names that is no pick's purchase brings the best-ranked solution it is
    (`is_that_solution`: a GPU rental contract the GPU rental), costed on the client's figure (review7 finding
    3: a named 30万 compute contract was left out of the headline cost). A contract no catalogued solution is
    (a dataset, a cloud ERP) brings nothing around it: it stands as its own line (review8 B2/B3: a dataset
    bought got GPU rental as filler).

    `needs`: the needs the conversation states (asked for only when there are contracts); `problem`: the
    client's words without their facts and business (`SolutionRecommender.problem_of`). A pick stays only when
    it is a contract's solution, answers a need no contract covers (`_covered`), or is named by the owner's
    words in a clause no contract covers ("另外车间排产一直靠人排" beside a labelling contract). The purpose the
    words state for compute (training or serving) chooses which compute solution a compute contract is.
    """
    if not contracts:
        return choice
    purposes = stated_purposes(problem)
    open_needs = [n for n in needs() if not _covered(n, contracts)]
    # Clauses no contract covers ("另外车间排产一直靠人排"), but not the client describing itself ("we're a
    # computer-vision startup" names no need for a vision box).
    open_clauses = [
        c
        for c in clauses(normalize(problem), colon=True)
        if c.strip() and not _SELF_DESCRIPTION.match(c) and not _covers(contracts, c)
    ]
    picks = [
        p
        for p in choice.picks
        if not _named_only_by_contracts(p, contracts)
        and not _for_another_purpose(p, contracts, purposes)
        and (
            _is_a_contract(p, contracts)
            or any(_answers(n, p) for n in open_needs)
            or any(normalize(w) in clause for w in p.said for clause in open_clauses)
        )
    ]
    missing = [c for c in contracts if not any(is_that_solution(c, p.solution) for p in picks)]
    if missing:
        candidates = ranked()
        for contract in missing:
            if prices_the_pack(contract) or any(is_that_solution(contract, p.solution) for p in picks):
                continue
            found = [p for p in candidates if is_that_solution(contract, p.solution)]
            # The one serving the purpose the client states ("跑推理，不训练": inference hosting), else the best-ranked.
            best = next((p for p in found if fits_purpose(p.solution, purposes)), None)
            best = best or next(iter(found), None)
            if best is not None and all(best.solution.id != p.solution.id for p in picks):
                picks.append(best)
    if not picks and not choice.unanswered and any(prices_the_pack(c) for c in contracts):
        # A quote for a whole system and nothing else said ("a monitoring system at a turnkey price of RMB 80k, sensors,
        # gateway… all included"): what was quoted is the need, and the best-ranked solution the owner's words or
        # their nearest examples name is what the quote prices; the pack came back empty.
        quoted = next((p for p in ranked() if p.named), None)
        picks = [quoted] if quoted is not None else []
    # The client's contract is their variant of its kind of thing: no second one beside it (an API bought, so no
    # model appliance or fine-tuning service for "用大模型做客服", review11 r11-28; one compute rental, not two).
    theirs = {p.solution.category for p in picks if _is_a_contract(p, contracts)}
    picks = [p for p in picks if _is_a_contract(p, contracts) or p.solution.category not in theirs]
    # What the contract brought into the pack is no longer a later step (review8 D2/D3: "以后可考虑" repeated it);
    # a later step answering nothing the contracts leave open is no step at all.
    later = choice.later
    if later is not None and (
        any(p.solution.id == later.solution.id for p in picks)
        or not any(_answers(n, later) for n in open_needs)
    ):
        later = None
    # A need the client's own contract is ("贷款800万买智能织机…": the looms they buy) is no need left unanswered.
    unanswered = [n for n in choice.unanswered if not _covers(contracts, n)]
    return replace(choice, picks=picks, later=later, unanswered=unanswered)


def _is_a_contract(pick: SolutionPick, contracts: Sequence[Purchase]) -> bool:
    """The pick is what a contract buys (a project quote prices the pick a need chose, it chooses none)."""
    return any(is_that_solution(c, pick.solution) and not prices_the_pack(c) for c in contracts)


def _for_another_purpose(pick: SolutionPick, contracts: Sequence[Purchase], purposes: set[str]) -> bool:
    """The pick is what a contract buys, but for a purpose the client does not state: a fine-tuning rental is
    not the compute a client rents "只跑推理，不训练" (its place goes to the solution serving that purpose)."""
    return _is_a_contract(pick, contracts) and not fits_purpose(pick.solution, purposes)


_SELF_DESCRIPTION = re.compile(
    r"\s*(?:we'?re|we are|we run|i run|i'?m|our (?:company|firm|shop|business) is|我们是|我们公司是|本公司|一家)",
    re.I,
)


def _covered(need: NeedPart, contracts: Sequence[Purchase]) -> bool:
    return _covers(contracts, need.text)


def _covers(contracts: Sequence[Purchase], words: str) -> bool:
    """A contract covers what these words ask: they name the kind of thing the contract buys ("要给质检图片做
    标注" beside a labelling contract, "打算建数字化车间" beside the workshop's contract), or they are said in the
    contract's own words."""
    kinds = set(kinds_named(words))
    if stated_purposes(words):  # "只拿大模型跑推理做客服": what rented compute is for is the compute's clause
        kinds.add(SpendKind.compute)
    text = bare_words(words)
    # A project quote covers no need of its own: it prices what the needs chose. A thing named without an amount
    # covers by its kind only: its words are the whole clause it was named in ("we pay for a large-model API and
    # want staff to search our manuals" names a knowledge-base need beside the API).
    return bool(text) and any(
        c.kind in kinds
        or (c.said and not c.unpriced and (text in bare_words(c.said) or bare_words(c.said) in text))
        for c in contracts
        if not prices_the_pack(c)
    )


# Amounts and spaces: a need cut from a sentence lost its figure ("向银行贷款 买智能织机" from "…贷款800万买智能织机…").
_AMOUNT_OR_SPACE = re.compile(r"\d[\d.,]*\s*(?:万|千|亿|元|块|k\b|m\b)?|\s+", re.I)


def bare_words(words: str) -> str:
    """`words` normalised, without amounts and spaces: a clause compared with the purchase it was cut from."""
    return _AMOUNT_OR_SPACE.sub("", normalize(words))


def _answers(need: NeedPart, pick: SolutionPick) -> bool:
    """The pick answers the need: the need names it, its kind of job, or the owner's words for it; a wish to
    transform the business as a whole is answered by the trade's own tools the pack chose for it."""
    if need.general:
        return True
    text = normalize(need.text)
    return (
        pick.solution.id in need.answers
        or pick.solution.category in need.kinds
        or any(normalize(w) in text for w in pick.said)
    )


def _named_only_by_contracts(pick: SolutionPick, contracts: Sequence[Purchase]) -> bool:
    """Every word of the owner's naming the pick is in the words of a contract it is not: the contract's words
    describe what the client buys, not a need ("买一批已标注的道路图像数据，合同60万" named a fine-tuning service
    by 标注 and 数据, review8 B2/B3)."""
    said = [normalize(w) for w in pick.said]
    return (
        bool(said)
        and not any(is_that_solution(c, pick.solution) for c in contracts)
        and all(any(w in c.said for c in contracts if c.said) for w in said)
    )
