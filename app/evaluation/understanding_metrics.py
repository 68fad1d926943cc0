"""Understanding metrics (issue #12) over tests/eval/understanding_*.yaml, on the `ask --json` contract.

Slot accuracy per slot, intent accuracy, the pack-returned rate for messages that state a need,
follow-up resolution in dialogues, out-of-scope answers that still carry subsidies, and the
paraphrase consistency (same top solution and same eligible programs for every phrasing of a need).
Only the public response is read, so the scorer survives any restructuring behind `ask`.

    python -m app.evaluation.understanding_metrics --split dev      # tune on this
    python -m app.evaluation.understanding_metrics --split blind    # held out: start and end only
"""

from __future__ import annotations

import argparse
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import yaml

from app.settings import PROJECT_ROOT
from app.text.normalize import to_simplified, to_traditional

EVAL_DIR = PROJECT_ROOT / "tests" / "eval"
MESSAGES = EVAL_DIR / "understanding_dev.yaml"
DIALOGUES = EVAL_DIR / "understanding_dialogues.yaml"
PARAPHRASES = EVAL_DIR / "understanding_paraphrase.yaml"
REFERENCE_DAY = date(2026, 11, 28)

# Slots compared field by field; "size" pools employees, revenue and size class for the target.
SLOT_FIELDS = {
    "budget": ("budget_cny",),
    "place": ("province", "city"),
    "employees": ("employees",),
    "revenue": ("annual_revenue_cny",),
    "size_class": ("size_class",),
    "industry": ("industry",),
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


class Asker(Protocol):
    def ask(self, message: str, session_id: str | None = None) -> Any: ...


@dataclass
class Turn:
    text: str
    expect: dict[str, Any]
    followup: bool = False


@dataclass
class Case:
    id: str
    split: str
    lang: str
    turns: list[Turn]


def load_messages(path: Path = MESSAGES) -> list[Case]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [Case(c["id"], c["split"], c["lang"], [Turn(c["text"], dict(c["expect"]))]) for c in raw]


def load_dialogues(path: Path = DIALOGUES) -> list[Case]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Case(
            c["id"],
            c["split"],
            c["lang"],
            [Turn(t["text"], dict(t.get("expect") or {}), bool(t.get("followup"))) for t in c["turns"]],
        )
        for c in raw
    ]


def load_paraphrases(path: Path = PARAPHRASES) -> list[tuple[str, list[str]]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [(c["id"], list(c["phrasings"])) for c in raw]


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
        got, want = getattr(profile, key), expect[key]
        same = (
            _number_equal(got, want)
            if key in ("budget_cny", "annual_revenue_cny", "employees")
            else got == want
        )
        if not same:
            return False
    return True


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


def _check_turn(response: Any, expect: dict[str, Any], scores: UnderstandingScores, label: str) -> bool:
    """Score one reply against its expectations; True when every check passed."""
    checks: list[tuple[str, bool]] = []
    for slot in SLOT_FIELDS:
        ok = _slot_ok(response, slot, expect)
        if ok is not None:
            checks.append((f"slot.{slot}", ok))
            if slot in SIZE_SLOTS:
                checks.append(("slot.size", ok))
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


def score_cases(
    advisor: Asker, cases: list[Case], scores: UnderstandingScores | None = None
) -> UnderstandingScores:
    scores = scores or UnderstandingScores()
    for case in cases:
        session = f"und-{case.id}-{uuid.uuid4().hex[:6]}"
        for n, turn in enumerate(case.turns):
            response = advisor.ask(turn.text, session_id=session)
            label = f"{case.id}.{n + 1} [{turn.text[:30]}]"
            passed = _check_turn(response, turn.expect, scores, label)
            if turn.followup:
                scores.tallies["followup_resolved"].add(passed)
    return scores


def eligible_programs(response: Any) -> frozenset[str]:
    return frozenset(f.id for f in response.funding if f.verdict == "eligible")


def score_paraphrases(advisor: Asker, needs: list[tuple[str, list[str]]]) -> dict[str, Any]:
    """A need is consistent when every phrasing gives the same top solution and eligible programs."""
    consistent, failures = 0, []
    for need_id, phrasings in needs:
        seen = set()
        for text in phrasings:
            response = advisor.ask(text, session_id=f"para-{need_id}-{uuid.uuid4().hex[:6]}")
            top = response.solutions[0].id if response.solutions else None
            seen.add((top, eligible_programs(response)))
        consistent += len(seen) == 1
        if len(seen) != 1:
            failures.append(f"{need_id}: {sorted((t or '-', sorted(e)) for t, e in seen)}")
    return {
        "needs": len(needs),
        "consistent": consistent,
        "rate": round(consistent / len(needs), 3),
        "failures": failures,
    }


def run(
    advisor: Asker, split: str, messages_file: Path = MESSAGES, dialogues_file: Path = DIALOGUES
) -> dict[str, Any]:
    def pick(cases: list[Case]) -> list[Case]:
        return [c for c in cases if split == "all" or c.split == split]

    messages = score_cases(advisor, pick(load_messages(messages_file)))
    dialogues = score_cases(advisor, pick(load_dialogues(dialogues_file)))
    report: dict[str, Any] = {
        "split": split,
        "messages": messages.summary(),
        "dialogues": dialogues.summary(),
        "failures": messages.failures + dialogues.failures,
    }
    if split in ("dev", "all"):
        report["paraphrase"] = score_paraphrases(advisor, load_paraphrases())
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "blind", "all"], default="dev")
    parser.add_argument("--out", type=Path, help="write the JSON report here")
    # Fresh case files of the same schema kept outside the repo until scored (a blind set nobody tuned on).
    parser.add_argument("--messages", type=Path, default=MESSAGES, help="single-message case file")
    parser.add_argument("--dialogues", type=Path, default=DIALOGUES, help="dialogue case file")
    args = parser.parse_args()
    from app.container import Container, configure_process

    box = Container()
    configure_process(box.settings)
    advisor_settings = box.settings.advisor.model_copy(update={"today": REFERENCE_DAY})
    box = box.derive(box.settings.model_copy(update={"advisor": advisor_settings}))
    box.ingest.ensure_ready()
    report = run(box.advisor, args.split, args.messages, args.dialogues)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "failures"}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
