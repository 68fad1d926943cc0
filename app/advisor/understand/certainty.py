"""Is the owner asking for certainty about money? ("稳拿吧", "包过吗", "能不能一定批下来", "for sure?")

A request for certainty is a way of asking, not a topic: it can ride on any intent (a funding question, a
pack, how to apply), and no list of phrasings covers how owners put it. What makes one is structural:

- a word whose meaning is an assurance about an outcome (稳拿, 包过, 打包票, 准话, "for sure", "count on"),
- or a modal of certainty (保证, 一定, 肯定, 百分百, 确定, guarantee, definitely, 100% sure) bound to an
  outcome verb right after it ("一定批", "保证能拿", "确定我们能"), as opposed to "一定比例", "保证金",
  "确保数据安全", which use the same characters for something else,

in a sentence about funding (a program, an amount, an approval), or a short follow-up after one
("能保证吗？"). A loan guarantee (创业担保贷款) names a program, not a request.

The answer to one is the same whatever the intent (advice_rules.md §5): no guarantee, what spend the cap
implies, the selection or review step, and the issuer's confirmation (engine/guarantee.guarantee_note).
"""

from __future__ import annotations

import re

from app.text.clauses import spans
from app.text.funding_words import FUNDING_NOUN_ZH
from app.text.normalize import normalize

_I = re.IGNORECASE
# Words that are themselves an assurance about getting something.
_ASSURANCE = re.compile(
    r"稳拿|稳不稳|稳吗|稳了吧|稳妥吗|十拿九稳|板上钉钉|铁定|万无一失|包过|包批|包拿|包下来|包通过|打包票|拍胸脯|"
    r"准话|准数|保准|准能|准保|有把握|把握大|跑不掉|跑不了|保票|确定(?:的)?收入|当成?确定|"
    r"稳唔稳|稳阵|有冇把握|话实|实唔实|"  # Cantonese: "穩唔穩陣", "話實畀我知"
    r"\b100 ?% (?:get|receive|be approved|approved)\b|"
    r"\bguarantee[sd]?\b|\bpromise\b|\bfor sure\b|\bfor certain\b|\bconfirm in advance\b|\bdefinitely\b|\bsure thing\b|\bassured?\b|"
    r"\b(?:is it|are you|be|it's|absolutely|completely|totally) certain\b|\bcertain(?:ly)? (?:that|we|i|to)\b|"
    r"\bcount on\b|\bbank on\b|\brely on (?:getting|receiving)\b|\bwithout (?:a )?doubt\b|"
    r"\bconfirm (?:that )?(?:we|i)(?:'ll| will| can| would| are going to)\b|\b100 ?% (?:sure|certain)\b|"
    r"\b(?:can|could) (?:i|we) be sure\b|\bmake sure (?:we|i) (?:get|receive)\b|\bwant a (?:yes|firm answer)\b|"
    r"\bin writing\b|\bwritten (?:confirmation|commitment|assurance)\b|讲实|講實|讲真",
    _I,
)
# Other shapes of the same request, whatever the words (review8 held-out guarantee phrasings, v57-v62):
# - asking the odds or the risk of the outcome ("十成十会批", "会不会被卡", "有几成把握", "how likely", "any risk of
#   rejection"); the rate question "补几成" is not one;
# - taking it as settled ("没跑了吧", "当成收入做进预算", "跟老板报了", "give me your word", "tell my board");
# - saying the outcome needs nothing but applying ("只要报上去就能下来", "a formality", "we submit and the money comes");
# - a tag question on the outcome ("包冇问题", "能批下来吧", "没问题吧").
_ODDS_OR_SETTLED = re.compile(
    r"十成|[几多]成(?:把握|机会|可能|胜算)|把握有?多大|概率|可能性|机会大|胜算|"
    r"(?:会不会|会|怕|担心|不会|不至于)(?:被)?(?:卡|拒|驳回|否决|刷掉|退回|打回)|批不下来|拿不到吧|落空|"
    r"没跑了?|当成?(?:收入|进账)|算作收入|计入收入|(?:做|写|列|编|算)(?:进|入|到)(?:了)?(?:明年的?|今年的?)?预算|"
    r"(?:跟|和|向)老板(?:报|说|打)了?|报给老板|"
    r"只要[^，,。？?]{0,12}就(?:能|会|可以|一定|肯定|批|给|有)|(?:报|交|递)上去就|走个?(?:过场|流程)就|"
    r"包(?:冇|没|无)问题|(?:拿|批|领|补|给)(?:得?到|下来|下)?[^，,。？?]{0,4}(?:吧|对吧|是吧)\s*[?？]|"
    r"\bgive (?:me|us) your word\b|\b(?:a|just a|basically a|mere) formality\b|\brubber[- ]stamp|"
    r"\bhow likely\b|\b(?:what are|what's|what is) the (?:chances?|odds|likelihood|probability)\b|"
    r"\bchances? (?:of|that|we)\b|\bodds (?:of|that|we)\b|\brisk (?:of|that) (?:rejection|being rejected|not)\b|"
    r"\b(?:tell|promise|assure) (?:my|our|the) (?:board|boss|investors?|partners?|ceo|cfo)\b|"
    r"\b(?:book|count|treat) (?:it|the (?:subsidy|voucher|grant|money)) as (?:income|revenue)\b|"
    r"\b(?:submit|apply) and (?:the money|it|we get|get)\b|\b(?:just|only) (?:need|have) to (?:submit|apply)\b|"
    r"\bsafe to (?:assume|budget|count)\b|\b(?:is it|it's) a given\b",
    _I,
)
# Modals of certainty: one counts only when an outcome verb follows it closely ("一定批", "保证我们能拿").
_MODAL = r"(?<!不)(?<!没法)(?<!无法)(?:保证(?!金|书)|确保|担保(?!贷|基金|公司|费|机构|人)|一定|肯定|必定|必然|绝对|百分百|百分之百|100%|确定|能确认)"
# What is being assured: getting, approval, the money arriving. "能/会" may stand between ("保证能拿", "一定会批"),
# as may the owner ("确定我们能拿到"); anything else means the modal is about something else ("一定比例").
# Cantonese says the owner 我哋 and getting 攞 ("保唔保證我哋攞到50萬").
_BETWEEN = r"(?:我们|咱们|我哋|我|你们|你哋|都|就|也|还|是|能|会|可以|可)"
_OUTCOME = (
    r"(?:给|畀|拿|攞|领|批|通过|到账|到手|下来|有份|有戏|获得|得到|补|报销|兑现|成功|中选|入选|申请到|申到)"
)
# The thing assured may stand between the modal and its outcome: "保证科技券会批", "确保这笔补贴能到账".
_THING = rf"(?:[^，,。？?！!]{{0,8}}?(?:{FUNDING_NOUN_ZH}|钱|款))?"
_BOUND_MODAL = re.compile(_MODAL + _THING + _BETWEEN + r"{0,3}" + _OUTCOME)
# The modal asked last, about the clause before it: "杭州算力券拿到12万，这个你能保证吗？", "你敢打包票不",
# "能给个保证吗", "保唔保證". Only assurance modals: "比例确定吗" asks whether a rate is fixed.
_TAG_MODAL = re.compile(
    r"(?:你|您)?(?:能|敢|可以|能不能|敢不敢|可不可以|可唔可以|会不会|肯不肯)?(?:给个?|畀个?|同我|跟我|向我|帮我)?"
    r"(?:保证|担保|保唔保证|保不保证)(?:一下)?(?:吗|嘛|么|不|唔|冇|呢|吧|啊|得到|到)?\s*[?？]?\s*$"
)
# Asking for all of it is asking whether it is sure: "60%能全拿吗", "想拿满100万".
_ALL_OF_IT = re.compile(
    r"全拿|拿满|拿全|全额(?:拿|到账|补)|足额|[给畀]足|\b(?:get|receive|claim) the (?:full|whole|maximum|max)\b",
    _I,
)
# An amount the owner asks us to confirm with a tag question is a request for certainty: "能拿150万吧？",
# "补个50万没问题吧".
_AMOUNT_CONFIRMED = re.compile(
    r"(?:能|可以|可|会)?(?:拿|领|补|批|给)(?:到|下来?)?\s*\d+(?:\.\d+)?\s*(?:万|亿|元|块)[^，,。？?]{0,6}(?:吧|没问题吧|没错吧)"
)
# What makes a sentence about funding: a program, an approval or an amount.
_FUNDING = re.compile(
    r"券|补贴|补助|资助|扶持|奖励|奖补|资金|专项|政策|贴息|批下来|审批|到账|\d+(?:\.\d+)?\s*(?:万|亿|元|块)|"
    r"subsid|voucher|grant|fund|scheme|programme|program|money|approv|award|reimburs|yuan|rmb|cny|hk\$|million",
    _I,
)
# Programs whose name holds a certainty word: "创业担保贷款" is a loan guaranteed by a fund, not a request.
_PROGRAM_NAMES = re.compile(r"创业担保|担保贷款|融资担保|loan guarantee|guaranteed loan", _I)
# A bare follow-up ("能保证吗？", "确定吗", "guaranteed?") is about the funding just discussed.
_SHORT, _SHORT_WORDS = 14, 5


def asks_for_certainty(message: str, earlier: str = "") -> bool:
    """`earlier`: the previous question in the conversation, which a short follow-up continues."""
    text = _PROGRAM_NAMES.sub(" ", normalize(message))
    short = len(text.strip()) <= _SHORT or len(text.split()) <= _SHORT_WORDS
    follow_up = short and bool(_FUNDING.search(normalize(earlier)))
    for begin, end in spans(text, level="sentence", semicolon=False, with_mark=True):
        sentence = text[begin:end]
        certain = (
            _ASSURANCE.search(sentence)
            or _ODDS_OR_SETTLED.search(sentence)
            or _BOUND_MODAL.search(sentence)
            or _ALL_OF_IT.search(sentence)
            or _AMOUNT_CONFIRMED.search(sentence)
            or _bare_modal(sentence)
            or _tag_modal(sentence)
        )
        # The funding may sit in the sentence before: "申科技券穩唔穩陣？係咪一定批到？"
        outcome = (
            _ASSURANCE.search(sentence) or _ODDS_OR_SETTLED.search(sentence) or _BOUND_MODAL.search(sentence)
        )
        if certain and (_FUNDING.search(sentence) or (_FUNDING.search(text) and outcome)):
            return True
        if certain and follow_up:
            return True
    return False


def _tag_modal(sentence: str) -> bool:
    """The sentence's last clause asks for an assurance of what the clauses before it say."""
    last = re.split(r"[，,；;]", sentence.strip())[-1]
    return bool(_TAG_MODAL.search(last))


def _bare_modal(sentence: str) -> bool:
    """ "能保证吗", "确定吗", "guaranteed?": the modal is the whole question."""
    return bool(
        re.fullmatch(r"\s*(?:你|您)?(?:能|可以)?(?:保证|确定|肯定|担保)(?:吗|嘛|么)?\s*[?？]?\s*", sentence)
    )
