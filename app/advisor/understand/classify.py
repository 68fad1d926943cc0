"""Rule-based intent classification (offline; deterministic).

Order matters: the most specific request wins. "深圳的模型券怎么申请" is
how_to_apply even though it names a program; "预算3万" inside a company
description is not a cost question.
"""

from __future__ import annotations

import re

from app.advisor.contract import Intent
from app.text.normalize import normalize

_I = re.IGNORECASE
SMALLTALK = re.compile(
    r"^(你好|您好|嗨|哈喽|在吗|早上好|下午好|晚上好|谢谢|多谢|感谢|谢了|好的|再见|拜拜|你是谁|你能做什么|"
    r"hi\b|hello|hey\b|thanks|thank you|thx|ok\b|okay|bye|goodbye|good morning|who are you|what can you do)",
    _I,
)
OFF_TOPIC = re.compile(
    r"天气|下雨|气温|带伞|weather|rain\b|写.{0,8}诗|诗歌|poem|haiku|菜谱|怎么做才好吃|红烧|食谱|recipe|"
    r"股票|股价|大涨|炒股|买进|stock tips?|stock price|比分|足球|篮球|世界杯|英超|nba|football|soccer|world cup|"
    r"明星|绯闻|八卦|celebrity|gossip|旅游攻略|自由行|行程安排|itinerary|sightseeing|发烧|咳嗽|头疼|头痛|症状|"
    r"headache|fever|symptom|彩票|lottery|笑话|joke|星座|horoscope|电影|电视剧|综艺|movie|film\b|小说|novel\b|"
    r"歌曲|唱歌|song\b|游戏攻略|静夜思|李白|杜甫",
    _I,
)
BUSINESS = re.compile(
    r"企业|公司|工厂|门店|店铺|餐厅|补贴|算力|模型券|政策|申请|\bai\b|ai[\u4e00-\u9fff]|人工智能|数字化|方案|客户|员工|经营|生意|"
    r"company|business|subsid|voucher|policy|sme|factory|shop|restaurant|firm",
    _I,
)
HOW_TO_APPLY = re.compile(
    r"怎么申请|如何申请|怎样申请|怎么申报|如何申报|怎么领|如何领取|申请流程|申报流程|申领流程|申请材料|申报材料|"
    r"(准备|提交|需要)(哪些|什么)材料|流程是|流程怎|去哪(里|儿)?申请|在哪(里|儿)?申请|申请渠道|怎么兑付|"
    r"how (do|can|should) (i|we) apply|how to apply|application process|where (do|can) (i|we) apply|"
    r"what documents|how to claim",
    _I,
)
ELIGIBILITY_STRONG = re.compile(
    r"能不能申请|能否申请|能申请吗|可以申请吗|可不可以申请|(还)?能(申请|申领|拿|享受).{0,16}吗|可以(申请|申领).{0,16}吗|符合条件|符不符合|是否符合|有资格|有没有资格|够不够格|适用吗|"
    r"eligible|eligibility|qualify|can (i|we) (get|apply|claim|receive)",
    _I,
)
ELIGIBILITY_FIRST_PERSON = re.compile(
    r"(我|我们|我家|本公司|咱们).{0,30}(能申请|可以申请|能拿|能享受|能领|哪些补贴|什么补贴|有补贴|哪些政策|什么政策|政府补贴)|"
    r"(哪些|什么)(补贴|政策|资金).{0,6}(能|可以)(申请|拿|享受)|\b(we|i|my|our)\b.{0,40}\b(subsid|grant|voucher)",
    _I,
)
COMPARE = re.compile(
    r"比较|对比|区别|哪个好|哪个更|哪种更|哪一个|哪个比较|值得先做|还是.{0,12}(划算|好|合适)|\bvs\.?\b|versus|compare|"
    r"difference between|which is (the )?better|which (one|option) (is|should)|怎么选|选哪个|先上哪个|"
    r"which should (i|we) (choose|pick|start)",
    _I,
)
COST = re.compile(
    r"多少钱|大概要多少|要花多少|花多少|费用是多少|价格|贵不贵|成本大概|how much (does|would|will|is|do)|what does .{0,40} cost|price of",
    _I,
)
NET_COST = re.compile(r"补贴后|扣除补贴|净成本|实际要花|after subsid|net cost", _I)
FRAUD = re.compile(r"伪造|造假|假发票|假合同|虚开|骗补|套取补贴|fake (invoice|contract)|forge|falsif", _I)
FUNDING_WORDS = re.compile(r"补贴|券|资助|补助|申领|奖励|奖补|subsid|voucher|grant", _I)
RECOMMEND = re.compile(
    r"推荐|帮我(选|看看|规划|设计|出出主意|想想)|给(我|我们)(一些|点)?(建议|方案)|适合(我|我们)|用什么ai|哪些ai|什么ai(工具|方案|应用)|"
    r"(想|希望|打算|准备|想要)(用|上|引入|试试|做)(ai|人工智能)|怎么用ai|如何用ai|有什么ai|有没有ai|ai(能|可以)帮|"
    r"recommend|suggest|advice|advise|(what|which) ai (tools?|solutions?|systems?|products?)|ai tools?|enablement pack|"
    r"ai pack|help (us|me)|we want (an )?ai|"
    r"want to use ai|how can ai help",
    _I,
)
EXAMPLES = re.compile(r"例子|案例|实例|先例|怎么做到的|for example|examples?\b|case stud", _I)
NEED = re.compile(r"想|希望|需要|打算|准备|want|need|would like|looking for|plan to", _I)


def classify_intent(message: str, *, states_profile_facts: bool, has_evidence: bool) -> Intent:
    """`states_profile_facts`: the message describes the user's own company (industry or size)."""
    text = normalize(message).strip()
    if not text:
        return "smalltalk"
    if SMALLTALK.match(text) and len(text) <= 24 and not BUSINESS.search(text):
        return "smalltalk"
    if OFF_TOPIC.search(text) and not BUSINESS.search(text):
        return "out_of_scope"
    if FRAUD.search(text):
        return "out_of_scope"  # we help people apply, never fake an application
    if HOW_TO_APPLY.search(text):
        return "how_to_apply"
    eligibility = bool(ELIGIBILITY_STRONG.search(text) or ELIGIBILITY_FIRST_PERSON.search(text))
    if eligibility and states_profile_facts and NEED.search(text) and RECOMMEND.search(text.split("补贴")[0]):
        return "recommend_pack"  # a full description plus "which subsidies": the pack carries the verdicts
    if (
        eligibility
        and states_profile_facts
        and re.search(r"(想|希望|打算|want|would like).{0,20}(ai|人工智能|预测|识别|管理|solution)", text, _I)
    ):
        return "recommend_pack"
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
    if RECOMMEND.search(text) or states_profile_facts:
        return "recommend_pack"
    # In-domain but unanswered ("美国的AI税收抵免？") gets the honest "no evidence" answer, not a refusal.
    return "policy_question" if has_evidence or BUSINESS.search(text) else "out_of_scope"
