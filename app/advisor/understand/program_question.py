"""A question about a program's money (its amount, what it covers, stacking, the deadline): whose question is it?

One rule, used where the message is read alone (classify.classify_intent) and where the conversation is
known (resolve.resolve_intent). The program is named ("漳州标注券", "the TVP") or a funding word stands for it.

1. Stacking or a deadline ("杭州算力券和智能券能叠加吗", "训力券还来得及吗") is always the client's question:
   whether *they* can combine them or still make it.
2. An amount or a cover question asked with the client's own facts (size, trade, place), their own figure
   (a contract or spend they state: "标注合同50万，标注券能补多少") or "we" ("我们成都的，鼓励使用模型补贴能补
   多少", "Can our bot be paid for with the model voucher?") is a funding question about that program for
   this client: the verdict and the arithmetic.
3. In a business conversation, a named program with no new facts and no new need ("那数据产品使用补助呢？",
   "漳州模型券最多补多少？" after a pack) is the same: that program for this client, not the pack again.
4. Otherwise it is asked in general ("上海的模型券最高能补贴多少", "What does Chengdu's compute voucher cover?"):
   a question about the program's text, answered by quoting it (the classifier's later rules decide).
"""

from __future__ import annotations

import re
from typing import Literal

from app.text.funding_words import FUNDING_NOUN, FUNDING_NOUN_EN, FUNDING_NOUN_ZH
from app.text.normalize import normalize

_I = re.IGNORECASE
# "政府最多能给多少", "the government would pay": public money named by who pays it, not by a program noun.
FUNDING_WORDS = re.compile(
    rf"{FUNDING_NOUN}|申领|(?:政府|国家|官方|上面)[^，,。？?]{{0,6}}(?:给|补|出钱|奖励|报销)|"
    r"\bgovernment\b.{0,20}\b(?:pay|give|fund|cover|refund)",
    _I,
)
# A consultant describing their client ("佛山一家陶瓷厂", "客户深圳福田") speaks of one firm, as "我们" does; a
# bare "一家企业" is any firm ("深圳的模型券一家企业一年最多能拿多少": a question about the program's text).
CLIENT_FIRM = r"一家[^，,。；;？?]{1,12}(?:厂|公司|店|企业|工作室|机构|医院|诊所|学校|社)|客户|\bmy client\b"
# The client speaks for the firm ("我们", "咱们", "our"): what they are asking is about themselves.
FIRST_PERSON = re.compile(rf"我们|我们的|咱们|本公司|\b(we|us|our)\b|{CLIENT_FIRM}", _I)
# Questions about the programs themselves, often the ones just shown: combined, how much, still time, cover.
STACKING = re.compile(
    # Cantonese in its simplified reading: "可唔可以一齐攞", "叠埋用" (攞 = 拿, 一齐 = 一起, 叠埋 = 叠加).
    r"叠加|叠埋|(同时|一起|一齐|一块儿?)(申请|申报|享受|用|拿|攞|领|报)|兼得|两头都?(拿|攞|申请|领|要)|"
    r"(都|全)(拿|攞|领)(吗|得|到|[?？])|并用|"
    # "两份都攞", "两个都能拿吗", "二者可以同时享受": both of the two named ones (review11 r11-38)
    r"(两份|两个|两张|两项|两样|两笔|两者|二者)(券|补贴|试点|政策)?(都|全)?(可以|能|可|会)?(拿|攞|领|要|申请|申报|享受)|"
    r"\bstack(ed|ing)?\b|\bcombined?\b|both vouchers|\b(get|claim|take|receive|use|apply for) both\b",
    _I,
)
AMOUNT = re.compile(
    r"能补多少|补多少|最多能(拿|补|领|给)|能拿多少|能领多少|拿多少钱|能给多少|补贴多少|"
    # Cantonese: "可以攞几多", "补到几多钱", "资助几多" (几多 = 多少).
    r"(攞|拿|补|领|资助|补贴)(得|返)?(到)?几多|几多钱|"
    # what a loan-interest subsidy saves: "能省多少", "一年能少付多少利息", "how much would it save us"
    r"能省多少|省多少|少付多少|少交多少|省下多少|\bsaves? (?:us|me)\b|how much .{0,60}\bsave\b|"
    r"how much (could|can|would|will) (we|i|it) (get|receive|claim|give)|get back|"
    # "What does Hangzhou's compute voucher give (us)?": what it pays, not what it covers
    r"\bwhat (?:does|would|will|could|can) [^?.!]{1,60}\b(?:give|pay)(?: us| me| back)?\b|"
    # "How much can the TVP give?", "how much would the voucher fund": the program paying, by any name
    r"how much (?:can|could|would|will|does|do|might)\b[^?]{0,40}\b(?:give|pay|fund|cover|subsidi[sz]e|reimburse)\b|"
    rf"how much .{{0,40}}{FUNDING_NOUN_EN} (give|cover)|"
    # "语料券怎么算", "数据集补贴按多少算", "算力券怎么个算法", "How is the corpus voucher calculated?": how the
    # program's money is worked out is an amount question. Tied to the funding noun, so "费用怎么算" (what a
    # solution costs) stays a cost question.
    rf"(?:{FUNDING_NOUN_ZH})[^，,。？?]{{0,6}}(?:(?:怎么|如何|怎样)个?(?:算|计算)|按多少算|算法)|"
    rf"\bhow (?:is|are|would|will|do|does)\b[^?.]{{0,60}}{FUNDING_NOUN_EN}[^?.]{{0,20}}\b(?:calculated|computed|worked out)\b",
    _I,
)
# "那杭州的算力券能抵我这些软件的钱吗？", "can the compute voucher pay for these?", "can our bot be paid for
# with the model voucher?": does a program cover what the client buys.
# Asked with a yes/no modal on using it ("推理也能用吗", "可唔可以用嚟租GPU", "包不包API费用", "只管训练"): the
# modal is what makes it a question of cover, whichever thing it is asked of (compose/cover.py reads the thing).
_COVER_ZH = (
    r"能抵|抵扣|抵掉|能报|报不报|能不能报|能用在|能用于|能覆盖|能不能抵|能不能用|可不可以用|可以用(?:在|于|来|吗)|"
    r"(?:也|还|都)?(?:能|可)用吗|可唔可以用|用唔用得|用得(?:唔)?(?:了|到)?吗|包不包|包唔包|包括不包括|包不包括|"
    r"含不含|管不管|只管|只能用于|只限于?|仅限于?|只用于|仅用于"
)
_COVER_EN = r"\bcover|pay for|be used (?:for|to|on)|apply to"
# The modal alone, for a message already known to name a program ("中小企业数字化转型城市试点能不能用在买服务器上").
COVER_MODAL = re.compile(rf"{_COVER_ZH}|{_COVER_EN}", _I)
COVERS = re.compile(
    rf"{FUNDING_NOUN}.{{0,20}}({_COVER_ZH}|{_COVER_EN})|"
    rf"\b(paid|covered|reimbursed) (for )?(with|by|from|under)\b.{{0,40}}{FUNDING_NOUN_EN}|"
    # the thing first, the program after: "租GPU能用训力券吗", "can we use the model voucher for GPUs"
    rf"(?:能|可以|可唔可以)(?:用|报|抵)[^，,。？?]{{0,4}}(?:{FUNDING_NOUN_ZH})|"
    rf"\bcan (?:we|i) use\b.{{0,40}}{FUNDING_NOUN_EN}.{{0,10}}\b(?:for|on|to)\b",
    _I,
)
# "What does Chengdu's compute voucher cover?" asks what its texts say it pays for, not whether it pays for ours.
WHAT_IT_COVERS = re.compile(r"\bwhat (?:does|do|can|will|would)\b[^?]*\bcover\b", _I)
# "还来得及吗", Cantonese "來得切嗎" / "仲嚟唔嚟得切", "is there still time": one vocabulary for the classifier,
# the focused answer and the engine's date notes (engine/notices.py).
DEADLINE = re.compile(
    r"(?:来|嚟|赶)(?:唔(?:来|嚟|赶))?得(?:及|切|上)|截止|到期|还有多久|还能申请吗|还能(?:申)?报(?:名)?吗|什么时候结束|"
    r"\bdeadline\b|too late|still time|still open|expire|\bin time\b|can (?:we|i) still (?:apply|make it|get)",
    _I,
)


# "算力券是服务商直接抵扣吗？还是先付钱再返？", "要不要先垫钱", "钱什么时候到账", "is it deducted by the provider or
# paid back later?": how the money arrives (advice_rules.md §2), which `funding[].mechanism` answers. Deduction is
# asked with 直接 or at payment: a bare "能抵扣…吗" asks what a program covers (COVERS above).
PAYOUT = re.compile(
    r"直接(?:抵扣|抵减|扣减|扣掉|折抵|少付|减免)|(?:付款|付钱|买|购买|结算|下单)的?(?:时候?|时)(?:就|能)?(?:直接)?(?:抵|扣|减|少付)|"
    r"先(?:付|交|出|垫|掏|俾)(?:钱|款|全款|费用|全额)?(?:再|后|然后)(?:返|退|报|补|拿|领|攞|兑)|"
    r"垫付|垫钱|垫资|(?:要|需要|使唔使|用不用|要不要)(?:先)?垫|事后(?:返|补|报销|兑付|拨付|发放|奖补)|"
    r"报销还是|还是报销|返还还是|还是返还|还是(?:先)?(?:付|垫)|"
    r"(?:钱|补贴|款|券)(?:是)?(?:怎么|如何|何时|什么时候|几时|多久)(?:给|发|拨|到账|到手|返|兑付|兑现|打款|下来)|"
    r"(?:什么时候|何时|多久|几时)(?:能)?(?:到账|拨付|兑付|打款|发钱|返钱|到手)|怎么到账|"
    r"\bdeducted\b|\b(?:paid|pay) (?:it |us |me )?back\b|\bup ?front\b|\bpay (?:in full|the full (?:price|amount))\b|"
    r"\b(?:come|comes) off (?:the|our|my) (?:invoice|bill|price)\b|\boff the (?:invoice|bill)\b|"
    r"\breimburs\w*\b[^?.]{0,30}\b(?:later|after|afterwards)\b|\bor\b[^?.]{0,25}\breimburs|"
    r"\bhow (?:is|does|will|would) (?:the )?(?:money|subsidy|voucher|grant|payment) (?:be )?(?:paid|arrive|come|work)\b|"
    r"\bwhen (?:do|will|would|does) (?:we|i|the money|it) (?:get|receive|arrive|come)\b",
    _I,
)


def asks_how_money_arrives(text: str) -> bool:
    return bool(PAYOUT.search(normalize(text)))


# "还有别的补贴吗", "其他的政策呢", "仲有冇其他", "Anything else we could apply for?": the programs beside the ones just
# asked about or shown, for this client.
OTHERS = re.compile(
    r"(?:还有|仲有|另外还有|此外还有)(?:没有|冇|无)?(?:别的|其他|其它|第二个|另外的)|(?:别的|其他|其它)(?:的)?(?:补贴|政策|项目|券|资助|扶持)|"
    r"\b(?:anything|something) else\b|\bany other\b|\bwhat else\b|"
    r"\bother (?:programs?|programmes?|subsid(?:y|ies)|grants?|vouchers?|schemes?|funding|funds?)\b",
    _I,
)


def asks_for_others(text: str) -> bool:
    return bool(OTHERS.search(normalize(text)))


def about_shown_funding(text: str) -> bool:
    """Stacking, amount, deadline, cover or the others: a question about programs, often the ones just shown."""
    norm = normalize(text)
    return bool(
        STACKING.search(norm)
        or AMOUNT.search(norm)
        or DEADLINE.search(norm)
        or COVERS.search(norm)
        or OTHERS.search(norm)
    )


# "租30万的算力，能补多少": 补 asks for a subsidy's amount by itself, with no funding noun.
SUBSIDY_AMOUNT = re.compile(r"能补多少|补多少|补贴多少|能补几多|补到几多|补得几多")


def for_the_client(
    text: str,
    *,
    names_program: bool,
    facts: bool,
    own_figures: bool = False,
    new_need: bool = False,
    in_business: bool = False,
) -> bool:
    """Whether the message is a funding question about a program for this client (rules 1-3 above).

    `facts`: it states the client's own company facts; `own_figures`: a contract or spend of theirs;
    `new_need`: a need of theirs; `in_business`: it continues a business conversation (False when the
    message is read alone). False means rule 4 or the classifier's other rules decide.
    """
    norm = normalize(text)
    if not (names_program or FUNDING_WORDS.search(norm) or SUBSIDY_AMOUNT.search(norm)):
        return False
    if STACKING.search(norm) or DEADLINE.search(norm):
        return True
    about_money = bool(AMOUNT.search(norm)) or bool(
        names_program and COVERS.search(norm) and not WHAT_IT_COVERS.search(norm)
    )
    if about_money and (facts or own_figures or FIRST_PERSON.search(norm)):
        return True
    return names_program and in_business and not facts and not new_need


# What a question asks about a program it names, beyond its money for the client (above): one reading, so each is
# answered by its own first line (compose/direct_answer.py) whatever intent the message got.
# "最多可以申請幾多次", "一年能申请几次", "how many times can we apply": how often the program may be claimed.
TIMES = re.compile(
    r"(?:几|幾|多少)\s*(?:次|回|趟)|几多次|幾多次|能申请几个|可以申请几个|"
    r"\bhow (?:many times|often)\b|\bhow many (?:times|applications|projects)\b|\bmore than once\b",
    _I,
)
# "顺义是试点区吧", "宁波入选了吗", "我们城市有中央财政试点吗", "Is Ningbo a pilot city?": whether a place is on a
# pilot's list (the catalogue's pilot entries and published batches answer it), not for a pilot's money.
PILOT = re.compile(
    # "有没有试点补贴？": whether there is a pilot for the client's place, which its lists answer.
    r"(?:是|算|属于|入选|选上|列入|进入|有)(?:了|没有|不是|没)?[^，,。？?]{0,16}试点(?:城市|区|县|市)?"
    r"(?:补贴|补助|资金|政策|项目)?(?:吗|吧|么|嘛|没有|没|不|了吗|呢|[？?]|$)|"
    r"试点(?:城市|区|县|市)?(?:名单)?(?:里)?(?:有没有|有冇)|"
    r"\b(?:is|was|are|were)\b[^?]{0,40}\b(?:a |one of the )?(?:selected )?pilot(?: city| cities| district| area)?\b|"
    r"\bselected (?:as|for) (?:a |the )?pilot\b|\bpilot (?:city|cities) list\b",
    _I,
)
# A figure the client states for the program to confirm ("是50%吗", "补一半吗", "上限是不是100万", "Is it 50%?",
# "capped at 1 million?"), or asks for ("按什么比例补", "上限多少", "what's the cap"): the published ratio and cap.
_RATIO_WORDS = r"比例|几成|百分之几|多少个点|\bratio\b|\brate\b|percent(?:age)?"
_CAP_WORDS = (
    r"上限|封顶|最高(?:多少|是多少|补多少|能补多少)|最多补多少|\bcap(?:ped)?\b|\bmaximum\b|\bat most\b"
)
STATED_SHARE = re.compile(
    r"(\d+(?:\.\d+)?)\s*[%％]|百分之([零〇一二两三四五六七八九十\d]+)|([一二三四五六七八九])成|一半|\bhalf\b",
    _I,
)
FIGURE = re.compile(
    rf"(?:{_RATIO_WORDS}|{_CAP_WORDS})[^，,。]{{0,12}}(?:多少|几|是多少|怎么|什么|吗|么|呢|[？?]|是不是)|"
    rf"(?:按|是)(?:什么|多少|几)(?:比例|标准)|(?:是|补|按|给)(?:不是)?[^，,。？?]{{0,6}}(?:\d+(?:\.\d+)?\s*[%％]|百分之|[一二三四五六七八九]成|一半)[^，,。]{{0,4}}(?:吗|么|嘛|吧|[？?])|"
    rf"\b(?:is|are|does)\b[^?]{{0,60}}(?:\d+(?:\.\d+)?\s*%|\bhalf\b|\bcapped\b|\bcap\b)|"
    rf"\bwhat(?:'s| is| are)? (?:the )?(?:{_RATIO_WORDS}|cap|maximum)",
    _I,
)
# "能拿…吗", "能补吗", "够不够条件", "我们能享受吗", "is that for us", "can we get / apply for it", "are we eligible":
# whether the program is for this client, answered by its verdict and the condition deciding it.
VERDICT = re.compile(
    r"能(?:不能)?(?:拿|领|申请|申报|享受|补|用|参加|参与)(?:到|上)?(?:[^，,。？?]{0,16})?(?:吗|么|嘛|不|[？?])|"
    r"(?:拿|领|申请|申报|享受|补)(?:得|唔)(?:到|了)?(?:吗|么|[？?])|"
    r"够(?:不够)?(?:条件|资格)|符(?:合|不符合)(?:条件|要求)?(?:吗|么|[？?])|有(?:没有|冇)?资格|适(?:不适)?用(?:于)?我们|"
    r"\b(?:is|are)\b[^?]{0,30}\bfor (?:us|me|our)\b|\b(?:can|could) (?:we|i) (?:get|apply|claim|use|qualify)\b|"
    r"\b(?:are|am) (?:we|i) eligible\b|\bdo (?:we|i) qualify\b|\beligible\b",
    _I,
)
ProgramAsk = Literal["times", "pilot", "figure", "verdict"]


def asked_of_program(text: str) -> ProgramAsk | None:
    """What the message asks about a program beside its money for the client: how often it may be claimed,
    whether a place is a pilot, a figure, or whether it is for the client (in that order: "能申请几次" is no
    verdict question, nor "是50%吗" one of eligibility)."""
    norm = normalize(text)
    if TIMES.search(norm):
        return "times"
    if PILOT.search(norm):
        return "pilot"
    if FIGURE.search(norm):
        return "figure"
    if VERDICT.search(norm):
        return "verdict"
    return None
