"""What the client says they will buy, amount or not, in their own words: the one source of every "您提到…"
sentence about a purchase, so an answer can only quote words the client said (review7: "您提到要采购软件" to a
software firm renting GPUs, "您还没说要买什么" to a client who named "租外地的算力").

A kind of purchase is named by the catalogue's kind words (`purchases.kinds_named`), except where the words
say something else:
- a program's name ("有没有算力券") buys nothing;
- the client's own trade ("做软件开发的公司", "a software company") says who they are, not what they buy;
- work the client does themselves ("自己微调模型", "we fine-tune it ourselves") is no service bought: the
  goods they rent or buy for it still are ("自己租GPU微调": the compute); `self_done` names that work;
- a kind they say they don't buy ("不调别人的API") is not bought;
- fine-tuning done on rented compute ("租GPU做行业大模型微调") is what the compute is for (§1: the rental
  is the purchase), unless the client has someone else do it ("找服务商微调").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.advisor.understand.kind_words import KIND_WORDS, without_programs
from app.advisor.understand.purchase_kinds import compute_before
from app.catalogue.taxonomy import SpendKind
from app.text.clauses import clauses
from app.text.normalize import normalize

# A kind word right before these names a trade ("软件开发", "软件公司", "设备厂", "software company").
_TRADE_AFTER = re.compile(
    r"(?:开发|研发|公司|企业|工作室|厂|行业|服务商|供应商|厂商|提供商)|\s*(?:compan(?:y|ies)|firms?|vendors?|"
    r"providers?|developers?|makers?|house|studio|business)\b",
    re.I,
)
# The client does the work: "自己(动手)微调", "自行标注", "we … ourselves", "in-house".
_SELF = re.compile(
    r"自己|自行|自主|亲自|自研|ourselves|themselves|in-house|in house|on our own|\bour own\b", re.I
)
# ...unless they have someone do it or buy it: "请人标注", "找服务商微调", "outsource the labelling".
_BOUGHT_BEFORE = re.compile(
    r"(?:请|找|外包|委托|采购|购买|买|订|hire|outsourc\w*|buy\w*|purchas\w*)[^,;，；。]{0,8}$", re.I
)
# ...or they say they don't buy it: "不调别人的API", "没买GPU", "we don't buy any API".
_NOT_BOUGHT_BEFORE = re.compile(
    r"(?:不|没有?|无需|不需要|不用)(?:再|用|要|去)?(?:调用?|用|买|购买|采购|租|订|接)?[^,;，；。]{0,5}$|"
    r"\b(?:don't|do not|doesn't|never|no longer)\s+(?:\w+\s+){0,3}$",
    re.I,
)
# "自己没有技术人员", "we can't do it ourselves": the client says what they cannot do themselves.
_SELF_CANNOT = re.compile(
    r"自己(?:没|不|无|做不|搞不)|(?:can't|cannot|don't)\s+\w*\s*(?:it\s+)?ourselves", re.I
)
_BUYS = re.compile(
    r"租|买|购|订阅|签|花|用|上云|迁|外包|委托|请人|找人|rent|buy|lease|purchas|subscri|sign|pay|spend|use|outsourc",
    re.I,
)
# Kinds that are work someone does; goods (compute, hardware, cloud, data bought) are bought whoever uses them.
_WORK = {SpendKind.model_service, SpendKind.data_labeling, SpendKind.implementation, SpendKind.software}
_FINE_TUNING = re.compile(r"微调|精调|fine-?tun\w*", re.I)
_RENTED_COMPUTE = re.compile(r"(?:租|rent|leas)\w*.{0,12}(?:gpu|算力|智算|显卡|服务器|compute|server)", re.I)


# Taking an AI application into use ("上AI质检", "引入视觉检测", "deploy AI inspection"): a plan to buy it, though
# not yet of one kind (equipment, software or a project); a program paying for such kinds asks which, never
# "you have not said what you will buy" (review12 r12-14).
_ADOPTS = re.compile(
    r"(?:上|引入|引进|部署|用上|上马|导入)(?:一套|一个|个|套)?"
    r"(?:(?:ai|人工智能|智能|视觉|机器视觉)[^,;:!?，；：。！？\n]{1,10}|[^,;:!?，；：。！？\n]{0,6}(?:质检|检测|排产|排程|预测|识别|客服|巡检))|"
    r"\b(?:deploy|implement|introduce|roll out|install)\w*\s+(?:an?\s+)?(?:ai|machine[- ]vision|smart)(?:\s+(?!on\b|for\b|in\b|at\b|to\b)[a-z-]+){1,2}",
    re.I,
)


def adopted(said: str) -> str | None:
    """The AI application the client says they will take into use, in their words ("上AI质检"), or None."""
    found = _ADOPTS.search(without_programs(said))
    # Read in normalised (lower-case) text: "AI" is quoted as owners write it.
    return re.sub(r"(?<![a-z])ai(?![a-z])", "AI", found.group(0).strip()) if found else None


@dataclass(frozen=True)
class SaidPurchase:
    kind: SpendKind
    words: str  # the client's own clause that names it, to quote back


@lru_cache(maxsize=64)  # asked once per catalogued program of an ask, about the same words
def said_purchases(said: str) -> tuple[SaidPurchase, ...]:
    """Each kind the client says they will buy, once, with the clause that says it, in the order said."""
    text = without_programs(said)
    found: dict[SpendKind, SaidPurchase] = {}
    for clause in clauses(text, colon=True):
        words = clause.strip()
        # In a compound the last noun is what is bought: "GPU服务器" is a server (rented, compute); work named
        # after goods is what they are for ("租GPU微调": the GPU is rented for the fine-tuning).
        starts = {
            m.start() for kind, pattern in KIND_WORDS if kind not in _WORK for m in pattern.finditer(words)
        }
        for kind, pattern in KIND_WORDS:
            match = next(
                (
                    m
                    for m in pattern.finditer(words)
                    if m.end() not in starts and m.end() + 1 not in starts and _bought(words, m, kind)
                ),
                None,
            )
            if match is None:
                continue
            if kind is SpendKind.ai_equipment and _RENTED_COMPUTE.search(words):
                kind = SpendKind.compute
            if kind is SpendKind.cloud_service and compute_before(words, match.start()):
                kind = (
                    SpendKind.compute
                )  # "GPU cloud", "算力云": compute rented on a cloud (purchase_kinds.py)
            # The clause saying they buy it is quoted, over one that only mentions it ("有没有算力调度平台").
            if kind not in found or (_BUYS.search(words) and not _BUYS.search(found[kind].words)):
                found[kind] = SaidPurchase(kind, _quote(words, match))
    return tuple(sorted(found.values(), key=lambda p: _position(text, p.words)))


def planned_kinds(said: str) -> frozenset[SpendKind]:
    """Kinds the client says they will buy, amount or not ("把系统迁到云上", "要租GPU")."""
    return frozenset(p.kind for p in said_purchases(said))


@lru_cache(
    maxsize=64
)  # asked once per catalogued program of an ask, about the same words (as said_purchases)
def self_done(said: str) -> tuple[SaidPurchase, ...]:
    """Work the client says they do themselves ("我哋自己做模型微調", "we fine-tune in-house"): no purchase of that
    kind, so a pack's catalogue item of it is no spend a program pays for (review8 v50/v53). Matched in simplified
    lower case, quoted as typed."""
    text = without_programs(said)
    found: dict[SpendKind, SaidPurchase] = {}
    for clause in clauses(text, colon=True):
        words = clause.strip()
        plain = normalize(words)
        if not _SELF.search(plain) or _SELF_CANNOT.search(plain):
            continue
        for kind, pattern in KIND_WORDS:
            if kind not in _WORK or kind in found:
                continue
            match = next((m for m in pattern.finditer(plain) if not _bought(plain, m, kind)), None)
            if match is not None and not _BOUGHT_BEFORE.search(plain[: match.start()]):
                found[kind] = SaidPurchase(kind, _quote(words if len(words) == len(plain) else plain, match))
    return tuple(found.values())


def _bought(clause: str, match: re.Match[str], kind: SpendKind) -> bool:
    before, after = clause[: match.start()], clause[match.end() :]
    if _NOT_BOUGHT_BEFORE.search(before):
        return False  # "不调别人的API": they say they don't
    if _TRADE_AFTER.match(after) and not _BOUGHT_BEFORE.search(before):
        return False  # "做软件开发": their trade
    if kind not in _WORK or _BOUGHT_BEFORE.search(before):
        return True
    if _SELF.search(clause):
        return False  # "自己微调模型": they do it
    # "租GPU做大模型微调": fine-tuning is what the rented compute is for
    return not (_FINE_TUNING.fullmatch(match.group(0)) and _RENTED_COMPUTE.search(clause))


def _quote(clause: str, match: re.Match[str]) -> str:
    """The clause, or the words around the kind word in a long one, cut at word boundaries."""
    if len(clause) <= 30:
        return clause
    start, end = max(0, match.start() - 14), min(len(clause), match.end() + 10)
    if clause.isascii():
        start = clause.rfind(" ", 0, start) + 1
        end = len(clause) if (space := clause.find(" ", end)) < 0 else space
    return clause[start:end].strip()


def _position(text: str, words: str) -> int:
    at = text.find(words)
    return at if at >= 0 else len(text)
