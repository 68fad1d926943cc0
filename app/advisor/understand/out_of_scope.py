"""What the advisor does not answer: questions off its topic, asked alone or on the side of a business message.

Weather, poems, share tips, visas, medicine, family matters and exchange rates are refused with a short
answer and no subsidy list (issue #12); a request to fake an application is refused whatever else it says.
`refused_by_rule` says a message is refused for what it asks, not merely for want of business words (so a
follow-up without business words, "说错了，合同是一年50万", still continues the conversation).
"""

from __future__ import annotations

import re

from app.text.clauses import clauses
from app.text.funding_words import FUNDING_NOUN
from app.text.normalize import normalize

_I = re.IGNORECASE
# Their needs were read off the nearest examples (a lottery question got a customer-service pack, a fuel-price aside
# the fleet monitor) because no rule named the topic: the families below name it in all three scripts (issue #12).
_GAMBLING = (
    r"六合彩|双色球|大乐透|七乐彩|福彩|体彩|刮刮乐|彩票|赌博|赌钱|赌马|赌球|赌场|博彩|百家乐|老虎机|买马|下注|押注|"
    r"选号|(?:买|揀|拣|选|挑)(?:咩|乜|什么|哪个|边个|哪些|边啲|几个)?号码|号码[^,.;!?，。；！？]{0,8}(?:中奖|会中|机会中)|"
    r"\b(?:gambl\w*|casinos?|betting|bookmakers?|mark six|lotto|lotter(?:y|ies)|jackpot|slot machines?|"
    r"horse rac\w*|which horse|bet on (?:a |the )?(?:horse|team|match|game|race))\b"
)
_FUEL_PRICE = (
    r"(?:油价|汽油|柴油|(?:92|95|98|0)号油)[^,.;!?，。；！？]{0,12}(?:吗|呢|还是|多少|几多|会不会|走势|几时|什么时候|调价)|"
    r"油价(?:今天|明天|最近|下周|下个月)|"
    r"\b(?:petrol|gas|gasoline|diesel|fuel|oil) prices?\b[^.?!]{0,30}\b(?:going|go up|go down|rise|rising|fall|"
    r"falling|next (?:week|month)|today|tomorrow)\b|\b(?:is|are|will)\b[^.?!]{0,12}\b(?:petrol|gas|gasoline|diesel|fuel|"
    r"oil) prices?\b"
)
# Naming a pet or a baby ("刚养了只柯基，帮忙起个名字", "names for my new kitten"); a brand or product name is the
# firm's (and, asked of AI, its need).
_PET = r"(?:狗|猫|宠物|柯基|泰迪|金毛|柴犬|哈士奇|布偶|英短|兔子|仓鼠|鹦鹉|宝宝|bb仔|bb女)"
_PET_NAME = (
    rf"{_PET}[^。！？!?]{{0,16}}(?:起|取|改|谂)[^。！？!?]{{0,6}}名|(?:起|取|改)[^。！？!?]{{0,6}}名[^。！？!?]{{0,6}}{_PET}|"
    r"\bnames? for (?:my|our|a|the) (?:new )?(?:dog|cat|puppy|kitten|pet|baby|hamster|parrot)\b|"
    r"\bname (?:my|our) (?:new )?(?:dog|cat|puppy|kitten|pet|baby)\b"
)
OFF_TOPIC = re.compile(
    r"天气|下雨|气温|带伞|写.{0,8}诗|诗歌|菜谱|怎么做才好吃|红烧|食谱|"
    r"股票|股价|大涨|炒股|买进|比分|足球|篮球|世界杯|英超|"
    r"明星|绯闻|八卦|旅游攻略|自由行|行程安排|发烧|咳嗽|头疼|头痛|症状|"
    r"笑话|星座|电影|电视剧|综艺|小说|歌曲|唱歌|游戏攻略|静夜思|李白|杜甫|"
    # English words whole ("to train a sorting model" holds "rain", "Songjiang" holds "song").
    r"\b(?:weather|rain|poems?|haiku|recipes?|stock tips?|stock price|nba|football|soccer|world cup|celebrit(?:y|ies)|"
    r"gossip|itinerary|sightseeing|headaches?|fever|symptoms?|jokes?|horoscopes?|movies?|films?|novels?|"
    r"songs?)\b|"
    # Games of chance, and the price at the pump: the owner's luck and purse, asked about alone ("今期六合彩买咩号码",
    # "油价是涨了还是跌了"). Weak words: a lottery outlet or a haulier naming them beside its need is a business.
    rf"{_GAMBLING}|{_FUEL_PRICE}|{_PET_NAME}",
    _I,
)
_TRIP = (
    r"(?:出差|旅游|旅行|度假|参展|看展|自由行|团建)|"
    r"\b(?:business trip|(?:my|our) trip|trip to|vacation|holiday|trade (?:fair|show)|canton fair)\b"
)
_LODGING = r"(?:酒店|宾馆|民宿|机票|车票|高铁票|门票|船票|航班)"
# An errand is asked for: how or where to book or buy, which one, what it costs.
_ERRAND = (
    rf"(?:怎么|哪里|在哪|哪家|哪个|如何)(?:订|预订|预定|买|抢)[^，,。！？!?]{{0,4}}{_LODGING}|"
    rf"{_LODGING}[^，,。！？!?]{{0,8}}(?:怎么订|怎么买|哪里订|哪里买|便宜|性价比|多少钱|贵不贵)|"
    rf"(?:哪家|哪个|推荐)[^，,。！？!?]{{0,6}}{_LODGING}|"
    r"\b(?:book|booking|cheap(?:est)?|fares?|reserve)\b[^.?!]{0,30}\b(?:hotels?|flights?|airlines?|tickets?)\b|"
    r"\b(?:hotels?|flights?|airlines?|tickets?)\b[^.?!]{0,30}\b(?:cheap(?:est)?|book|booking)\b"
)
# A business speaking of its guests, customers or systems is no traveller ("旅行社想用AI帮客人订酒店").
_BUSINESS_SIDE = (
    r"(?<![a-z])ai(?![a-z])|人工智能|系统|软件|工具|客人|顾客|客户|游客|住客|参展商|订单|生意|我们是|"
    r"我们(?:的)?(?:酒店|民宿|旅行社|公司|店|景区)|"
    r"\b(?:system|software|guests?|customers?|clients?|our (?:hotel|agency|company|shop|travel))\b"
)
OWN_TRIP_ERRAND = rf"^(?!.*(?:{_BUSINESS_SIDE})).*?(?:(?:{_TRIP})[^。！？!?]{{0,24}}(?:{_ERRAND})|(?:{_ERRAND})[^。！？!?]{{0,24}}(?:{_TRIP}))"
# An errand asked of the advisor itself ("你能帮我注册个香港公司吗", "帮我订张去北京的机票", "can you help me open a bank
# account in Hong Kong?"): it advises on AI and funding and does no errands. Asked to apply for a program or set up an
# AI tool, the clause's own words (券, 补贴, AI, 系统…) keep it in scope; "想用AI帮我们订位" asks nothing of the advisor.
_IN_SCOPE_OBJECT = (
    rf"(?![^,.;!?，。；！？]*(?:{FUNDING_NOUN}|(?<![a-z])ai(?![a-z])|人工智能|智能|数字化|系统|软件|方案|工具|模型|算力|"
    r"政策|项目|\b(?:software|system|tool|chatbot|bot|model|compute|program|programme|policy)\b))"
)
_ERRAND_FOR_ME = (
    r"(?:^|[,.;!?，。；！？\s]|问一?下|问问)(?:你|您)?(?:能|可以|能不能|可不可以|可否|会不会|可唔可以|识唔识)?"
    r"(?:帮|幫|替|代)(?:我|我们|我哋|手|忙)(?:去|直接)?"
    rf"{_IN_SCOPE_OBJECT}(?:注册|开户|开(?:个|一个|间)?(?:银行)?(?:账户|户口|公司)|订|预订|预定|办理?|买|寄|挂号|报名)|"
    r"\b(?:can|could|would|will) you (?:please )?(?:help (?:me|us) (?:to )?)?"
    rf"{_IN_SCOPE_OBJECT}(?:register|incorporate|open|book|file|renew|buy)\b"
)
_MEDICINE = r"(?:布洛芬|对乙酰氨基酚|扑热息痛|阿莫西林|头孢|感冒药|退烧药|降压药|止痛药)"
# Off-topic even in a business chat: share tips, visas, medical questions, family law.
OUT_OF_SCOPE_STRONG = re.compile(
    r"股票|概念股|炒股|个股|股价|买.{0,4}基金|基金.{0,4}买|比特币|加密货币|虚拟币|签证|护照|离婚|抚养权|吃什么药|"
    r"发烧|头疼|头痛|牙疼|牙痛|拔牙|颈椎|胸痛|咳嗽|"
    r"\b(?:stocks?|shares)\b.{0,30}\b(buy|sell|invest)|\b(buy|sell|invest in)\b.{0,20}\b(?:stocks?|shares)\b|crypto|"
    r"bitcoin|\bvisa\b|passport|"
    r"chest pain|headache|toothache|\bfever\b|cover letter|divorce|\brecipe\b|"
    r"黄金|金价|银价|理财产品|债券|房贷|高考|志愿填报|\b(gold|bonds|my savings|mortgage)\b|"
    r"医保飞检|飞行检查|医保(?:稽查|检查)|落户|移民|留学|驾照|劳动仲裁|"
    # The owner's own residence, home and pension ("permanent residency", "点样申请公屋", "香港买楼首期", "劳保退休金
    # 怎么领"): applying for them is no application for a program.
    r"\b(?:permanent residen\w*|green card|citizenship|emigrat\w*|immigrat\w*|residence permit)\b|"
    r"公屋|居屋|买楼|买房|楼价|退休金|养老金|劳保|"  # not 房价 ("酒店想做动态房价"), 首期 (a contract's), 按揭 (设备按揭)
    # Shares and dividends of one's own savings ("边只高息股值得买", "孖展借钱炒港股", "dividend stocks worth holding").
    r"(?:高息|收息|蓝筹|概念|龙头|科技|内房|内银)股(?![份东权])|(?:哪|边)(?:只|支|个)[^,.;!?，。；！？]{0,4}股(?![东份权])|"
    r"港股(?!上市)|美股(?!上市)|孖展|打新|\b(?:dividend|blue[- ]chip)s?\b[^.?!]{0,20}\b(?:stocks?|shares)\b|"
    r"消防证|消防验收|(?:办|申请|要办).{0,6}(?:执照|许可证)|房东|退租|作文|情书|"
    r"注销[^,.;!?，。；！？]{0,12}(?:流程|手续)|怎么注销|注销公司|\bderegist(?:er|ering|ration)\b|"
    r"(?:帮我|帮忙|替我|给我)翻译|(?:帮我|替我)写(?:一份|一篇|个)?(?:年终总结|简历|演讲稿|检讨|周报)|"
    r"\btranslate (?:this|my|a)\b|"  # a regulator's inspection is compliance advice, not AI or funding
    # The owner's own health, by what is wrong and what they ask a doctor for ("胃疼得厉害，该挂哪个科",
    # "腰椎间盘突出，推荐个治疗方法"): a body part or complaint, or the visit and the cure.
    r"(?:胃|肚子?|腰|背|腿|膝盖|膝头|嗓子|喉咙|心口|肩膀?|颈|脚|手)(?:好|很|有点|有啲|一直|成日|老是|经常|又)?"
    r"(?:疼|痛|不舒服|唔舒服)|失眠|腰椎|椎间盘|高血压|血糖|"
    # Finding a doctor or dentist for oneself, and claiming one's own medical costs ("搵个好啲嘅牙医", "医保卡在外地
    # 看病能不能报销"): a clinic's business is its patients' bookings, not where the owner gets treated.
    r"(?:找|揾|搵|介绍|推荐)(?:(?!ai|系统|软件|工具)[^,.;!?，。；！？]){0,6}(?:牙医|医生|大夫|中医|跌打)|医保卡|(?:看病|住院|门诊)[^,.;!?，。；！？]{0,6}报销|"
    r"\b(?:find|recommend)\b[^.?!]{0,12}\b(?:dentist|doctor|physio)\b|"
    r"挂(?:哪个|什么|消化|内|外|骨|皮肤)?科|(?:看|找)(?:哪个|什么)?(?:医生|大夫)|治疗(?:方法|方案)|偏方|"
    r"\b(?:my|our) (?:back|stomach|knee|neck|shoulder) (?:hurts|aches|is killing)|\bsee a doctor\b|insomnia|"
    # Family and love life ("改善夫妻关系", "my girlfriend wants to break up").
    r"夫妻关系|婆媳|恋爱|分手|相亲|老公(?:总|老|成日|说|嫌)|老婆(?:总|老|成日|说|嫌)|"
    r"\b(?:girlfriend|boyfriend|my (?:wife|husband)|break(?:ing)? up|marriage|dating)\b|"
    # Exchange rates ("美元兑人民币汇率多少", "港幣兌人民幣現在是多少", "日元最近跌了吗", "is the yuan getting
    # weaker?"): we hold none and advise on none. A currency with what it is worth or where it goes.
    r"汇率(?:现在|今天|最近)?(?:是多少|多少|怎么样|会不会|走势)|今天(?:的)?汇率|"
    r"(?:美元|美金|港币|欧元|日元|英镑|澳元|新币|台币|韩元|人民币)(?:现在|今天|最近|明年|还)?(?:会不会|会|能|是)?"
    r"(?:兑|换多少|涨|跌|升值|贬值|走势)|\b(?:exchange rate|forex)\b|"
    r"\b(?:usd|hkd|eur|jpy|cny|rmb|yuan|dollar|euro|yen)\b[^.?!]{0,24}\b(?:rate|weaker|stronger|apprecia\w*|deprecia\w*)\b|"
    # A child's homework ("帮我儿子看道数学题", "a history essay due tomorrow").
    r"数学题|作业题|应用题|方程|\bhomework\b|\bessay\b|"
    # The owner's own career ("我想辞职自己干", "我應唔應該轉工", "should I quit my job"): staff leaving is a
    # business matter, so only the first person's own job counts.
    r"(?:我|本人)(?:自己)?(?:想|要|应该|该|应不应该|应唔应该|要不要|打算|准备)?(?:不要)?(?:辞职|辞工|跳槽|转行|转工|换工作|换份工)|"
    r"\b(?:should|can|do) i (?:quit|resign|leave my job|change careers?)\b|\bquit my job\b|\bchange careers?\b|"
    # How to cook a dish ("汤底怎么熬才香", "牛肉面怎么做才劲道"): a recipe, not the kitchen's planning.
    r"(?:怎么|怎样|如何|点样)(?:做|煮|炒|蒸|炖|熬|烤|腌|卤)(?:才|得)?(?:好吃|劲道|入味|香|嫩|脆|软)|"
    r"(?:怎么|怎样|如何)(?:熬|炖|蒸|腌|卤)|\bhow (?:do|to|can) (?:i|you) (?:cook|bake|make) (?:a |the )?(?:perfect |good )?"
    r"(?:noodles|soup|dumplings|rice|cake|steak)\b|"
    # A present or a phone for oneself or the family ("老婆生日送什么", "iPhone和华为手机哪个好").
    r"(?:老婆|老公|太太|女朋友|男朋友|妈妈|爸爸|父母|爸妈|孩子|儿子|女儿)[^,.;!?，。；！？]{0,8}(?:送|礼物)|"
    r"手机(?:哪个|哪款|哪部|边部)(?:好|值得)|\b(?:birthday|anniversary) (?:gift|present)\b|"
    # Words for an occasion, to be spoken by the asker or a host ("年会的主持词", "周年庆的串词", "员工旅行的开场致辞",
    # "a toast for my brother's wedding"): writing them is no AI tool for the business. A firm that writes them
    # for clients and wants AI for it says so in another clause ("婚庆公司…主持稿都要现写，想用AI出初稿").
    r"主持词|主持稿|串词|串场词|(?:开场|欢迎|新年|年会|婚礼|寿宴)?致辞|祝酒词|敬酒词|贺词|悼词|婚礼上?[^,.;!?，。；！？]{0,8}(?:讲话|发言)|"
    r"\b(?:toast|eulogy|best man|maid of honou?r|wedding vows)\b|"
    r"\b(?:write|draft)\b[^.?!]{0,40}\bspeech\b|\b(?:retirement|birthday|farewell) (?:party|dinner)\b|"
    # Crossing a border oneself ("深圳湾定福田边个口岸排队少", "落马洲过关要排几耐", "which border crossing has the
    # shortest queue"): a trip. A broker's or a carrier's queues are a need said with what they want done.
    r"口岸[^,.;!?，。；！？]{0,10}(?:排队|人多|多人|塞车|几点|关门|开门|过关|要多久|几耐)|"
    r"(?:过关|通关)[^,.;!?，。；！？]{0,6}(?:排队|要排|人多|多人|多久|几耐|快)|\bborder crossings?\b|"
    # A share named without the word 股 ("宁德时代能不能加仓", "台积电现在适合进场吗", "茅台还能不能买"): trading words.
    r"加仓|减仓|补仓|抄底|割肉|止盈|满仓|建仓|(?:适合|可以|能不能|能否|可唔可以|要不要)(?:进场|入场|上车|买入|入货)|"
    r"还能不能买[吗呢?？]?$|"
    # A medicine for oneself ("吃布洛芬还是对乙酰氨基酚", "ibuprofen with coffee").
    # Taken, not made or sold: "我们厂生产感冒药" describes a business.
    rf"{_MEDICINE}[^,.;!?，。；！？]{{0,12}}(?:吃|服|喝|好|吗|呢)|(?:吃|服|喝)[^,.;!?，。；！？]{{0,6}}{_MEDICINE}|"
    r"血压(?:高|偏高|低|偏低|一直|有点)|"
    r"\b(?:take|taking|took)\b[^.?!]{0,20}\b(?:ibuprofen|paracetamol|acetaminophen|aspirin|tylenol|advil|antibiotics?)\b|"
    r"\b(?:ibuprofen|paracetamol|acetaminophen|aspirin|tylenol|advil|antibiotics?)\b[^.?!]{0,30}\b(?:with|safe|dose)\b|"
    # A ticket for one's own trip ("春运高铁票抢不到", "鼓浪屿的船票怎么买"); not a ticket agent's trade.
    r"抢票|(?:高铁|火车|动车|船)票(?:怎么|哪里|在哪|老|总|抢)|机票(?:怎么|哪里|哪个|什么时候|便宜)|"
    # The asker's own trip and an errand for it ("我下个月去曼谷出差，酒店怎么订便宜", "去广交会参展，机票哪里订",
    # "a cheap hotel for my business trip"): what is asked for is a booking, whatever trade its words name (a
    # hotel is a trade, 参展 a business reason). A hotel or travel agency's own need names its guests or customers.
    rf"{OWN_TRIP_ERRAND}|{_ERRAND_FOR_ME}",
    _I,
)
# An aside inside a business message ("另外顺便问下，签证怎么办？", "Also, which crypto should I buy?"): a
# clause that asks something, or is introduced as a by-the-way, about an out-of-scope topic.
_ASIDE_ASKS = re.compile(
    r"另外|顺便|还有|对了|再问|[?？]|吗|呢|怎么|如何|哪|什么|要注意|"
    r"点样|点算|几多|几耐|边|咩|乜|有冇|(\w)唔\1|"  # Cantonese, as normalize reads it ("点样申请公屋", "入唔入得")
    r"\b(also|by the way|btw|unrelated|which|what|how|should i|can you|could you|any tips?)\b|"
    # An English yes/no question, its "?" cut off by the clause break: "Is it going to rain in Suzhou this weekend".
    r"^\s*(?:is|are|will|would|do|does|did|can|should)\b",
    _I,
)

# The asker's own private sphere: family, home, pets ("我家狗这两天不爱吃东西", "屋企部冷氣機漏水", "How do I get my
# toddler to sleep", "my home wifi"). Not a ruling on its own: it lets the private-life vote of the nearest examples
# speak before a word the need and trade readers take for the firm's (医院 read as a hospital's need, understand/scope.py).
# "我家公司/我家店" and "our family business" are the firm.
PRIVATE_LIFE = re.compile(
    r"我家(?!是|开|做|经营|公司|店|厂|企业|工厂|门店|餐厅|饭店|酒店|民宿|作坊|农场|果园|养殖场|超市|铺|生意)|家里(?!开|做|经营|的生意|的店|的厂)|"
    r"家人|屋企|老婆|老公|太太|孩子|小孩|儿子|女儿|仔女|宝宝|爸妈|父母|我妈|我爸|阿妈|阿爸|老人家|宠物|狗狗|猫咪|"
    r"男朋友|女朋友|\bmy (?:wife|husband|kids?|son|daughter|toddler|baby|dog|cat|puppy|mom|mum|dad|parents|family|home|"
    r"house|apartment|flat|girlfriend|boyfriend)\b|\btoddler\b|\bat home\b",
    _I,
)


def speaks_of_private_life(text: str) -> bool:
    """The message speaks of the asker's family, home or pets (whatever it asks about them)."""
    return bool(PRIVATE_LIFE.search(normalize(text)))


FRAUD = re.compile(r"伪造|造假|假发票|假合同|虚开|骗补|套取补贴|fake (invoice|contract)|forge|falsif", _I)


def refused_by_rule(text: str) -> bool:
    """Out of scope by what it asks (off-topic, share tips, visas, fraud), not merely for want of business words."""
    norm = normalize(text)
    return bool(OFF_TOPIC.search(norm) or OUT_OF_SCOPE_STRONG.search(norm) or FRAUD.search(norm))


# What a clause about the business says, whatever off-topic word it holds: "能根据天气预测备货吗" wants a forecast,
# "weather data for our sales forecast" too. A clause asking about the weather, a film or a song with none of these
# is an aside.
_ABOUT_THE_BUSINESS = re.compile(
    r"(?<![a-z])ai(?![a-z])|人工智能|补贴|补助|资助|券|预测|预报|分析|数据|根据|按照|系统|方案|工具|软件|客人|顾客|客户|"
    r"销量|备货|订单|生意|门店|店里|厂里|员工|"
    r"\b(?:subsid\w*|grants?|vouchers?|forecast\w*|predict\w*|data|sales|customers?|orders?|stock|demand|staff|shop|"
    r"store|business)\b",
    _I,
)


def out_of_scope_aside(text: str) -> str | None:
    """The out-of-scope topic a business message asks about on the side ("签证", "crypto", "the weather"), or None.

    Only a clause that asks or says "by the way" counts: "我们是做签证代办的旅行社" names a business. A weaker topic
    (the weather, a film: OFF_TOPIC) counts only in a clause that says nothing of the business: "What's the weather
    in Hangzhou tomorrow? Also, are there subsidies for a tea shop…" was answered with the weather silently dropped
    (review16 r16-50), while "能根据天气预测备货吗" is the need itself.
    """
    norm = normalize(text)
    for clause in clauses(norm):
        found = OUT_OF_SCOPE_STRONG.search(clause) or (
            None if _ABOUT_THE_BUSINESS.search(clause) else OFF_TOPIC.search(clause)
        )
        if found and _ASIDE_ASKS.search(clause):
            topic, asked = found.group(0), clause.strip()
            # A word names the topic ("签证"); a longer match reads better as the question itself.
            return (
                topic if len(topic) <= 12 else (asked if len(asked) <= 40 else asked[:40].rsplit(" ", 1)[0])
            )
    return None
