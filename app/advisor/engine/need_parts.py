"""The needs a message states, one by one, and the solutions that answer each.

Owners often state two needs in one breath ("想用AI做排班和大众点评差评回复"); ranked as one text, the stronger
need crowds out the other (review4: a second need dropped in 7 of 54 cases). The need text is cut into its items
(need_items.py). Each item is matched on the catalogue's own
words (need_words.py). An item those words miss, or name by one shared word only ("报价" of a foreign-trade
quote assistant), is matched by its nearest labelled examples (need_bank.py), which also know the needs no
catalogued solution answers (`unserved`, "设计师出效果图太慢"): those are said to be unanswered rather than
given the nearest unrelated product.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.advisor.engine.need_bank import MAX_NONE_SHARE, UNSERVED, NeedVote
from app.advisor.engine.need_items import CONTENT
from app.advisor.engine.need_words import CatalogueWords, says
from app.text.clauses import clauses
from app.text.normalize import normalize

# How an owner opens a need ("想用AI做…"). The nearest examples are asked about what follows it: with it,
# "想用AI做验布" sits nearer any other "想用AI做…" example than "验布" does to fabric inspection.
_OPENING = re.compile(
    r"^(?:[一二三]是)?(?:我们|也|还)?(?:想要|想|希望|打算|准备|需要|要)(?:让|用|上|请)?(?:ai|人工智能)?(?:帮忙|帮我们|来)?"
    r"(?:做|搞|上|出|用)?"
)
# Words of a wish to transform the business as a whole, which names no job of its own (review9 r9-55:
# "汽车配件厂想做数字化改造" was told no catalogued solution addresses it).
_GENERAL_WISH = re.compile(
    r"数字化|数智化|智能化|信息化|智改数转|转型|改造|升级|"
    r"digitali[sz]|go(?:ing)? digital|digital transformation|\bupgrade|\bmoderni[sz]e|smart factory",
    re.I,
)
# A need the catalogue's words name this clearly needs no vote: a listed pain point or keyword said whole,
# or two rare words (one word only one solution lists weighs ~4.1, see need_words.py).
STRONG_WEIGHT = 6.0
# Shares of the nearest examples' vote this close to the top one are a tie the client's trade settles (`alternatives`).
NEAR_TOP_SHARE = 0.9
# The owner names a solution's need with its catalogue words when they are rare among the kinds of job
# (`WordMatch.names`, need_words.py): one word only that kind lists, or two words a few kinds share.


@dataclass(frozen=True)
class NeedPart:
    text: str
    answers: tuple[str, ...] = ()  # solution ids that answer this need, best first; () when none is known
    unserved: bool = False  # a need the catalogue has no solution for (its nearest examples say so)
    sure: bool = False  # named by a pain point or keyword said whole, or by close nearest examples
    # the kinds of job (categories) of what names the need and of what its nearest examples lean to, even too
    # weakly to name it: a ranking lead nothing names still answers the need when of one of these kinds (two
    # weak signals agreeing on the job; the variant for the client's business comes from the ranking)
    kinds: frozenset[str] = frozenset()
    # its nearest examples lean to needs no catalogued solution answers (too weakly to say it unserved):
    # a ranking lead nothing names is then no answer to it ("translate documents faster")
    doubted: bool = False
    # a wish to transform the business as a whole ("想做数字化改造", "go digital") that names no job: no need the
    # catalogue lacks, but a request for the trade's own tools (`general_wish`, pack_choice.py)
    general: bool = False
    # the solutions the catalogue's own words name in it (not its nearest examples): only these bring back a tool
    # the client says it already has (owned.py; pk29: "想知道每天该备多少菜" votes for the ordering tool too)
    worded: tuple[str, ...] = ()
    # the only tools that do what the need asks done, when its verb says it (answering customers' messages on the
    # channel the client names, message_jobs.py), whatever other tools the words of what it is about name
    job: frozenset[str] = frozenset()
    # the solutions its nearest examples vote for about as much as for the one they lead to (within
    # `NEAR_TOP_SHARE` of the top share): what answers it when every solution it names is for other clients
    # ("写文书" for a law firm: the estate agents' listing writer leads the drafting agent by 0.002)
    alternatives: tuple[str, ...] = ()


class NeedMatcher:
    """Which solutions answer one stated need: the catalogue's words first, the nearest examples after."""

    def __init__(
        self,
        words: CatalogueWords,
        phrases: dict[str, list[str]],
        vote: Callable[[str], NeedVote],
    ) -> None:
        self.words = words
        self.phrases = phrases  # solution id -> its normalised pain points and (non-business) keywords
        self.vote = (
            vote  # nearest labelled examples of a text: embeds it, so asked only when words fall short
        )

    def part(self, item: str) -> NeedPart | None:
        """The need `item` states and its solutions; None when it states none after all ("想知道怎么申请")."""
        weights = self._worded(_job_of(item))
        worded = sorted(weights, key=lambda sid: -weights[sid])
        if worded and weights[worded[0]] >= STRONG_WEIGHT:
            return NeedPart(
                item,
                tuple(worded),
                sure=True,
                kinds=frozenset(self.words.kind[s] for s in worded),
                worded=tuple(worded),
            )
        vote = self.vote(without_opening(item))
        if not worded and vote.none_share >= MAX_NONE_SHARE:
            return None  # its nearest examples are questions about funding, applying, other topics
        if not worded and _GENERAL_WISH.search(item) and not vote.names_one:
            return NeedPart(item, general=True)
        if vote.unserved:
            return NeedPart(item, unserved=True)
        ordered = [sid for sid in sorted(vote.shares, key=lambda s: -vote.shares[s]) if sid != UNSERVED]
        top = max(vote.shares.values(), default=0.0)
        leaning = [s for s in ordered if vote.shares[s] == top] if vote.states_need else []
        # A solution the nearest examples name more weakly than they say "no catalogued solution" is no answer
        # ("提高笔译效率": four examples of translation needs beside a courseware tool's).
        against = vote.shares.get(UNSERVED, 0.0)
        named = [s for s in ordered if (vote.names(s) or vote.leads(s)) and vote.shares[s] > against]
        # The catalogue's words name it where the nearest examples name nothing ("找人标注商品图片": 标注 of the
        # labelling service); where they name something else, they decide ("数字" of 数字化 is not 数字人).
        kinds = frozenset(self.words.kind[s] for s in [*named, *worded, *leaning] if s in self.words.kind)
        sure = any(vote.names(sid) for sid in named)
        doubted = against > 0 and against >= top  # "no catalogued solution" leads the vote, if too weakly
        near = tuple(s for s in ordered if vote.states_need and vote.shares[s] >= NEAR_TOP_SHARE * top)
        return NeedPart(
            item,
            tuple(named or worded),
            sure=sure,
            kinds=kinds,
            doubted=doubted,
            worded=tuple(worded),
            alternatives=near,
        )

    def vote_text(self, item: str) -> str | None:
        """The text `part` asks the nearest examples about (and so embeds), None when the catalogue's words
        name the need clearly enough: a turn embeds these with its own text in one e5 call."""
        strong = any(weight >= STRONG_WEIGHT for weight in self._worded(item).values())
        return None if strong else without_opening(item)

    def names_job(self, text: str) -> bool:
        """The catalogue's words name some solution's job in `text` (normalised) clearly enough to need no vote
        (`STRONG_WEIGHT`): "production scheduling", not the one word "accounts" of "our Xiaohongshu accounts"."""
        return any(weight >= STRONG_WEIGHT for weight in self._worded(text).values())

    def named_in(self, text: str) -> frozenset[str]:
        """Solutions the catalogue's words name in `text` (no vote): what a contract named in these words is
        ("一套AI点餐SaaS一年2万" is the ordering tool's subscription; "云ERP一年6万" is none of ours)."""
        return frozenset(self._worded(normalize(text)))

    def _worded(self, item: str) -> dict[str, float]:
        """Solution id -> how clearly the catalogue's words name it in `item` (only those named)."""
        weights: dict[str, float] = {}
        for sid, phrases in self.phrases.items():
            if any(says(p, item) for p in phrases):
                weights[sid] = STRONG_WEIGHT  # a pain point or keyword said whole
        for sid, match in self.words.match(item).items():
            if match.names:
                weights[sid] = max(weights.get(sid, 0.0), match.weight)
        return weights


# How the work is done now, after what is done ("排产全靠老师傅", "质检全靠人眼"): who or what does it names no job of
# its own (review16 r16-19: 老师傅 brought in the repair-knowledge assistant beside the scheduling tool).
_BY_MEANS = re.compile(r"(?:全|都|只能|还是|主要)?(?:靠|凭)着?[^，,。；;]*$")


def _job_of(item: str) -> str:
    """The need without how it is done now, when what is done is said before it."""
    head = _BY_MEANS.sub("", item)
    return head if CONTENT.search(head) else item


def without_means(text: str) -> str:
    """`text` with each clause's "(全)靠…" tail cut where a job is said before it: what the ranking's words read."""
    return "，".join(_job_of(clause) for clause in clauses(text, colon=True))


def without_opening(item: str) -> str:
    """The need without how the owner opens it ("想要用AI做会员营销" -> "会员营销"): what it asks for, as the nearest
    examples are asked about it and as the answer names it."""
    return _OPENING.sub("", item).strip() or item
