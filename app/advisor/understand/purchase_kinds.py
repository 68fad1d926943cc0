"""What kind of thing a purchase is, from the words that name it: "大模型训练的算力合同" is compute, "调用大模型API" a
model service, "GPU服务器" a server (hardware), "租GPU做微调" rented compute, and a kind word inside a program's
name ("算力券") buys nothing. purchases.py reads the amounts; this module says what each is for, from the words
in kind_words.py, leaving aside those that say what a thing is for (purchase_purpose.py).
"""

from __future__ import annotations

import re

from app.advisor.understand.kind_words import (
    KIND_WORDS,
    PAYMENT_MODE,
    in_program_name,
    kind_words,
    without_programs,
)
from app.advisor.understand.purchase_purpose import SENTENCE_BREAK, bought_not_purposed
from app.catalogue.taxonomy import SpendKind

WINDOW = 40  # how far from an amount a kind word may stand and still name what it pays for

_COMPUTE_HARDWARE = re.compile(r"gpu|服务器|显卡|算力|server", re.I)
_RENTED = re.compile(r"租|rent|leas", re.I)
# A GPU as a thing: counted in units ("两台GPU工作站", "8张GPU卡", "four GPU cards") or bought outright ("自购GPU"),
# where rented compute is counted in hours and months ("2000卡时", "包月"). Only the chip's own names: "买了10万的算力"
# is rented compute however it is said.
_GPU_CHIP = re.compile(r"gpu|显卡|graphics cards?", re.I)
_COUNTED_UNITS = re.compile(
    r"(?:\d+|[一两二三四五六七八九十几]+)\s*(?:台|张|块|片)\s*$|"
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|sixteen|a few|several|some)\s+$",
    re.I,
)
_BOUGHT_OUTRIGHT = re.compile(r"买|购|添置|bought|buy|purchas", re.I)
_RENTED_MEASURE = re.compile(r"卡时|包月|按小时|按月|云|hours?|per month|cloud", re.I)
_PURPOSE = re.compile(
    r"微调|fine-?tun(?:e|ing)?", re.I
)  # what rented compute is used for, not a service bought

_BUY_VERB_EN = re.compile(
    r"\b(?:buy(?:ing|s)?|purchas(?:e|es|ing)|licen[cs](?:e|es|ing)|rent(?:s|ing)?|leas(?:e|es|ing)|"
    r"subscrib(?:e|es|ing) to|order(?:s|ing)?)\b",
    re.I,
)
_OBJECT_REACH = (
    40  # how far after the verb its object's kind word may stand ("buy a licensed industry corpus")
)


def compute_before(text: str, start: int) -> bool:
    """A compute word ends right before the word at `start` ("gpu cloud", "算力云"): it says what the cloud sells, so
    the cloud is no purchase of its own (review18: "GPU cloud" was booked as a cloud subscription)."""
    compute = dict(KIND_WORDS)[SpendKind.compute]
    return any(
        m.end() in (start, start - 1) and not text[m.end() : start].strip() for m in compute.finditer(text)
    )


def kinds_named(before: str) -> list[SpendKind]:
    """Every kind of purchase named in `before`, in the order named (not inside a program's name).

    What a client plans to buy without an amount is read in plans.py (their trade and their own work apart).
    """
    named: list[tuple[int, SpendKind]] = []
    for kind, pattern in KIND_WORDS:
        words = [
            w
            for w in pattern.finditer(before)
            if not in_program_name(before, w)
            and not (kind is SpendKind.cloud_service and compute_before(before, w.start()))
        ]
        if words and kind not in {k for _, k in named}:
            named.append((words[0].start(), kind))
    return [kind for _, kind in sorted(named, key=lambda pair: pair[0])]


def kind_before(body: str, start: int) -> SpendKind | None:
    """The kind named last before an amount, within the window."""
    before = body[max(0, start - WINDOW) : start]
    found = [
        (word.end(), -rank, kind)
        for rank, (kind, pattern) in enumerate(KIND_WORDS)
        for word in pattern.finditer(before)
        if not in_program_name(before, word)
    ]
    return max(found)[2] if found else None


# A model named just before the cloud that hosts it: "LLM API (Qwen on Alibaba Cloud)", "通义千问API（阿里云）".
_MODEL_BEFORE_CLOUD = re.compile(r"[^，,。.；;!?！？]{0,25}$")


def _hosted_model(body: str, cloud_start: int) -> bool:
    """The cloud is where a model the client calls runs: the model service is what they buy, not cloud."""
    model = dict(KIND_WORDS)[SpendKind.model_service]
    before = body[:cloud_start]
    return any(_MODEL_BEFORE_CLOUD.fullmatch(before[m.end() :]) for m in model.finditer(before))


# A cloud named by its vendor sells what the sentence says is bought: "接通义千问的API…已经和阿里云谈好一年合同40万"
# is the model's API bought from Alibaba Cloud (review11 r11-01), not cloud resources; "云服务器" is a product.
_CLOUD_VENDOR = re.compile(
    r"[阿腾华百京]\w?云|火山引擎|alibaba cloud|aliyun|tencent cloud|huawei cloud|baidu (?:ai )?cloud|volcengine",
    re.I,
)


def _model_sold_by(body: str, start: int, end: int) -> bool:
    model = dict(KIND_WORDS)[SpendKind.model_service]
    return bool(_CLOUD_VENDOR.fullmatch(body[start:end])) and bool(model.search(without_programs(body)))


def bought_object(before: str) -> SpendKind | None:
    """The kind of the object of the last English verb of buying in `before` ("buy a licensed industry corpus
    from the Shanghai Data Exchange for about…", review12 r12-43): the amount after it is that thing's price,
    however far the object stands from it. None when no verb of buying has a kind word for object."""
    verbs = list(_BUY_VERB_EN.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    words = kind_words(before)
    objects = [
        w for w in bought_not_purposed(before, words) if verb.end() <= w[0] <= verb.end() + _OBJECT_REACH
    ]
    if not objects or SENTENCE_BREAK.search(before, verb.end(), objects[0][0]):
        return None
    # "a licensed industry corpus": how it is paid (licensed, a subscription) is no object when a thing follows
    things = [w for w in objects if not PAYMENT_MODE.fullmatch(before[w[0] : w[1]])]
    first = min(things or objects)
    return _head_kind(before, first[0], first[1], first[3], words, verb.start())


def nearest_kind(body: str, start: int, end: int, window: int = WINDOW) -> SpendKind | None:
    """The kind named nearest the amount at body[start:end], within `window` characters either side."""
    words = bought_not_purposed(body, kind_words(body))
    best: tuple[bool, int, int, int, int, int, SpendKind] | None = None
    for word in words:
        w_start, w_end, rank, _ = word
        distance = start - w_end if w_end <= start else w_start - end
        if 0 <= distance <= window or (w_start < end and w_end > start):
            # A thing named beats a way of paying; then nearest first; at the same distance the longer word
            # ("云服务器" over "服务器"), then the rank.
            paying = bool(PAYMENT_MODE.fullmatch(body[w_start:w_end]))
            key = (paying, max(distance, 0), w_start - w_end, rank)
            if best is None or key < best[:4]:
                best = (*key, *word[:2], word[3])
    if best is None:
        return None
    best_start, best_end, best_kind = best[4], best[5], best[6]
    kind = _head_kind(body, best_start, best_end, best_kind, words, min(start, best_start))
    if kind is SpendKind.cloud_service and (
        _hosted_model(body, best_start) or _model_sold_by(body, best_start, best_end)
    ):
        return SpendKind.model_service  # "LLM API (Qwen on Alibaba Cloud), 80k a year"
    if kind is SpendKind.model_service and _PURPOSE.fullmatch(body[best_start:best_end]):
        # "租GPU做行业大模型微调，合同80万": what is bought is the rented compute, fine-tuning is what it is for
        # (review7 rev7-01: the contract was booked as a model service and got the 模型券).
        phrase = body[max(0, min(start, best_start) - WINDOW) : max(end, best_end)]
        if _RENTED.search(phrase) and _COMPUTE_HARDWARE.search(phrase):
            return SpendKind.compute
    return kind


def _head_kind(
    body: str,
    start: int,
    end: int,
    kind: SpendKind,
    words: list[tuple[int, int, int, SpendKind]],
    phrase: int,
) -> SpendKind:
    """In a compound the last noun is what is bought (the head): "GPU服务器" is a server, "GPU servers" too.

    A server or GPU card bought is hardware (§1: compute vouchers do not pay for it); rented, it is compute.
    `phrase`: where the purchase phrase starts (the amount or the noun): "rented 10k RMB of GPU servers".
    """
    first, modifiers = start, []
    while prev := next(
        (w for w in words if w[1] in (first, first - 1) and body[w[1] : first].strip() == ""), None
    ):
        modifiers.append(prev[3])  # "GPU cloud": the words before the one nearest the amount modify it too
        first = prev[0]
    first = start
    while nxt := next((w for w in words if w[0] in (end, end + 1) and body[end : w[0]].strip() == ""), None):
        if PAYMENT_MODE.fullmatch(body[nxt[0] : nxt[1]]):
            break  # "a Doubao subscription": how the model is paid for, not another thing bought
        modifiers.append(kind)
        end, kind = nxt[1], nxt[3]
    rented = _RENTED.search(body[max(0, phrase - 16) : first])  # "leases GPU servers", "租了两台GPU服务器"
    if kind is SpendKind.ai_equipment and rented and _COMPUTE_HARDWARE.search(body[first:end]):
        return SpendKind.compute
    if kind is SpendKind.compute and not rented and _bought_chips(body, first, end, phrase):
        return (
            SpendKind.ai_equipment
        )  # "买了两台GPU工作站，12万": hardware, which no 算力券 pays (s21 c21-01)
    if kind is SpendKind.cloud_service and SpendKind.compute in modifiers:
        return (
            SpendKind.compute
        )  # "GPU cloud", "算力云": the cloud is how the rented compute comes (review18)
    return kind


def _bought_chips(body: str, first: int, end: int, phrase: int) -> bool:
    """The compound body[first:end] names GPUs as things the client owns: its head is a GPU's name and they are
    counted in units or bought, with no hour, month or cloud saying the capacity is rented."""
    head = [m for m in _GPU_CHIP.finditer(body, first, end) if m.end() == end]
    if not head:
        return False
    before = body[max(0, phrase - 16) : first]
    around = body[max(0, phrase - 16) : end + 12]
    bought = _COUNTED_UNITS.search(before) or _BOUGHT_OUTRIGHT.search(before)
    return bool(bought) and not _RENTED_MEASURE.search(around)
