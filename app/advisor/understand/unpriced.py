"""What the client says they buy without giving an amount: "我们买的是已备案的大模型API服务" (review11 r11-28),
"用的是通义千问的API", "we buy GPU hours on the Guizhou platform", "要外包一批道路图像标注".

Such a thing is a purchase all the same: a program pays for a kind of spend (advice_rules.md §1), so the kind
is what the verdicts are judged on, and the pack stands on it; its cost is the catalogue's range, said as such.
A kind word alone is no purchase: the clause must say the client buys it (a verb of buying, renting,
subscribing, outsourcing or paying before the thing), not in an earlier year ("前年买咗一套MES"), and not as
their trade ("本身就是做大模型API服务的"), their own work or a thing they say they don't buy (plans.py reads
those). Wishes for a tool ("想上个AI客服") are needs, not purchases: "上", "做", "搞" buy nothing here.
"""

from __future__ import annotations

import re

from app.advisor.understand.amount_roles import spend_is_ongoing, spent_before_this_year
from app.advisor.understand.currencies import currency_in
from app.advisor.understand.kind_words import KIND_WORDS
from app.advisor.understand.loans import hearsay
from app.advisor.understand.plans import said_purchases
from app.advisor.understand.purchases import StatedPurchase
from app.catalogue.taxonomy import SpendKind
from app.text.clauses import clauses, spans

_I = re.IGNORECASE
# A clause: up to a comma, a semicolon or a sentence end (an English full stop followed by a space).
# Verbs that buy goods and services from someone: the thing named after them is bought.
# One-character verbs only where they cannot be part of another word: 支付 (mobile payment), 标签 (a label) and
# 出租 (renting out) buy nothing; "spend" without an amount is time ("spends days typing receipts").
_BUY = (
    r"买(?!单|家)|购|采购|购置|添置|订购|订阅|(?<!出)租|外包|委托|签了|签约|签订|签署|(?<![支应])付|缴|交给|续费|"
    r"\bbuy\w*|\bbought\b|\bpurchas\w*|\brent(?:s|ing|ed)?\b|\bleas(?:e|es|ing|ed)\b|\bsubscrib\w*|"
    r"\boutsourc\w*|\bpay(?:s|ing)?\b|\bpaid\b|\border(?:s|ing|ed)?\b|\bsign(?:s|ing|ed)?\b"
)
# Using a service is buying it (API calls, rented compute, a cloud): "用的是通义千问的API", "we use Qwen's API".
# Using software or a machine is owning it, not buying it this year: those need a verb of buying.
_USE = r"调用|接入|接了|用的是|在用|用着|使用|用|\buse[sd]?\b|\busing\b|\bcall(?:s|ing)?\b"
_VERB = {
    SpendKind.compute: rf"{_BUY}|{_USE}",
    SpendKind.model_service: rf"{_BUY}|{_USE}",
    SpendKind.cloud_service: rf"{_BUY}|{_USE}|迁|上云|\bmov\w* to\b|\bmigrat\w*",
    SpendKind.data_labeling: _BUY,
    SpendKind.data_corpus: _BUY,
    SpendKind.data_asset: _BUY,
    SpendKind.software: _BUY,
    SpendKind.ai_equipment: r"买|购|采购|购置|添置|订购|\bbuy\w*|\bbought\b|\bpurchas\w*|\border(?:s|ing|ed)?\b",
}
_VERBS = {kind: re.compile(words, _I) for kind, words in _VERB.items()}
# How a thing is paid, not a thing: "a licensed speech corpus" buys a corpus, not software.
_PAYMENT_WORD = re.compile(r"年费|订阅|subscriptions?|licen[cs]e[sd]?", _I)
_COMPUTE_WORD = re.compile(r"算力|训力|gpu|智算|卡时|compute", _I)
# Options weighed against each other ("租GPU跟買伺服器哪個划算", "边缘盒子好还是上云好", "API or a private
# deployment"): a question about what to buy, nothing bought yet.
_WEIGHING = re.compile(r"还是|哪个|哪種|哪种|哪樣|哪样|\bor\b|\bversus\b|\bvs\.?(?:\s|$)|\bwhich\b", _I)
# The thing is bought with a loan ("刚贷款买了两台新注塑机"): the client's own equipment, its own line.
_LOAN_WORD = re.compile(r"贷款|借款|贷|\bloans?\b|\bfinanc\w*|\bborrow\w*", _I)


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in clauses(text, colon=True)]


def _bought_in(clause: str, kind: SpendKind) -> bool:
    """A verb that buys this kind stands before a word naming it in the clause, in this year."""
    pattern = dict(KIND_WORDS)[kind]
    words = list(pattern.finditer(clause))
    if kind is SpendKind.compute and not words:  # a server rented is compute ("租GPU服务器")
        words = list(dict(KIND_WORDS)[SpendKind.ai_equipment].finditer(clause))
    if not words:
        return False
    if kind is SpendKind.software and all(_PAYMENT_WORD.fullmatch(w.group(0)) for w in words):
        return False  # "is the subscription covered": how something is paid, named on its own
    last = words[-1]
    if spent_before_this_year(clause, last.start(), last.end()):
        return False  # "前年买咗一套MES", "a CRM two years ago": bought before, no spend this year
    return any(v.start() < last.start() for v in _VERBS[kind].finditer(clause))


def _kinds(clause: str) -> list[SpendKind]:
    kinds: list[SpendKind] = [p.kind for p in said_purchases(clause) if p.kind in _VERBS]
    if SpendKind.cloud_service in kinds and not _COMPUTE_WORD.search(clause):
        # "租咗阿里云嘅云服务器": a cloud server rented is the cloud, not a GPU rental
        kinds = [k for k in kinds if k is not SpendKind.compute]
    things: list[SpendKind] = [k for k in kinds if k is not SpendKind.software]
    if things and all(_PAYMENT_WORD.fullmatch(w.group(0)) for w in _software_words(clause)):
        kinds = things  # "a licensed speech corpus": the corpus is bought, "licensed" is how
    return kinds


def _software_words(clause: str) -> list[re.Match[str]]:
    return list(dict(KIND_WORDS)[SpendKind.software].finditer(clause))


def unpriced_purchases(norm: str, priced: list[StatedPurchase]) -> list[StatedPurchase]:
    """The things `norm` says the client buys with no amount, one per kind, none a priced purchase already is
    (its kind, or named in the clause a priced one was read from)."""
    taken = {p.kind for p in priced}
    said_with_amount = [p.said for p in priced if p.said]
    found: list[StatedPurchase] = []
    for begin, end in spans(norm, level="sentence", semicolon=False, with_mark=True):
        words = norm[begin:end]
        if (
            _WEIGHING.search(words)
            or hearsay(words)
            or currency_in(words)
            or any(p.said and p.said in words for p in priced)
        ):
            # options weighed; "听说买AI软件可以免息贷30万": a rumoured program's terms; "…系统，HK$40萬": priced, in a currency we
            # hold no rate for (engine/foreign_figures.py says so); "一套打样系统，软件和服务器一共60万": the things
            # named beside a priced one in its sentence are that purchase's parts, not purchases of their own
            continue
        found += _unpriced_in(words, taken, said_with_amount)
    return found


def _unpriced_in(sentence: str, taken: set[SpendKind], said_with_amount: list[str]) -> list[StatedPurchase]:
    found: list[StatedPurchase] = []
    for clause in _clauses(sentence):
        if any(clause in said for said in said_with_amount):
            continue
        for kind in _kinds(clause):
            if kind in taken or not _bought_in(clause, kind):
                continue
            if kind is SpendKind.cloud_service and SpendKind.model_service in taken:
                continue  # "we call Qwen through Alibaba Cloud": the cloud sells the model's service (r11-01)
            taken.add(kind)
            loan = kind is SpendKind.ai_equipment and bool(_LOAN_WORD.search(clause))
            found.append(
                StatedPurchase(kind=kind, said=clause, loan=loan, ongoing=spend_is_ongoing(clause, kind))
            )
    return found
