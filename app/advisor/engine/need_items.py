"""A need text cut into the needs it states, one item each (need_parts.py matches each item to solutions).

Owners often state two needs in one breath ("想用AI做排班和大众点评差评回复"): the need text (the message without its
facts and programs, `RuleExtractor.need_text`) is cut into clauses, a clause that states a need into its items at
the connectors (和、以及、同埋、另外, "and", "plus", "as well as"). Every conjunct is a part of the need: an English
"and" between two jobs the catalogue's words name parts them too ("order forecasting and production scheduling"), and
a bare conjunct shares the words before the head of the one before it ("会员营销和推送": the members' push messages).
A clause saying what the business makes ("一家做智能客服的科技公司") states no need.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import jieba

from app.advisor.engine.channel_fit import channel_only
from app.advisor.understand.classify import NEED, PROBLEM, WISH, states_need
from app.text.clauses import clauses
from app.text.normalize import normalize

# Connectors between two needs. "及" not in 及时/及格, "跟" not in 跟不上/跟进: those are words, not joins;
# English "and" only before a new object or clause ("route planning and a chatbot"), not inside one
# ("our WeChat and Xiaohongshu posts"), or before a new wish ("we pay for an API and want staff to search…").
# Cantonese and Taiwanese "同(埋)" joins needs ("排車同埋覆客"), not in 同时/同样/同事 nor after 合/不/相/共.
_JOIN = re.compile(
    r"以及|还有|另外|同时|并且|再加上|和|与|、|及(?![时格早])|跟(?!不上|进|单)|/|同埋|"
    r"(?<![合不相共协如认连陪])同(?![时样事步城行类学意比期款一业等])|"
    r"\s(?:plus|as well as|also)\s|"
    r"\sand\s(?=(?:a|an|the|to|also|we|our|help|make|write|predict|wants?|needs?|would|hope|plans?)\b)|"
    # or before a verb phrase of its own whose subject is the business just introduced ("…instrument maker in Guangzhou
    # and never know how much to produce": s21)
    r"\sand\s(?=(?:never|always|often|still|keep|can'?t|cannot|don'?t|do not)\b)|"
    # or before a clause of its own: "our warehouse is a mess and production scheduling is done by hand"
    r"\sand\s(?=(?:[a-z]+\s){1,2}(?:is|are|was|were|keeps?|takes?|goes|breaks?)\b)",
    re.I,
)
# A limit on what to spend said as a clause of its own ("总投入想控制在50万内") is the budget, no need: its nearest
# examples named a scheduling tool beside a GPU contract (review12 r12-01).
_BUDGET = re.compile(
    r"(?:总投入|总预算|预算|投入|总花费|花费|费用|成本|总共)[^，,。；;]{0,6}(?:控制在|不超过|不要超过|以内|之内|内$)"
)
# A remark about the money alone ("不想花太多钱", "越便宜越好", "but we don't want to spend much"): the words of money and
# of how much, wanting and not wanting, taken out, nothing is left that a tool could do (review18: "no catalogued
# solution for 不想花太多钱").
_MONEY = re.compile(
    r"花钱|钱|费用|成本|预算|投入|价格|价钱|便宜|实惠|贵|花|"
    r"\b(?:money|spend(?:ing)?|costs?|budget|cheap(?:ly)?|expensive|pricey|afford|price)\b",
    re.I,
)
_HOW_MUCH = re.compile(
    r"不想|不要|不能|不愿意?|别|希望|尽量|最好|越|好|太多|太|很多|很|多|少|一点|点|大|高|了|的|但是?|可是|不过|就|"
    r"\b(?:we|i|don'?t|do|not|want|wants|to|too|much|a|lot|but|and|keep|it|low|the|on|tight|really|can'?t|as|little|"
    r"possible|would|like|prefer|rather|cannot|without|of)\b",
    re.I,
)


# A need declined ("别的暂时不需要", "先不考虑", "we don't need anything else"): the wish verb is negated, and no other
# wish is said beside it (pk20-25: "nothing else for now" leaned to a training coach and was given one).
_DECLINED = re.compile(
    r"不需要|没必要|暂时不(?:需要|用|考虑|做)|先不(?:需要|用|考虑|做)|不用了|"
    r"\b(?:don'?t|do not|doesn'?t) need\b|\bno need\b|\bnothing else\b",
    re.I,
)


def _declined(clause: str) -> bool:
    if not _DECLINED.search(clause):
        return False
    rest = _DECLINED.sub(" ", clause)
    return not (NEED.search(rest) or WISH.search(rest))


def _about_money(clause: str) -> bool:
    """The clause is a limit on what to spend (`_BUDGET`) or a remark about money with nothing else in it."""
    if _BUDGET.search(clause):
        return True
    if not _MONEY.search(clause):
        return False
    return not CONTENT.search(_HOW_MUCH.sub(" ", _MONEY.sub(" ", clause)))


CONTENT = re.compile(r"[\u3400-\u9fff]{2,}|[a-z]{3,}", re.I)

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
    r"管理乱|一团乱|乱七八糟|乱糟糟|混乱|拍脑袋|凭经验|"
    # who does it counted or not ("全靠几个老师傅", "就靠两位老员工": q11, the repair clause before "想把经验沉淀成问答"
    # read as no need, so the general knowledge base answered the experience with no trade)
    r"(?:全|都|只能)?靠(?:[一两三四五几][个位名])?(?:人工|手工|老师傅|老员工|经验|人手)|"
    r"\bpil(?:e|es|ed|ing) up\b|\bunanswered\b|\bnobody (?:replies|picks up|gets back)\b|\bby hand\b|"
    r"\b(?:all |entirely |only )?(?:depends?|relies?|rely) (?:entirely |only |all )?on (?:a few |one |two |three |our |the )?"
    r"(?:senior|old|experienced|veteran)\b",
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
# Not knowing how much or how many to make, keep or order ("总不知道冷库里该备多少货", "下个月该生产多少心里没底",
# "never know how much to produce for next month's orders"): a quantity the owner cannot foresee is a need of its own,
# said with no wish or problem word (s21: a seafood exporter's and an instrument maker's forecasts read as no need, so
# the cold-room alert and the scheduler answered the words around them).
_UNSURE_HOW_MUCH = re.compile(
    r"(?:不知道|不晓得|搞不清|说不准|拿不准|估不准|算不准|没底|没数|冇数|唔知)[^，,。；;]{0,12}(?:多少|几多|几何|多大量)|"
    r"(?:多少|几多)[^，,。；;]{0,6}(?:心里没底|没底|没数|拿不准|说不准|估不准|算不准)|"
    r"\b(?:never|don'?t|do not|can'?t|cannot|hard to|no way to|not sure|unsure) (?:\w+ ){0,2}"
    r"(?:know|tell|guess|predict|judge|sure)? ?(?:how much|how many)\b",
    re.I,
)
# A clause made of "AI" and the nouns of jobs only ("AI产品图短视频", "AI排班点餐", "AI客服"): a need said the way an
# owner types a search, with no verb or wish word (p16: the clause read as no need, and the ranking of the whole
# message led with the video tool while every worded phrasing led with product images).
_AI_THEN_NOUNS = re.compile(
    r"^\s*(?:用|上|搞|做)?\s*(?:ai|人工智能)\s*(?P<nouns>[\u4e00-\u9fff]{2,12})\s*$", re.I
)
# A clause that carries on the wish before it ("想客人用手機落單，順便睇下邊款嘢食最好賣"): by the way, also.
_CARRIES_ON = re.compile(r"^(?:顺便|顺带|顺手|捎带|另外再|再顺便)")


def states_or_wishes(clause: str) -> bool:
    """A clause states a need, a problem or a wish ("运单录入太费人", "还想顺便把排班也做了"): the rules' need
    test also asks for a solution noun they know, which a second need often lacks. An item that is no need
    after all ("想知道怎么申请") is dropped by its nearest examples (`NeedMatcher.part`)."""
    return states_need(clause) or any(
        p.search(clause)
        for p in (
            NEED,
            WISH,
            PROBLEM,
            _UNDONE,
            _EXCESS,
            _UNSURE_HOW_MUCH,
            _ASKS_AI_TO,
            _USES_AI_FOR,
            _AI_THEN_NOUNS,
        )
    )


def need_items(
    text: str,
    states_need: Callable[[str], bool],
    names_job: Callable[[str], bool] | None = None,
    named_in: Callable[[str], frozenset[str]] | None = None,
) -> list[str]:
    """The needs of a need text, in the order stated: each item of a clause that states a need.

    `states_need`: whether a clause states a need or a wish (understand.classify); a clause asking about
    funding or applying states none and yields no item. `names_job`: whether the catalogue's words clearly name a
    job in a text; given, an English "and" the connectors leave joined parts two needs when each side names a job of its own
    ("order forecasting and production scheduling"). `named_in`: the solutions the catalogue's words name in a text;
    given, two job nouns said back to back after "AI" are two needs ("AI产品图短视频", `_adjacent_jobs`).
    """
    items: list[str] = []
    wished = False  # the clause before states a need: a "by the way" clause after it carries the wish on
    for clause in clauses(normalize(text), colon=True):
        carried = wished and _CARRIES_ON.match(clause.strip()) is not None
        wished = bool(clause.strip()) and not _about_money(clause) and not _declined(clause)
        wished = wished and (carried or states_need(clause))
        if wished and not says_what_it_makes(clause):
            pieces = _joined_items(clause, names_job)
            if names_job is not None:
                pieces = [part for piece in pieces for part in _loose_split(piece, names_job)]
            if named_in is not None:
                pieces = [part for piece in pieces for part in _adjacent_jobs(piece, named_in)]
            items += [i.strip() for i in _sharing_head(pieces, names_job) if CONTENT.search(i)]
    return list(dict.fromkeys(items))


def _adjacent_jobs(piece: str, named_in: Callable[[str], frozenset[str]]) -> list[str]:
    """An "AI" + nouns clause (`_AI_THEN_NOUNS`) cut between two adjacent job nouns, in the order said ("AI产品图短视频":
    产品图, then 短视频): the last job is the shortest run of words at the end whose words name a solution
    (`named_in`), and the words before it must name another one (read as one, the second noun's rarer words led the
    need, p16). One job ("AI客服", "AI产品短视频": 产品 names none) stays whole."""
    said = _AI_THEN_NOUNS.match(piece)
    if said is None:
        return [piece]
    nouns, start = said.group("nouns"), said.start("nouns")
    # Where a word starts, its shorter words included: jieba reads "短视频产品图" as 短/视频产品/图.
    starts = sorted({start for _, start, _ in jieba.tokenize(nouns, mode="search", HMM=False)} - {0})
    for cut in reversed(starts):
        last = named_in(nouns[cut:])
        if last and named_in(nouns[:cut]) - last:
            return [*_adjacent_jobs(piece[: start + cut], named_in), f"ai{nouns[cut:]}"]
    return [piece]


# "and" inside one object ("our WeChat and Xiaohongshu posts") or between two jobs ("order forecasting and production
# scheduling"): the words of each side tell which (`_loose_split`).
_LOOSE_AND = re.compile(r"\s(?:and|&)\s", re.I)


def _loose_split(piece: str, names_job: Callable[[str], bool]) -> list[str]:
    """`piece` cut at an "and" both of whose sides name a job of their own, neither only a channel."""
    for join in _LOOSE_AND.finditer(piece):
        left, right = piece[: join.start()], piece[join.end() :]
        sides = (left, right)
        if all(names_job(side) and not channel_only(side) for side in sides):
            return [left, *_loose_split(right, names_job)]
    return [piece]


# A conjunct that is one bare word ("会员营销和推送": 推送) shares the words before the head of the one before it
# (会员 推送, the members' push messages): read alone, "推送" sat nearest dispatching and was said unanswered beside
# the member-marketing tool that sends them.
# A longer bare noun ("问价钱跟营业时间": 营业时间) shares it too when the catalogue's words name no job in it: it is a
# second object of the same verb (read alone, 营业时间 leaned to appointments and put the booking desk beside the
# reply bot a salon asked for).
_BARE = re.compile(r"[\u4e00-\u9fff]{1,3}")
_BARE_NOUN = re.compile(r"[\u4e00-\u9fff]{4,6}")


def _bare(piece: str, names_job: Callable[[str], bool] | None) -> bool:
    if states_or_wishes(piece):
        return False
    if _BARE.fullmatch(piece.strip()):
        return True
    return names_job is not None and bool(_BARE_NOUN.fullmatch(piece.strip())) and not names_job(piece)


def _sharing_head(pieces: list[str], names_job: Callable[[str], bool] | None = None) -> list[str]:
    shared = [pieces[0]] if pieces else []
    for before, piece in itertools.pairwise(pieces):
        words = jieba.lcut(before.strip(), HMM=False)
        head = "".join(words[:-1])
        shared.append(head + piece.strip() if _bare(piece, names_job) and CONTENT.search(head) else piece)
    return shared


# The clause introducing the business ("杭州一家社区诊所", "我们是一家小面馆", "we're a 20-room hotel"), facts and
# place already cut out of it: who asks, whatever catalogue word its name holds (社区 of a community clinic named a
# WeChat community tool beside the clinic's triage, s19).
_INTRODUCES_BUSINESS = re.compile(
    r"^\s*(?:我们|我哋|我|本公司|公司)?\s*(?:是|系|就是)?\s*[一1]\s*(?:家|间|个|所|座)|"
    r"^\s*(?:we are|we're|we run|we own|i run|i own|our (?:company|business|firm|shop) is) an?\b",
    re.I,
)


# What the business makes or sells, said as what it is ("一家做智能客服的科技公司", "我们是开发质检软件的团队"): the
# tool's words in it are its products, no need (pk20-15: a customer-service software firm with a model-API contract
# was sold a reply bot beside its API). A wish in the same clause is one all the same ("一家做餐饮的想用AI接电话").
_MAKES = re.compile(
    r"^\s*(?:我们|我司|本公司|公司)?\s*(?:是|系)?\s*(?:[一1]\s*(?:家|间|个|所))?\s*(?:专门|主要)?"
    r"(?:做|开发|研发|生产|销售|卖|经营|提供)[^，,。；;]{1,12}的(?:[\u4e00-\u9fff]{0,4}(?:公司|企业|厂|工厂|店|团队|机构|"
    r"服务商|厂商))?\s*$"
)


def says_what_it_makes(clause: str) -> bool:
    """The clause is the client saying what its business makes or sells, with no wish of its own."""
    return _MAKES.search(clause) is not None and not (NEED.search(clause) or WISH.search(clause))


def apart_from_business(text: str, states_need: Callable[[str], bool]) -> str:
    """`text` (normalised) without the clauses that introduce the business and state no need."""
    pieces = clauses(normalize(text), colon=True)
    return "，".join(c for c in pieces if not (_INTRODUCES_BUSINESS.search(c) and not states_need(c)))


# The objects of one 把 ("把医生和病人的对话转成文字病历"): a join right after 把 and a short object, its verb still to
# come, joins two objects of one verb, not two needs (a clinic's transcription need was cut into "想让AI把医生", whose
# 医生 named pre-consultation triage).
_BA_OBJECT = re.compile(r"把[\u4e00-\u9fffa-z]{1,4}(?<![了好完掉])$", re.I)


# A bare noun before a join ("冷氣同照明電費太貴", "空调和照明电费太高"): one of two things the predicate after it is said
# of, when it names no job of its own; one that does ("排班和考勤想用AI管": 排班) is a need of its own. The mirror of
# `_sharing_head`, where the bare word comes second.
_BARE_FIRST = re.compile(r"^\s*[\u4e00-\u9fff]{1,4}\s*$")


def _shares_next(piece: str, names_job: Callable[[str], bool] | None) -> bool:
    """A bare noun naming no job is one need with the piece after it (read alone, the Cantonese 冷氣, air
    conditioning, was a need of its own to its nearest examples and led a hotel's energy pack with a cold-room alarm)."""
    bare = names_job is not None and bool(_BARE_FIRST.match(piece)) and not states_or_wishes(piece)
    return bare and names_job is not None and not names_job(piece)


def _joined_items(clause: str, names_job: Callable[[str], bool] | None = None) -> list[str]:
    """A clause cut at its connectors, each piece one need; a piece ending in 把 and its object, naming only
    channels ("携程和美团上客人的消息": where, not what), or a bare noun naming no job (`_shares_next`) joins the
    next."""
    items: list[str] = []
    start = 0
    for join in _JOIN.finditer(clause):
        piece = clause[start : join.start()]
        if not _BA_OBJECT.search(piece) and not channel_only(piece) and not _shares_next(piece, names_job):
            items.append(clause[start : join.start()])
            start = join.end()
    return [*items, clause[start:]]
