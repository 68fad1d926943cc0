"""Remove personal and company identifiers before text leaves the machine for an external LLM.

Patterns follow the formats in use in mainland China: 11-digit mobile numbers
(1[3-9]x), landlines with area codes, 18-character resident ID numbers (with
the checksum letter X), 18-character unified social credit codes (统一社会信用代码),
16-19 digit bank card numbers, and e-mail addresses. Order matters: longer,
more specific patterns first, so an ID number is not half-eaten as a phone.
"""

from __future__ import annotations

import re

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("[邮箱]", re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")),
    (
        "[身份证号]",
        re.compile(
            r"(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
        ),
    ),
    (
        "[统一社会信用代码]",
        re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"),
    ),
    ("[银行卡号]", re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")),
    ("[电话]", re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)")),
    ("[电话]", re.compile(r"(?<!\d)0\d{2,3}[ -]?\d{7,8}(?!\d)")),
]


def redact(text: str) -> str:
    for replacement, pattern in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text
