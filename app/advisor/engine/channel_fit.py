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
}


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
