"""What the client says about the model it uses: a filed (备案) model, and a third party's model or its own.

Two kinds of program condition rest on the model rather than on the spend: a model voucher pays only for a model
filed with the CAC (a named Chinese model is filed, a foreign one is not), and some pay only for using a third
party's model (API or private deployment), never for the client's own model (review8 r8-05).
"""

from __future__ import annotations

import re

from app.advisor.engine.client_clauses import OPEN, QUESTION, Judged, affirmed, clauses, negated, states
from app.advisor.engine.conditions import Status

# Models filed with the CAC, as owners name them; and foreign models, which are not filed in China.
# A denial is read by client_clauses.negated ("冇喺国内备案", "还没有在大陆备案", "hasn't been filed"), not here.
_FILED_MODEL = re.compile(
    r"备案|(?<![a-z])filed(?![a-z])|文心|ernie|通义|千问|qwen|deepseek|深度求索|豆包|doubao|智谱|"
    r"chatglm|(?<![a-z])glm|"
    r"kimi|月之暗面|混元|hunyuan|盘古大模型|讯飞星火|星火大模型|minimax|百川|baichuan",
    re.I,
)
_FOREIGN_MODEL = re.compile(
    r"chatgpt|openai|gpt-?[345]|gpt-?4o|(?<![a-z])claude(?![a-z])|anthropic|gemini|midjourney|"
    r"(?:境外|国外|海外)的?(?:大)?模型|foreign (?:llm|model)|overseas (?:llm|model)",
    re.I,
)


def filed_model(said: str) -> Judged:
    """A filed model said is met, its filing denied unmet (a hedged denial stays open); a foreign model unmet,
    unless the client denies using it ("不是用ChatGPT")."""
    for words, clause in clauses(said):
        if not states(clause):
            continue  # "是不是要备案的模型？" asks; "用DeepSeek的接口，能补吗" states
        foreign = _FOREIGN_MODEL.search(clause)
        if foreign and not negated(clause, *foreign.span()):
            return Judged(Status.unmet, words)
        if filed := _FILED_MODEL.search(clause):
            return affirmed(clause, words, *filed.span())
    return OPEN


# A model the client uses and someone else makes: a third party's API called, or its model deployed privately.
_THIRD_PARTY_USE = re.compile(
    r"第三方|third[- ]party|(?:调用?|接入?|接|买|购买|采购|用).{0,12}(?:api|接口)|(?:api|接口)\s*调用|"
    r"(?:调用|接入)[^，。；]{0,10}模型|私有化部署|本地化?部署[^，。；]{0,8}模型|\bprivate(?:ly)? deploy|"
    r"\bcall(?:s|ing)?\b.{0,30}\bapi\b|\b(?:llm|model)s? api\b",
    re.I,
)
# ...and one of their own: "模型是我们自己训练的", "自研大模型", "our own model".
_OWN_MODEL = re.compile(
    r"自研[^，。；]{0,4}模型|自己(?:训练|训|开发|研发|做)的?[^，。；]{0,2}模型|"
    r"模型[^，。；]{0,4}(?:是|都是)?(?:我们|我|咱们|公司)?自己(?:训练|训|开发|研发|做)|"
    r"\b(?:our|its) own (?:large )?(?:language )?models?\b|\bin-house models?\b|\bself-developed models?\b",
    re.I,
)


def third_party_model(said: str) -> Judged:
    """Using someone else's model is what the condition pays for ("我们调用第三方大模型API", "私有化部署通义千问",
    a named model's API); the client's own model is not (review8 r8-05: the stated API call stayed ❔)."""
    found = OPEN
    for words, clause in clauses(said):
        if _OWN_MODEL.search(clause) and not QUESTION.search(clause):
            return Judged(Status.unmet, words)
        if found.status is Status.met or not states(clause):
            continue  # "是不是要调用第三方的API？" asks; a clause with an amount states
        named = _FILED_MODEL.search(clause) or _FOREIGN_MODEL.search(clause)
        if (_THIRD_PARTY_USE.search(clause) or named) and not negated(clause):
            found = Judged(Status.met, words)
    return found
