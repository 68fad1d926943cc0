"""The words that tell what a message does in its conversation: states a fact of one's own firm, declines to answer,
corrects, points back, asks anything, describes the business (resolve.py and later_facts.py read them)."""

from __future__ import annotations

import re

from app.advisor.understand.program_question import CLIENT_FIRM

_I = re.IGNORECASE
# Any first person, "I" and "my" too: a fact stated about oneself is about the firm (program_question.FIRST_PERSON,
# "we" only, decides whose funding question it is).
FIRST_PERSON_ANY = re.compile(rf"我|咱|本公司|本店|\b(we|our|my|i)\b|{CLIENT_FIRM}", _I)
# Declining to answer the clarifying questions is an answer: go on with what is known.
DECLINE = re.compile(
    r"不想说|不想透露|不愿(意)?(透露|说)|不方便(透露|说)|不便透露|保密|无可奉告|不告诉|不说了|跳过|先不说|"
    r"rather not|prefer not|don'?t want to (say|share|tell)|not (comfortable|willing) (to )?(say|share)|"
    r"confidential|no comment|\bskip\b|none of your business",
    _I,
)
# "不对，我们在合肥", "说错了，我们在杭州，不在宁波", "其实有150人", "sorry, I meant Hefei", "we're in Hefei, not
# Wuxi": the profile is being corrected.
CORRECTION = re.compile(
    r"不对|其实|实际上|搬到|改成|更正|纠正|修正|说错|讲错|搞错|弄错|写错|打错|记错|口误|应该是|准确(?:地|的)?说|不在|不是在|"
    # Cantonese as normalize reads it: "唔好意思讲错咗，我哋系惠州，唔系东莞" (唔系 = 不是, 唔喺 = 不在).
    r"唔系|唔喺|"
    r"\bactually\b|\bsorry\b|\bcorrection\b|\bmoved to\b|\bi meant?\b|\bmy (?:mistake|bad)\b|\bto correct\b|"
    r"\bnot in\b|\brather than\b|\binstead of\b|\bwrong\b",
    _I,
)
# A question that points back at what was just said ("那个", "这些", "刚才那个方案", "that one", "it").
REFERS_BACK = re.compile(
    r"这个|那个|这些|那些|这项|那项|这笔|那笔|上面|刚才|刚刚|前面|回到正题|"
    r"\b(it|that|this|these|those|them|the one|that one|this one)\b",
    _I,
)
# An answer to "which industry? which city?" is a statement, not a question about that city.
ASKS = re.compile(r"[?？]|吗|什么|多少|怎么|如何|哪|\b(how|what|which|where|when|can|does|is)\b", _I)
# A message that asks anything at all, in the reading `normalize` gives (Cantonese "可唔可以", "点样", "几多"):
# "Budget is about 8k a year" asks nothing, though "is" is among ASKS's words.
ASKS_ANYTHING = re.compile(
    r"[?？]|吗|么|呢\s*$|什么|多少|几多|怎么|怎样|如何|哪|能不能|可不可以|是不是|有没有|(\w)唔\1|点样|乜|边度|"
    r"^\s*(?:how|what|which|where|when|why|can|could|do|does|did|is|are|will|would|should|may)\b",
    _I,
)


# "我们是…", "我开了一家…", "we run a …": the message describes the business itself.
SELF_DESCRIPTION = re.compile(
    r"我们是|我们公司是|我是|我们做|我们开|我开|开了一家|我家|本公司是|\b(we are|we're|we run|i run|i own|we own|our company is)\b",
    _I,
)
# The same with the subject dropped, as owners write it: "开麻辣烫连锁的，郑州12家店", "做五金的，东莞", "卖茶叶的，三家
# 门店": opening with what the firm does ("开/做/卖…的") or counting its own shops and plants.
DESCRIPTION_WITHOUT_SUBJECT = re.compile(
    r"^\s*(?:开|做|搞|经营|干|卖|办)[^，,。；;？?！!]{1,20}的(?=$|[，,。；;\s])|"
    r"(?:\d+|[一二两三四五六七八九十几]+)\s*(?:家|间)(?:店|门店|分店|连锁店|工厂|厂|餐厅|诊所|酒店|超市)"
)
