"""What the client will actually buy: the pack's purchase items plus the contracts the client names.

A program pays for a kind of purchase, not for "AI" (advice_rules.md §1), so funding is matched to these
items, never to a solution as a whole. A figure the client states ("a ¥300k compute contract", "150k of
GPU rental") becomes an item of its own with the client's amount: the client's figures win (§5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.advisor.contract import Lang
from app.advisor.understand.numbers import AMOUNT, parse_amount
from app.catalogue.models import AmountRange, Solution
from app.catalogue.taxonomy import SPEND_LABELS, SpendKind
from app.text.normalize import normalize


@dataclass(frozen=True)
class Purchase:
    name_zh: str
    name_en: str
    kind: SpendKind
    first_year: AmountRange
    solution_id: str | None = None  # None: a contract the client named

    def name(self, language: Lang) -> str:
        return self.name_en if language == "en" else self.name_zh


def solution_purchases(solution: Solution) -> list[Purchase]:
    return [
        Purchase(item.name_zh, item.name_en, item.kind, item.first_year_cny, solution.id)
        for item in solution.items()
    ]


# Most specific first: "大模型训练的算力合同" is compute, "调用大模型API" a model service.
_KIND_WORDS: list[tuple[SpendKind, re.Pattern[str]]] = [
    (SpendKind.data_labeling, re.compile(r"标注|labell?ing|annotation", re.I)),
    (SpendKind.data_corpus, re.compile(r"语料|数据集|corpus|dataset", re.I)),
    (SpendKind.compute, re.compile(r"算力|训力|gpu|智算|卡时|compute", re.I)),
    (
        SpendKind.model_service,
        re.compile(r"模型服务|模型调用|调用大模型|api|token|微调|fine-?tun|model service", re.I),
    ),
    (SpendKind.ai_equipment, re.compile(r"设备|硬件|服务器|摄像头|hardware|equipment|server", re.I)),
    (SpendKind.digital_transformation, re.compile(r"改造项目|数字化改造|transformation project", re.I)),
    (SpendKind.software, re.compile(r"saas|软件|订阅|subscription|software", re.I)),
    (SpendKind.cloud_service, re.compile(r"云服务|上云|cloud", re.I)),
]
_MONEY = re.compile(AMOUNT, re.I)
# An amount right after these is a budget, a revenue or the subsidy hoped for, not a contract.
_NOT_A_PURCHASE = re.compile(
    r"(预算|budget|营收|营业额|产值|收入|revenue|turnover|拿|补|获得|得到|领|get|receive|保证|guarantee|上限|cap)"
    r"[^，,。；;\d]{0,6}$",
    re.I,
)
# ...and one followed by these is a ceiling the client sets ("5w以内", "under 50k"), still a budget. Not
# understand.budget.CEILING_AFTER: that one also reads "左右" and "能做…" as a budget, while "30万左右的算力合同"
# is a contract the client names.
_CEILING_AFTER = re.compile(r"^\s*(以内|以下|之内|以里|封顶|上下|左右的预算|or less|max|budget)", re.I)
# A kind word inside a program's name speaks of funding, not of a purchase: "有没有算力券" buys no compute.
_FUNDING_NAME_AFTER = re.compile(r"^(券|补贴|补助|奖励|奖补|专项|voucher|subsid)", re.I)
_HAS_UNIT = re.compile(r"(亿|千万|百万|万|千|k|m|mn|million|billion|bn|元|块|人民币|rmb|cny|yuan)", re.I)
_SENTENCE = re.compile(r"[^。！？!?;；\n]+")
_WINDOW = 40


def client_purchases(text: str) -> list[Purchase]:
    """Contracts with an amount the client names: '30万的算力合同' → compute 300,000."""
    norm = re.sub(r"\.\s+", "。", normalize(text))  # an English full stop ends a sentence too
    found: list[Purchase] = []
    for sentence in _SENTENCE.finditer(norm):
        body = sentence.group(0)
        for match in _MONEY.finditer(body):
            number, unit = match.group(1), match.group(2)
            tail = body[match.end(1) : match.end()]
            if not unit and not _HAS_UNIT.search(tail):
                continue  # "5000张图片" is a count, not money
            if _NOT_A_PURCHASE.search(body[max(0, match.start() - 12) : match.start()]):
                continue
            if _CEILING_AFTER.match(body, match.end()):
                continue
            amount = parse_amount(number, unit)
            kind = _nearest_kind(body, match.start(), match.end())
            if amount is None or amount <= 0 or kind is None:
                continue
            zh, en = SPEND_LABELS[kind]
            found.append(
                Purchase(f"您提到的{zh}", f"the {en} you named", kind, AmountRange(min=amount, max=amount))
            )
    return found


def _nearest_kind(body: str, start: int, end: int) -> SpendKind | None:
    best: tuple[int, int, SpendKind] | None = None
    for rank, (kind, pattern) in enumerate(_KIND_WORDS):
        for word in pattern.finditer(body):
            if _FUNDING_NAME_AFTER.match(body[word.end() :].lstrip()):
                continue
            distance = start - word.end() if word.end() <= start else word.start() - end
            if 0 <= distance <= _WINDOW or (word.start() < end and word.end() > start):
                key = (max(distance, 0), rank, kind)
                if best is None or key[:2] < best[:2]:
                    best = key
    return best[2] if best else None


def kinds(purchases: list[Purchase]) -> set[SpendKind]:
    return {p.kind for p in purchases}
