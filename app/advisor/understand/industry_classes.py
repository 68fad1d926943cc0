"""The published GB/T 4754-2017 class list (knowledge/gbt4754_2017.tsv) as the vocabulary of businesses.

Three ways to read a business with the standard's 1,381 small-class names, from the most to the least exact:
- `term`: a product or activity word that belongs to one section only ("乳制品", "水产养殖").
- `nearest`: the business noun an owner uses ("摄影工作室", "药房", "团餐公司") is a modifier and a head.
  The head says what kind of place it is (a 店/房/馆 is an outlet that sells or serves, a 厂 makes things,
  a 场/园 farms or entertains); the modifier is matched against the class names by shared characters,
  weighted by how few classes use them, and the nearest class among the sections the head allows wins:
  "药房" is 西药零售 (F), not 化学药品制造 (C); "摄影工作室" 摄影扩印服务 (O).
- `by_product`: the product after "做/生产" ("做罐头的"): the section whose class names share its bigrams.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from app.advisor.understand.industry_heads import (
    COOKED,
    FOOD_HALL,
    FORMAT,
    HALL_HEADS,
    HEAD,
    HEADS,
    LEAD,
    NAME_WORD,
    NUMERAL,
    OUTLET_HEADS,
    TAKES_AN_OUTLET,
)
from app.advisor.understand.industry_match import IndustryMatch, sector_of
from app.text.normalize import normalize

__all__ = [
    "ClassList",
    "IndustryMatch",
]  # IndustryMatch lives in industry_match.py; readers import it here too

# Activity words that end a class name; what precedes them is the product or service.
_ACTIVITY = re.compile(
    r"(?:制造|加工|生产|制作|种植|饲养|养殖|批发|零售|服务|活动|管理|开采|采选|冶炼|修理|维修|维护|建筑|施工|安装|"
    r"运输|出租|租赁|培训|教育|出版|销售|业)$"
)
_FILLER = re.compile(r"（[^）]*）|\([^)]*\)|其他|未列明")
# Words of class names that name no kind of business, and fragments of names split at 和/及/与 that are everyday
# words: "造林和更新" must not make "请根据更新后的资料重新推荐" forestry, nor "缺陷检测" a testing lab.
_GENERIC_WORDS = (
    "其他 未列明 相关物品 专用设备 设备 器材 用品 制品 产品 其他未列明 更新 利用 特殊 系统 管理 计算 帮助 数字 供应 "
    "商业 家庭 办公 代理 投资 资产 资源 检测 调查 交通 信用 修复 计量 营养"
)
_GENERIC_TERMS = set(_GENERIC_WORDS.split())


@dataclass(frozen=True)
class _Class:
    section: str
    division: str
    name: str
    grams: frozenset[str]  # characters and bigrams of the name without filler words
    # ...and of what the class makes, sells or serves: the name without its activity word ("机动车充电" of
    # 机动车充电销售). A class is named only by words of its product: 销售 alone is any seller's.
    product: frozenset[str]


def _grams(text: str) -> set[str]:
    return set(text) | {text[i : i + 2] for i in range(len(text) - 1)}


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _covers(modifier: str, joint: str, grams: frozenset[str]) -> bool:
    """Whether a class shares enough of the owner's words to name the business: a word of two characters, the
    modifier's last character (a compound ends in its head: "中药" is a 药), or characters making up half of
    it. "打印复印" shares only 复 with 精神康复服务, a character of another word (康复): no mental-health service."""
    if any(g in grams for g in _bigrams(modifier) | ({joint} if joint else set())):
        return True
    return modifier[-1:] in grams or 2 * len(set(modifier) & grams) >= len(set(modifier))


def _names_product(product: str, class_product: frozenset[str]) -> bool:
    """Whether the owner's goods name a class's product: a word of two characters or the goods' head ("苹果" and
    果品), not any character ("营销" shares 营 with 营养和保健品 but is no food)."""
    return bool(product) and (bool(_bigrams(product) & class_product) or product[-1] in class_product)


class ClassList:
    def __init__(self, path: Path) -> None:
        self.section_names: dict[str, str] = {}
        self.classes: list[_Class] = []
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                for row in csv.reader(handle, delimiter="\t"):
                    if row and row[0] == "#section":
                        self.section_names[row[1]] = row[2]
                    elif row and not row[0].startswith("#"):
                        name = normalize(_FILLER.sub("", row[3]))
                        stem = _ACTIVITY.sub("", name) or name
                        self.classes.append(
                            _Class(row[1], row[2], row[3], frozenset(_grams(name)), frozenset(_grams(stem)))
                        )
        self._terms = self._unique_terms()
        terms = sorted(self._terms, key=len, reverse=True)
        self._term_pattern = re.compile("|".join(map(re.escape, terms))) if terms else None
        self._section_bigrams: dict[str, Counter[str]] = defaultdict(Counter)
        self._df: Counter[str] = Counter()
        # Which sections' class names end in each activity word (销售: F; 种植: A; 修理: C and O).
        self._activity_sections: dict[str, str] = defaultdict(str)
        for cls in self.classes:
            self._df.update(cls.grams)
            ending = _ACTIVITY.search(normalize(_FILLER.sub("", cls.name)))
            if ending and cls.section not in self._activity_sections[ending.group(0)]:
                self._activity_sections[ending.group(0)] += cls.section
            for bigram in _bigrams(_ACTIVITY.sub("", normalize(_FILLER.sub("", cls.name)))):
                self._section_bigrams[bigram][cls.section] += 1

    def match(self, section: str, keyword: str, division: str = "") -> IndustryMatch:
        return IndustryMatch(
            self.section_names.get(section, section), section, sector_of(section, division), keyword
        )

    def _unique_terms(self) -> dict[str, IndustryMatch]:
        """Product and activity terms of the small classes that point to one section only."""
        sections: dict[str, set[str]] = {}
        first: dict[str, tuple[str, str, str]] = {}
        for cls in self.classes:
            stem = _ACTIVITY.sub("", re.sub(r"（[^）]*）|\([^)]*\)", "", cls.name))
            for term in {stem, *re.split(r"、|和|及|与|等", stem)}:
                # "鸭的饲养": 鸭 is the term, and one character is too short to be one ("做建昌板鸭的" holds 鸭的)
                term = normalize(term.strip()).removesuffix("的")
                if len(term) >= 2 and term not in _GENERIC_TERMS and not term.startswith("其他"):
                    sections.setdefault(term, set()).add(cls.section)
                    first.setdefault(term, (cls.name, cls.section, cls.division))
        terms = {}
        for term, found in sections.items():
            if len(found) == 1:
                name, section, division = first[term]
                terms[term] = IndustryMatch(name, section, sector_of(section, division), term)
        return terms

    def term(self, text: str) -> IndustryMatch | None:
        """The first product or activity term in `text` that belongs to one section only."""
        if self._term_pattern and (m := self._term_pattern.search(text)):
            return self._terms[m.group(0)]
        return None

    def nearest(self, text: str) -> IndustryMatch | None:
        """The class nearest to the business noun the owner uses ("开了家药房", "团餐公司"), or None."""
        for noun in HEAD.finditer(text):
            modifier = FORMAT.sub("", LEAD.sub("", noun.group(1)))
            head = noun.group(2)
            if NUMERAL.fullmatch(modifier):  # "预算改成8万行不行": an amount, not a kind of business
                continue
            if NAME_WORD.search(
                modifier
            ):  # a name ("华创科技有限公司"), read from what the owner says it does
                continue
            allowed = next(sections for words, sections in HEADS if re.fullmatch(words, head))
            if allowed is not None and len(allowed) == 1:  # "虾塘", "奶牛牧场": the head alone settles it
                return self.match(allowed, modifier + head)
            if allowed == OUTLET_HEADS and (modifier + head in ("门店", "店铺", "门市", "商店")):
                continue  # "门店3家": the outlet word itself, no kind of business
            if allowed in (OUTLET_HEADS, HALL_HEADS) and TAKES_AN_OUTLET.search(modifier):
                continue
            if allowed in (OUTLET_HEADS, HALL_HEADS) and COOKED.search(modifier):
                return self.match("H", modifier + head, "62")
            if allowed == HALL_HEADS and FOOD_HALL.search(modifier):
                return self.match("H", modifier + head, "62")
            # The head's first character with the modifier's last is evidence too: "茶馆" is 茶馆服务.
            if modifier and (match := self._nearest_class(modifier, allowed, modifier[-1] + head[0])):
                return match
            # A compound modifier ends in its own head word: "新能源电池企业" is a battery maker whatever 新能源
            # shares with power generation. The last two characters are tried when the whole settles nothing,
            # and only as a word the class names hold whole (not 复 of 康复 in "打印复印").
            tail = modifier[-2:]
            held = len(modifier) > 2 and any(
                tail in cls.grams for cls in self.classes if allowed is None or cls.section in allowed
            )
            if held and (match := self._nearest_class(tail, allowed, modifier[-1] + head[0])):
                return match
        return None

    def _owner_activity(self, modifier: str, allowed: str | None) -> tuple[str, str | None]:
        """The owner's product and the sections their activity word allows: "苹果销售" is 苹果 sold (销售 ends
        only trade's class names, F), "家电维修" 家电 repaired. The activity word is then no evidence of a
        class: 销售 ends one class name only (机动车充电销售), so its rarity made every seller a charging-pile one."""
        said = _ACTIVITY.search(modifier)
        if not said or said.start() == 0 or len(said.group(0)) < 2:
            return modifier, allowed
        sections = self._activity_sections.get(said.group(0), "")
        narrowed = "".join(s for s in sections if allowed is None or s in allowed)
        return (modifier[: said.start()], narrowed) if narrowed else (modifier, allowed)

    def nearest_product(self, product: str) -> IndustryMatch | None:
        """The class nearest to what the owner says the business does ("做货代的"): 货物运输代理 (G)."""
        return self._nearest_class(product, HEADS[-1][1], weak=True)

    def _nearest_class(
        self, modifier: str, allowed: str | None, joint: str = "", weak: bool = False
    ) -> IndustryMatch | None:
        """`weak`: a class sharing only a character may still settle the section (not the class). Said of a
        product after 做 ("做不锈钢水槽的" shares 钢 with the steel classes: a maker, C); never of a business
        noun, where a character is as often one of another word's (打印复印店 and 康复)."""
        keyword = modifier
        modifier, allowed = self._owner_activity(modifier, allowed)
        total = len(self.classes)
        wanted = _grams(modifier) | ({joint} if joint else set())
        scored: list[tuple[float, _Class]] = []
        for cls in self.classes:
            if allowed is not None and cls.section not in allowed:
                continue
            shared = wanted & cls.grams
            # A shared bigram says more than a shared character; both say more the fewer classes use them.
            score = sum(math.log(total / self._df[g]) * (2.0 if len(g) == 2 else 1.0) for g in shared)
            if score:
                scored.append((score, cls))
        if not scored:
            return None
        # A section wins by its nearest class and, less, by the next two that share the evidence: "团餐" is
        # catering (正餐, 快餐, 餐饮配送 all share 餐), not tableware making (金属制餐具 alone).
        by_section: dict[str, list[tuple[float, _Class]]] = defaultdict(list)
        for score, cls in sorted(scored, key=lambda item: -item[0]):
            by_section[cls.section].append((score, cls))
        ranked = sorted(
            (
                (sum(w * s for w, (s, _) in zip((1.0, 0.5, 0.25), found, strict=False)) / 1.75, found[0])
                for found in by_section.values()
            ),
            key=lambda item: -item[0],
        )
        (lead, (best_score, best)), runner_up = ranked[0], (ranked[1][0] if len(ranked) > 1 else 0.0)
        # A single common character ("安" of 保安 in 安装) is no evidence; a clear lead over other sections is.
        if best_score < 4.0 or lead < 1.2 * runner_up:
            return None
        if not _covers(modifier, joint, best.grams):
            return self.match(best.section, keyword, best.division) if weak else None
        # "苹果销售公司" shares only 销售 with 机动车充电销售 (and 售 with 自动售货机零售): the activity settles the
        # section (trade), and the class is the section's nearest one whose product shares the owner's product
        # (苹果 with 果品、蔬菜零售), else no class is named.
        # Words that are only an activity ("销售公司") name the section, never a class.
        product = _ACTIVITY.sub("", modifier)
        candidates = [
            (score, cls) for score, cls in by_section[best.section] if _names_product(product, cls.product)
        ]
        # "智能硬件" shares 智能 with six manufacturing classes equally: the section is settled, no one class is,
        # so the owner is told "制造业", not the first of them ("智能照明器具制造"); so is "童装", whose 装 is as
        # much 瓶装饮用水's as 服装's.
        if not candidates or (len(candidates) > 1 and candidates[1][0] >= 0.9 * candidates[0][0]):
            return self.match(best.section, keyword, best.division)
        named = candidates[0][1]
        return IndustryMatch(named.name, named.section, sector_of(named.section, named.division), keyword)

    def names(self, section: str, product: str) -> bool:
        """Whether a class name of the section shares a bigram with the product ("中式糕点": 糕点、面包制造, C)."""
        return any(section in self._section_bigrams.get(bigram, ()) for bigram in _bigrams(product))

    def by_product(self, product: str) -> IndustryMatch | None:
        """The section whose class names share the product's bigrams, when one clearly leads.

        The product is what the owner makes or does ("做服装的", "生产机器人减速器"): trade names the same goods
        ("服装批发", "服装零售") but is said with its own verbs (卖, 批发, 贸易), read before this, so wholesale
        and retail do not vote here."""
        votes: dict[str, float] = defaultdict(float)
        for bigram in _bigrams(product):
            sections = self._section_bigrams.get(bigram)
            if not sections:
                continue
            weight = math.log(1 + 20 / len(sections))  # a bigram of one section says more than one of many
            count = sum(sections.values())
            for section, n in sections.items():
                if section != "F":  # trade's evidence still weighs the bigram, it does not win it
                    votes[section] += weight * n / count
        if not votes:
            return None
        ranked = [*sorted(votes.items(), key=lambda vote: -vote[1]), ("", 0.0)]
        (best, score), runner_up = ranked[0], ranked[1][1]
        if score < 1.0 or score < 2 * runner_up:
            return None
        return self.match(best, product)
