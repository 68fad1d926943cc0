"""Messaging channels the client names that a picked reply tool's catalogue entry does not describe.

A customer-facing reply need names where customers write: WeChat, WhatsApp, LINE, Instagram, 小红书 (review14 r14-51 and
a Hong Kong shop's "WhatsApp replies"). The catalogue's reply bots are described for the channels their sources name
(WeChat, WeCom, the website, the online shop's back end). When the client's channel is not among them, the bot is still
the nearest fit, and the answer says plainly that the sources do not say it connects there: ask the vendor first.
"""

from __future__ import annotations

import re

from app.catalogue.models import Solution
from app.catalogue.taxonomy import SolutionCategory

# How owners name each channel; the display name is what the caveat says. LINE only in capitals or before Chinese
# ("用LINE問", "Line上"): "line" is everyday English (a production line, a hotline).
_CHANNELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("WhatsApp", re.compile(r"whats\s?app", re.I)),
    ("LINE", re.compile(r"(?<![A-Za-z])(?:LINE(?![A-Za-z])|Line(?=[\u4e00-\u9fff@]))")),
    ("Instagram", re.compile(r"instagram|(?<![A-Za-z])IG(?![A-Za-z])", re.I)),
    ("Facebook Messenger", re.compile(r"facebook|messenger|(?<![A-Za-z])FB(?![A-Za-z])", re.I)),
    ("Telegram", re.compile(r"telegram", re.I)),
    ("小红书", re.compile(r"小红书|小紅書|xiaohongshu|rednote", re.I)),
    ("抖音", re.compile(r"抖音|douyin|tiktok", re.I)),
    # travel platforms where guests write to a hotel or guesthouse (review17: OTA messages got the WeChat bot unsaid)
    ("携程", re.compile(r"携程|攜程|ctrip|trip\.com", re.I)),
    ("美团", re.compile(r"美团|美團|meituan", re.I)),
    ("飞猪", re.compile(r"飞猪|飛豬|fliggy", re.I)),
    ("Booking.com", re.compile(r"booking\.com", re.I)),
    ("Agoda", re.compile(r"agoda", re.I)),
    ("Airbnb", re.compile(r"airbnb|爱彼迎|愛彼迎", re.I)),
)
# Which words of an entry's description name a channel it serves (its own summary, both languages).
_DESCRIBED = {
    "WhatsApp": ("whatsapp",),
    "LINE": ("line",),
    "Instagram": ("instagram",),
    "Facebook Messenger": ("facebook", "messenger"),
    "Telegram": ("telegram",),
    "小红书": ("小红书",),
    "抖音": ("抖音", "douyin"),
    "携程": ("携程", "ctrip"),
    "美团": ("美团", "meituan"),
    "飞猪": ("飞猪", "fliggy"),
    "Booking.com": ("booking.com",),
    "Agoda": ("agoda",),
    "Airbnb": ("airbnb",),
}


# The channels the catalogue's reply tools are described for: named in a need, they too say where, not what.
_DESCRIBED_CHANNELS = re.compile(
    r"企业微信|企微|微信|公众号|小程序|官网|网站|电话|wechat|wecom|website|phone", re.I
)
_LEFT_OVER = re.compile(r"[\u3400-\u9fff]{2,}|[a-z]{3,}", re.I)
_PLACE_WORDS = re.compile(r"上面|上|里面|里|的|平台|后台|群|on|in|the|our|and|platforms?", re.I)


def channel_only(text: str) -> bool:
    """`text` names channels and nothing else ("携程", "微信和小红书上"): where customers write, no need of its own
    (need_parts.py joins it to the need after it: "携程和美团上客人的消息" is one need, not "携程" and another)."""
    rest = _DESCRIBED_CHANNELS.sub(" ", text)
    for _, said in _CHANNELS:
        rest = said.sub(" ", rest)
    if rest == text:
        return False
    return not _LEFT_OVER.search(_PLACE_WORDS.sub(" ", rest))


def named_channels(text: str) -> list[str]:
    """The messaging channels the client's words name, in a fixed order."""
    return [name for name, said in _CHANNELS if said.search(text)]


def unlisted_channels(solution: Solution, text: str) -> tuple[str, ...]:
    """The channels the client names that this reply tool's description does not: the caveat's subject. Only for
    customer-service tools, the ones that answer customers on a channel (a content tool's Instagram is its audience)."""
    if solution.category is not SolutionCategory.customer_service:
        return ()
    described = f"{solution.name_zh} {solution.name_en} {solution.summary_zh} {solution.summary_en}".lower()
    return tuple(
        name
        for name in named_channels(text)
        if not any(re.search(rf"(?<![a-z]){w}(?![a-z])", described) for w in _DESCRIBED[name])
    )


def channel_caveat(solution: Solution, channels: tuple[str, ...], english: bool) -> str:
    """One sentence after the tool's line: the nearest fit, and what to confirm before buying."""
    if not channels:
        return ""
    if english:
        said = " or ".join(channels)
        return (
            f"My sources do not say this tool connects to {said}; it is the nearest fit: ask the vendor whether "
            f"it works with {said} before you buy."
        )
    said = "、".join(channels)
    return f"资料中没有写明该工具能接入{said}，这是最接近的方案：购买前请向服务商确认能否接入{said}。"
