"""Where customers write or call, as the client names it and as a tool's catalogue entry describes it.

One vocabulary of channels serves both uses: choosing, of the tools that answer customers, the one working on the
channels the client names (message_jobs.py), and the caveat when the picked tool's entry does not describe a channel
the client names. The catalogue's reply tools are described for the channels their sources name (WeChat, WeCom, the
phone, the website, the online shop's back end, the inquiry e-mails an export tool reads). When the client's channel
is not among them - WhatsApp, LINE, a travel platform, e-mail, the phone - the tool is still the nearest fit, and the
answer says plainly that the sources do not say it connects there: ask the vendor first (review14 r14-51, review17's
OTA messages; s20: buyers' e-mails and customers' phone calls got a WeChat bot with nothing said).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.catalogue.models import Solution
from app.catalogue.taxonomy import SolutionCategory
from app.text.normalize import normalize, normalize_cased


@dataclass(frozen=True)
class Channel:
    name: str  # as a Chinese answer says it
    name_en: str  # as an English one does
    said: re.Pattern[str]  # the client's words (simplified script, letter case kept)
    described: re.Pattern[str]  # a tool's description (normalised: simplified, lower case)


def _words(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?<![a-z]){re.escape(w)}(?![a-z])" for w in words))


# The order is the order a caveat names them in. LINE only in capitals or before Chinese ("用LINE問", "Line上"):
# "line" is everyday English (a production line, a hotline). A phone call, not "phone cases" (a shop's goods).
CHANNELS: tuple[Channel, ...] = (
    Channel("WhatsApp", "WhatsApp", re.compile(r"whats\s?app", re.I), _words("whatsapp")),
    Channel(
        "LINE",
        "LINE",
        re.compile(r"(?<![A-Za-z])(?:LINE(?![A-Za-z])|Line(?=[\u4e00-\u9fff@]))"),
        _words("line"),
    ),
    Channel(
        "Instagram",
        "Instagram",
        re.compile(r"instagram|(?<![A-Za-z])IG(?![A-Za-z])", re.I),
        _words("instagram"),
    ),
    Channel(
        "Facebook Messenger",
        "Facebook Messenger",
        re.compile(r"facebook|messenger|(?<![A-Za-z])FB(?![A-Za-z])", re.I),
        _words("facebook", "messenger"),
    ),
    Channel("Telegram", "Telegram", re.compile(r"telegram", re.I), _words("telegram")),
    Channel("小红书", "小红书", re.compile(r"小红书|xiaohongshu|rednote", re.I), _words("小红书")),
    Channel("抖音", "抖音", re.compile(r"抖音|douyin|tiktok", re.I), _words("抖音", "douyin")),
    # travel platforms where guests write to a hotel or guesthouse (review17: OTA messages got the WeChat bot unsaid)
    Channel("携程", "携程", re.compile(r"携程|ctrip|trip\.com", re.I), _words("携程", "ctrip")),
    Channel("美团", "美团", re.compile(r"美团|meituan", re.I), _words("美团", "meituan")),
    Channel("飞猪", "飞猪", re.compile(r"飞猪|fliggy", re.I), _words("飞猪", "fliggy")),
    Channel("Booking.com", "Booking.com", re.compile(r"booking\.com", re.I), _words("booking.com")),
    Channel("Agoda", "Agoda", re.compile(r"agoda", re.I), _words("agoda")),
    Channel("Airbnb", "Airbnb", re.compile(r"airbnb|爱彼迎", re.I), _words("airbnb")),
    # the channels the catalogue's reply tools are described for
    Channel(
        "微信",
        "WeChat",
        re.compile(r"微信|企微|公众号|小程序|\b(?:wechat|wecom|weixin)\b", re.I),
        _words("微信", "公众号", "小程序", "wechat", "wecom"),
    ),
    Channel(
        "电话",
        "phone calls",
        re.compile(r"电话|来电|\b(?:calls|phone calls?|by phone|on the phone|call us|phone rings)\b", re.I),
        _words("电话", "来电", "calls", "phone"),
    ),
    Channel(
        "网站",
        "website chat",
        re.compile(r"网站|官网|网页|\b(?:website|web chat|site chat)\b", re.I),
        _words("网站", "官网", "website"),
    ),
    Channel(
        "邮件",
        "e-mail",
        re.compile(r"邮件|邮箱|电邮|\be-?mail(?:s|ed|ing)?\b", re.I),
        _words("邮件", "email", "e-mail", "emails", "e-mails"),
    ),
)

_LEFT_OVER = re.compile(r"[\u3400-\u9fff]{2,}|[a-z]{3,}", re.I)
_PLACE_WORDS = re.compile(r"上面|上|里面|里|的|平台|后台|群|on|in|the|our|and|platforms?", re.I)


def channel_only(text: str) -> bool:
    """`text` names channels and nothing else ("携程", "微信和小红书上"): where customers write, no need of its own
    (need_parts.py joins it to the need after it: "携程和美团上客人的消息" is one need, not "携程" and another)."""
    rest = normalize_cased(text)
    for channel in CHANNELS:
        rest = channel.said.sub(" ", rest)
    if rest == normalize_cased(text):
        return False
    return not _LEFT_OVER.search(_PLACE_WORDS.sub(" ", rest))


def named_channels(text: str) -> list[str]:
    """The channels the client's words name, in a fixed order (their Chinese names)."""
    said = normalize_cased(text)
    return [channel.name for channel in CHANNELS if channel.said.search(said)]


# A tool answering what customers send: a customer-service tool that answers questions or calls, or any tool
# replying to trade enquiries (询盘: the foreign-trade assistant answers "询盘太多回不过来", paraphrase p18).
_ANSWERS_ENQUIRIES = re.compile(r"询盘|\b(?:inquiries|enquiries)\b", re.I)
_REPLIES = re.compile(r"回复|答复|\b(?:reply|replies|answers?)\b", re.I)
_ANSWERS_MESSAGES = re.compile(
    r"咨询|问题|电话|消息|留言|微信|\b(?:questions|calls|messages|enquiries)\b", re.I
)


def answers_customers(solution: Solution) -> bool:
    """The tool answers what customers send (read from its own description); a content tool's Instagram is its
    audience, and a review-reply tool answers public reviews, not messages."""
    said = f"{solution.summary_zh} {solution.summary_en}"
    if solution.category is SolutionCategory.customer_service:
        return bool(_ANSWERS_MESSAGES.search(said))
    return bool(_ANSWERS_ENQUIRIES.search(said) and _REPLIES.search(said))


def described_channels(solution: Solution) -> frozenset[str]:
    """The channels a tool's entry describes it working on: its names, summaries and the data it reads (the export
    tool reads "历史询盘邮件")."""
    text = normalize(
        f"{solution.name_zh} {solution.name_en} {solution.summary_zh} {solution.summary_en} "
        f"{solution.prerequisites.data}"
    )
    return frozenset(channel.name for channel in CHANNELS if channel.described.search(text))


def unlisted_channels(solution: Solution, text: str) -> tuple[str, ...]:
    """The channels the client names that this tool's description does not: the caveat's subject. Only for tools
    that answer customers on a channel (`answers_customers`)."""
    if not answers_customers(solution):
        return ()
    described = described_channels(solution)
    return tuple(name for name in named_channels(text) if name not in described)


_EN_NAMES = {channel.name: channel.name_en for channel in CHANNELS}


def channel_caveat(solution: Solution, channels: tuple[str, ...], english: bool) -> str:
    """One sentence after the tool's line: the nearest fit, and what to confirm before buying."""
    if not channels:
        return ""
    if english:
        said = " or ".join(_EN_NAMES.get(name, name) for name in channels)
        return (
            f"My sources do not say this tool connects to {said}; it is the nearest fit: ask the vendor whether "
            f"it works with {said} before you buy."
        )
    said = "、".join(channels)
    return f"资料中没有写明该工具能接入{said}，这是最接近的方案：购买前请向服务商确认能否接入{said}。"
