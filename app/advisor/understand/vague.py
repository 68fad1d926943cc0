"""A question about AI or its funding that names nothing: asked back, never answered with every province's list.

"AI方面有什么扶持？", "老板让我问问AI有没有补贴", "Is there any government help for using AI?": no need, no
place, no trade, no program, no kind of spend. Phrasings vary without end, so instead of listing them this
reads what is left once the words every such question is made of are taken away (who asks, AI, funding,
government, asking words): when nothing is left, nothing was named, and the advisor asks (issue #12).

A vague wish is asked back the same way: "我们想搞数字化转型，怎么弄", "老闆話要上AI，唔知由邊度開始", "公司想降本增效，
AI能做点啥", "How can AI help my business?" name a topic (AI, going digital, efficiency, cost) and how to begin,
but no need, trade or place, so no pack or program list can fit them yet.
"""

from __future__ import annotations

import re

from app.text.funding_words import FUNDING_NOUN
from app.text.normalize import normalize

_I = re.IGNORECASE
# What a funding or AI question is about: without one of these it is no such question.
_TOPIC = re.compile(
    rf"{FUNDING_NOUN}|支持|帮扶|优惠|政策|钱|(?<![a-z])ai(?![a-z])|人工智能|数字化|智能化|转型|降本增效|提效|效率|"
    r"\b(?:help|support|funding|money|digital\w*|automat\w*|efficien\w*)\b",
    _I,
)
# The words such a question is made of, longest first. Each is something every vague question may say.
_GENERIC = re.compile(
    rf"{FUNDING_NOUN}|人工智能|大模型|智能化|数字化|\bai\b|ai|"
    r"政府|国家|官方|上面|政策|支持|帮扶|帮到|帮助|优惠|相关|方面|这方面|这块|这一块|领域|"
    r"老板|让我|叫我|帮我|我们|我们的|我司|咱们|我|公司|企业|小企业|中小企业|小微企业|小公司|"
    r"请问|问问|问一下|问下|咨询|了解|一下|想|要|搞|搞点|用|使用|做|听说|听讲|"
    # A vague wish and how to begin ("想智能化一点", "唔知由边度开始", "降本增效", "有什么建议/方案"): no need named.
    r"数字化转型|转型|智能化|自动化|降本增效|提效|提升|提高|效率|一点|一些|各种|现在|最近|"
    r"从哪里开始|从哪开始|由边度开始|由哪里开始|开始|入手|起步|上|弄|怎么弄|怎么搞|点样|点|唔知|不知道|不懂|"
    # Asking to be told or shown, to look into it, "something", "money to take" ("有冇啲AI補貼介紹下", "老板让我研究
    # 研究AI，想搞点东西", "就是想看看有没有钱可以拿"): still nothing named.
    r"介绍|推荐|讲讲|说说|看看|看一下|研究研究|研究一下|研究下|东西|钱|就是|只是|随便|情况|信息|资料|"
    r"建议|方案|办法|帮忙|能做|可以做|做点|做些|啥|咩|乜|申请|可以申请|拿|能拿|攞|话|说|讲|冇|啲|"
    # "想问下而家有咩AI资助可以攞", "听说有个什么券可以领": now, to claim, "a" (一个/有个) name nothing either.
    r"而家|依家|领取|能领|领|个|"
    # Where the owner heard of it, and whether it is true or hard to get ("看新闻说…", "刷到视频说政府给报一半，真的假的",
    # "朋友说…我们小公司也有份吗", "门槛高不高", "到底要准备什么"): hearsay and hedges name nothing of the firm.
    r"新闻|报道|短视频|视频|抖音|朋友圈|公众号|朋友|同行|群里|网上|刷到|看到|看了|看|听说|据说|真的假的|真的吗|真假|靠谱|"
    r"门槛|高不高|难不难|很麻烦|麻烦|准备|材料|到底|有份|红利|吃(?=$|[，,。？?！!])|查查|查一下|这种|那种|今年|也|"
    r"报销|报|一半|畀|中小企|怎么|如何|怎样|啊|哦|"
    r"有没有|有冇|有什么|有啥|有咩|有哪些|什么|啥|咩|哪些|是否|能不能|可以|能|可|有|对|给|的|了|吗|呢|啊|吧|嘛|呀|都|一些|点|些|"
    r"\b(?:hi|hello|hey|is|are|there|any|anything|what|which|whats|what's|available|for|of|about|on|in|to|the|a|an|and|"
    r"we|i|our|my|me|us|small|business|businesses|company|companies|firms?|sme|smes|heard|hear|using|use|"
    r"government|state|public|can|could|get|do|does|you|have|has|know|tell|please|run|own|kind|kinds|"
    r"help|support|funding|subsidies|subsidy|grants|grant|vouchers|voucher|money|programs?|schemes?|s|re|ve|m|d|"
    r"how|where|start|begin|want|would|like|something|going|with|us|my|own|should|digital\w*|automat\w*|"
    r"efficien\w*|transform\w*|improve|boost|more|go|need|needs|ideas?|advice|suggest\w*|"
    r"ours|adopt\w*|true|really|real|hard|prepare|documents?|paperwork|news|friends?|videos?|says?|said)\b",
    _I,
)
# The existential frame around what is asked for names nothing either: "any AI grants out there?", "is there help
# at all these days", "anything on offer at the moment", "what exists for small firms".
_FRAME = re.compile(
    r"\b(?:out there|at all|these days|at the moment|right now|on offer|nowadays|currently|around|anywhere|"
    r"somewhere|exists?|existing)\b",
    _I,
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)
MAX_HAN_LEFT = (
    1  # one stray character ("对") names nothing; an English word left ("restaurants") names something
)


# What a longer opener asks for when it names nothing: money, help or a plan, how to apply or where to begin
# ("…国家或者地方上到底有没有什么扶持政策", "…具体要怎么申请，需要准备哪些材料", "Where should we even start,
# and is there any funding"). A question about a topic ("AI生成的图片版权归谁") asks for none of them: it is
# answered from the sources, not asked back.
_ASKS_FOR_HELP = re.compile(
    rf"{FUNDING_NOUN}|支持|帮扶|优惠|政策|申请|申报|方案|建议|从哪|由边度|入手|起步|怎么开始|怎么弄|怎么搞|点样开始|"
    r"能做(?:点|些)?(?:啥|什么)|有什么用|怎么回事|"
    r"\b(?:help|support|funding|grants?|subsid\w*|money|apply|start|begin|advice|ideas?|how it works)\b",
    _I,
)


def asks_for_help(text: str) -> bool:
    """The message asks for money, help, a plan, the steps or where to begin (whatever it names besides)."""
    return bool(_ASKS_FOR_HELP.search(normalize(text)))


def names_nothing(text: str) -> bool:
    """A question about AI or its funding with nothing of the firm, its need or a program in it."""
    norm = normalize(text)
    if not _TOPIC.search(norm):
        return False
    left = _GENERIC.sub(" ", _FRAME.sub(" ", norm))
    return len(_HAN.findall(left)) <= MAX_HAN_LEFT and not _WORD.search(left)
