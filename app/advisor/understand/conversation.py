"""Per-conversation state (the merged profile, recent turns, the last pack) and follow-up rewriting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.advisor.contract import Intent
from app.advisor.engine.recommend import SolutionPick
from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.advisor.understand.place_roles import PlaceRole
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.registration import OWNER_LIVES
from app.text.branch_words import OFFICE
from app.text.clauses import mark
from app.text.normalize import normalize, normalize_cased

# "那杭州呢？", "换成深圳呢", "what about Hangzhou?", "and for Shenzhen?", Cantonese "咁广州呢？".
_FOLLOW_UP = re.compile(
    r"^(?:那|那么|咁|噉|那如果|如果是|换成|改成|还有|and what about|and how about|what about|how about|and for|and in|what if|and)\s*(?:在|是|for|in)?\s*"
    r"(?P<subject>.{1,24}?)\s*(?:呢|的呢|怎么样|如何|的话呢|的话)?\s*[?？。.!！]*$",
    re.IGNORECASE,
)
# "如果我们在深圳注册一家子公司", "要是迁到东莞呢", "What if we register a subsidiary in Shenzhen instead?",
# "Suppose we set up a second company in Suzhou": a place asked about, not where the company is.
# "万一" after a figure is "45万一年" (450,000 a year), not "in case". A marker inside a word supposes nothing:
# "主要是仓库管理乱" states a pain point (review15 r15-23 was answered "假如仓库管理乱…"), as do "只要是", "需要是".
_HYPOTHETICAL = re.compile(
    r"如果|假如|假设(?!备)|假使|(?<![主只需重必想不])要是|若是|倘若|(?<![\d〇零一二三四五六七八九十百千两几半])万一|"
    r"(?<![建预])设想|"
    r"\bwhat if\b|\bif (?:we|i|our company|the company)\b|\bsuppos(?:e|ing)\b|\bimagine\b|\bhypothetically\b|"
    r"\bwere (?:we|i) to\b|\bwould (?:it|anything|things) change\b",
    re.IGNORECASE,
)
# What the owner plans: "plan to open a Shenzhen office next year", "明年打算在深圳设办事处".
_PLANNED = re.compile(
    r"\bplan(?:s|ning)? to\b|\bintend(?:s|ing)? to\b|\bwill (?:open|set up|register|move)\b|\bnext year\b|"
    r"准备|準備|打算|计划|計劃|明年|将来|將來|以后|以後",
    re.IGNORECASE,
)
# A hypothetical governs its own sentence: "Any subsidies if we use AI?" asks nothing about a place named in
# the sentence before ("We're a bakery in Lhasa."), and "万一明年不续了" nothing about "杭州萧山" before it.
_SENTENCE_END = mark(level="sentence")


@dataclass
class Conversation:
    session_id: str
    profile: CompanyProfile = field(default_factory=CompanyProfile)
    turns: list[tuple[str, str]] = field(default_factory=list)  # (role, text)
    last_question: str | None = None
    last_intent: Intent | None = None
    asked_clarification: bool = False
    awaiting_profile: bool = False  # the last answer asked for industry / region / size
    pack: list[SolutionPick] = field(default_factory=list)  # the last pack shown, for "这些方案要多少钱？"
    need_stated: bool = False  # a turn stated a need (by the rules or by its nearest labelled examples)
    # The programs the last answer listed, in its order, and those the last question asked about: what "算力券和
    # 试点", "第二个", "那个券" refer to (engine/program_referents.py).
    shown_programs: list[str] = field(default_factory=list)
    asked_programs: list[str] = field(default_factory=list)
    remember: bool = True  # False: a one-off turn (no session id, or state rebuilt from a chat history)

    @property
    def in_business(self) -> bool:
        """The conversation is about the client's business: a pack, a program or a question was answered."""
        return bool(
            self.pack or self.awaiting_profile or self.last_intent not in (None, "out_of_scope", "smalltalk")
        )

    def user_text(self, limit: int = 6) -> str:
        """Recent user messages, the description the recommender matches needs against."""
        return "\n".join(text for role, text in self.turns[-2 * limit :] if role == "user")


def rewrite_follow_up(message: str, conversation: Conversation, places: RegionGazetteer) -> str | None:
    """Expand an elliptical follow-up using the previous question, or None if it is standalone."""
    previous = conversation.last_question
    text = message.strip()
    match = _FOLLOW_UP.match(text)
    if not previous or not match or len(text) > 40:
        return None
    subject = match.group("subject").strip()
    clients = _clients_places(normalize(subject), places)  # "那深圳的供应商呢" asks about no other place
    named = [(name, place) for name, place in places.mentions(subject) if place in clients]
    if not named:
        return f"{previous} {subject}"
    new_name, new_place = next(((n, p) for n, p in named if p.city), named[0])
    rewritten = normalize(previous)
    # Swap the place where the previous question named it, in whatever script it used:
    # "what does chengdu's voucher cover?" + "And what about Wuhan?" -> "what does wuhan's ...".
    old_names = {name for name, place in places.mentions(previous) if place != new_place}
    for old_name in sorted(old_names, key=len, reverse=True):
        replacement = (
            new_name if old_name.isascii() == new_name.isascii() else (new_place.city or new_place.province)
        )
        rewritten = rewritten.replace(old_name, replacement)
    return rewritten if old_names else f"{subject} {previous}"


def follow_up_place(message: str, places: RegionGazetteer) -> Place | None:
    """The place an elliptical "what about X" follow-up asks about ("那苏州呢", "What about Suzhou?"), or None."""
    match = _FOLLOW_UP.match(message.strip())
    if not match or len(message.strip()) > 40:
        return None
    named = _clients_places(normalize(match.group("subject").strip()), places)
    return next((p for p in named if p.city), named[0]) if named else None


def _clients_places(norm: str, places: RegionGazetteer) -> list[Place]:
    """The places `norm` names for the client, in order: not a program's ("深圳的模型券") nor a supplier's
    ("找深圳的服务商", "a data centre in Guizhou"), which the client does not move to by dealing with them."""
    return [m.place for m in places.roles(norm) if m.role is PlaceRole.client]


def hypothetical_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` speaks hypothetically: from each marker ("如果", "要是", "what if") to the end of its sentence."""
    return [(marker.start(), _sentence_end(text, marker.end())) for marker in _HYPOTHETICAL.finditer(text)]


def without_hypotheticals(text: str, plans: bool = False) -> str:
    """`text` with its hypothetical sentences blanked: what it states ("我们在成都，如果搬到重庆呢" states 成都).

    `plans`: blank what the owner plans too ("plan to open a Shenzhen office next year"): where a firm abroad
    will open an office is not where it is registered. Not where the message says where the owner lives: a
    person abroad who plans a business in China ("我现在住在温哥华，明年回成都开火锅店") plans the business itself,
    unless what is planned is an office or branch (text/branch_words.OFFICE), which a firm opens away from where
    it is.
    """
    chars = list(text)
    spans = hypothetical_spans(text)
    if plans and (OFFICE.search(text) or not OWNER_LIVES.search(text)):
        spans += [(m.start(), _sentence_end(text, m.end())) for m in _PLANNED.finditer(text)]
    for start, end in spans:
        chars[start:end] = "，" * (end - start)
    return "".join(chars)


def _sentence_end(text: str, start: int) -> int:
    end = _SENTENCE_END.search(text, start)
    return end.start() if end else len(text)


def hypothetical_place(message: str, places: RegionGazetteer) -> Place | None:
    """The place a hypothetical asks about ("要是我们把公司迁到东莞呢？", "What if we register a subsidiary in
    Shenzhen?"), or None: the same pack is judged there and the saved profile keeps where the company is.

    Only a place inside the hypothetical sentence counts: "杭州拱墅一个8人的工作室，签智算合同45万一年" and
    "a bakery in Lhasa. Any subsidies if we use AI?" state where the company is. A statement ("我们搬到苏州了",
    "不对，我们在合肥") is no hypothetical: it corrects the profile.
    """
    text = normalize(message)
    # A place the supposition names for a supplier or a program ("如果找深圳的服务商买，深圳的模型券能用吗",
    # "if we buy from a Shenzhen vendor") supposes nothing about where the client is (r11-44).
    named = [
        place for start, end in hypothetical_spans(text) for place in _clients_places(text[start:end], places)
    ]
    # The place asked about is the last one named ("如果从成都搬到重庆"), at city level where one is.
    return next((p for p in reversed(named) if p.city), named[-1]) if named else None


# The marker and the question ending around what a sentence supposes: "如果我哋12月22號先簽合同呢？".
_SUPPOSING_MARKER = re.compile(rf"^(?:{_HYPOTHETICAL.pattern})[\s,，]*", re.IGNORECASE)
_QUESTION_END = re.compile(r"[\s,，]*(?:的话|的話)?(?:呢|吗|嗎|嘅话|會點|会怎样|会怎么样)?[\s?？。.!！]*$")


def supposition_words(message: str) -> str:
    """What the message supposes, in its own words without the marker and the question ending ("我哋12月22号先签合同",
    "we only sign the contract on December 21"): quoted back when the supposition is no profile fact. Empty when
    it supposes nothing."""
    text = normalize_cased(message)
    # The clause the marker opens: "要是12月25号才签约，还能拿训力券吗" supposes "12月25号才签约".
    said = [mark().split(text[start:end])[0] for start, end in hypothetical_spans(text)]
    return "，".join(
        words for part in said if (words := _QUESTION_END.sub("", _SUPPOSING_MARKER.sub("", part)).strip())
    )


def supposed_text(message: str) -> str:
    """What the message supposes rather than states: its hypothetical sentences ("要是改成有限公司呢",
    "What if we register as a limited company?") and the subject of an elliptical follow-up ("那300人的厂呢",
    "and for a 300-person firm?"); empty when it supposes nothing."""
    text = normalize(message)
    parts = [text[start:end] for start, end in hypothetical_spans(text)]
    match = _FOLLOW_UP.match(message.strip())
    if match and len(message.strip()) <= 40:
        parts.append(match.group("subject"))
    return "，".join(parts)
