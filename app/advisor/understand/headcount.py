"""How many people a firm employs, in the ways owners say it.

A count with a role or a measure word ("80个工人", "員工共八位", "教练40个", "45 staff", "a 40-worker plant"),
the whole firm's count before a team's, and a workforce said without a figure: "夫妻店", "就我一个人干",
"just me and my wife", "a one-man business", "six of us". Reads normalised text (traditional characters and
full-width digits already folded).
"""

from __future__ import annotations

import re

from app.advisor.understand.numbers import NUMBER, parse_number
from app.advisor.understand.numeral_ranges import APPROXIMATE_SUFFIX, approximate_range, pair_lower

_FLAGS = re.IGNORECASE

# People a firm employs, by role: the listed words, and, counted with a measure word ("5个发型师", "150个保洁员",
# "50名业务员"), any word ending in a person suffix, so a trade nobody listed still counts as staff. 老师 is a teacher,
# not the 老师傅 of "维修全靠两个老师傅": the firm's few experts, whose clause was cut out of the need as a headcount.
_LISTED_ROLES = (
    r"工人|员工|职工|老师(?!傅)|教师|司机|医生|护士|护工|厨师|服务员|会计|律师|工程师|程序员|店员|技术员|师傅|快递员|骑手|"
    r"伙计|伙记|夥计|阿姨|小哥|经纪人|顾问|保安|保洁|客服|主播|剪辑|姑娘|网管|主管|店长|"
    # people named by the job they do, without a person suffix: "18个绣娘", "导购30个", "十几个管家", "同事二十几个",
    # a clinic's "15个医护" (doctors and nurses together)
    r"导购|管家|同事|帮工|学徒|绣娘|织娘|厨娘|农工|采茶工|医护"
)
# A trade named before its count ("教练40个", "私教10个", "保安员300多人"): a word ending in a person suffix,
# but not the firm's customers or members (学员, 会员, 社员); 练 only of a coach (教练, 陪练): "训练一个垂直模型" trains
# a model and counts nobody (it read as a one-person firm, which ruled out the fine-tuning service by size).
_TRADE_FIRST = (
    r"(?<![学会社成队])[\u4e00-\u9fff]{0,2}(?:师|员|(?<=[教陪])练|教|(?<![加施开做打手用分])工)(?!资|傅)"
)
_TRADE = r"[\u4e00-\u9fff]{1,3}?(?:师|员|工|(?<=教)练)(?!厂|资|作|程|具|业|艺|位|期|队|组|段|序|傅)"
# A role naming a thing made for it is no person: "微调一个客服模型", "做一个销售助手", "一个客服机器人" (review8 r8-A2).
_THING = r"模型|大模型|机器人|系统|软件|工具|助手|平台|小程序|知识库|智能体|agent|bot|app"
# The whole workforce said without a figure: "就我们仨" (couples and one person below).
_EN_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_EN_COUNT = r"\b(?:" + "|".join(_EN_NUMBERS) + r")"  # "a six-person studio"
_FEW_PEOPLE = re.compile(r"(?:我们|咱们|我|咱)仨")
EMPLOYEE_PATTERNS = [
    # The whole firm's headcount wins over a team's ("销售团队8个人，全厂100人").
    re.compile(
        rf"(?:全厂|全公司|公司总共|全员|总共|一共|合计|总计|整个公司)(?:有|是|约|大概|大约)?\s*({NUMBER})\s*(?:多|来|余)?\s*(?:个|号|名|位)?\s*(?:人|员工|工人)",
        _FLAGS,
    ),
    re.compile(
        rf"({NUMBER})\s*(?:多|来|余|几)?\s*(?:个|号)?\s*(?:{_LISTED_ROLES}|销售|人|名|位)(?!民币|次|份|天|小时|{_THING})",
        _FLAGS,
    ),
    # A trade nobody listed, counted with its measure word: "5个发型师", "150个保洁员", "50名业务员".
    re.compile(rf"(\d[\d,]*|{NUMBER}(?<!点))\s*(?:多|来|余)?\s*(?:个|名|位)\s*{_TRADE}", _FLAGS),
    # "a 40-worker plant", "a 35-teacher school", "a 12-nurse agency": the count joined to the people it counts
    re.compile(
        rf"(\d[\d,]*|{_EN_COUNT})[- ](?:person|people|staff|employee|worker|strong|member|teacher|tutor|driver|"
        r"doctor|nurse|engineer|chef|cook|lawyer|developer|carer|courier|technician|mechanic|designer|stylist|"
        r"therapist|agent|consultant|accountant|instructor|trainer|coach|cleaner)\b",
        _FLAGS,
    ),
    # "司机50个", "老师二十位": the role first, then the count with its measure word.
    # Listed roles only: "机加工3个月" is no headcount.
    re.compile(
        rf"(?:{_LISTED_ROLES})(?:有|共|一共|大概)?\s*({NUMBER})\s*(?:多|来|余|几)?\s*(?:个|名|位|人)(?!月|小时)",
        _FLAGS,
    ),
    re.compile(rf"{_TRADE_FIRST}\s*({NUMBER})\s*(?:多|来|余)?\s*(?:个|名|位|人)(?!月|小时|天|次)", _FLAGS),
    re.compile(
        # "人数是120" (a correction), Cantonese "員工加埋係45個" (all together, 係 = is)
        rf"(?:员工|工人|职工|雇员|人员|团队|员工数|(?<![客户访学游会])人数)(?:其实|实际|现在)?(?:加埋|加起来|加上)?"
        # "员工不是50，是150": the figure denied, then the one said
        rf"(?:(?:不是|并非){NUMBER}\s*(?:个|人|名)?\s*[，,、]?\s*而?(?=是))?"
        rf"(?:是|系|有|约|大概|共|总共|一共|数|更正为|改为|应为|应该是)?\s*({NUMBER})",
        _FLAGS,
    ),
    re.compile(
        r"(\d[\d,]*)\s*(?:(?:full|part)[- ]time\s+|(?:office|admin|sales|support|warehouse|kitchen|shop|store|field|"
        r"delivery|factory|back[- ]office|front[- ]desk)\s+)?(?:employees|staff|people|workers|persons|headcount|teachers|tutors|"
        r"drivers|doctors|nurses|engineers|chefs|cooks|waiters|accountants|lawyers|developers|programmers|staffers|"
        r"carers|caregivers|couriers|technicians|mechanics|designers|architects|instructors|trainers|coaches|"
        r"cleaners|stylists|therapists|agents|salespeople|operators|consultants|crew)\b",
        _FLAGS,
    ),
    re.compile(
        r"(?:team|staff|workforce|headcount) (?:of |is |are )?(?:actually |now |really |just |only )?"
        r"(?:about |around |roughly |approximately )?(\d[\d,]*)",
        _FLAGS,
    ),
]

# "six of us", "there are 5 of us": the speaker counts everyone, themselves included.
_OF_US = re.compile(rf"\b(\d+|{'|'.join(_EN_NUMBERS)}) of us\b", _FLAGS)
_ONE_PERSON = re.compile(
    r"就?(?:我|本人)(?:自己)?一个人(?:干|做|开|弄|打理|经营|撑着)?|一人(?:店|公司|工作室)|"
    r"\b(?:one[- ](?:man|woman|person)|solo|sole (?:trader|proprietor)|by myself|on my own)\b|\bjust me\b(?! and)",
    _FLAGS,
)
_DENIED = re.compile(r"(?:不是|并非|不算|不属于|非)\s*$|\bnot (?:a |an )?$", _FLAGS)
_COUPLE = re.compile(
    r"夫妻(?:店|档|俩|两个|二人)|两口子|(?:我们|咱们|我|咱)俩|"
    # "我自己和太太经营", "我同老公一齐打理": the owner and their spouse run it
    r"(?:我|本人)(?:自己)?(?:和|跟|同|与)(?:太太|老婆|妻子|爱人|老公|丈夫|先生|老婆仔)(?:一起|一齐)?(?:经营|打理|做|开|干|搞|看)|"
    r"\b(?:(?:just )?me and my (?:wife|husband|partner)|my (?:wife|husband|partner) and i|"
    r"(?:husband|wife)[- ]and[- ](?:wife|husband)|married couple)\b",
    _FLAGS,
)


# A count said on its own, as the answer to "how many are you": "五十来个吧，做包装的", "二十几号人吧". Only a whole
# clause: "五十来个小区" counts something else.
_BARE_COUNT = re.compile(
    rf"(?:^|[，,。；;])\s*(?:大概|差不多|大约|约|就)?\s*({NUMBER})\s*(?:多|来|余|几)?\s*(?:个|号|位)\s*(?:人)?\s*"
    r"(?:吧|左右|上下|的样子|这样)?\s*(?=[，,。；;]|$)",
    _FLAGS,
)


# Counts by job joined as one list add up: "25 drivers plus 5 office staff", "25个司机，另外还有5个文员", "3个老师和2个
# 助教" (review17). A subset ("其中销售5人") or the whole firm's count beside a team's is no second part.
_PLUS = re.compile(
    r"\s*[,，、]?\s*(?:plus|and|as well as|along with|\+|加上?|外加|再加上?|另外(?:还有)?|还有|和|跟|以及|及)\s*"
    r"(?:另外)?(?:还有)?\s*",
    _FLAGS,
)


def _count_of(match: re.Match[str]) -> float | None:
    return _EN_NUMBERS.get(match.group(1).lower()) or parse_number(match.group(1))


def _job_counts_added(figures: str, stated: re.Match[str]) -> float | None:
    """The stated count with the job counts listed right after it by "plus"/"和"/"另外还有" (none: the count alone)."""
    if EMPLOYEE_PATTERNS[0].search(figures):
        return _count_of(stated)  # the whole firm's count is said: a team's never adds to it
    parts = sorted(
        {
            (m.start(), m.end()): m
            for pattern in EMPLOYEE_PATTERNS[1:]
            for m in pattern.finditer(figures)
            if _counts_the_firm(figures, m)
        }.values(),
        key=lambda m: m.start(),
    )
    total, end = _count_of(stated), stated.end()
    for part in parts:
        if part.start() < end:
            continue
        if (
            not _PLUS.fullmatch(figures, end, part.start())
            or (value := _count_of(part)) is None
            or total is None
        ):
            break
        total, end = total + value, part.end()
    return total


def find_employees(text: str, figures: str) -> int | None:
    """The firm's headcount: a stated count first, else a workforce said without a figure.

    `figures` is `text` with spoken magnitudes written out ("上百人"), positions unchanged."""
    stated = _stated_count(figures)
    employees = _job_counts_added(figures, stated) if stated else None
    if employees is not None:
        pass
    elif bare := _BARE_COUNT.search(figures):
        employees = parse_number(bare.group(1))
    elif match := _OF_US.search(text):
        word = match.group(1).lower()
        employees = _EN_NUMBERS.get(word) or parse_number(word)
    elif _FEW_PEOPLE.search(text):
        employees = 3
    elif _COUPLE.search(text):
        employees = 2
    elif (one := _ONE_PERSON.search(text)) and not _DENIED.search(
        text[max(0, one.start() - 8) : one.start()]
    ):
        employees = 1  # ...but "不是一人公司" says what the firm is not (a legal form), no headcount
    if employees is None or employees >= 1_000_000:  # "服务10万人" is customers, not staff
        return None
    return int(employees)


# "一人公司", "一人有限责任公司": a legal form (read in legal_form.py), not a count; _ONE_PERSON reads it as one.
_FORM_AFTER = re.compile(r"(?:有限)?(?:责任)?公司")


# A count of people who came or went is a change, not the headcount: "去年招了一百个人", "裁了50个人", "新招的有100人",
# "we hired 100 people", "laid off 30 workers"; and a count denied is the one corrected: "不是18个人，是180个人".
_CHANGE_BEFORE = re.compile(
    # not 请了/雇了: "請了4個員工" is how a shop says whom it employs
    r"(?:招|聘|新增|增加|增了|多了|扩了|走了|离职|辞职|辞了|退休|裁|减了|少了|流失|跳槽|"
    r"\b(?:hired|hiring|recruited|recruiting|added|lost|laid off|let go|fired|cut)\b)[^，,。；;\d]{0,4}$",
    _FLAGS,
)
_DENIED_BEFORE = re.compile(r"(?:不是|并非|而不是|\bnot|\brather than)\s*$", _FLAGS)


def _counts_the_firm(figures: str, match: re.Match[str]) -> bool:
    """The count is the firm's headcount: not a legal form ("一人公司"), not people hired or gone, not denied."""
    if match.group(0).endswith("一人") and _FORM_AFTER.match(figures, match.end()):
        return False
    before = figures[max(0, match.start() - 12) : match.start()]
    return not (_CHANGE_BEFORE.search(before) or _DENIED_BEFORE.search(before))


def _stated_count(figures: str) -> re.Match[str] | None:
    """The first count the patterns read as the firm's, in their order (the whole firm's before a team's)."""
    return next(
        (
            m
            for pattern in EMPLOYEE_PATTERNS
            for m in pattern.finditer(figures)
            if _counts_the_firm(figures, m)
        ),
        None,
    )


# The lower end written before the count: "八到十二个人", "8-12 people", "30 to 50 staff".
_RANGE_BEFORE = re.compile(rf"({NUMBER})\s*(?:到|至|-|–|~|～|\bto\b)\s*$", _FLAGS)


def employee_range(figures: str) -> tuple[int, int] | None:
    """Both ends of a headcount the owner gives as a range: "八到十二个人", "30-50 people", "二三十人", "五十来个",
    "十几个人". None for a single count, and for one said with 左右/大概/about (an approximation keeps its number).

    `figures` is the normalised text with spoken magnitudes written out, as find_employees reads it."""
    stated = _stated_count(figures) or _BARE_COUNT.search(figures)
    if stated is None or stated.group(1).lower() in _EN_NUMBERS:
        return None
    high = parse_number(stated.group(1))
    if high is None:
        return None
    low: float | None = None
    if written := _RANGE_BEFORE.search(figures[max(0, stated.start(1) - 12) : stated.start(1)]):
        low = parse_number(written.group(1))
    elif lower := pair_lower(stated.group(1)):
        low = parse_number(lower)
    elif suffix := APPROXIMATE_SUFFIX.match(figures, stated.end(1)):
        ends = approximate_range(high, suffix.group(1))
        low, high = ends if ends else (None, high)
    if low is None or not 0 < low < high:
        return None
    return int(low), int(high)
