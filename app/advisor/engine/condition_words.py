"""A program's own condition judged from the client's words (advice_rules.md §3): met, unmet or still open.

A catalogue condition ("算力用量须经安徽省级智能算力统筹调度平台记录", "须为首次导入数位服务的店家") is judged by what
it is about, with recognisers derived from its own text rather than one phrase per case:

- where the spend is made (a platform, a centre, a cluster, an exchange): the client's clause covers most of
  the condition's own wording of that place (character bigrams in Chinese, words in English; "省里"/"local"
  stand for the program's own place), affirmatively and not as a question;
- a filed (备案) model or a third party's model: what the client says about its model (model_conditions.py);
- first-time adoption ("首次"): the client says they already use such a service (unmet) or never have (met);
- a stated amount threshold ("入表金额大于100万元"): the client's figure for the same thing decides;
- a loan ("须用银行的设备更新项目固定资产贷款"): the client takes one for that purpose (met) or rules it out (unmet);
  a loan of another kind than the condition names (a 创业担保贷款 for the equipment-renewal loan) is unmet.

The client's words are read clause by clause (client_clauses.py): a question settles nothing, a negation turns met
into unmet.

The bundled e5 was measured for this and rejected: a question about the platform ("安徽有没有算力调度平台", 0.957)
and an amount below the threshold ("入表金额80万", 0.960) score above a client who met the condition (0.941).
"""

from __future__ import annotations

import re

from app.advisor.engine.client_clauses import OPEN, QUESTION, Judged, affirmed, clauses
from app.advisor.engine.conditions import Reason, Status
from app.advisor.engine.model_conditions import filed_model, third_party_model
from app.advisor.engine.sector_lists import sectors
from app.advisor.engine.seller_conditions import outside_seller
from app.advisor.understand.loans import loan_kinds
from app.advisor.understand.numbers import money_amounts
from app.catalogue.models import FundingProgram
from app.text.normalize import normalize

# Where a spend is made: the head of a venue condition, in the condition's and the client's words.
VENUE_WORD = re.compile(r"平台|中心|集群|交易所|platform|cent(?:er|re)|cluster|exchange", re.I)
# Words of a condition that say what is required, not where: left out of the wording the client must cover.
_ZH_FRAME = re.compile(r"须|应|使用|通过|经|在|购买|订购|采购|记录|用量|的|为|上")
_EN_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "must",
        "be",
        "is",
        "are",
        "on",
        "in",
        "at",
        "of",
        "by",
        "from",
        "through",
        "via",
        "with",
        "for",
        "and",
        "its",
        "it",
        "bought",
        "used",
        "use",
        "made",
        "recorded",
        "usage",
        "spend",
        "buy",
        "come",
        "comes",
    ]
)
# The client's words for "here": the program's own province or city.
_PROVINCE_HERE = re.compile(r"省里|本省|全省|咱省|省级")
_CITY_HERE = re.compile(r"市里|本市|当地|本地|我们这|这边|市级")
_EN_HERE = re.compile(r"\b(?:local|provincial|municipal|here)\b", re.I)


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    return {run[i : i + 2] for run in han.split() for i in range(len(run) - 1)}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.lower()) if w not in _EN_STOP and len(w) > 1}


def _here(clause: str, program: FundingProgram) -> str:
    """The clause with "省里", "本地", "local" read as the program's own place."""
    province, city = program.region.province or "", program.region.city or ""
    clause = _PROVINCE_HERE.sub(f"{province}省级", clause)
    clause = _CITY_HERE.sub(f"{city or province}本地", clause)
    place_en = program.region.label_en.split(",")[0].lower() if province else ""
    return _EN_HERE.sub(lambda m: f"{place_en} {m.group(0)}", clause)


def _covers(wording: str, clause: str, english: bool) -> bool:
    """The clause says most of the condition's wording of the place (bigram or word recall)."""
    if english:
        want, have = _stems(wording), _stems(clause)
        return len(want) >= 2 and len(want & have) / len(want) >= 0.6
    want, have = _bigrams(_ZH_FRAME.sub(" ", wording)), _bigrams(clause.replace("的", ""))
    return len(want) >= 2 and len(want & have) / len(want) >= 0.5


def venue_said(zh: str, program: FundingProgram, said: str) -> Judged:
    """A catalogue venue's wording against the client's words."""
    return venue(zh, program, said)


def venue(wording: str, program: FundingProgram, said: str) -> Judged:
    """Bought or used where the condition says: one clause names that place, said as a fact or a plan."""
    english = not re.search(r"[\u4e00-\u9fff]", said)
    for alternative in re.split(r"或|\bor\b", wording):
        for words, clause in clauses(said):
            here = _here(clause, program)
            if not VENUE_WORD.search(clause) or not _covers(alternative, here, english):
                continue
            if QUESTION.search(clause):
                continue
            return affirmed(clause, words)
    return OPEN


_ALREADY = re.compile(
    r"(?:已经|已|本来就|早就|一直|现在)(?:有)?在?(?:用|使用|导入|上了|装了|入过表|入表了|挂牌)|已经?[^，。；]{0,12}(?:挂过|挂牌过|登记过|入过表)|"
    r"\balready (?:use|have|using|run)|\bwe (?:use|have) (?:a |an )?(?:pos|erp|crm)",
    re.I,
)
_FIRST = re.compile(
    r"第一次|首次|从来?没(?:有)?(?:用|使用|导入|入)过|\bfirst time\b|\bnever (?:used|had)\b", re.I
)


def first_time(said: str) -> Judged:
    for words, clause in clauses(said):
        if _ALREADY.search(clause):
            return Judged(Status.unmet, words)
        if _FIRST.search(clause) and not QUESTION.search(clause):
            return Judged(Status.met, words)
    return OPEN


# A loan the client takes ("向银行贷款买设备", "a bank equipment loan") or rules out ("全款自己买，不贷款").
_LOAN = re.compile(r"贷款|借款|(?<![a-z])loans?(?![a-z])|financ", re.I)
_NO_LOAN = re.compile(
    r"全款|自有资金|自己出钱|钱是自己出|不(?:走|用|打算|需要|想)?(?:银行)?(?:贷款|借款|借钱)|没有?(?:贷款|借款)|"
    r"(?:no|without an?|not take an?) (?:bank )?loan|pay (?:in )?cash|cash purchase",
    re.I,
)
# What the loan is for, when the condition names it: a client's loan for something else does not meet it.
_LOAN_PURPOSE = {
    # A machine by its name ("织机", "注塑机", "印刷机"), not 机构 (a lender) or 机会.
    "设备": r"设备|机器|机床|加工中心|生产线|产线|[\u4e00-\u9fff]机(?!构|会|关|场|票)|equipment|machine|cnc|line",
    "担保": r"担保|guarantee",
    "创业": r"创业|start.?up",
}


def loan_kind(part: str, said: str) -> Judged:
    """The kind of loan the condition names (创业担保贷款, 设备更新项目固定资产贷款) against the kind the client says it
    takes (understand/loans.loan_kinds): the same kind met, only another kind unmet, quoting the client (a start-up
    guaranteed loan is no equipment-renewal loan, and the other way round). A question names no loan taken."""
    wanted = set(loan_kinds(normalize(part)))
    if not wanted:
        return OPEN
    other: Judged = OPEN
    for words, clause in clauses(said):
        if QUESTION.search(clause) or not (named := loan_kinds(clause)):
            continue
        if wanted & set(named):
            return Judged(Status.met, words)
        if other is OPEN:
            other = Judged(Status.unmet, words)
    return other


def loan(part: str, said: str) -> Judged:
    if (kind := loan_kind(part, said)) is not OPEN:
        return kind
    purposes = [words for key, words in _LOAN_PURPOSE.items() if key in part]
    for words, clause in clauses(said):
        if _NO_LOAN.search(clause):
            return Judged(Status.unmet, words)
        stated = _LOAN.search(clause) and not QUESTION.search(clause)
        if stated and all(re.search(p, clause, re.I) for p in purposes):
            return Judged(Status.met, words)
    return OPEN


# "入表金额大于100万元": what is measured, the comparison and the amount.
_THRESHOLD = re.compile(r"([\u4e00-\u9fff]{2,4})金额(大于|超过|高于|不低于|不少于|达到)(\d+(?:\.\d+)?)万元")


def amount_threshold(wording: str, said: str) -> Judged:
    match = _THRESHOLD.search(wording)
    if not match:
        return OPEN
    subject, comparison, least = match.group(1), match.group(2), float(match.group(3)) * 10_000
    strict = comparison in ("大于", "超过", "高于")
    for words, clause in clauses(said):
        at = clause.find(subject)
        if at < 0:
            continue
        amounts = [m for m in money_amounts(clause[at:]) if m.value > 0][:1]
        if not amounts:
            continue
        value = amounts[0].value
        ok = value > least if strict else value >= least
        return Judged(Status.met if ok else Status.unmet, words)
    return OPEN


def pilot_sector(program: FundingProgram, said: str) -> Judged:
    """The pilot's own sector list against the trade the client names, quoting the trade."""
    found = sectors(program, said.lower(), said)
    if found is None or found.status is Status.unknown:
        return OPEN
    quoted = re.search(r"您说的?“([^”]+)”|“([^”]+)”", found.reason.zh)
    words = next((g for g in quoted.groups() if g), "") if quoted else ""
    return Judged(found.status, words)


def part_judged(part: str, en: str, program: FundingProgram, said: str) -> Judged:
    """One clause of a condition ("…且入表金额大于100万元" has two), judged by what it is about."""
    if "备案" in part and "模型" in part:
        return filed_model(said)
    if re.search(r"第三方.{0,4}模型", part):
        return third_party_model(said)
    if _THRESHOLD.search(part):
        return amount_threshold(part, said)
    if "试点行业" in part:  # "企业须属于4个试点行业": the pilot's sector list judges it (sector_lists.py)
        return pilot_sector(program, said)
    if "首次" in part:
        return first_time(said)
    if "贷款" in part:
        return loan(part, said)
    if "非关联" in part and not VENUE_WORD.search(
        part
    ):  # "须向非关联方购买语料": who sold it (seller_conditions.py)
        return outside_seller(said)
    if VENUE_WORD.search(part):
        english = not re.search(r"[\u4e00-\u9fff]", said)
        return venue(en if english else part, program, said)
    return OPEN


def parts(condition: str) -> list[str]:
    """A condition's separately judged clauses: "首次入表且金额大于100万元", "…，并通过…平台订购"."""
    plain = re.sub(r"[（(][^（）()]*[）)]", "", condition)  # a remark in brackets is no separate condition
    # "并" opens a second requirement when a verb of passing or entering follows: "须属于3个试点行业并进入改造名单"
    # is two (the trade the client names settles the first; the list they must get on stays to confirm).
    return [
        p
        for p in re.split(r"[；;，,]|且|并(?=通过|须|在|获批|经|进入|纳入|列入|入选|取得|获得)", plain)
        if len(p) >= 4
    ]


def _is_fact(part: str) -> bool:
    """ "成都已入选第一批国家试点": a statement about the program, not something the client must show."""
    return not re.search(r"须|应", part) and bool(re.search(r"已|是", part))


def judge(zh: str, en: str, program: FundingProgram, said: str) -> list[tuple[Status, Reason]]:
    """A special condition from the client's words: one unmet part decides it; met parts are said to be met and
    what is left stays "to confirm"; nothing settled, the catalogue's wording "to confirm" as before."""
    judged = [(p, part_judged(p, en, program, said)) for p in parts(zh)] if said.strip() else []
    unmet = [(p, j) for p, j in judged if j.status is Status.unmet]
    if unmet:
        part, j = unmet[0]
        return [(Status.unmet, Reason(f"{part}，您说“{j.words}”", f"{en}; you said “{j.words}”"))]
    met = [(p, j) for p, j in judged if j.status is Status.met]
    if not met:
        return [(Status.unknown, Reason(f"须确认：{zh}", f"to confirm: {en}"))]
    open_ = [p for p, j in judged if j.status is Status.unknown and not _is_fact(p)]
    words = met[0][1].words
    if not open_:
        return [(Status.met, Reason(f"{zh}：符合（您说“{words}”）", f"{en}: met (you said “{words}”)"))]
    return [
        (
            Status.met,
            Reason(f"{'，'.join(p for p, _ in met)}：符合（您说“{words}”）", f"met as you said (“{words}”)"),
        ),
        (Status.unknown, Reason(f"须确认：{'，'.join(open_)}", f"to confirm: {en}")),
    ]
