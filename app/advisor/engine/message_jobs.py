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

from app.advisor.engine.channel_fit import answers_customers, described_channels, named_channels
from app.advisor.engine.solution_fit import sells_online, serves_trade
from app.catalogue.models import Catalogue, Solution
from app.text.clauses import clauses, mark
from app.text.normalize import normalize

# Messages customers send, asked and left unanswered or to be answered: what they send, and what is (not) done to it.
_SENT = re.compile(
    r"咨询|消息|留言|私信|问题|问价|询价|询问|提问|查询|问(?:房|货|价|路|课|尺码|发货|怎么)|客服|邮件|"
    r"(?:回复?|答复?|覆|接待)(?:客人|顾客|客户|买家|家长|病人|患者|住客|游客|学员)|"
    r"没人回|没空回|回不(?:过来|完|及)|覆唔(?:切|晒)|"  # a reply nobody has time for ("老师上课没空回")
    # calls customers make are sent to the firm as messages are ("病人打电话约时间，前台接不过来": s21, a dental clinic's
    # booking calls went to the chat bot because the calls were no message)
    r"打电话|来电|电话|\b(?:calls?|calling)\b|"
    r"\b(?:questions?|messages?|enquir(?:y|ies)|inquir(?:y|ies)|dms?|chats?|customer service|chat ?bot|e-?mails?)\b|"
    r"\b(?:answer|reply to|respond to|chat with)\s+(?:our\s+|the\s+)?(?:guests|customers|buyers|clients|patients|"
    r"parents|shoppers|diners|visitors)\b",
    re.I,
)
# (calls not picked up are answered too: "客户打电话来问价格…接不过来", "漏接")
_ANSWERED = re.compile(
    r"回|答|覆|接待|应付|太多|(?:看|忙|接|顾)不(?:过来|完|及)|漏接|跟不上|堆|没人|客服|"
    r"\b(?:answer|repl(?:y|ies|ying)|respond|handl(?:e|es|ing)|miss(?:es|ed|ing)?|get back|pil(?:e|es|ing) up|"
    r"unanswered|keep up|customer service|"
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
# Customers writing from abroad, in other languages ("海外客户的邮件回不过来"): not a channel but the market the
# multilingual export-enquiry tool serves, not a domestic shop platform's back end.
_ABROAD = re.compile(r"海外|国外|外国|外贸|多语言|外语|\b(?:overseas|foreign|export|multilingual)\b", re.I)
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


def customer_jobs(need: str, before: str = "", after: str = "") -> frozenset[str]:
    """What a customer-contact need asks done: answering their questions ("客服機械人", "回复客人问题", "answer
    guests' questions"), taking their bookings ("订位电话接不过来", "take the reservations"), or both; empty for a
    need naming no job ("前台电话和微信消息接不过来": the channels the client names decide) or not about customers'
    messages, calls or bookings. `before`, `after`: the client's clauses around the need (`clauses_around`)."""
    if _NOT_MESSAGES.search(normalize(need)):
        return frozenset()
    said = _message_need(need, before, after)
    jobs = jobs_said(said or normalize(need))
    return jobs if said else jobs & {BOOKINGS}


def answers_messages(need: str, before: str = "", after: str = "") -> bool:
    """The need is to answer what customers send ("晚上买家问的问题堆着没人回", "answer guests on WeChat")."""
    return bool(_message_need(need, before, after))


# Who writes or calls: a clause beside the need lends it what was sent only when it says customers sent it.
_CUSTOMERS = re.compile(
    r"客户|顾客|客人|买家|采购商|家长|病人|患者|住客|游客|学员|会员|业主|"
    r"\b(?:buyers?|customers?|clients?|guests?|patients?|parents?|shoppers?)\b",
    re.I,
)


def _message_need(need: str, before: str, after: str) -> str:
    """The words stating a need to answer what customers send, or "". The complaint may sit in the next clause
    ("buyers email us all day and we can't keep up") or what customers send in the one before ("客户打电话来问价格和
    工期，业务员接不过来"): an owner's sentence, cut into needs at its commas and joins."""
    text = normalize(need)
    if _NOT_MESSAGES.search(text):
        return ""
    if _SENT.search(text) and _ANSWERED.search(text):
        return text
    if _SENT.search(text) and _CUSTOMERS.search(text) and _ANSWERED.search(after):
        return f"{text} {after}"
    lent = _SENT.search(before) and _CUSTOMERS.search(before) and not _NOT_MESSAGES.search(before)
    return f"{before} {text}" if lent and _ANSWERED.search(text) else ""


def clauses_around(need: str, said: str) -> tuple[str, str]:
    """The client's clause before `need` and its words after it to the end of the next clause, in `said`
    (normalised both); empty where the need is not found as said."""
    text, need = normalize(said), normalize(need)
    start = text.find(need)
    if start < 0:
        return "", ""
    head = clauses(text[:start], colon=True)
    rest = mark(colon=True).split(text[start + len(need) :])
    tail = [rest[0], *(c for c in rest[1:] if c)]  # the need's own clause, even when empty, then the next
    after = " ".join(tail[:2]).strip()
    return (head[-1] if head else ""), after


def _where(solution: Solution) -> frozenset[str]:
    """The channels a tool works on (channel_fit.py), the export market and the shop back end its entry names."""
    text = f"{solution.summary_zh} {solution.summary_en}"
    markets = {"abroad"} if _ABROAD.search(text) else set()
    return described_channels(solution) | markets | ({"shop"} if _SHOP_BACKEND.search(text) else set())


def _does(solution: Solution) -> frozenset[str]:
    return jobs_said(normalize(f"{solution.summary_zh} {solution.summary_en}"))


class MessageTools:
    """The catalogue's tools that answer customers' messages, the channels each works on and the jobs it does."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.channels = {s.id: _where(s) for s in catalogue.solutions if answers_customers(s)}
        self._tools = {s.id: s for s in catalogue.solutions if s.id in self.channels}
        self.jobs = {s.id: _does(s) for s in catalogue.solutions if s.id in self.channels}
        self.kinds = frozenset(s.category.value for s in catalogue.solutions if s.id in self.channels)

    def for_client(
        self, said: str, jobs: frozenset[str] = frozenset(), industry: str | None = None
    ) -> frozenset[str]:
        """The message tools for a client of `industry` whose words are `said` and whose need asks `jobs` done: of
        the tools serving its trade (solution_fit.serves_trade) and doing one of those jobs (all when none does),
        those working on the most channels the client names (the shop's back end for a business selling on a shop
        platform, when it names no other), else all of them; a tool for buyers abroad only when the client names
        them or a channel it works on (a furniture maker's phone calls are no export enquiries)."""
        text = normalize(said)
        named = set(named_channels(said)) | ({"abroad"} if _ABROAD.search(text) else set())
        if not named and sells_online(text):
            named = {"shop"}
        serving = {sid for sid in self.channels if serves_trade(self._tools[sid], industry, text)}
        # a job no tool serving the trade does is answered by none of them ("the appointment" of a dental record)
        doing = ({sid for sid, does in self.jobs.items() if does & jobs} or set(self.channels)) & serving
        fit = {sid: len(named & self.channels[sid]) for sid in doing}
        fit = {sid: n for sid, n in fit.items() if n or "abroad" not in self.channels[sid]}
        best = max(fit.values(), default=0)
        return frozenset(sid for sid, n in fit.items() if n == best)
