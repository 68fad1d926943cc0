"""A program paid once per enterprise, judged on a client who says they already received it (advice_rules.md §3).

Some entries say so in their own requirements: "每个统一编号只能申请一次" (Taiwan's store subsidy), "已获中央财政支持的
专精特新“小巨人”企业…不再申报" (the 长春 and 株洲 pilots), "同类型申请已获市级财政扶持的不得重复申请" (南宁's compute
voucher). A client who says "之前已经申请过一次数位服务补助了" or "we already received the store subsidy last year" has
answered the question: ❌, quoting them, not "to confirm". The rule is read from the entry's own wording, so every
entry that states one is judged the same way; what the client received must be the program's own kind of support
(a word of its name or rule in common), so money from another program never rules this one out.
"""

from __future__ import annotations

import re

from app.advisor.engine.client_clauses import QUESTION, clauses
from app.advisor.engine.conditions import Condition, Reason, Status
from app.catalogue.models import FundingProgram
from app.text.normalize import normalize

# The entry's own "once" wording, in its requirements or special conditions.
_ONCE_RULE = re.compile(
    r"只能申请一次|只能申报一次|限申报一次|限申请一次|不得重复申请|不得重复申报|不再申报|不在申报范围|不再支持|不予重复支持|"
    r"\bonly once\b|\bonce per\b",
    re.I,
)
# The client's words for support already received: "已经申请过一次…补助", "前年拿过…专项资金的支持", "already received".
_RECEIVED = re.compile(
    r"(?:已经|已|之前|以前|前年|去年|曾经?|上次|上回)[^，。；?？]{0,12}(?:申请|申报|拿|领|获得?|享受|批|入选)(?:过|了|到)|"
    r"\balready (?:received|got|had|claimed|been (?:awarded|granted|given))\b|"
    r"\b(?:received|got|claimed|were awarded|was awarded)\b.{0,60}\b(?:last year|before|previously|already)\b",
    re.I,
)
# Words any support shares: they say nothing about which program was received.
_GENERIC_BIGRAMS = frozenset(
    [
        "补助",
        "补贴",
        "支持",
        "申请",
        "申报",
        "资金",
        "企业",
        "一次",
        "已经",
        "获得",
        "财政",
        "方案",
        "政策",
        "项目",
    ]
)
_EN_GENERIC = frozenset(
    ["subsi", "suppo", "apply", "appli", "grant", "progr", "schem", "fundi", "money", "again"]
)


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    return {run[i : i + 2] for run in han.split() for i in range(len(run) - 1)} - _GENERIC_BIGRAMS


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())} - _EN_GENERIC


def once_rule(program: FundingProgram) -> tuple[str, str] | None:
    """The entry's "once per enterprise" rule, in Chinese and English, when it states one."""
    eligibility = program.eligibility
    pairs = [
        *zip(eligibility.requirements, eligibility.requirements_en or eligibility.requirements, strict=False),
        *zip(
            eligibility.special_conditions,
            eligibility.special_conditions_en or eligibility.special_conditions,
            strict=False,
        ),
    ]
    return next(((zh, en) for zh, en in pairs if _ONCE_RULE.search(zh)), None)


def once_only(program: FundingProgram, said: str, cased: str = "") -> Condition | None:
    """❌ when the client says they already received this kind of support and the entry pays once; else None."""
    rule = once_rule(program)
    if rule is None or not said.strip():
        return None
    zh, en = rule
    own_zh = _bigrams(normalize(f"{program.name}{zh}"))  # as the clauses are: 数位 reads 数字
    own_en = _stems(f"{program.name_en} {en}")
    for words, clause in clauses(cased or said):
        if not _RECEIVED.search(clause) or QUESTION.search(clause):  # "拿过的还能再申请吗" asks
            continue
        if _bigrams(clause) & own_zh or _stems(clause) & own_en:
            return Condition(
                "special",
                Status.unmet,
                Reason(f"{zh}，您说“{words}”", f"{en}; you said “{words}”"),
            )
    return None


def names_program(program: FundingProgram, text: str) -> bool:
    """The client's words share a word of the program's name with it (not one every program has)."""
    return bool(_bigrams(normalize(text)) & _bigrams(normalize(program.name))) or bool(
        _stems(text) & _stems(program.name_en or "")
    )
