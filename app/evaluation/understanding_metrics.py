"""Understanding metrics (issue #12) over tests/eval/understanding_*.yaml, on the `ask --json` contract.

Slot accuracy per slot, intent accuracy, the pack-returned rate for messages that state a need,
follow-up resolution in dialogues, out-of-scope answers that still carry subsidies, and the
paraphrase consistency (same top solution and same eligible programs for every phrasing of a need).
Only the public response is read, so the scorer survives any restructuring behind `ask`.
One reply is judged by understanding_checks.py; this module reads the case files, runs them
through an advisor and reports.

    python -m app.evaluation.understanding_metrics --split dev      # tune on this
    python -m app.evaluation.understanding_metrics --split blind    # held out: start and end only
"""

from __future__ import annotations

import argparse
import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import yaml

from app.evaluation.understanding_checks import (
    SLOT_FIELDS,
    Tally,
    UnderstandingScores,
    answer_in_language,
    check_turn,
    program_names,
)
from app.settings import PROJECT_ROOT

__all__ = [  # the scoring pieces live in understanding_checks.py; callers keep importing them from here
    "DIALOGUES",
    "MESSAGES",
    "PARAPHRASES",
    "PARAPHRASES2",
    "SLOT_FIELDS",
    "Case",
    "Tally",
    "Turn",
    "UnderstandingScores",
    "answer_in_language",
    "load_dialogues",
    "load_messages",
    "load_paraphrases",
    "program_names",
    "run",
    "score_cases",
    "score_paraphrases",
]

EVAL_DIR = PROJECT_ROOT / "tests" / "eval"
MESSAGES = EVAL_DIR / "understanding_dev.yaml"
DIALOGUES = EVAL_DIR / "understanding_dialogues.yaml"
PARAPHRASES = EVAL_DIR / "understanding_paraphrase.yaml"
# Session 20's second set: 20 other needs, in zh-Hans, zh-Hant and English.
PARAPHRASES2 = EVAL_DIR / "understanding_paraphrase2.yaml"
REFERENCE_DAY = date(2026, 11, 28)


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


def score_cases(
    advisor: Asker, cases: list[Case], scores: UnderstandingScores | None = None
) -> UnderstandingScores:
    scores = scores or UnderstandingScores()
    for case in cases:
        session = f"und-{case.id}-{uuid.uuid4().hex[:6]}"
        for n, turn in enumerate(case.turns):
            response = advisor.ask(turn.text, session_id=session)
            label = f"{case.id}.{n + 1} [{turn.text[:30]}]"
            passed = check_turn(response, turn.expect, scores, label)
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
        report["paraphrase2"] = score_paraphrases(advisor, load_paraphrases(PARAPHRASES2))
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
