"""What a sentence says about a program's eligibility, in the words an answer may use.

One reading for both checks on an LLM answer: the guard (no eligibility promise for a program
the engine did not clear) and the decisions check (every program's verdict carried unchanged).
"""

from __future__ import annotations

import re

from app.advisor.engine.eligibility import Verdict
from app.text.normalize import normalize

# Most specific first: "不符合" must not also read as "符合"; what one verdict's words match is
# removed before the next verdict is looked for.
_VERDICT_WORDS = (
    (
        Verdict.ineligible,
        re.compile(
            r"不符合|不满足|不能申请|无法申请|不可申请|不具备|不适用|not eligible|ineligible|"
            r"(?:does|do)(?: not|n't) qualify|cannot apply|can't apply|not qualify",
            re.IGNORECASE,
        ),
    ),
    (
        Verdict.unknown,
        re.compile(
            r"待确认|待核实|需确认|需要确认|尚不确定|不确定|尚不清楚|有待|是否符合|能否申请|是否可以申请|"
            r"需遴选|须.{0,8}入选|only if|selection required|"
            r"to be confirmed|unclear|unknown|whether|"
            r"not (?:yet )?(?:known|clear|sure)|needs? (?:to be )?confirm|cannot tell|depends on",
            re.IGNORECASE,
        ),
    ),
    (
        Verdict.eligible,
        re.compile(
            r"基本符合|符合条件|符合申请条件|符合要求|可以申请|能申请|可申请|有资格|可享受|能享受|可申领|"
            r"eligible|qualif|can apply",
            re.IGNORECASE,
        ),
    ),
)
# "Confirm with the issuing authority" is a reminder, not a verdict.
REMINDER = re.compile(
    r"(向|与|请).{0,12}(主管部门|发文单位|主管机关).{0,6}(确认|核实)|confirm with|check with", re.IGNORECASE
)


def verdicts_in(sentence: str) -> set[Verdict]:
    """Every verdict the sentence states ("是否符合条件待确认" states only `unknown`)."""
    text = REMINDER.sub("", normalize(sentence))
    found = set()
    for verdict, words in _VERDICT_WORDS:
        if words.search(text):
            found.add(verdict)
            text = words.sub(" ", text)
    return found


def promises_eligibility(sentence: str) -> bool:
    """An unhedged "eligible": "unclear whether you qualify" states eligibility only as a question."""
    said = verdicts_in(sentence)
    return Verdict.eligible in said and Verdict.unknown not in said
