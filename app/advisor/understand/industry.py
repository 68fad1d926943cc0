"""What a business does, as a GB/T 4754-2017 section: owners' words first, then the standard's class names.

Owners name their business with a head noun at the end of a phrase, in Chinese and in English alike:
"给矿山设备做配件的机加工厂" is a machining plant (C), not a mine (B); "mining equipment leasing company"
is leasing (L); "宠物医院" is a pet service (O), not a hospital (Q). So in the first clause that names a
business we take the rightmost match, and customers ("给…做", "for mining equipment") do not count.
Lenders are no more the business than customers ("银行贷了200万", "we owe the bank"), and a clause that
says what the owner wants ("想做AI质检") names the need, so it is read only when no other clause names a
business. When no owner word matches, what the business does decides: an activity verb ("做二手车买卖",
"养对虾", "we make …"), then the published class list (industry_classes.py): the business noun the owner
uses, by its nearest small class among the sections its head allows ("开了家药房" 西药零售 F, "团餐公司"
正餐服务 H, "摄影工作室" 摄影扩印服务 O); a shop no class places is retail ("服饰店" sells clothes); a term
of one section only ("乳制品"); the product after 做/生产 ("做罐头的", "做货代的").
A bare outlet word ("门店", "shop") is the head only when nothing more specific names the business:
"奶茶品牌，20家门店" is catering, "a software outsourcing shop" software.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from app.advisor.understand.industry_activity import ACTIVITY_SECTIONS, verb_object
from app.advisor.understand.industry_brokers import Brokers
from app.advisor.understand.industry_class_words import class_words
from app.advisor.understand.industry_classes import ClassList, IndustryMatch
from app.advisor.understand.industry_clauses import not_the_business
from app.advisor.understand.industry_departments import names_a_department
from app.advisor.understand.industry_dishes import sold_dish
from app.advisor.understand.industry_english import (
    EnglishNouns,
    en_forms,
    en_key,
    english_pattern,
    open_compounds,
    without_goods_of,
)
from app.advisor.understand.industry_making import made_for_trade
from app.advisor.understand.industry_plants import without_service_plants
from app.advisor.understand.industry_products import (
    as_mandarin_make,
    made_after,
    made_guess,
    read_product,
)
from app.advisor.understand.industry_sentences import (
    BOUGHT,
    CLAUSE,
    DOES,
    MEASURE_JIA,
    RIGHT_AFTER_WANT,
    SELF,
    WANT,
    own_tools,
    wanted_thing,
)
from app.advisor.understand.industry_shops import read_shop, sold_in_a_shop
from app.advisor.understand.industry_trade import (
    DELIVERY_WORDS,
    MEAL,
    delivered_goods,
    traded_goods,
)
from app.text.normalize import normalize

_OUTLET_WORDS = {"门店", "商店", "门市", "店铺", "shop", "shops", "store", "stores"}
# Words of a company's name, not of its trade: "XX科技有限公司，主要生产数控机床" makes machines (C), "网络科技公司，
# 在淘宝卖女装" trades (F). They name the business (software, I) only when nothing else in the message does.
_NAME_WORDS = {"科技公司", "网络科技", "tech company", "technology company"}
# A place where the work is done, whose trade its products settle: "做预制菜的中央厨房" makes food (C), a central
# kitchen that cooks for its own restaurants or for canteens is catering (H) — the kitchen's own section.
# A firm hired for work ("a landscaping contractor", "street-cleaning contractors") is in the trade of the work the
# word before it names, as a kitchen is; "contractor" alone is a builder (E).
_PLACE_WORDS = {"中央厨房", "central kitchen", "kitchen", "meal-prep kitchen", "contractor"}
# An outlet right after an owner word ("五金行", "汽配店"), not 行业 (trade) or 行驶.
_OUTLET_HEAD = re.compile(r"(?:卖场|专卖店|门市|档口|店|铺|摊|行(?![不吗吧呢啊业情政动驶李为程]))")
_FOOD_HALL_AFTER = re.compile(r"[\u4e00-\u9fff]{0,3}馆")
_GOODS_SECTIONS = "ABC"  # what a shop named after a product sells: farm, mine and factory goods


def _weakness(keyword: str) -> int:
    """How little an owner word says of the trade: 0 names it, 1 a kitchen, 2 a name word, 3 a bare outlet."""
    return (
        1
        if keyword in _PLACE_WORDS
        else 2
        if keyword in _NAME_WORDS
        else 3
        if keyword in _OUTLET_WORDS
        else 0
    )


class IndustryDictionary:
    def __init__(self, path: Path) -> None:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        self._zh: dict[str, IndustryMatch] = {}
        self._en: dict[str, IndustryMatch] = {}
        for entry in (raw or {}).get("industries", []):
            for word in entry.get("zh") or []:
                key = normalize(str(word))
                self._zh[key] = IndustryMatch(entry["label"], entry["section"], entry["sector"], key)
            for word in entry.get("en") or []:
                for key in en_forms(en_key(str(word))):
                    self._en[key] = IndustryMatch(entry["label"], entry["section"], entry["sector"], key)
        # Owners' names of small classes ("豆腐坊", "汽车线束"); the owner words above decide where both name one.
        for key, match in class_words(
            path.parent / "industry_class_words.tsv", path.parent / "gbt4754_2017.tsv"
        ).items():
            self._zh.setdefault(key, match)
        names = sorted(self._zh, key=len, reverse=True)
        self._zh_pattern = re.compile("|".join(map(re.escape, names))) if names else None
        self._en_pattern = english_pattern(list(self._en))
        self._classes = ClassList(path.parent / "gbt4754_2017.tsv")
        self._brokers = Brokers(path.parent / "industry_brokers.yaml", path.parent / "gbt4754_2017.tsv")
        self._english = EnglishNouns(path.parent / "industry_words_en.tsv")

    def _owner_word(self, clause: str) -> IndustryMatch | None:
        """The rightmost owner word in a clause: the head of the business noun phrase."""
        hits: list[tuple[int, IndustryMatch]] = []
        if self._zh_pattern:
            hits += [
                (m.start(), self._zh[m.group(0)])
                for m in self._zh_pattern.finditer(clause)
                if not RIGHT_AFTER_WANT.search(clause[: m.start()])
                and not MEASURE_JIA.search(clause[: m.start() + 1])  # "一家电子厂" holds no 家电
                and clause[m.end() : m.end() + 1] != "户"  # "养殖户都用我们的料": farmers, the customers
                and not names_a_department(m.group(0), clause[m.end() :])  # "仓库管理乱": the firm's own
            ]
        if self._en_pattern:
            hits += [
                (m.start(1), self._en[en_key(m.group(1))])
                for m in self._en_pattern.finditer(clause)
                if not names_a_department(m.group(1), clause[m.end() :])
            ]
        hits = without_service_plants(hits, clause)  # "洗涤工厂": the laundry's plant (O)
        # An agent is classed by what it brokers: "二手房经纪", "real estate brokerage" are K, not finance; the
        # agent noun is the head, so an owner word inside its thing ("货运代理": 货运) or before it yields.
        broker = self._brokers.find(clause)
        if said := verb_object(clause):
            # "we make construction machinery parts": the verb says what the business does; the owner words in
            # its object name the product ("construction" is whose machines, not the trade).
            made = [hit for hit in hits if hit[0] >= said.start and hit[1].section == said.section]
            hits = [hit for hit in hits if hit[0] < said.start]
            broker = broker if broker and broker.start < said.start else None
            if all(_weakness(hit[1].keyword) for hit in hits):  # "our central kitchen makes dumplings"
                if made:  # "我们生产刹车盘": the product's own class (汽车零部件及配件制造)
                    return max(made, key=lambda hit: hit[0])[1]
                name = self._classes.section_names.get(said.section, said.section)
                return IndustryMatch(name, said.section, said.sector, said.product)
        # "奶茶品牌，20家门店", "a software outsourcing shop": a bare outlet word is the head only when
        # nothing more specific names the business; a company's name word or a kitchen yields the same way.
        if not hits:
            return broker.match if broker else None
        rank = min(_weakness(hit[1].keyword) for hit in hits)
        start, match = max((hit for hit in hits if _weakness(hit[1].keyword) == rank), key=lambda hit: hit[0])
        if broker and (broker.start >= start or rank):
            return broker.match
        if match.keyword in DELIVERY_WORDS and (goods := delivered_goods(clause[:start])):
            if MEAL.search(goods):
                return self._classes.match("H", goods + match.keyword, "62")
            return self._classes.match("F", goods + match.keyword, "51")
        end = start + len(match.keyword)
        # "风电叶片", "污水处理设备": equipment made for the trade the owner word names (C)
        if match.section != "C" and (equipment := made_after(clause[end:])):
            if traded := traded_goods(clause, start, end + len(equipment)):
                return self._classes.match("F", traded, "51")
            return self._classes.match("C", match.keyword + equipment)
        if match.section in "ABC" and (traded := traded_goods(clause, start, end)):
            return self._classes.match("F", traded, "51")
        # What the owner's word makes is sold in a shop named after it: "五金行", "汽配店" sell hardware and
        # car parts (retail); the outlet after the word is the head of the phrase, the word its modifier.
        # Only goods are sold so: a service's 行 is the firm itself ("货运行" trucks, Taiwan's word).
        after = clause[end:]
        if match.section == "C" and _FOOD_HALL_AFTER.match(after):  # "酸菜鱼馆" cooks fish, it makes no 酸菜
            return self._classes.match("H", match.keyword + after[: after.index("馆") + 1], "62")
        if match.section in _GOODS_SECTIONS and (outlet := _OUTLET_HEAD.match(after)):
            return self._classes.match("F", match.keyword + outlet.group(0), "52")
        return match

    def made_product(self, text: str) -> IndustryMatch | None:
        """What the owner says the business makes ("做铝合金门窗的"), read on the whole message: for a product word
        that holds a place's name (金门 in 铝合金门窗, 大理 in 大理石), blanked out before `find` reads the rest."""
        norm = not_the_business(as_mandarin_make(normalize(text)))
        clauses = CLAUSE.split(norm)
        tools = own_tools(clauses)  # a thing it bought or built for itself never names the trade
        stated = [c for c in clauses if not WANT.search(c) and not BOUGHT.search(c) and c not in tools]
        return read_product("，".join(stated), self._classes)

    def sector_of(self, word: str) -> str | None:
        """The sector a single word names as a kind of business ("民宿", "guesthouse"), else None."""
        match = self._zh.get(normalize(word)) or self._en.get(en_key(word))
        return match.sector if match else None

    def find(self, text: str) -> IndustryMatch | None:
        said = open_compounds(as_mandarin_make(normalize(text)))
        norm = not_the_business(without_goods_of(said))
        in_order = [c for c in CLAUSE.split(norm) if c.strip()]
        clauses = sorted(in_order, key=lambda c: not SELF.search(c))
        # A thing the business bought or built for itself never names it ("自己开发了点餐app" in a restaurant).
        used = own_tools(in_order) | {c for c in clauses if BOUGHT.search(c)}
        stated = [c for c in clauses if not WANT.search(c) and c not in used]
        wanted = [c for c in clauses if WANT.search(c) and c not in used]
        if match := self._from_clauses(stated):
            if match.sector == "catering" and made_for_trade(match.keyword, said):  # a bakery for cafés
                return self._classes.match("C", match.keyword)
            return match
        # The need's clauses only when no other names the business, and only by a business noun there:
        # "想给我们美发店弄个会员回访" (O), while "想做视觉检测" is no testing lab.
        for clause in wanted:
            if (match := self._owner_word(clause)) and not wanted_thing(clause, match.keyword):
                return match
        return None

    def _from_clauses(self, clauses: list[str]) -> IndustryMatch | None:
        # "做二手房中介的，门店3家", "一家科技公司，生产一次性输液器": a bare outlet word or a name word names a
        # business only when no other clause and no activity does.
        deferred: IndustryMatch | None = None
        does: list[str] = []  # clauses before this one in which the owner says what the business does
        for clause in clauses:
            if match := self._owner_word(clause):
                if match.keyword not in _OUTLET_WORDS and match.keyword not in _NAME_WORDS:
                    # "一家做数据标注的公司，…做了一个煤矿安全的数据集" (review14 r14-04), "我们做灯饰，主要做外贸": what
                    # the owner said the business does wins over a later clause's topic (煤矿) or channel (外贸).
                    said = next((m for c in does if (m := self._from_activity(c))), None)
                    return said or match
                if deferred is None or _weakness(match.keyword) < _weakness(deferred.keyword):
                    deferred = match
            elif DOES.search(clause):
                does.append(clause)
        # A good after 做 that nothing places is made; an outlet word still says the business sells it.
        joined = "，".join(clauses)
        if said := self._from_activity(joined):
            return said
        if deferred is None or deferred.keyword in _NAME_WORDS:
            return made_guess(joined, self._classes) or deferred
        return deferred

    def _from_activity(self, joined: str) -> IndustryMatch | None:
        for pattern, section, sector in ACTIVITY_SECTIONS:
            # "养殖户都用我们的料": the 户 who farm are the customers, not what the business does
            verbs = (v for v in pattern.finditer(joined) if joined[v.end() : v.end() + 1] != "户")
            if verb := next(verbs, None):
                if section == "F" and (
                    dish := sold_dish(joined[verb.start() : verb.end() + 10])
                ):  # "卖牛肉面的" cooks
                    return self._classes.match("H", dish, "62")
                return IndustryMatch(
                    self._classes.section_names.get(section, section), section, sector, verb.group(0)
                )
        # The owner's business noun by its nearest class: "开了家药房" is a pharmacy (F), "团餐公司" catering.
        if match := self._classes.nearest(joined):
            # A shop sells to the public: "蛋糕店" is 糕点、面包零售 (retail thresholds), not the wholesale class
            # its words name as well.
            return self._classes.match("F", match.keyword, "52") if sold_in_a_shop(match, joined) else match
        # An English noun no owner word lists, read in Chinese: "a state-owned steel company" as 钢铁公司 (C).
        if (chinese := self._english.in_chinese(joined)) and (match := self.find(chinese)):
            return match
        if shop := read_shop(joined, self._classes, _OUTLET_WORDS):
            return shop
        # What the owner says they make or do ("做服装的") before a term the class list gives one section.
        return read_product(joined, self._classes) or self._classes.term(joined)
