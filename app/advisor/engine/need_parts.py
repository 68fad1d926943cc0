"""The needs a message states, one by one, and the solutions that answer each.

Owners often state two needs in one breath ("想用AI做排班和大众点评差评回复"); ranked as one text, the stronger
need crowds out the other (review4: a second need dropped in 7 of 54 cases). The need text (the message
without its facts and programs, `RuleExtractor.need_text`) is cut into clauses, and a clause that states a
need into its items at the connectors (和、以及、另外, "and"). Each item is matched on the catalogue's own
words (need_words.py). An item those words miss, or name by one shared word only ("报价" of a foreign-trade
quote assistant), is matched by its nearest labelled examples (need_bank.py), which also know the needs no
catalogued solution answers (`unserved`, "设计师出效果图太慢"): those are said to be unanswered rather than
given the nearest unrelated product.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app.advisor.engine.channel_fit import channel_only
from app.advisor.engine.need_bank import MAX_NONE_SHARE, UNSERVED, NeedVote
from app.advisor.engine.need_words import CatalogueWords, says
from app.advisor.understand.classify import NEED, PROBLEM, WISH, states_need
from app.text.normalize import normalize

_CLAUSE = re.compile(r"[,;:.!?，；：。！？\n]+")
# Connectors between two needs. "及" not in 及时/及格, "跟" not in 跟不上/跟进: those are words, not joins;
# English "and" only before a new object or clause ("route planning and a chatbot"), not inside one
# ("our WeChat and Xiaohongshu posts"), or before a new wish ("we pay for an API and want staff to search…").
# Cantonese and Taiwanese "同(埋)" joins needs ("排車同埋覆客"), not in 同时/同样/同事 nor after 合/不/相/共.
_JOIN = re.compile(
    r"以及|还有|另外|同时|并且|再加上|和|与|、|及(?![时格早])|跟(?!不上|进|单)|/|同埋|"
    r"(?<![合不相共协如认连陪])同(?![时样事步城行类学意比期款一业等])|"
    r"\s(?:plus|as well as|also)\s|"
    r"\sand\s(?=(?:a|an|the|to|also|we|our|help|make|write|predict|wants?|needs?|would|hope|plans?)\b)|"
    # or before a clause of its own: "our warehouse is a mess and production scheduling is done by hand"
    r"\sand\s(?=(?:[a-z]+\s){1,2}(?:is|are|was|were|keeps?|takes?|goes|breaks?)\b)",
    re.I,
)
# A limit on what to spend said as a clause of its own ("总投入想控制在50万内") is the budget, no need: its nearest
# examples named a scheduling tool beside a GPU contract (review12 r12-01).
_BUDGET = re.compile(
    r"(?:总投入|总预算|预算|投入|总花费|花费|费用|成本|总共)[^，,。；;]{0,6}(?:控制在|不超过|不要超过|以内|之内|内$)"
)
_CONTENT = re.compile(r"[\u3400-\u9fff]{2,}|[a-z]{3,}", re.I)
# How an owner opens a need ("想用AI做…"). The nearest examples are asked about what follows it: with it,
# "想用AI做验布" sits nearer any other "想用AI做…" example than "验布" does to fabric inspection.
_OPENING = re.compile(
    r"^(?:[一二三]是)?(?:我们|也|还)?(?:想|希望|打算|准备|需要|要)(?:让|用|上|请)?(?:ai|人工智能)?(?:帮忙|帮我们|来)?"
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


# Asking AI to do something ("想让AI帮忙做印花图案设计", "we'd like AI to write our posts"): a need whatever the
# thing is, also where the rules know no word of it.
_ASKS_AI_TO = re.compile(
    r"(想|希望|打算|准备|需要|要)(让|用|请)?(ai|人工智能)(帮忙|帮我们|来)?(做|搞|写|出|画|生成|设计)|"
    r"(would|'d) like (ai|an ai|to use ai) to\b|\bwant (ai|an ai) to\b",
    re.I,
)


# Using AI for a job, said inside a funding question ("用AI做外观质检能申请补贴吗", "any subsidy for using AI to
# forecast our sales?"): the job is a need, whatever is asked about it.
_USES_AI_FOR = re.compile(
    r"(?:用|使用|利用|借助|靠)(?:ai|人工智能)(?:来|去|帮忙|帮我们)?(?:做|搞|写|出|画|生成|设计|预测|检测|检查|识别|排|管|分析|"
    r"回复|优化|监测|算|处理|审)|\b(?:using|use|with|via) (?:ai|an ai|artificial intelligence) (?:to|for)\b",
    re.I,
)


# Work left undone or done badly, in words the rules' problem list lacks: messages nobody answers ("晚上买家问的问题堆着
# 没人回", "questions pile up overnight"), a department in a mess or run by hand ("仓库管理乱、排产靠人工",
# review15 r15-23: the warehouse half got no tool and no sentence).
_UNDONE = re.compile(
    r"没人(?:回|接|管|理|处理|看)|没空(?:回|接|理)|回不(?:完|及|过来)|覆唔(?:切|晒|到)|堆(?:着|积|成)|"
    r"管理乱|一团乱|乱七八糟|乱糟糟|混乱|(?:全|都|只能)?靠(?:人工|手工|老师傅|经验|人手)|拍脑袋|凭经验|"
    r"\bpil(?:e|es|ed|ing) up\b|\bunanswered\b|\bnobody (?:replies|picks up|gets back)\b|\bby hand\b",
    re.I,
)
# Too much of something a job costs, said as a complaint of excess rather than with a problem word: 太 before what
# the work costs or how it goes ("医生写病历太花时间", "太耗人"), a wait or a task that takes long ("病人候诊要等很久",
# "等好耐", "takes ages"), time or staff eaten up ("占用大量时间"). s18/s19: a clinic's two needs read as none, so the
# pair got one tool and no word on the other. The predicates after 太 are the closed class of a job's costs and
# troubles, not any character (太原, 太阳能 are names).
_EXCESS = re.compile(
    r"太(?:花|费|耗|占|久|慢|长|多|累|贵|难|麻烦|繁琐|乱|杂|忙|晚|频繁|吃力)|过(?:长|慢|多|久)|"
    r"(?:很|好|太|特别|非常)久|(?:好|咁)耐(?!用|心|看|磨)|(?:大半天|老半天|一整天)|"
    r"(?:花|耗|占用?|费)(?:了|掉)?(?:很多|大量|好多|不少|太多|大把|好多)(?:时间|精力|人力|人手)|"
    r"\btakes? (?:so |too )?(?:long|ages|forever)\b|\b(?:wait|waits|waiting) (?:for )?(?:ages|hours|too long|so long)\b|"
    r"\btoo much time\b|\beats? up (?:hours|time|our time)\b",
    re.I,
)
# A clause that carries on the wish before it ("想客人用手機落單，順便睇下邊款嘢食最好賣"): by the way, also.
_CARRIES_ON = re.compile(r"^(?:顺便|顺带|顺手|捎带|另外再|再顺便)")


def states_or_wishes(clause: str) -> bool:
    """A clause states a need, a problem or a wish ("运单录入太费人", "还想顺便把排班也做了"): the rules' need
    test also asks for a solution noun they know, which a second need often lacks. An item that is no need
    after all ("想知道怎么申请") is dropped by its nearest examples (`NeedMatcher.part`)."""
    return states_need(clause) or any(
        p.search(clause) for p in (NEED, WISH, PROBLEM, _UNDONE, _EXCESS, _ASKS_AI_TO, _USES_AI_FOR)
    )


def need_items(text: str, states_need: Callable[[str], bool]) -> list[str]:
    """The needs of a need text, in the order stated: each item of a clause that states a need.

    `states_need`: whether a clause states a need or a wish (understand.classify); a clause asking about
    funding or applying states none and yields no item.
    """
    items: list[str] = []
    wished = False  # the clause before states a need: a "by the way" clause after it carries the wish on
    for clause in _CLAUSE.split(normalize(text)):
        carried = wished and _CARRIES_ON.match(clause.strip()) is not None
        wished = bool(clause.strip()) and not _BUDGET.search(clause) and (carried or states_need(clause))
        if wished:
            items += [i.strip() for i in _joined_items(clause) if _CONTENT.search(i)]
    return list(dict.fromkeys(items))


# The clause introducing the business ("杭州一家社区诊所", "我们是一家小面馆", "we're a 20-room hotel"), facts and
# place already cut out of it: who asks, whatever catalogue word its name holds (社区 of a community clinic named a
# WeChat community tool beside the clinic's triage, s19).
_INTRODUCES_BUSINESS = re.compile(
    r"^\s*(?:我们|我哋|我|本公司|公司)?\s*(?:是|系|就是)?\s*[一1]\s*(?:家|间|个|所|座)|"
    r"^\s*(?:we are|we're|we run|we own|i run|i own|our (?:company|business|firm|shop) is) an?\b",
    re.I,
)


def apart_from_business(text: str, states_need: Callable[[str], bool]) -> str:
    """`text` (normalised) without the clauses that introduce the business and state no need."""
    clauses = _CLAUSE.split(normalize(text))
    return "，".join(c for c in clauses if not (_INTRODUCES_BUSINESS.search(c) and not states_need(c)))


# The objects of one 把 ("把医生和病人的对话转成文字病历"): a join right after 把 and a short object, its verb still to
# come, joins two objects of one verb, not two needs (a clinic's transcription need was cut into "想让AI把医生", whose
# 医生 named pre-consultation triage).
_BA_OBJECT = re.compile(r"把[\u4e00-\u9fffa-z]{1,4}(?<![了好完掉])$", re.I)


def _joined_items(clause: str) -> list[str]:
    """A clause cut at its connectors, each piece one need; a piece ending in 把 and its object, or naming only
    channels ("携程和美团上客人的消息": where, not what), joins the next."""
    items: list[str] = []
    start = 0
    for join in _JOIN.finditer(clause):
        piece = clause[start : join.start()]
        if not _BA_OBJECT.search(piece) and not channel_only(piece):
            items.append(clause[start : join.start()])
            start = join.end()
    return [*items, clause[start:]]


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
        vote = self.vote(_asked(item))
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
        return NeedPart(
            item, tuple(named or worded), sure=sure, kinds=kinds, doubted=doubted, worded=tuple(worded)
        )

    def vote_text(self, item: str) -> str | None:
        """The text `part` asks the nearest examples about (and so embeds), None when the catalogue's words
        name the need clearly enough: a turn embeds these with its own text in one e5 call."""
        strong = any(weight >= STRONG_WEIGHT for weight in self._worded(item).values())
        return None if strong else _asked(item)

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
    return head if _CONTENT.search(head) else item


def without_means(text: str) -> str:
    """`text` with each clause's "(全)靠…" tail cut where a job is said before it: what the ranking's words read."""
    return "，".join(_job_of(clause) for clause in _CLAUSE.split(text))


def _asked(item: str) -> str:
    return _OPENING.sub("", item) or item
