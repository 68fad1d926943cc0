"""A need to answer the messages customers send names a tool that answers messages, whatever they are about.

review15 r15-41 and a held-out shop case: "an AI assistant to answer guests on WeChat" got the OTA review-reply tool,
named by 'guest' ("guest reviews"); "the buyers' questions about their orders and stock pile up overnight" got demand
forecasting, named by 'orders' and 'stock'. Who writes (guests, buyers) and what they ask about (orders, stock, rooms,
courses) are words of other tools' jobs; what the client wants done is answering the messages. Such a need is answered
by a customer-service tool that answers questions or calls (not one that replies to public reviews), and of those by the
ones working on the channel the client names: WeChat, the phone, its website, or - for a business selling on an online
shop platform - the shop's back end ("跨境电商…客户消息回不完": the shop's bot, as for its other phrasings).

Of those, the ones doing what the client wants done with what customers send (`JOBS`): answer their questions, or take
their bookings and appointments. Both kinds of tool answer the phone or WeChat, so the channel cannot tell them apart,
and the booking receptionist is listed for salons and restaurants while the reply bot is generic: a salon's "客服機械人
覆客人查詢" went to the receptionist by its trade, a restaurant's "订位电话接不过来" could go to the bot (s19 brief). The
job is read the same way from the owner's words and from each tool's own description, in any script or English.
"""

from __future__ import annotations

import re

from app.advisor.engine.solution_fit import sells_online
from app.catalogue.models import Catalogue, Solution
from app.catalogue.taxonomy import SolutionCategory
from app.text.normalize import normalize

# Messages customers send, asked and left unanswered or to be answered: what they send, and what is (not) done to it.
_SENT = re.compile(
    r"咨询|消息|留言|私信|问题|问价|询价|询问|提问|查询|问(?:房|货|价|路|课|尺码|发货|怎么)|客服|邮件|"
    r"(?:回复?|答复?|覆|接待)(?:客人|顾客|客户|买家|家长|病人|患者|住客|游客|学员)|"
    r"没人回|没空回|回不(?:过来|完|及)|覆唔(?:切|晒)|"  # a reply nobody has time for ("老师上课没空回")
    r"\b(?:questions?|messages?|enquir(?:y|ies)|inquir(?:y|ies)|dms?|chats?|customer service|chat ?bot|e-?mails?)\b|"
    r"\b(?:answer|reply to|respond to|chat with)\s+(?:our\s+|the\s+)?(?:guests|customers|buyers|clients|patients|"
    r"parents|shoppers|diners|visitors)\b",
    re.I,
)
_ANSWERED = re.compile(
    r"回|答|覆|接待|应付|太多|看不过来|忙不过来|跟不上|堆|没人|客服|"
    r"\b(?:answer|repl(?:y|ies|ying)|respond|get back|pil(?:e|es|ing) up|unanswered|keep up|customer service|"
    r"chat ?bot)",
    re.I,
)
# Replies to public reviews are another job (点评回复), and staff's questions ("想让AI回答内部问题") are answered from the
# internal knowledge base.
# Nor are past conversations kept as data ("用客服对话记录微调模型": a fine-tuning need).
_NOT_MESSAGES = re.compile(
    r"评价|差评|好评|评论|点评|\breviews?\b|员工|同事|新人|师傅|内部|知识库|"
    r"\b(?:staff|employees?|colleagues|new hires|internal)\b|"
    r"记录|数据|语料|微调|训练|\b(?:records|data|logs|transcripts|fine-?tun\w*|train\w*)\b",
    re.I,
)
# A customer-service tool that answers questions or calls, read from its own description; or any tool replying to
# trade enquiries (询盘: the foreign-trade assistant, a sales tool, answers "询盘太多回不过来", paraphrase p18).
_ANSWERS_ENQUIRIES = re.compile(r"询盘|\b(?:inquiries|enquiries)\b", re.I)
_REPLIES = re.compile(r"回复|答复|\b(?:reply|replies|answers?)\b", re.I)
_ANSWERS_MESSAGES = re.compile(
    r"咨询|问题|电话|消息|留言|微信|\b(?:questions|calls|messages|enquiries)\b", re.I
)

# Where customers write, as the client says it and as a tool's description does.
_CHANNELS: dict[str, re.Pattern[str]] = {
    "wechat": re.compile(r"微信|企业微信|企微|公众号|小程序|\b(?:wechat|wecom|weixin)\b", re.I),
    # a phone call, not "phone cases" (a shop's goods) nor "staff phones"
    "phone": re.compile(r"电话|来电|\b(?:calls|phone calls?|by phone|on the phone|call us)\b", re.I),
    "website": re.compile(r"网站|官网|网页|\b(?:website|web chat|site chat)\b", re.I),
    # customers writing from abroad, in other languages ("海外客户的邮件回不过来"): the multilingual export-enquiry
    # tool's channel, not a domestic shop platform's back end
    "abroad": re.compile(
        r"海外|国外|外国|外贸|多语言|外语|\b(?:overseas|foreign|export|multilingual)\b", re.I
    ),
}
_SHOP_BACKEND = re.compile(r"淘宝|拼多多|抖店|电商平台|店铺后台|online shop back-end", re.I)

# What a customer-facing tool does with what customers send, said alike by owners and by the catalogue's descriptions
# (normalised text: traditional script and Cantonese read as simplified). Questions answered: what customers ask
# (咨询, 问题, 查询, questions, enquiries). Bookings taken: a table, a room, a slot or a visit reserved (预约, 订位,
# 约时间, customers who 约 a haircut, booking, reservation, appointment); "book" as a verb only before what is booked.
QUESTIONS, BOOKINGS = "questions", "bookings"
JOBS: dict[str, re.Pattern[str]] = {
    QUESTIONS: re.compile(
        r"咨询|问题|查询|问价|询价|询问|提问|问(?:房|货|价|路|课|尺码|发货|怎么)|客服|"
        r"\b(?:questions?|enquir(?:y|ies)|inquir(?:y|ies)|faqs?|customer service|chat ?bots?)\b",
        re.I,
    ),
    BOOKINGS: re.compile(
        r"预约|预订|订位|订座|订台|订房|约(?:时间|个时间|位|钟|课|号)|挂号|排号|"
        # customers making appointments: "顾客在微信上约剪头发", "客人约了不来" (not 大约, 合约, 约定, 约束)
        r"(?:客人|顾客|客户|病人|患者|家长|学员|会员)[^，,。；;]{0,8}?约(?![定束谈合])|"
        r"\b(?:bookings?|reservations?|reserve|appointments?)\b|"
        r"\bbook(?:s|ed|ing)?\s+(?:a\s+|an\s+|the\s+|their\s+|our\s+)?(?:table|room|slot|appointment|visit|session)",
        re.I,
    ),
}


def jobs_said(text: str) -> frozenset[str]:
    """The jobs `text` (normalised) asks done with what customers send, or says a tool does."""
    return frozenset(job for job, said in JOBS.items() if said.search(text))


def customer_jobs(need: str) -> frozenset[str]:
    """What a customer-contact need asks done: answering their questions ("客服機械人", "回复客人问题", "answer
    guests' questions"), taking their bookings ("订位电话接不过来", "take the reservations"), or both; empty for a
    need naming no job ("前台电话和微信消息接不过来": the channels the client names decide) or not about customers'
    messages, calls or bookings."""
    text = normalize(need)
    if _NOT_MESSAGES.search(text):
        return frozenset()
    jobs = jobs_said(text)
    return jobs if answers_messages(need) else jobs & {BOOKINGS}


def answers_messages(need: str) -> bool:
    """The need is to answer what customers send ("晚上买家问的问题堆着没人回", "answer guests on WeChat")."""
    text = normalize(need)
    return bool(_SENT.search(text) and _ANSWERED.search(text)) and not _NOT_MESSAGES.search(text)


def _answers_customers(solution: Solution) -> bool:
    said = f"{solution.summary_zh} {solution.summary_en}"
    if solution.category is SolutionCategory.customer_service:
        return bool(_ANSWERS_MESSAGES.search(said))
    return bool(_ANSWERS_ENQUIRIES.search(said) and _REPLIES.search(said))


def _described(solution: Solution) -> frozenset[str]:
    text = f"{solution.summary_zh} {solution.summary_en}"
    channels = {name for name, said in _CHANNELS.items() if said.search(text)}
    return frozenset(channels | ({"shop"} if _SHOP_BACKEND.search(text) else set()))


def _does(solution: Solution) -> frozenset[str]:
    return jobs_said(normalize(f"{solution.summary_zh} {solution.summary_en}"))


class MessageTools:
    """The catalogue's tools that answer customers' messages, the channels each works on and the jobs it does."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.channels = {s.id: _described(s) for s in catalogue.solutions if _answers_customers(s)}
        self.jobs = {s.id: _does(s) for s in catalogue.solutions if s.id in self.channels}
        self.kinds = frozenset(s.category.value for s in catalogue.solutions if s.id in self.channels)

    def for_client(self, said: str, jobs: frozenset[str] = frozenset()) -> frozenset[str]:
        """The message tools for a client whose words are `said` and whose need asks `jobs` done: of the tools
        doing one of those jobs (all when none does), those working on the most channels the client names (the
        shop's back end for a business selling on a shop platform, when it names no other), else all of them."""
        text = normalize(said)
        named = {name for name, pattern in _CHANNELS.items() if pattern.search(text)}
        if not named and sells_online(text):
            named = {"shop"}
        doing = {sid for sid, does in self.jobs.items() if does & jobs} or set(self.channels)
        fit = {sid: len(named & self.channels[sid]) for sid in doing}
        best = max(fit.values(), default=0)
        return frozenset(sid for sid, n in fit.items() if n == best)
