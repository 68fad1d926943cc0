"""What a consultant case requires the answer to (not) say: phrases, its first line, dates, days left, the
honest no's. One group of the checks in consultant_checks.py, kept apart because it reads the answer's words where
the others read its pack, subsidies and verdicts."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.evaluation.answer_phrases import (
    LARGE_FIRM,
    LEAD_IN,
    NOT_FOR_YOU,
    NOT_IN_SOURCES,
    POLICY_QUOTE,
    REFUSE_GUARANTEE,
    compact,
    count,
    date_forms,
    has_any,
    says_no_program,
)
from app.evaluation.consultant_checks import ScoredAnswer
from app.text.normalize import normalize


def _lead(answer: str) -> str:
    return answer.strip().split("\n", 1)[0]


def _brief(answer: str) -> str:
    """The answer above its details heading (the part the UI does not fold)."""
    return re.split(r"\n(?:详细说明|詳細說明|Details):", answer, maxsplit=1)[0]


def _at(answer: str, phrase: str) -> int:
    """Where the phrase is first said (script-blind, spaces ignored), -1 when it is not."""
    return compact(normalize(answer)).find(compact(normalize(phrase)))


def _how_much(answer: str) -> str:
    """The line that answers "how much" ("How much:", "能补多少：", "能補多少："), empty when there is none."""
    heads = ("how much:", "能补多少：", "能補多少：")
    return next((line for line in answer.splitlines() if line.strip().lower().startswith(heads)), "")


# The honest no's a case may require, each a yes/no test of the answer, keyed by its `expect` flag.
_SAID: dict[str, Callable[[ScoredAnswer], bool]] = {
    "not_in_catalogue": lambda a: has_any(a.answer, NOT_IN_SOURCES),
    "no_program_for_place": lambda a: says_no_program(a.answer) and "eligible" not in a.verdicts.values(),
    "refuse_guarantee": lambda a: has_any(a.answer, REFUSE_GUARANTEE),
    # Said up front, where a large firm reads it, not after a list of programs.
    "sme_not_for_you": lambda a: has_any(a.answer[:400], LARGE_FIRM) and has_any(a.answer[:400], NOT_FOR_YOU),
    "no_policy_quote": lambda a: not has_any(a.answer, POLICY_QUOTE),
    "no_funding": lambda a: not a.response.get("funding"),
    "no_solutions": lambda a: not a.response.get("solutions"),
}


def wording_checks(a: ScoredAnswer) -> None:
    """What the answer must (not) say: phrases, its first line, dates, days left, the honest no's."""
    expect, answer = a.expect, a.answer
    if expect.get("answer_any"):
        a.check("answer_any", has_any(answer, expect["answer_any"]), str(expect["answer_any"][:3]))
    for phrase in expect.get("answer_none", []):
        a.check("answer_none", not has_any(answer, [phrase]), phrase)
    for phrase in expect.get("answer_all", []):
        a.check("answer_all", has_any(answer, [phrase]), phrase)
    if expect.get("lead_any"):  # the first line, the direct answer to the question asked
        a.check("lead_any", has_any(_lead(answer), expect["lead_any"]), _lead(answer)[:80])
    for phrase in expect.get("how_much_none", []):  # the "how much" line names only the programs asked about
        a.check("how_much_none", not has_any(_how_much(answer), [phrase]), phrase)
    for program_id, day in (expect.get("deadline_dates") or {}).items():
        if program_id in a.verdicts:
            a.check("deadline_date", has_any(answer, date_forms(day)), f"{program_id} {day}")
    if "names_date" in expect:
        a.check("names_date", has_any(answer, date_forms(expect["names_date"])), str(expect["names_date"]))
    if "days_left" in expect:
        n = expect["days_left"]
        a.check("days_left", has_any(answer, [f"{n}天", f"{n}days", f"{n}day"]), str(n))
    for phrase in expect.get("said_once", []):
        # Said once, not once per program or per section (a reason over five ❌ lines, an end date twice).
        times = count(answer, str(phrase))
        a.check("said_once", times == 1, f"{phrase} x{times}")
    if expect.get("lead_in_kept"):
        # "下面只列当地的项目" / "listed below" promises a list: a program is written out under it.
        promised = has_any(answer, LEAD_IN)
        kept = any(f.get("listed") and f["verdict"] != "ineligible" for f in a.response.get("funding", []))
        a.check("lead_in_kept", not promised or kept, "nothing open listed under the lead-in")
    if expect.get("brief_any"):  # said where the client reads it, not only in the folded details
        a.check("brief_any", has_any(_brief(answer), expect["brief_any"]), str(expect["brief_any"][:2]))
    for first, then in expect.get("before", []):
        # What the question asked leads: `first` is said, and before `then` if that is said at all.
        at, later = _at(answer, first), _at(answer, then)
        a.check("before", at >= 0 and (later < 0 or at < later), f"{first} {at} / {then} {later}")
    for name, test in _SAID.items():
        if expect.get(name):
            a.check(name, test(a), _lead(answer)[:80])
