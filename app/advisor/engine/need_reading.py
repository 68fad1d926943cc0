"""What a conversation asks for: the need of each message, the text a turn embeds, the needs it states.

The reading half of `SolutionRecommender` (recommend.py), which ranks and chooses solutions for what is
read here. Both read the catalogue's words and the nearest labelled examples the same way (need_words.py,
need_bank.py, need_parts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from app.advisor.engine.contract_scope import names_system_of_record
from app.advisor.engine.message_jobs import MessageTools, answers_messages, clauses_around, customer_jobs
from app.advisor.engine.need_bank import NO_VOTE, NeedBank, NeedVote
from app.advisor.engine.need_items import apart_from_business, need_items, states_or_wishes
from app.advisor.engine.need_parts import NeedMatcher, NeedPart
from app.advisor.engine.need_words import CatalogueWords, says
from app.advisor.engine.owned import OWNS, PAYS_FOR, owned_end
from app.advisor.engine.pack_contracts import bare_words
from app.advisor.engine.past_spend import earlier_years
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import Catalogue
from app.catalogue.taxonomy import INFRASTRUCTURE_CATEGORIES, SpendKind
from app.text.clauses import clauses
from app.text.normalize import normalize


def _system_only(item: str) -> NeedPart | None:
    """A wish for a system of record its nearest examples read as no need ("想上MES": they sit by questions about
    funding): a part of the need all the same, one the catalogue lacks, said so beside the other parts' tools."""
    if names_system_of_record(SpendKind.software, normalize(item)):
        return NeedPart(item, unserved=True, sure=True)
    return None


def _system_of_record(part: NeedPart, infrastructure: frozenset[str]) -> NeedPart:
    """A wish for a system the business runs on ("想上云ERP", "a cloud MES") is one the catalogue lacks: it holds AI
    tools, none of them such a system (contract_scope.py). Said so, never answered with GPU hosting that the word
    上云 leans to (review13 r13-24) - unless the catalogue's words name a task tool in the same part: "想做个MES加
    AI排产" asks for the scheduling tool beside the MES (the whole pack went missing at integration)."""
    tasks = set(part.worded) - infrastructure
    if not tasks and names_system_of_record(SpendKind.software, normalize(part.text)):
        return NeedPart(part.text, unserved=True, sure=True)
    return part


def _answering(part: NeedPart, tools: MessageTools, said: str, industry: str | None) -> NeedPart:
    """A need to answer customers' messages or take their bookings is answered by the tools doing that job on the
    client's channel, never by a tool the words of who writes or what they ask about name ("answer guests": not the
    review-reply tool), nor by the other job's tool ("客服機械人": not the booking receptionist, message_jobs.py)."""
    before, after = clauses_around(part.text, said)
    jobs = customer_jobs(part.text, before, after)
    if part.unserved or not (jobs or answers_messages(part.text, before, after)):
        return part
    job = tools.for_client(said, jobs, industry)
    return replace(
        part,
        answers=tuple(a for a in part.answers if a in job),
        worded=tuple(a for a in part.worded if a in job),
        kinds=tools.kinds,
        doubted=False,
        job=job,
    )


def _no_need(_: str) -> bool:
    return False


def no_sector(_: str) -> str | None:
    return None


def as_said(message: str) -> str:
    return message


def need_query(profile: CompanyProfile, message: str, history: str, need: str) -> str:
    """What to match solutions against semantically.

    A first message is matched by its need (`need`: `NeedReader.need_in(message)`, the message
    without the facts it states), so every phrasing of one need meets the same solutions; it is the text
    the turn's own retrieval was ranked by, so its embedding is not computed twice. Later turns add the
    profile and the history.
    """
    # Pain points and goals are kept normalised ("用ai", simplified): compared with the message as said,
    # every one the message itself states looked unsaid, and was searched a second time.
    said = normalize(message)
    stated = [p for p in (*profile.pain_points, *profile.goals) if normalize(p) not in said]
    if not history.strip():
        # the sidebar form / --profile pain points are the need too
        return " ".join([need, *stated]) if stated else need
    parts = [
        profile.industry_label or "",
        *profile.pain_points,
        *profile.goals,
        f"{history}\n{message}"[-600:],
    ]
    return " ".join(p for p in parts if p)


CONVERSATION_NEED_CHARS = 200  # of a later turn's stated needs, embedded to rank solutions by meaning


class NeedReader:
    def __init__(
        self,
        catalogue: Catalogue,
        sector_of: Callable[[str], str | None] = no_sector,
        need_of: Callable[[str], str] = as_said,
        problem_of: Callable[[str], str] = as_said,
        needs: NeedBank | None = None,
        meaning_of: Callable[[str], str] | None = None,
    ) -> None:
        self.need_of = need_of  # the message without its stated facts and programs (RuleExtractor.need_text)
        self.meaning_of = (
            meaning_of or need_of
        )  # the same with the programs it names: what retrieval ranks by
        self.problem_of = problem_of  # and without the business: what the catalogue's words are matched on
        self.words = CatalogueWords(catalogue, sector_of)
        self.needs = needs  # nearest labelled examples: the needs owners word differently from the catalogue
        self.messages = MessageTools(catalogue)
        # what the word 上云 leans to: hosting and model services, never the system a business runs on
        self._made_for_trades = {s.id: bool(s.industries) for s in catalogue.solutions}
        self._trades = {s.id: frozenset(s.industries) for s in catalogue.solutions}
        self._infrastructure = frozenset(
            s.id for s in catalogue.solutions if s.category in INFRASTRUCTURE_CATEGORIES
        )
        # Normalised once: matching them is per ask, and OpenCC conversion is slow.
        self._pains = {s.id: [(p, normalize(p)) for p in s.pain_points] for s in catalogue.solutions}
        self._keywords = {
            s.id: [normalize(k) for k in s.keywords if len(k) >= 2 and not sector_of(k)]
            for s in catalogue.solutions
        }
        phrases = {
            s.id: [n for _, n in self._pains[s.id]] + self._keywords[s.id] for s in catalogue.solutions
        }
        self.matcher = NeedMatcher(self.words, phrases, self._vote)
        # The pain points and the long keywords: what only a product or its problem is called ("预测性维护",
        # "视觉检测"), unlike short everyday ones ("配送", "报表") a business description also says.
        self._product_terms = sorted(
            {p for sid in phrases for p in phrases[sid] if len(p) >= (8 if p.isascii() else 4)}
        )
        # A clause reads the same each time: a pack turn reads its needs twice (the texts the turn embeds, then
        # the stated needs) and a later turn the earlier messages' clauses again (speed only).
        self._states_need = lru_cache(maxsize=4096)(self._states_need)  # type: ignore[method-assign]

    def _vote(self, text: str) -> NeedVote:
        return self.needs.vote(text) if self.needs else NO_VOTE

    def turn_need(self, profile: CompanyProfile, message: str, history: str = "") -> str:
        """The one text an advisor turn embeds: what it asks for, as its solutions are ranked by meaning.

        A first message: its need (`need_in`), with the pain points and goals a form stated beside it.
        A later one: the needs the conversation stated, its own last. The turn's retrieval ranks by it
        and every solution ranking and vote of the turn reuses its vector (issue 15: one per turn).
        """
        need = self.need_in(message)
        if history.strip():
            return self._conversation_need(profile, history, need)
        said = normalize(message)
        stated = [p for p in (*profile.pain_points, *profile.goals) if normalize(p) not in said]
        return " ".join([need, *stated]) if stated else need

    def _conversation_need(self, profile: CompanyProfile, history: str, need: str) -> str:
        """What a later turn's solutions are ranked by semantically: the needs the conversation stated.

        The history read whole (its last 600 characters, facts and all) is what BM25 matches; embedding it
        cost ~25 short queries. Each user message without its facts, newest last, is short enough.
        """
        said = [self.need_in(line) for line in history.splitlines() if line.strip()]
        parts = [profile.industry_label or "", *profile.pain_points, *profile.goals, *said, need]
        return " ".join(dict.fromkeys(p for p in parts if p))[-CONVERSATION_NEED_CHARS:]

    def need_in(self, message: str) -> str:
        """What a message asks for: the message without the facts it states (place, headcount, budget).

        It keeps the programs the message names, which the turn's retrieval must still find
        (`meaning_of`; the catalogue-word matching reads `need_of`, without them). A message that
        states no fact is returned as said (`meaning_of` gives normalised text, "AI" → "ai"),
        so its need and the message are one text with one embedding. The advisor ranks the turn's
        retrieval by this text, and solutions are matched on it: one query embedding per first turn.
        """
        need = self.meaning_of(message)
        return message if not need or need == normalize(message) else need

    def states_needs(self, profile: CompanyProfile, message: str) -> bool:
        """The message states a need of its own: one the catalogue answers, one it says it cannot, or one whose
        words and nearest examples lean to a kind of job the catalogue has ("想用AI幫手落單": ordering, though no
        one tool is named) — a funding question stating it gets the pack, not "no solution addresses" (r10-33)."""
        return any(
            n.answers or n.unserved or (n.kinds and not n.doubted)
            for n in self.stated_needs(profile, message)
        )

    def stated_needs(self, profile: CompanyProfile, message: str, history: str = "") -> list[NeedPart]:
        """The needs the conversation states, oldest first, each with the solutions that answer it.

        Read from each user message without its facts, business and programs (`problem_of`), and from
        pain points typed into the sidebar form; a later turn stating only a fact ("预算其实只有八千块")
        keeps the needs said before.
        """
        said = " ".join([history, message, *profile.pain_points])
        parts = [
            _answering(_system_of_record(part, self._infrastructure), self.messages, said, profile.industry)
            for item in self._need_items(profile, message, history)
            if (part := self.matcher.part(item) or _system_only(item))
        ]
        return [
            q for p, q in zip([None, *parts], parts, strict=False) if p is None or not self._said_again(p, q)
        ]

    def _said_again(self, before: NeedPart, part: NeedPart) -> bool:
        """`part` says the need before it again in general words: what it names is of the same kinds as the tool made
        for a trade that answers the need before, and its words touch that tool's ("设备维修全靠几个老师傅，想把经验沉淀成
        问答": the 经验 is the repair know-how; q11's general knowledge base led, or stood beside the repair tool,
        where every other phrasing got the repair tool alone). A need of its own object ("还想做个员工制度问答") stays."""
        trade_tools = [sid for sid in before.answers if self._made_for_trades[sid]]
        if not trade_tools or not part.answers or set(part.answers) & set(before.answers):
            return False
        before_trades = frozenset().union(*(self._trades[t] for t in trade_tools))
        # Another tool of the same trade is a need of its own: a clinic's 病历 after its 候诊.
        if any(self._trades[sid] & before_trades for sid in part.answers):
            return False
        kinds = {self.words.kind[sid] for sid in before.answers}
        same_kinds = {self.words.kind[sid] for sid in part.answers} <= kinds
        return same_kinds and any(self.words.own_words(t, part.text, part.answers) for t in trade_tools)

    def need_texts(self, profile: CompanyProfile, message: str, history: str = "") -> list[str]:
        """The texts `stated_needs` matches by their nearest examples (the needs the catalogue's words do not
        name clearly): the turn embeds them with its own text in one e5 call (issue 15)."""
        if self.needs is None:
            return []
        texts = (self.matcher.vote_text(item) for item in self._need_items(profile, message, history))
        return [text for text in texts if text]

    def _need_items(self, profile: CompanyProfile, message: str, history: str) -> list[str]:
        texts = [self.problem_of(line) for line in [*history.splitlines(), message] if line.strip()]
        said = normalize(" ".join(texts))
        texts += [p for p in profile.pain_points if normalize(p) not in said]
        items = [
            item
            for text in texts
            for item in need_items(text, self._states_need, self.matcher.names_job, self.matcher.named_in)
        ]
        # A purchase made in an earlier year ("去年买了一台大模型一体机花了60万") is what the client has, no need to
        # buy it again: the clause saying it names no part of the need (engine/past_spend.py).
        return [i for i in dict.fromkeys(items) if not self._said_of_past_purchase(i, profile)]

    def without_past_purchases(self, text: str, profile: CompanyProfile) -> str:
        """`text` without the clauses saying what the client bought in an earlier year: their words name nothing to
        buy (review18: GPU rental paid last year came back as a pack line beside the reply bot asked for)."""
        return "，".join(c for c in clauses(text, colon=True) if not self._said_of_past_purchase(c, profile))

    @staticmethod
    def _said_of_past_purchase(words: str, profile: CompanyProfile) -> bool:
        bare = bare_words(words)
        return bool(bare) and any(
            bare in bare_words(p.said) for p in earlier_years(profile.purchases) if p.said
        )

    def bought_earlier(self, profile: CompanyProfile) -> list[str]:
        """The client's words for what it bought in an earlier year: clauses saying what it has (owned.py)."""
        return [normalize(p.said) for p in earlier_years(profile.purchases) if p.said]

    def _states_need(self, clause: str) -> bool:
        """A clause states a need by the rules (`states_or_wishes`, need_parts.py), or names a solution by a product term of the
        catalogue's own said whole, as a purpose or a topic with no wish verb ("想申请补贴，做设备预测性维护",
        "质检这块…", "用于设备故障预警"): review7 rev7-06 lost its pack to a funding-only answer. Not a clause
        saying the client already has or builds it (owned.py)."""
        owned = owned_end(clause)
        if owned is not None and PAYS_FOR.search(clause) and not OWNS.search(clause):
            # "每年花3万订阅一个AI写商品文案的软件": the tool paid for is theirs; only a wish after it is a need
            return states_or_wishes(clause[owned:])
        if states_or_wishes(clause):
            return True
        if owned is not None:
            return False
        if not apart_from_business(clause, _no_need).strip():
            return (
                False  # the clause introducing the business: a product term there is what it makes or sells
            )
        return any(says(term, clause) for term in self._product_terms)
