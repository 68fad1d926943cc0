"""Whether the client named a need: a funding question that names none is answered with funding, not a pack.

"大同有没有奖励？", "Can we get the Qingdao model voucher?", "想申报大模型应用示范项目，能拿多少？" ask about money.
Read as pack requests, they got the trade's tools or the tool the program's own name evokes (a data-asset
service for a data-labelling firm, an LLM-API line for "大模型应用示范项目", a knowledge-base assistant for a model
developer; review14 r14-04/13/55/45/49), which nobody asked for and which then sat in the net cost. A consultant
answers the funding question and offers a pack once the owner says what AI should do for the business.

A need is named in a clause that is not itself about funding: a wish or a problem with a thing to do
("想用AI做会员营销", "备货老是不准"), or a wish the catalogue's words or nearest examples answer ("想用AI幫手落單").
A clause about funding ("南京那个算力券我们能申请不", "can we get the Qingdao model voucher") names a need only
through a tool the catalogue names once the funding words are taken out ("AI质检有补贴吗"): the program's own
words ("大模型应用", "model") and the verb that asks for it ("can we get") are no need. What the client says it
is or makes ("我们做了一个煤矿安全的数据集", "developing a marine-industry large model") is no wish either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from app.advisor.engine.place_vouchers import KINDS_EN, KINDS_ZH
from app.advisor.understand.classify import PROBLEM, WISH, states_need
from app.advisor.understand.profile import CompanyProfile
from app.text.clauses import clauses as text_clauses
from app.text.funding_words import FUNDING_NOUN_EN, FUNDING_NOUN_ZH
from app.text.normalize import normalize

# Kinds of program named without a funding noun: a pilot, a fund, an interest subsidy, a tax benefit.
_KINDS_ZH = r"试点|资金|贴息|加计扣除|减免|退税"
_KINDS_EN = r"\bpilots?\b|\bfunds?\b|\bdeductions?\b|\btax\b|\bscheme\b|\bprogram(?:me)?s?\b"
# The funding a clause names: a voucher kind whole ("南京那个算力券", "the Qingdao model voucher"), then any
# funding word. Taken out before the clause is read for a tool, so "算力" of 算力券 names no compute rental.
_KIND_PHRASE = re.compile(
    "|".join(sorted(KINDS_ZH, key=len, reverse=True))
    + r"|\b(?:"
    + "|".join(sorted(KINDS_EN, key=len, reverse=True))
    + r")[ -]vouchers?\b",
    re.I,
)
_FUNDING_WORD = re.compile(rf"{FUNDING_NOUN_ZH}|{_KINDS_ZH}|{FUNDING_NOUN_EN}|{_KINDS_EN}", re.I)


# What says the client wants a thing done: a wish, a problem, or AI put to a use ("用AI预测销量有补贴吗",
# "subsidy for using AI to forecast sales", "补贴用来做设备预测性维护"); not "我们做了一个数据集".
_WANTS = re.compile(
    rf"{WISH.pattern}|{PROBLEM.pattern}|(?:想|希望|打算|准备)[^，。！？]{{1,6}}?(?:用|做|上|搞)|用\s*ai|ai\s*来|用来|用于|拿来|\b(?:using|use)\s+ai\b|\bai\s+to\b|"
    r"\bto use it (?:for|to)\b",
    re.I,
)


# What the client is or has made, not a tool it wants: "我们是做数据标注的", "做了一个…数据集", "we are a … firm".
_SAYS_WHAT_IT_IS = re.compile(
    r"我们是|一家[^，。]{0,4}做[^，。]{1,10}的|我們係|我哋係|做了|做过|建了|开发了|\bwe are\b|\bwe're\b|\bwe have built\b",
    re.I,
)


def clauses(text: str) -> list[str]:
    """The message (normalised) cut at sentence and clause marks, each clause stripped."""
    return [c.strip() for c in text_clauses(normalize(text))]


def names_need(
    profile: CompanyProfile,
    text: str,
    *,
    program_stretches: Callable[[str], Iterable[str]],
    named_names: Sequence[str] = (),
    states_needs: Callable[[CompanyProfile, str], bool],
    named_tools: Callable[[str], set[str]],
) -> bool:
    """The client says what it wants done or what goes wrong, in a clause of its own (see the module doc).

    `program_stretches`: the stretches of catalogued program names a normalised text repeats;
    `named_names`: the names of the programs the turn names, whose words ("数据产品", "挂牌", "model") say what the
    program pays for, not what the client wants done ("想把数据产品挂到上海数据交易所，首次挂牌有补贴吗", r15-16);
    `states_needs`: the recommender's reading of a need (catalogue words and nearest examples);
    `named_tools`: the solutions a text names by keyword ("AI质检").
    """
    if profile.pain_points:
        return True
    rests, wanting = [], False
    for clause in clauses(text):
        for stretch in program_stretches(clause):
            clause = clause.replace(stretch, " ")
        clause = _without_shared(clause, [normalize(n) for n in named_names])
        rest = _FUNDING_WORD.sub(" ", _KIND_PHRASE.sub(" ", clause))
        if named_tools(rest) and (_FUNDING_WORD.search(clause) or not _SAYS_WHAT_IT_IS.search(rest)):
            # "AI质检有补贴吗", "做设备预测性维护", "上个智能客服": a tool the catalogue names, unless the clause
            # says what the client is or has made ("我们做了一个煤矿安全的数据集").
            return True
        if states_need(rest):
            return True
        rests.append(rest)
        wanting = wanting or bool(_WANTS.search(rest))
    # A want the recommender reads as a job the catalogue has ("想用AI幫手落單", "用来做设备预测性维护"), read once on
    # the message without its funding words.
    return wanting and states_needs(profile, "，".join(rests))


_SHARED_MIN = 3  # characters of a Han run, or letters of an English word, a clause must share with a name
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_GENERIC_EN = frozenset({"the", "and", "for", "with", "from", "that", "this", "measures", "policy", "city"})


def _without_shared(clause: str, names: Sequence[str]) -> str:
    """`clause` without the runs of Han characters and the English words it shares with the named programs."""
    for name in names:
        words = {w for w in re.findall(r"[a-z]{4,}", name) if w not in _GENERIC_EN}
        clause = "".join(
            " " if w in words else w for w in re.split(r"(?<=[a-z])(?=[^a-z])|(?<=[^a-z])(?=[a-z])", clause)
        )
        start = 0
        while start <= len(clause) - _SHARED_MIN:
            end = start + _SHARED_MIN
            if not (_HAN.fullmatch(clause[start:end]) and clause[start:end] in name):
                start += 1
                continue
            while (
                end < len(clause)
                and _HAN.fullmatch(clause[start : end + 1])
                and clause[start : end + 1] in name
            ):
                end += 1
            clause = clause[:start] + " " + clause[end:]
            start += 1
    return clause
