"""Solution ranking: filter by fit, score by need; the pack is chosen from the ranking (pack_choice.py).

What the conversation asks for is read by the base class (need_reading.py).

Deterministic and identical in offline and LLM modes: the LLM may only word
what this module chose.
"""

from __future__ import annotations

from collections.abc import Callable

from app.advisor.engine.channel_fit import unlisted_channels
from app.advisor.engine.conditions import Reason
from app.advisor.engine.contract_scope import RAW_INPUTS, is_an_input, only_buys
from app.advisor.engine.fitting_vote import asked_among_fitting
from app.advisor.engine.need_bank import NO_VOTE, NeedBank
from app.advisor.engine.need_items import apart_from_business
from app.advisor.engine.need_parts import without_means
from app.advisor.engine.need_reading import NeedReader, as_said, need_query, no_sector
from app.advisor.engine.need_words import WordMatch, says
from app.advisor.engine.owned import owned_clauses
from app.advisor.engine.pack_choice import PackChoice, choose_pack
from app.advisor.engine.pack_choice import SolutionPick as SolutionPick  # understand/ imports it from here
from app.advisor.engine.program_names import ProgramNames
from app.advisor.engine.solution_fit import (
    fits,
    names_its_object,
    objects_of,
    outside_classes,
    platform_in_use,
)
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import Catalogue, Solution
from app.catalogue.taxonomy import CATEGORY_LABELS, INFRASTRUCTURE_CATEGORIES
from app.components.vector_store import CollectionName
from app.services.retrieval import MAX_QUERY_CHARS, RetrievalService, SearchFilters, SearchResult
from app.text.normalize import normalize


def _bought(solution: Solution, profile: CompanyProfile) -> bool:
    """The solution is an input the client says it buys ("用的是通义千问的API", "we rent GPUs"), priced or not:
    what they buy is in the ranking whatever words name it (review11 r11-28)."""
    # (an input bought in an earlier year is no purchase to make: engine/past_spend.py)
    return any(
        only_buys(solution, p.kind) for p in profile.purchases if p.kind in RAW_INPUTS and p.year is None
    )


SOLUTION_CANDIDATES = 30  # solutions semantically ranked per ask; the rest score on keywords only


# Score per unit of the catalogue words' rarity (a word only one solution lists: ~4 units), capped:
# the owner's own words outweigh a near tie in semantic similarity, never a clear semantic match alone.
WORD_SCORE, WORD_SCORE_CAP = 0.04, 0.4
OTHER_INDUSTRY = 0.1  # a named solution listed for other industries ranks below one listed for the client's
# Score per unit of a solution's share of the nearest-example vote (need_bank.py): a clear winner (share
# 0.6-1.0) gains about one to two semantic ranks, enough to settle near ties however the need is worded.
EXAMPLE_SCORE = 0.8


class SolutionRecommender(NeedReader):
    def __init__(
        self,
        catalogue: Catalogue,
        retrieval: RetrievalService,
        sector_of: Callable[[str], str | None] = no_sector,
        need_of: Callable[[str], str] = as_said,
        problem_of: Callable[[str], str] = as_said,
        needs: NeedBank | None = None,
        meaning_of: Callable[[str], str] | None = None,
        class_of: Callable[[str], str | None] = no_sector,
    ) -> None:
        super().__init__(catalogue, sector_of, need_of, problem_of, needs, meaning_of)
        self._class_of = class_of  # the GB/T class code the client's words for its business name, if any
        self.catalogue = catalogue
        self.retrieval = retrieval
        self._programs = ProgramNames(catalogue.funding)
        # A keyword that names a kind of business ("民宿", "hotel") says whom a solution is made for,
        # not what it solves: it is no evidence of the need, and it rules out other businesses.
        self._made_for = {
            s.id: {normalize(k): sector for k in s.keywords if (sector := sector_of(k))}
            for s in catalogue.solutions
        }
        self._objects = {s.id: objects_of(s) for s in catalogue.solutions}
        self._solutions = {s.id: s for s in catalogue.solutions}
        self._names = {
            s.id: [normalize(w) for w in (*s.keywords, *CATEGORY_LABELS[s.category]) if len(w) >= 2]
            for s in catalogue.solutions
        }

    def rank(
        self,
        profile: CompanyProfile,
        message: str,
        history: str = "",
        shared: SearchResult | None = None,
        named_by_needs: frozenset[str] = frozenset(),
        worded_by_needs: frozenset[str] | None = None,
    ) -> list[SolutionPick]:
        """Every fitting solution, best need-match first (before the complementarity cut).

        `shared`: the turn's own retrieval; when it searched the same text, its solution ranking
        is used instead of a second search (no second embedding, no second Chroma query).
        `named_by_needs`: solutions one of the stated needs names on its own (`stated_needs`);
        `worded_by_needs`: of those, the ones a need's own words name, the only ones that override what the client
        says it already has (None: all of `named_by_needs`).
        """
        need = self.need_in(message)
        query = need_query(profile, message, history, need)
        # Ranked densely by the turn's one embedding (`shared.meaning`: `turn_need`, a cache hit), never by a
        # text of its own: every search and vote of a turn shares one query embedding.
        embedded = shared.meaning if shared is not None else self.turn_need(profile, message, history)
        if shared is not None and shared.query == query[:MAX_QUERY_CHARS]:
            hits = shared.within(CollectionName.solutions, SOLUTION_CANDIDATES)
        elif shared is not None:
            # The turn's retrieval ranked by the same vector: only the words BM25 reads differ (the need
            # without the facts the message states, or the conversation's), so no second search.
            hits = shared.within(CollectionName.solutions, SOLUTION_CANDIDATES, words=query)
        else:
            hits = self.retrieval.search(
                query,
                k=SOLUTION_CANDIDATES,
                filters=SearchFilters(collections=frozenset({CollectionName.solutions})),
                meaning=embedded,
            ).hits
        semantic = {hit.source: 1.0 / (rank + 3) for rank, hit in enumerate(hits)}
        # The need text (RuleExtractor.need_text) holds no program names: "模型券" asks about funding and
        # names no model-API need, as "算力券" names no compute rental.
        text = " ".join([self.need_of(history), self.need_of(message), *profile.pain_points, *profile.goals])
        problem = [self.problem_of(history), self.problem_of(message), *profile.pain_points, *profile.goals]
        # A program named in part ("大模型应用示范项目") names funding: its words are no need (review7 rev7-14).
        text, problem = self._unnamed(text), [self._unnamed(p) for p in problem]
        # who or what does the work now names no job ("排产全靠老师傅": not the repair assistant, review16 r16-19)
        text, problem = without_means(text), [without_means(p) for p in problem]
        # what the client bought in an earlier year names nothing to buy now (past_spend.py)
        text = self.without_past_purchases(text, profile)
        problem = [self.without_past_purchases(p, profile) for p in problem]
        said = self.words.match(" ".join(problem))
        # what the need is about, the clause introducing the business left out ("社区诊所" names no 社群 to run)
        objects_said = " ".join(apart_from_business(p, self._states_need) for p in problem)
        vote = self.needs.vote(embedded) if self.needs else NO_VOTE  # on the search's own vector
        stated = named_by_needs if worded_by_needs is None else worded_by_needs
        owned = self._owned(f"{history}\n{message}", self.bought_earlier(profile), stated)
        picks: list[SolutionPick] = []

        def named_by_owner(solution: Solution) -> tuple[list[str], list[str], WordMatch, bool, bool]:
            matched = [p for p, norm in self._pains[solution.id] if says(norm, text)]
            keywords = [k for k in self._keywords[solution.id] if says(k, text)]
            words = said.get(solution.id, WordMatch((), 0.0))
            worded = bool(matched or keywords or words.names)
            named = worded or vote.names(solution.id) or solution.id in named_by_needs
            return matched, keywords, words, worded, named

        # The job a trade's own tool does, named by a client of another trade ("代账公司AI记账" for a firm whose
        # bookkeeper types receipts): the generic tool of that kind answers it in its place.
        barred = {
            s.category
            for s in self.catalogue.solutions
            if s.audience_only and not fits(s, profile)[0] and named_by_owner(s)[4]
        }
        # What the client says of the business, where it sells included (solution_fit.platform_in_use).
        business = normalize(f"{profile.industry_text or ''} {history}\n{message}")
        client_class = self._class_of(business)
        for solution in self.catalogue.solutions:
            if solution.id in owned:
                continue  # the client already has, runs or builds this kind of tool (owned.py)
            if outside_classes(solution, client_class):
                continue  # made for other classes of the client's trade (a kindergarten sets no homework)
            ok, unfit = fits(solution, profile)
            matched, keywords, words, worded, named = named_by_owner(solution)
            if not platform_in_use(solution, profile, business, worded):
                continue  # a shop-platform tool for a business that sells on no such platform
            named = named or (solution.category in barred and not solution.industries)
            bought = _bought(solution, profile)
            named = named or bought  # what they buy fits them, whatever its listed trades
            share = vote.share(solution.id)
            # Listed industries say whom a solution is sold to: when the owner names its very problem and what it
            # works on ("污水处理厂…电费太高" and an energy monitor listed for factories) it is still an answer; a
            # tool made for one trade's own work is not, however it is named (review7: an online shop's bot for a
            # travel agency's trip questions, an accounting firm's audit tool for an apple e-commerce firm).
            across = named and (bought or names_its_object(self._objects[solution.id], objects_said))
            if not ok and not (unfit == "industry" and across and not solution.audience_only):
                continue
            score = semantic.get(solution.id, 0.0) + 0.25 * len(matched) + 0.1 * min(len(keywords), 3)
            score += min(WORD_SCORE * words.weight, WORD_SCORE_CAP) - (OTHER_INDUSTRY if not ok else 0.0)
            score += EXAMPLE_SCORE * share
            made_for = set(self._made_for[solution.id].values())
            if (
                made_for
                and profile.sector not in made_for
                and not named
                and not self._said_business(solution, business)
            ):
                # made for another business (a hotel tool for a restaurant, an audit tool for an agency), not asked for
                continue
            if profile.industry and profile.industry in solution.industries:
                score += 0.05  # made for this industry rather than generic
            if profile.sector and profile.sector in made_for:
                score += 0.05  # and for this very kind of business
            if solution.category in INFRASTRUCTURE_CATEGORIES and not named:
                continue  # compute and model services only when the need names them, never as filler
            why = [self._why(solution, matched, profile)]
            picks.append(
                SolutionPick(
                    solution,
                    round(score, 4),
                    why,
                    need_matches=len(matched) + len(keywords) + words.names + vote.names(solution.id),
                    named=named,
                    worded=worded,
                    said=frozenset([*matched, *keywords, *words.words]),
                    for_industry=bool(profile.industry and profile.industry in solution.industries),
                    for_business=bool(profile.sector and profile.sector in made_for),
                    other_trade=not ok,
                )
            )
        picks.sort(key=lambda p: (-p.score, p.solution.id))
        return picks

    def _said_business(self, solution: Solution, business: str) -> bool:
        """The client's words name a business the solution is made for, beside its sized trade: "做外贸的工厂" is a
        factory (sized as industry) doing foreign trade, whom the export-enquiry tool is made for."""
        return any(says(word, business) for word in self._made_for[solution.id])

    def _unnamed(self, text: str) -> str:
        """`text` without the stretches of catalogued program names it repeats."""
        for stretch in self._programs.stretches(text):
            text = text.replace(stretch, " ")
        return text

    def _owned(self, text: str, bought: list[str], stated: frozenset[str]) -> set[str]:
        """Solutions the catalogue's words name in a clause saying the client already has or builds them, or in
        what it bought in an earlier year (`bought`), unless a stated need names them too (`stated`)."""
        owned: set[str] = set()
        for clause in [*owned_clauses(text), *bought]:
            owned |= {
                sid for sid, phrases in self.matcher.phrases.items() if any(says(p, clause) for p in phrases)
            }
            owned |= {sid for sid, match in self.words.match(clause).items() if match.names}
        # An input they already buy (API calls, compute) stays what they buy: it is their line, not a tool to sell.
        return {sid for sid in owned - stated if not is_an_input(self._solutions[sid])}

    def named_in(self, text: str) -> set[str]:
        """Ids of solutions the text names by keyword or category ("再加一个智能客服")."""
        norm = normalize(text)
        return {solution_id for solution_id, words in self._names.items() if any(w in norm for w in words)}

    def pack(
        self,
        profile: CompanyProfile,
        message: str,
        history: str = "",
        size: int = 3,
        shared: SearchResult | None = None,
        stated: bool = False,
    ) -> PackChoice:
        """One solution per stated need, within the budget or flagged (see `choose_pack`).

        `stated`: the turn states a need (by the rules or the nearest examples) even where no clause of it
        could be cut out as one: no industry filler joins it.
        """
        needs = self.stated_needs(profile, message, history)
        # What a stated need names fits the client whatever its listed industries or its business keyword
        # (as a need the owner names in the catalogue's words does): "想用AI做产品图" names the product-image
        # tool for a wig factory too, though it lists 电商.
        # So do the tools doing the job a need's verb asks on the client's channel (`NeedPart.job`): a dental clinic's
        # "handle appointment calls" is the booking receptionist's work, though it lists salons and restaurants.
        named = frozenset(a for need in needs for a in (*need.answers, *need.job))
        # A tool the client says it has comes back only where a need's own words name it, not its nearest examples.
        worded = frozenset(a for need in needs for a in need.worded)
        ranked = self.rank(profile, message, history, shared, named, worded)
        if self.needs is not None:
            needs = [asked_among_fitting(self.needs, need, ranked) for need in needs]
        # A wish to transform the whole business names no job: with no other need, the trade's own tools
        # answer it as they answer a question naming no need (`fill`), never "no catalogued solution".
        specific = [n for n in needs if not n.general]
        fill = not stated or (bool(needs) and not specific)
        choice = choose_pack(ranked, profile.budget_cny, size, specific, fill=fill)
        if sum(not n.unserved for n in specific) == 1:
            choice.picks = choice.picks[:1] + self._wished_for(choice.picks[1:], profile, message, history)
        # A need the catalogue's own words name a picked solution for is answered by it, whatever its nearest
        # examples lean to: never "no solution addresses 'automatic alerts'" above the cold-room alert (r12-02).
        picked = {p.solution.id for p in choice.picks}
        for pick in (
            choice.picks
        ):  # "WhatsApp replies": the nearest reply tool, with what to confirm (channel_fit.py)
            pick.channels_unlisted = unlisted_channels(pick.solution, f"{history}\n{message}")
        choice.unanswered = [n for n in choice.unanswered if not self._names_any(n, picked)]
        choice.ruled_out = [n for n in choice.ruled_out if n in choice.unanswered]
        return choice

    def _wished_for(
        self, picks: list[SolutionPick], profile: CompanyProfile, message: str, history: str
    ) -> list[SolutionPick]:
        """Of the picks beside one stated need's answer, those whose words the client says outside the clause that
        introduces the business: a word of its name ("社区诊所": a WeChat community tool's 社区) calls for nothing
        (s19 brief: unasked additions beside a clinic's queue)."""
        lines = [self.problem_of(line) for line in [*history.splitlines(), message] if line.strip()]
        said = " ".join(
            apart_from_business(line, self._states_need) for line in [*lines, *profile.pain_points]
        )
        return [p for p in picks if any(says(normalize(w), said) for w in p.said)]

    def _names_any(self, need: str, solutions: set[str]) -> bool:
        return any(match.names for sid, match in self.words.match(need).items() if sid in solutions)

    @staticmethod
    def _why(solution: Solution, matched: list[str], profile: CompanyProfile) -> Reason:
        label_en = CATEGORY_LABELS[solution.category][1]
        days = f"{solution.deploy_days.max:g}"
        if matched:
            return Reason(
                f"针对您提到的“{'、'.join(matched[:2])}”，{days}天内可上线",
                f"addresses the {label_en.lower()} need you described; live within {days} days",
            )
        industry = profile.industry_label or "中小企业"
        return Reason(
            f"{solution.summary_zh.rstrip('。')}；适合{industry}，{days}天内可上线",
            f"{solution.summary_en.rstrip('.')}; live within {days} days",
        )
