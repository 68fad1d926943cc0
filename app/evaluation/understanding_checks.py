"""What one advisor reply must show for an understanding case, tallied per check.

Each expectation a case states (a slot value, the intent, a pack, a clarifying question, the reply
language, a clean out-of-scope refusal...) becomes a named pass/fail; only the public `ask --json`
response is read, so the checks survive any restructuring behind `ask`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.settings import PROJECT_ROOT
from app.text.normalize import to_simplified, to_traditional

# Slots compared field by field; "size" pools employees, revenue and size class for the target.
SLOT_FIELDS = {
    # A budget in another currency is kept as stated ("HKD 50,000"), never read as CNY (budget_cny null).
    "budget": ("budget_cny", "budget_other"),
    "place": ("province", "city"),
    # A range the owner gives ("二三十人", "营收五百到八百万") is kept with both ends beside the upper end.
    "employees": ("employees", "employees_range"),
    "revenue": ("annual_revenue_cny", "annual_revenue_range_cny"),
    "size_class": ("size_class",),
    "industry": ("industry",),
    # Systems the client already has; one they want or plan to take up is none ("wants a cloud MES").
    "existing_it": ("existing_it",),
}
SIZE_SLOTS = ("employees", "revenue", "size_class")
OUTSIDE_COVERAGE = re.compile(
    r"覆盖|覆蓋|范围|範圍|境外|海外|国外|國外|中国大陆|中國大陸|outside|not cover|only cover|mainland", re.I
)
FUNDING_FILE = PROJECT_ROOT / "knowledge" / "catalogue" / "funding.yaml"


def program_names(path: Path = FUNDING_FILE) -> list[str]:
    """Catalogue program names (full and before any bracket), to spot a subsidy list in a refusal."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    names: set[str] = set()
    for entry in raw.get("funding", raw) if isinstance(raw, dict) else raw:
        for key in ("name_zh", "name_en", "name"):
            name = str(entry.get(key) or "")
            names.update(n.strip() for n in (name, re.split(r"[（(]", name)[0]) if len(n.strip()) >= 4)
    return sorted(names)


@dataclass
class Tally:
    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hits += ok
        self.total += 1

    @property
    def rate(self) -> float | None:
        return round(self.hits / self.total, 3) if self.total else None


@dataclass
class UnderstandingScores:
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    oos_with_subsidies: int = 0
    oos_with_banner: int = 0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: t.rate for name, t in sorted(self.tallies.items())}
        out["counts"] = {name: t.total for name, t in sorted(self.tallies.items())}
        out["oos_with_subsidies"] = self.oos_with_subsidies
        out["oos_with_banner"] = self.oos_with_banner
        return out


def _number_equal(got: Any, want: Any) -> bool:
    if want is None or got is None:
        return got is None and want is None
    return abs(float(got) - float(want)) <= 0.01 * abs(float(want)) + 0.5


def _slot_ok(response: Any, slot: str, expect: dict[str, Any]) -> bool | None:
    """True/False when the case says something about the slot, None when it does not."""
    profile = response.profile
    if slot == "place" and expect.get("foreign"):
        no_place = profile.province is None and profile.city is None
        return no_place and bool(OUTSIDE_COVERAGE.search(response.answer))
    keys = [k for k in SLOT_FIELDS[slot] if k in expect]
    if not keys:
        return None
    for key in keys:
        got, want = getattr(profile, key, None), expect[key]
        same = (
            _number_equal(got, want)
            if key in ("budget_cny", "annual_revenue_cny", "employees")
            else got is not None and sorted(got) == sorted(want)
            if isinstance(want, list)
            else got == want
        )
        if not same:
            return False
    return True


def _flags_ok(purchase: Any, flags: dict[str, Any]) -> bool:
    """The reader set what the case says of the purchase: bought with a loan, already being paid, where bought."""
    return all(getattr(purchase, name, None) == value for name, value in flags.items())


def _purchases_ok(got: list[Any], want: list[Any]) -> bool:
    """Each wanted purchase ([kind, amount], [kind, amount, {flags}] or the amount alone) matched by one stated
    purchase, none left over: a revenue, last year's spend or an R&D spend read as a contract adds a purchase that
    must not be there. An amount of null is a purchase named without one (its amount unknown)."""
    left = list(got)
    for item in want:
        kind, amount = (item[0], item[1]) if isinstance(item, list) else (None, item)
        flags = item[2] if isinstance(item, list) and len(item) > 2 else {}
        found = next(
            (
                p
                for p in left
                if _number_equal(p.amount_cny, amount) and kind in (None, str(p.kind)) and _flags_ok(p, flags)
            ),
            None,
        )
        if found is None:
            return False
        left.remove(found)
    return not left


_HAN = re.compile(r"[\u3400-\u9fff]")


def answer_in_language(answer: str, lang: str) -> bool:
    """zh-Hant: at most 2% of the Han characters are simplified-only; en: at most 2% of the letters are Han."""
    han = _HAN.findall(answer)
    if lang == "en":
        letters = len(re.findall(r"[A-Za-z]", answer))
        return len(han) <= 0.02 * max(1, letters + len(han))
    if lang == "zh-Hant":
        simplified = sum(1 for ch in han if to_traditional(ch) != ch and to_simplified(ch) == ch)
        return simplified <= 0.02 * max(1, len(han))
    return True


def check_turn(response: Any, expect: dict[str, Any], scores: UnderstandingScores, label: str) -> bool:
    """Score one reply against its expectations; True when every check passed."""
    checks: list[tuple[str, bool]] = []
    for slot in SLOT_FIELDS:
        ok = _slot_ok(response, slot, expect)
        if ok is not None:
            checks.append((f"slot.{slot}", ok))
            if slot in SIZE_SLOTS:
                checks.append(("slot.size", ok))
    if "purchases" in expect:  # what the client buys this year, with their own first-year figure
        checks.append(("slot.purchases", _purchases_ok(response.profile.purchases, expect["purchases"])))
    for key in ("district", "legal_form"):  # whose district it is (a program's is not the client's); the form
        if key in expect:
            checks.append((f"slot.{key}", getattr(response.profile, key) == expect[key]))
    if expect.get("no_pack"):  # a question about a program or a tax is answered, not packed (no need stated)
        checks.append(("no_unasked_pack", not response.solutions))
    if "intent" in expect:
        wanted = expect["intent"] if isinstance(expect["intent"], list) else [expect["intent"]]
        checks.append(("intent", response.intent in wanted))
    if expect.get("need"):
        checks.append(("pack_returned", bool(response.solutions)))
    if expect.get("clarify"):
        regions = {f.region for f in response.funding}
        checks.append(
            ("clarify", bool(response.clarifying_questions) and not response.solutions and len(regions) <= 1)
        )
    if expect.get("foreign"):
        checks.append(("foreign_not_eligible", all(f.verdict != "eligible" for f in response.funding)))
    if "categories_top3_any" in expect:
        top3 = [s.category for s in response.solutions[:3]]
        checks.append(("category_top3", any(c in top3 for c in expect["categories_top3_any"])))
    if "lead_solution_any" in expect:  # the owner's own words name this solution's pain point
        lead = response.solutions[0].id if response.solutions else None
        checks.append(("need_lead", lead in expect["lead_solution_any"]))
    if "solutions_not" in expect:  # nothing unrelated to the need in the pack
        checks.append(("no_filler", not {s.id for s in response.solutions} & set(expect["solutions_not"])))
    if "pack_covers" in expect:  # each stated need answered by one of its solutions, in the order stated
        ids = [s.id for s in response.solutions]
        firsts = [
            min((ids.index(i) for i in group if i in ids), default=-1) for group in expect["pack_covers"]
        ]
        checks.append(("needs_covered", all(f >= 0 for f in firsts)))
        checks.append(("needs_in_order", firsts == sorted(firsts) and all(f >= 0 for f in firsts)))
    if "answer_matches" in expect:
        checks.append(("question_answered", bool(re.search(expect["answer_matches"], response.answer))))
    if "answer_not_matches" in expect:
        checks.append(("question_answered", not re.search(expect["answer_not_matches"], response.answer)))
    if "answer_lang" in expect:
        checks.append(("reply_language", answer_in_language(response.answer, expect["answer_lang"])))
    if expect.get("intent") == "out_of_scope":
        named = any(name in response.answer for name in program_names())
        carries = bool(response.funding or response.solutions or named)
        scores.oos_with_subsidies += carries
        scores.oos_with_banner += (not response.has_evidence) or bool(response.notices)
        checks.append(("oos_clean", not carries))
    for name, ok in checks:
        scores.tallies[name].add(ok)
        if not ok:
            p = response.profile
            scores.failures.append(
                f"{label} {name}: intent={response.intent} budget={p.budget_cny} place={p.province}/{p.city} "
                f"emp={p.employees} rev={p.annual_revenue_cny} ind={p.industry} size={p.size_class} "
                f"sol={[s.category for s in response.solutions[:3]]} want={expect}"
            )
    return all(ok for _, ok in checks)
