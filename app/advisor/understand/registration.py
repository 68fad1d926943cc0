"""Where the company is registered, as against where it works: two different facts.

Funding programs are for firms registered in their place (advice_rules.md §3), so a message that says where the
company is registered decides the client's place, whatever office it names: "registered in Hong Kong … a Shenzhen
provider" is a Hong Kong firm (review9 r9-37), "registered in Delaware, with an office in Shenzhen" or
"公司注册在开曼，实际在上海运营" a firm registered abroad, outside every mainland program however local its team is.
The registration is said with a cue before the place ("registered/incorporated in", "注册在", "总部设在") or a
company word after it ("a Delaware C-corp", "开曼公司", "Singapore company").
"""

from __future__ import annotations

import re

# Which place a message names is the company's. The words that put the registration place right after them.
REGISTERED_IN = re.compile(
    r"(?:\b(?:registered|incorporated|headquartered|domiciled)\s+in\s+(?:the\s+)?|"
    r"(?:注册|註冊)(?:地)?(?:在|于|於|地(?:是|为|為|在)?|是|为)\s*"
    r"|(?:总部|總部)(?:在|位于|位於|设在|設在)\s*)$",
    re.I,
)
# ...and in English, the words after the cue that may name a place abroad ("incorporated in singapore, we …").
REGISTERED_EN = re.compile(
    r"\b(?:registered|incorporated|headquartered|domiciled)\s+in\s+(?:the\s+)?([a-z][a-z .'-]{1,40})", re.I
)
# A company word right after a place makes it the registration place: "a Delaware C-corp", "开曼公司".
_ENTITY_AFTER = re.compile(
    r"^\s*(?:-?\s*(?:registered|incorporated)\s+)?(?:c-?corp|corp(?:oration)?\b|compan(?:y|ies)\b|llc\b|inc\b|"
    r"entity|holdings?\b|pte\b|ltd\b|limited\b|(?:注册的?)?(?:公司|企业|主体|实体))",
    re.I,
)
# Places where firms are registered that the world tables (countries, cities of 100,000+) do not hold: US states
# and offshore territories, in English and Chinese.
OFFSHORE = {
    "delaware": "US",
    "nevada": "US",
    "wyoming": "US",
    "cayman": "KY",
    "cayman islands": "KY",
    "british virgin islands": "VG",
    "bvi": "VG",
    "bermuda": "BM",
    "seychelles": "SC",
    "samoa": "WS",
    "labuan": "MY",
    "特拉华": "US",
    "德拉华": "US",
    "开曼": "KY",
    "开曼群岛": "KY",
    "英属维尔京群岛": "VG",
    "维尔京群岛": "VG",
    "百慕大": "BM",
    "塞舌尔": "SC",
    "萨摩亚": "WS",
}
_OFFSHORE = re.compile(
    "|".join(rf"(?<![a-z]){re.escape(name)}(?![a-z])" for name in sorted(OFFSHORE, key=len, reverse=True)),
    re.I,
)


# "我们在杭州，不在宁波", "in Dongguan, not Foshan": the place denied is not where the company is.
# Likewise where the owner comes from ("老家在湖南邵阳，但公司开在深圳", "originally from Wenzhou, but …") or is
# moving away from: a hometown or a place being left is not where the company is registered.
_NOT_THE_COMPANY = re.compile(
    r"(?:不在|不是在|而不是|并非|不是|\bnot in\b|\bnot\b|\binstead of\b|\brather than\b|"
    r"老家(?:在|是)?|祖籍(?:在|是)?|出生在|生在|我是(?=[^\d,，。的一家]{2,5}人(?![员数手工]))|"
    r"\b(?:originally|born|grew up) (?:from|in)\b|\bhometown is\b|\bi'?m from\b(?=[^,.]{2,20}\bbut\b)|"
    # The place the owner is leaving: "moving from Vancouver and will open in Chengdu", "从温哥华搬回来，准备在成都开店".
    r"\b(?:moving|relocating|moved|relocated|coming back|returning) from\b|从(?=[^\s，,。]{1,8}?(?:搬|迁)?(?:回来|回国|过来)))"
    r"\s*[^\s,，。.;；!?！？]{1,12}",
    re.IGNORECASE,
)


# Where the owner lives, a person's place ("我现在住在温哥华", "人在悉尼", "我而家住喺多倫多", "I live in Vancouver",
# "I'm based in Toronto myself"): the business they plan is their own, wherever they live ("明年回成都开火锅店"), unlike
# the office a firm abroad plans ("We are based in Singapore and plan to open a Shenzhen office").
OWNER_LIVES = re.compile(
    r"(?:我|本人|自己|(?:^|[，,。；;\s]))(?:现在|現在|目前|而家|暂时|暫時|一直)?(?:住在|住喺|人在|定居|居住在|生活在|移民(?:到|去)?)|"
    r"\b(?:i|my family)\s+(?:now\s+|currently\s+|still\s+)?(?:live|reside)\b|"
    r"\bi(?:'m| am)\s+(?:now\s+|currently\s+|still\s+)?(?:living|residing|staying|based)\b|\bliving in\b",
    re.IGNORECASE,
)


def not_the_company(text: str) -> str:
    """`text` without the places it says the company is not in (denied, or the owner's hometown)."""
    return _NOT_THE_COMPANY.sub("，", text)


# "营业执照是在宁波注册的", "在苏州注册": the registration said after the place (not 注册资本, the capital).
_REGISTERED_AFTER = re.compile(
    r"^\s*(?:注册|註冊)(?!资本|资金|資本|資金)|^\s*-?\s*(?:registered|incorporated)\b", re.I
)


def said_registered(norm: str, start: int, end: int, entity_word: bool = False) -> bool:
    """The place at norm[start:end] is said to be where the company is registered. `entity_word`: a company
    word after it says so too ("a Delaware C-corp"); only for places nobody names but as a registration
    ("a Singapore company" may be a client's customer)."""
    after = norm[end:]
    return bool(
        REGISTERED_IN.search(norm[max(0, start - 24) : start])
        or _REGISTERED_AFTER.match(after)
        or (entity_word and _ENTITY_AFTER.match(after))
    )


def offshore_registration(norm: str) -> str | None:
    """A US state or offshore territory named as the company's registration place ("registered in Delaware",
    "开曼公司"), or None."""
    for m in _OFFSHORE.finditer(norm):
        if said_registered(norm, m.start(), m.end(), entity_word=True):
            name = m.group(0)  # normalised text is lower case: "Delaware", "BVI" as owners write them
            return (name.upper() if len(name) <= 3 else name.title()) if name.isascii() else name
    return None
