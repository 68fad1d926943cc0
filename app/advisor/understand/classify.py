"""Rule-based intent classification (offline; deterministic).

Order matters: the most specific request wins. "深圳的模型券怎么申请" is
how_to_apply even though it names a program; "预算3万" inside a company
description is not a cost question.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.advisor.contract import Intent
from app.advisor.understand.out_of_scope import FRAUD, OFF_TOPIC, OUT_OF_SCOPE_STRONG
from app.advisor.understand.program_question import (
    FUNDING_WORDS,
    for_the_client,
)
from app.text.clauses import clauses
from app.text.funding_words import FUNDING_NOUN, FUNDING_NOUN_EN, FUNDING_NOUN_ZH
from app.text.normalize import normalize

_I = re.IGNORECASE
SMALLTALK = re.compile(
    r"^(你好|您好|嗨|哈喽|在吗|早上好|下午好|晚上好|谢谢|多谢|感谢|谢了|好的|再见|拜拜|你是谁|你能做什么|"
    r"hi\b|hello|hey\b|thanks|thank you|thx|ok\b|okay|bye|goodbye|good morning|who are you|what can you do)",
    _I,
)
# "你都能帮我干啥", "what exactly can you help me with?": what the advisor does, in any greeting.
CAPABILITY = re.compile(
    r"(你|您)(都|还|到底)?(能|可以|会)(帮我|帮我们|帮忙)?(做|干|干点)?(什么|啥|哪些)|"
    r"what (exactly |else )?can you (help (me|us) with|do)\b|what do you do\b",
    _I,
)
_BUDGET_WORD = re.compile(r"预算|\bbudget\b", _I)
# What keeps a message in scope even when it also names an out-of-scope topic: it asks about AI, a
# solution, a program or its cost. A business description alone does not ("我们是做外贸的，想给员工办美国
# 工作签证" asks about a visa; the trade only says who asks).
IN_SCOPE_ASK = re.compile(
    rf"{FUNDING_NOUN}|\bai\b|ai[\u4e00-\u9fff]|人工智能|数字化|智能化|大模型|算力|系统|软件|方案|工具|云端|云服务|"
    # What the pack's solutions are made of, named by itself ("buy an edge camera or use a cloud API?").
    r"\b(?:software|system|tool|solution|automat\w*|digital\w*|apis?|gpus?|llms?|saas|cloud)\b",
    _I,
)
BUSINESS = re.compile(
    rf"{FUNDING_NOUN}|企业|公司|工厂|门店|店铺|餐厅|算力|政策|申请|\bai\b|ai[\u4e00-\u9fff]|人工智能|数字化|方案|客户|员工|"
    r"经营|生意|company|business|policy|sme|enterprise|factory|shop|restaurant|firm",
    _I,
)
HOW_TO_APPLY = re.compile(
    # "模型券怎么拿" asks the route to the money, as "怎么申请" does (review12 r12-12 got no channel or steps).
    # Any verb of the route to the money: 申请, 申领, 领取, 兑付/兑现 ("具体怎么申领和兑付").
    r"(?:怎么|如何|怎样|点样)(?:去|才能)?(?:申请|申领|领取|兑付|兑现)|怎么申报|如何申报|怎么领|如何领取|(?:怎么|如何|怎样)(?:才能)?拿(?:到)?(?![^，。？?]{0,4}多少)|点样攞|申请流程|申报流程|申领流程|申请材料|申报材料|"
    # What has to be handed in, by any of its names: 材料, 资料, Taiwan's 文件, 证明, 手续 ("要準備哪些文件",
    # "需要提供哪些证明", "要走什么流程").
    r"(准备|提交|需要|提供|要交|交|带|出具)些?(哪些|什么|啥|哪几样|哪几种)(材料|资料|文件|证明|手续|单据|步骤)|"
    r"材料(要|怎么)(准备|交)|流程是|流程怎|(走|办)(什么|哪些|啥)(流程|手续)|手续(怎么|如何)办|"
    r"去哪(里|儿)?申请|在哪(里|儿)?申请|申请渠道|怎么兑付|"
    r"how (do|can|should) (i|we) apply|how to apply|application process|where (do|can) (i|we) apply|"
    r"(what|which) (documents|papers|forms)\b|\bdocuments? (do|would|should|must) (i|we|they) (need|prepare|submit|provide)|"
    r"how to claim|在哪(里|儿)?申报|去哪(个|些)?部门|哪个部门(办|申请|受理)|怎么办理|办理流程|申报步骤|申请步骤|"
    r"where (do|can|should) (we|i) (submit|apply|hand in|send)|steps to apply|"
    # Paperwork asked for, not a trade's own ("customs paperwork eats our days" is a need).
    r"(what|which|any) paperwork|paperwork (is |are )?(needed|required)|paperwork (do|would|should|must) (we|i)|"
    r"paperwork (for|to) (apply|claim)|hand in (the|our|an?) (application|forms?|documents?)|"
    # "去哪个单位申请？流程大概怎么走", "procedure for claiming … step by step"
    r"(去|到|向|找)哪(个|些|里|儿)?(单位|部门|机构|窗口|平台)(申请|申报|办|交|领)|流程.{0,4}(怎么|如何)|"
    r"\bprocedure (for|to)\b|\bstep[- ]by[- ]step\b|how (do|can|would) (i|we) go about (applying|claiming)|"
    # How the money reaches the firm (the program's mechanism, answered with its steps): "是服务商先折抵吗",
    # "钱是直接拨给我们吗", "is it deducted by the provider or paid to us?"
    r"(?:服务商|供应商|厂商|平台|卖方)[^，,。？?]{0,6}(?:折抵|抵扣|抵减|扣减|扣掉|扣除|减掉)|先(?:折抵|抵扣)|"
    r"(?:钱|补贴|资金|券)[^，,。？?]{0,8}(?:拨|打|发|转|返|退|汇)(?:给|到|回|进)(?:我|我们|公司|企业|账|卡)|"
    r"\b(?:money|subsidy|grant|voucher|funds?)\b[^?.!]{0,30}\b(?:paid|sent|transferred|credited|deducted)\b"
    r"[^?.!]{0,20}\b(?:to us|to me|directly|by the (?:provider|vendor|supplier)|our account)",
    _I,
)
ELIGIBILITY_STRONG = re.compile(
    r"能不能申请|能否申请|能申请吗|可以申请吗|可不可以申请|(符合|满足|够)[^,，。]{0,16}(条件|要求)|(还)?能(申请|申领|拿|享受).{0,16}吗|可以(申请|申领).{0,16}吗|符合条件|符不符合|是否符合|有资格|有没有资格|够不够格|适用吗|"
    r"eligible|eligibility|qualify|can (i|we) (get|apply|claim|receive)|"
    # A consultant asks for a client ("Are they able to claim Nanning's compute voucher?", "Could my client,
    # a 40-person mill, get …"), as "能申请吗" does in Chinese.
    r"\b(?:can|could|are|is|would)\s+(?:they|he|she|(?:my|our|the|this) (?:client|customer|company|firm))\b"
    rf"[^?.!]{{0,60}}\b(?:get|claim|apply|receive|use)\b[^?.!]{{0,40}}{FUNDING_NOUN_EN}",
    _I,
)
ELIGIBILITY_OPEN = re.compile(
    rf"能拿.{{0,8}}不|能不能(用|拿|申请)[^,，。]{{0,8}}({FUNDING_NOUN_ZH}|政策)|(想|要|打算|准备)申请.{{0,10}}({FUNDING_NOUN_ZH})|"
    r"可以拿到(什么|哪些)|能享受(什么|哪些)|够条件|够不够|"
    rf"有(什么|哪些|啥)[^,，。?？]{{0,6}}({FUNDING_NOUN_ZH})[^,，。]{{0,6}}(拿|申请|享受|能|可以)|"
    rf"有没有[^,，。]{{0,12}}({FUNDING_NOUN_ZH})[^,，。]{{0,6}}(拿|申请|可以|享受)|"
    rf"({FUNDING_NOUN_ZH})[?？]$|"
    rf"any (ai )?{FUNDING_NOUN_EN} for (us|me|a )|anything for us|qualify for anything|"
    rf"can an? .{{0,40}}\b(get|apply for|use)\b.{{0,20}}{FUNDING_NOUN_EN}",
    _I,
)
ELIGIBILITY_FIRST_PERSON = re.compile(
    rf"(我|我们|我家|本公司|咱们).{{0,30}}(能申请|可以申请|能拿(?!出)|能享受|能领|(哪些|什么|有|政府)({FUNDING_NOUN_ZH})|哪些政策|什么政策)|"
    rf"(哪些|什么|啥)({FUNDING_NOUN_ZH}|政策|资金).{{0,6}}(能|可以)(申请|拿|享受|用)|\b(we|i|my|our)\b.{{0,40}}{FUNDING_NOUN_EN}|"
    rf"\b(which|what) (ai )?({FUNDING_NOUN_EN}|programs?) (can|could|does|do|would|might) .{{0,60}}\b(apply|get|claim|qualify|use)",
    _I,
)
# Whether this firm qualifies, asked yes or no ("我们符合条件吗", "这些补贴我们够不够条件", "宁波的改造补贴我们能不能
# 申请", "Am I eligible for the compute voucher?", "Do we qualify?"). Asked beside a description and a need it is still
# the funding question: its verdict leads and the pack the need calls for comes with it (answering/funding.py). An
# open question ("有什么补贴可以申请", "which grants can we get", "any of the vouchers") is answered by the pack, whose
# verdicts are the list asked for.
YES_NO_ELIGIBILITY = re.compile(
    r"(符合|满足|够)[^,，。？?]{0,16}(条件|要求)|符不符合|是否符合|够不够(格|资格|条件)|有(没有)?资格|"
    r"能不能(申请|申领|拿|享受|用)|能否(申请|申领|享受)|(能|可以|可不可以)(申请|申领|享受)[^,，。？?]{0,12}吗|适用吗|"
    r"\b(am i|are (we|they)|is (it|he|she|(my|our|the|this) (client|customer|company|firm|business)))\b[^?.!]{0,20}"
    r"\beligible\b|\bdo(es)? (we|i|they|(my|our|the|this) (client|customer|company|firm|business))\b[^?.!]{0,10}"
    r"\bqualify\b|\b(can|could) (we|i|they)\b[^?.!]{0,10}\b(apply for|get|claim|use)\b (the|this|that|[a-z]+'s)\b",
    _I,
)
_ASKS_WHICH = re.compile(r"哪些|哪几|什么|啥|咩|\b(which|what|any)\b", _I)


def asks_yes_no_eligibility(text: str, *, names_program: bool = False) -> bool:
    """One clause asks whether the firm qualifies, not which programs there are; a named program asked of is one
    too ("杭州算力券我们能申请吗")."""
    pieces = clauses(text)
    if any(YES_NO_ELIGIBILITY.search(c) and not _ASKS_WHICH.search(c) for c in pieces):
        return True
    return names_program and not any(_ASKS_WHICH.search(c) for c in pieces if ELIGIBILITY_STRONG.search(c))


COMPARE = re.compile(
    r"比较|对比|区别|哪个好|哪个更|哪种更|哪一个|哪个比较|哪个.{0,6}(最|更)|性价比|比起来|差多少|值得先做|还是.{0,12}(划算|好|合适)|\bvs\.?\b|versus|compare|"
    r"difference between|which is (the )?better|which (one|option) (is|should)|怎么选|选哪个|先上哪个|"
    r"which should (i|we) (choose|pick|start)|\bbetter\b.{0,30}\bthan\b|which (makes|would make) more sense|"
    # Which of two options costs less: "Is it cheaper to buy an edge camera or use a cloud API?", "买还是租更便宜"
    r"\b(?:cheaper|costlier|more expensive|less expensive|more economical)\b[^?.!]{0,80}\b(?:or|than)\b|"
    r"还是[^，,。]{0,12}(?:便宜|省钱|实惠)|(?:哪个|哪种|哪样)(?:更)?(?:便宜|省钱|实惠)|"
    r"\b(go|going) with\b.{1,60}\bor\b",
    _I,
)
COST = re.compile(
    # Cantonese 几多钱/几钱 is 多少钱 ("AI拣货系统大概要几多钱").
    r"多少钱|几多钱|要几钱|大概要多少|要花多少|花多少|投多少|费用是多少|费用怎么算|价格|贵不贵|成本大概|"
    r"(费用|花费|成本|投入)[^,，。]{0,8}(区间|范围|价位|多少)|(什么|啥)价位|"
    r"how much (does|would|will|is|do)|what (does|would|will) .{0,40} cost|rough price|price (of|for|range)|cost us|cost per|"
    r"set (us|me) back|how pricey",
    _I,
)
NET_COST = re.compile(
    r"补贴(以)?后|(扣除|扣掉|减去|除去|去掉)补贴|净成本|实际(要|得)?(花|掏|付|出)|自己(要|得)(掏|出|付)|"
    r"after (the )?subsid|net cost|out of (our|my) (own )?pocket",
    _I,
)
RECOMMEND = re.compile(
    r"推荐|帮我(选|看看|规划|设计|出出主意|想想)|给(我|我们)(一些|点)?(建议|方案)|适合(我|我们)|用什么ai|哪些ai|什么ai(工具|方案|应用)|"
    r"(想|希望|打算|准备|想要)(用|上|引入|试试|做)(ai|人工智能)|怎么用ai|如何用ai|有什么ai|有没有ai|ai(能|可以)帮|"
    r"recommend|suggest|advice|advise|(what|which) ai (tools?|solutions?|systems?|products?)|ai tools?|enablement pack|"
    r"ai pack|help (us|me)|we want (an )?ai|"
    r"want to use ai|how can ai help",
    _I,
)
# Jurisdictions outside the catalogue (mainland China, Hong Kong, Taiwan): a question about their programs
# has no catalogued answer even when a Chinese program is semantically close ("美国的中小企业税收抵免").
FOREIGN_JURISDICTION = re.compile(
    r"美国|欧盟|欧洲|英国|德国|法国|日本|韩国|新加坡|澳大利亚|加拿大|印度|"
    r"\b(?:usa|u\.s\.a?|united states|america|eu|european union|europe|uk|britain|germany|france|japan|korea|"
    r"singapore|australia|canada|india)\b",
    _I,
)
EXAMPLES = re.compile(r"例子|案例|实例|先例|怎么做到的|for example|examples?\b|case stud", _I)
NEED = re.compile(r"想|希望|需要|打算|准备|want|need|would like|looking for|plan to", _I)
# A need in an owner's words: a problem ("漏检多", "回不过来", "machines break down") or a wish to
# change something ("想优化路线", "want visual QC"), about something a solution can do.
PROBLEM = re.compile(
    r"老是|总是|经常|常常|跟不上|回不过来|(?:答|接|顾|看|处理)不过来|(?<!说)不完|忙不过来|累死|浪费|漏检|故障|老坏|停机|压库存|积压|压货|流失|头疼|费时间|"
    r"太慢|太贵|太高|来不及|写不过来|发现太晚|不准|太乱|很乱|出错|出问题|不及时|人手不够|排不过来|太费|花一整天|"
    r"keep (running|over|losing|throwing)|can'?t keep up|waste|too slow|\bslow\b|break(s)? down|breakdowns?|fail(s|ing)? without|"
    r"throw (away|out)|over-?prepar|over-?bak|drowning|lose customers|nobody (answers|notices)|eats all|takes forever|"
    r"by hand|by eye|a mess|chaotic|worr(y|ies)|pain\b|huge power bills|"
    # Two bookings or jobs on one slot, and work done by hand ("场地预约撞期", "lane bookings clash", "派单全靠手排").
    r"成日|撞期|撞车|撞单|撞场|撞时间|时间冲突|(?:预约|排班|排期|订场|订位)[^，,。；;]{0,4}冲突|手排|手工排|人手排|靠人手|"
    r"\bclash(?:es|ing)?\b|double[- ]?book\w*|overlapping bookings|\bmanually\b",
    _I,
)
WISH = re.compile(
    r"(想|希望|打算|准备|想要|要|需要|能不能|有没有|有啥|有什么|怎么)(用|上|做|搞|弄|装|引入|试试|优化|解决|提高|降低|减少|预测|"
    r"自动|监测|管|搭|找|给|把|租|调用|知道|训练|微调)|(有什么|有啥|有没有)(方案|办法|工具)|"
    r"\b(want(s|ed|ing)?|need(s|ing)?|looking|would (like|love)|hop(e|ing) to|wish|keen to|plan(ning)? to)\b|"
    r"(?<=[a-z])'d (like|love)\b|what (ai )?(would|do) you (recommend|suggest)|ideas\?|"
    r"could ai help|can ai help|anything (that|for)|what ai|\bcan (we|i) (run|use|deploy|get|build|automate)\b",
    _I,
)
SOLUTION_NOUN = re.compile(
    r"机器人|客服|质检|检测|排班|排产|预测|路线|排线|知识库|监测|摄像|算力|gpu|模型|文案|"
    r"图|视频|营销|记账|发票|合同|节能|能耗|电费|定价|预约|分诊|问诊|备课|批改|作业|备.{0,3}(菜|货|料)|库存|进货|拣货|库位|"
    r"设备|机床|故障|维护|询盘|回复|病虫害|温湿度|健康|摔倒|瑕疵|线索|会员|差评|排程|订单|配送|油耗|效果图|"
    r"chatbot|bot\b|route|forecast|inspection|\bqc\b|maintenance|pricing|invoice|contract|energy|schedul|"
    r"marking|lesson|triage|booking|picking|slots?\b|photos|videos|descriptions|fine-tun|compute|llm|api|"
    r"temperature|humidity|camera|health|defect|customer service|support|inquir|fuel|trucks?|items|food|bread|"
    r"machines?|safety|power|falls?\b|residents|messages|customers|wechat|language model|on-?premises|\bmodels?\b|"
    r"ordering|orders|automat|receipts?|production|appointments?|reminders?|stock\b|inventory|quality|"
    r"repl(y|ies)|answer",
    _I,
)


# "AI方面有什么扶持？", "What AI subsidies are there?": a funding question that names nothing.
# Asked either way round ("有什么补贴", "补贴都有哪些", Cantonese "有咩資助") and in English word orders ("are there
# any grants for …", "what support is there").
_WHICH = r"(?:什么|哪些|啥|咩|哪几种|哪几个)"
GENERIC_FUNDING_ASK = re.compile(
    rf"(有|能拿|可以申请|能申请|能领|可以领)\s*{_WHICH}[^,，。]{{0,8}}({FUNDING_NOUN_ZH}|政策)|了解.{{0,10}}({FUNDING_NOUN_ZH})|"
    rf"({FUNDING_NOUN_ZH})[^。]{{0,8}}(都|具体|一般)?(有|是){_WHICH}|"
    r"what (ai )?(subsidies|support|funding|grants)|(subsidies|support|funding|grants) (are there|is there|exist)|"
    r"\b(are|is) there (any )?(ai )?(subsidies|support|funding|grants|government money)\b",
    _I,
)


# A request to talk about AI that names nothing else ("我想咨询一下AI这块", "想了解下人工智能方面", "I'd like some
# advice about AI"): no need, no program, no trade; asked back, like a funding question naming nothing.
ASKS_ABOUT_AI_ONLY = re.compile(
    r"^(?:你好|您好)?[,，]?(?:我|我们|我司|公司)?(?:想|要|来|就是想)?(?:咨询|了解|问问|问一下|请教|打听)(?:一下|下|咨询)?"
    r"(?:关于)?(?:ai|人工智能|大模型|数字化|智能化)(?:这块|这一块|这方面|方面|相关的?(?:事情?|东西|情况)?|(?:方面)?的(?:事情?|情况|东西))?"
    r"[的吗呢啊吧。.!！?？\s]*$|"
    r"^(?:hi,? )?(?:i'?d like|i would like|i want|i need|can i get|could i get) (?:some )?(?:advice|information|info|to ask|to consult)"
    r"(?: about| on)? (?:ai|artificial intelligence)(?: in general)?(?:,? please)?[.?!\s]*$",
    _I,
)


def _asks_in_scope(text: str) -> bool:
    """Something other than the out-of-scope topic is about AI, a solution or funding: "AI概念股" names AI only
    as the share asked about, so the topic's own clause does not count."""
    rest = " ".join(c for c in clauses(text) if not OUT_OF_SCOPE_STRONG.search(c))
    # A problem of the business or a budget is a need in scope too ("screening CVs takes forever. Budget
    # 20,000 RMB. Also, how do I deregister …": the aside is answered apart).
    return bool(IN_SCOPE_ASK.search(rest) or PROBLEM.search(rest) or _BUDGET_WORD.search(rest))


def states_need(text: str) -> bool:
    """The message says what the business wants done or what goes wrong, in any phrasing."""
    norm = normalize(text)
    return bool((PROBLEM.search(norm) or WISH.search(norm)) and SOLUTION_NOUN.search(norm))


def classify_intent(
    message: str,
    *,
    states_profile_facts: bool,
    has_evidence: bool,
    semantic_need: Callable[[], bool] = lambda: False,
    names_program: bool = False,
    states_own_figures: bool = False,
) -> Intent:
    """`states_profile_facts`: the message describes the user's own company (industry or size).
    `states_own_figures`: it states a contract or spend of the client's own (a funding question's base).

    `names_program`: the message names a catalogued program, whole or in part ("场景应用创新项目", "TVP"):
    a program's name is a funding word; whose question it is follows the one rule in program_question.py.

    `semantic_need`: whether the message's nearest labelled examples are needs (engine/need_bank.py); asked
    only when no exact rule decided, so a need in words the rules do not know still gets the pack while a
    refusal, a funding or an application question stays what its rule says.
    """
    text = normalize(message).strip()
    if not text:
        return "smalltalk"
    if ((SMALLTALK.match(text) and len(text) <= 24) or CAPABILITY.search(text)) and not BUSINESS.search(text):
        return "smalltalk"
    need = states_need(text)
    if OFF_TOPIC.search(text) and not BUSINESS.search(text) and not need:
        return "out_of_scope"
    if OUT_OF_SCOPE_STRONG.search(text) and not need and not _asks_in_scope(text):
        return "out_of_scope"
    if FRAUD.search(text):
        return "out_of_scope"  # we help people apply, never fake an application
    if HOW_TO_APPLY.search(text):
        return "how_to_apply"
    if for_the_client(
        text, names_program=names_program, facts=states_profile_facts, own_figures=states_own_figures
    ):
        # "杭州的算力券和智能券能叠加吗", "我们租算力花了50万，算力券能补多少": that program for this client
        # (program_question.py). Asked in general it stays a question about the program's text, below.
        return "funding_eligibility"
    eligibility = bool(
        ELIGIBILITY_STRONG.search(text)
        or ELIGIBILITY_FIRST_PERSON.search(text)
        or ELIGIBILITY_OPEN.search(text)
    )
    # A description plus "which subsidies" is answered by the pack, which carries the verdicts; a description
    # plus "do we qualify" is the funding question, the facts and the need read for it all the same.
    open_ask = eligibility and not asks_yes_no_eligibility(text, names_program=names_program)
    if open_ask and states_profile_facts and NEED.search(text) and RECOMMEND.search(text.split("补贴")[0]):
        return "recommend_pack"  # a full description plus "which subsidies": the pack carries the verdicts
    if (
        open_ask
        and states_profile_facts
        and (
            need
            or re.search(
                r"(想|希望|打算|want|would like).{0,20}(ai|人工智能|预测|识别|管理|solution)", text, _I
            )
        )
    ):
        return "recommend_pack"  # "二十五人的餐厅，备料老是不准，有什么补贴可以申请": the pack, with its verdicts
    if eligibility:
        return "funding_eligibility"
    if NET_COST.search(text):
        return "cost_estimate"  # "扣除补贴后要花多少" asks about money even though it names subsidies
    if COMPARE.search(text):
        # Comparing two vouchers is a question about their texts, not about solutions.
        return "policy_question" if FUNDING_WORDS.search(text) and has_evidence else "compare_solutions"
    if COST.search(text) and not FUNDING_WORDS.search(text):
        return "cost_estimate"
    if EXAMPLES.search(text) and not states_profile_facts and has_evidence:
        return "policy_question"  # "钢铁厂怎么用AI，有没有例子": the sources' cases, not a pack
    # The nearest examples decide only what no rule above decided, and never for a message that names a
    # program: "上海的模型券，调用第三方大模型API最高能补贴多少" resembles the API solution's examples because it
    # names the program's own purchase, yet asks about the program's text (program_question.py).
    if RECOMMEND.search(text) or states_profile_facts or need or (not names_program and semantic_need()):
        return "recommend_pack"
    # In-domain but unanswered ("美国的AI税收抵免？") gets the honest "no evidence" answer, not a refusal.
    return "policy_question" if has_evidence or BUSINESS.search(text) else "out_of_scope"
