"""What the client already has, runs or builds: a kind of tool a client owns is not sold to them again.

review6 (s1t1, s1t3): a company that builds customer-service bots was sold an e-commerce bot; c19: a POS
user was sold QR ordering. The owner says so in a clause of its own ("我们已经用了美团的收银和扫码点餐",
"我们公司本身就是开发智能客服机器人的", "we already use a chatbot"); a solution the catalogue's words name
in such a clause is owned, unless a need the owner states names it too ("已经在用企业微信，想把私域做起来").
A business described by its trade ("我们是做冷链配送的") is no such clause: the trade says whom we advise.
"""

from __future__ import annotations

import re

from app.text.clauses import clauses
from app.text.normalize import normalize

# Having or running it now, or making it: 已经/早就 + 用/有/上/装/买, 一直/现在 + 用 (not "有": "目前有个问题"
# states a problem); 自己/本身 + 开发/研发/做;
# "already use/have/run", "we build/develop … ourselves", "our own …".
OWNS = re.compile(
    r"(?:已经|早就)(?:在|都)?(?:用|有|上|装|买|接入|部署)|(?:一直|现在|目前)(?:在|都)?(?:用|使用)(?!ai|人工智能)|"
    r"(?:自己|本身|自主|自行)(?:就是|就)?(?:在)?(?:开发|研发|做|搭|训练)|自研|(?:开发|研发)(?:的是|了)|"
    r"\balready (?:use|using|have|has|run|running|got|bought|pay for|paying for)\b|"
    r"\bwe (?:build|develop|make|sell)\b.{0,40}\b(?:ourselves|for (?:other|our) (?:companies|clients|customers))\b|"
    r"\bour own\b|\bwe(?:'re| are) (?:a|an) .{0,30}(?:developer|vendor|maker)\b",
    re.I,
)


# Paying for it now, by the year or month (e4-18 "pays RMB 20k a year for an AI image tool", "每年花3万订阅一个AI
# 写文案的软件"): the tool is theirs, its cost a current spend, not something to sell them (unless it is planned).
PAYS_FOR = re.compile(
    r"(?:每年|每个月|每月|一年|一个月|年年|月月)(?:都|要|大概|大约)*(?:花|付|交|缴|续费)[^，。,;；]{0,12}"
    r"(?:订阅|续费|租用|买|用)|(?:订阅|续费)(?:了|着)|"
    r"\b(?:pay|pays|paying|spend|spends|spending)\b[^.;,]{0,30}\b(?:a|per|each|every) (?:year|month)\b[^.;,]{0,6}"
    r"\b(?:for|on)\b|\bsubscribe(?:s|d)? to\b|\bsubscription (?:to|for)\b",
    re.I,
)
# A payment the client plans ("打算每年花3万订阅", "we plan to pay 2k a month for") is a purchase to come, not owned.
_PLANNED = re.compile(
    r"打算|准备|计划|想|要不要|考虑|\bplan(?:s|ning)? to\b|\bwant(?:s)? to\b|\bgoing to\b|\bwill\b|\bwould\b|"
    r"\bconsidering\b|\bthinking of\b",
    re.I,
)


def owned_clauses(text: str) -> list[str]:
    """The clauses of `text` (normalised) that say the client already has, runs, builds or pays for something."""
    return [c for c in clauses(normalize(text), colon=True) if c.strip() and owned_end(c) is not None]


def owned_end(clause: str) -> int | None:
    """Where the clause's statement of what the client has or pays for ends; None when it states none."""
    match = OWNS.search(clause)
    if match is not None:
        return match.end()
    match = PAYS_FOR.search(clause)
    if match is not None and not _PLANNED.search(clause[: match.start()]):
        return match.end()
    return None
