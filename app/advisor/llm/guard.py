"""Post-generation checks: an LLM answer may only say what the engine and the sources hold.

Used at run time on every LLM answer (a failing answer is replaced by the
offline one). Which programs a text names, and which it invents, is read in engine/voucher_mentions.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.advisor.engine.voucher_mentions import invented_programs, mentioned_programs, without_not_found
from app.advisor.llm.verdicts import promises_eligibility
from app.advisor.understand.gazetteer import RegionGazetteer
from app.catalogue.models import Catalogue, FundingProgram
from app.catalogue.render import funding_text
from app.text.clauses import spans
from app.text.normalize import normalize

_QUANTITY = re.compile(r"(\d+(?:\.\d+)?)\s*(%|万|亿)")
_MARK = re.compile(r"\[(\d+)\]")
# Text addressed to the model rather than to a reader: in a user message it is an attack; in a
# document it must never be quoted as evidence or passed on as a passage.
_INSTRUCTION = re.compile(
    r"忽略(之前|以上|上述|前面|所有|先前)|无视(之前|以上|所有)|(系统|system)\s*(提示|prompt)|提示词|越狱|"
    r"你现在是|扮演|开发者模式|管理员(模式|身份)|不受.{0,6}限制|"
    r"ignore (all |any )?(previous|prior|above|earlier) (instructions|rules|prompts?)|disregard (the |all )?(previous|above)|"
    r"you are now|act as|developer mode|jailbreak|reveal (your|the) (prompt|instructions|system)|"
    r"(print|show|tell me|reveal|output).{0,20}(api[ _-]?key|secret|token|password|env)|"
    r"(api[ _-]?key|openai_api_key|密钥|秘钥)",
    re.IGNORECASE,
)


def looks_like_instruction(text: str) -> bool:
    return bool(_INSTRUCTION.search(normalize(text)))


def unsupported_quantities(answer: str, context: str) -> list[str]:
    """Percentages and 万/亿 amounts in the answer that appear nowhere in the context."""
    known = {f"{float(n):g}{unit}" for n, unit in _QUANTITY.findall(normalize(context))}
    return [
        f"{n}{unit}" for n, unit in _QUANTITY.findall(normalize(answer)) if f"{float(n):g}{unit}" not in known
    ]


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")
# A deadline claim promises as much as an eligibility one ("still open" for an expired program).
_STILL_OPEN = re.compile(r"still open|仍可申报|仍在申报期", re.IGNORECASE)


def _sentences_with_programs(
    answer: str, catalogue: Catalogue, places: RegionGazetteer
) -> list[tuple[str, list[FundingProgram]]]:
    """Each sentence with the programs it speaks of: those it names, else those named earlier on its line.

    A verdict line or an application step goes on after its first sentence ("…：需遴选。支持：最高20%。"),
    and the later sentences still speak of the program the line opened with.
    """
    out: list[tuple[str, list[FundingProgram]]] = []
    for line in answer.splitlines():
        current: list[FundingProgram] = []
        for begin, end in spans(line, level="sentence", semicolon=False, with_mark=True):
            sentence = line[begin:end]
            current = mentioned_programs(sentence, catalogue, places) or current
            out.append((sentence, current))
    return out


def unattributed_claims(
    answer: str, catalogue: Catalogue, places: RegionGazetteer, eligible_ids: set[str]
) -> list[str]:
    """Rates not tied to a program that states them, and eligibility claims for programs the engine did not clear."""
    problems = []
    for sentence, programs in _sentences_with_programs(without_not_found(answer), catalogue, places):
        for number in _PERCENT.findall(sentence):
            percent = f"{float(number):g}%"
            if not any(percent in normalize(funding_text(p)) for p in programs):
                problems.append(f"rate {percent} not attributed to a program that states it")
        # An amount next to a named program must be that program's amount (solution costs name no program).
        for number, unit in _AMOUNT.findall(normalize(sentence)) if programs else []:
            amount = f"{float(number):g}{unit}"
            if not any(amount in normalize(funding_text(p)).replace(" ", "") for p in programs):
                problems.append(f"amount {amount} not stated by {programs[0].id}")
        claims = promises_eligibility(sentence) or _STILL_OPEN.search(sentence)
        if claims and not any(p.id in eligible_ids for p in programs):
            problems.append(f"eligibility claim without an eligible program: {sentence.strip()[:40]}")
    return problems


@dataclass
class GuardReport:
    answer: str
    dropped_citations: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_answer(
    answer: str,
    *,
    allowed_citations: set[int],
    context: str,
    catalogue: Catalogue,
    places: RegionGazetteer,
    allowed_solution_ids: set[str],
    needs_citations: bool,
    secrets: tuple[str, ...] = (),
    eligible_ids: set[str] | None = None,
) -> GuardReport:
    report = GuardReport(answer)
    lowered = answer.lower()
    if any(secret and secret.lower() in lowered for secret in secrets):
        report.problems.append("reveals configuration or keys")

    def keep(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n in allowed_citations:
            return match.group(0)
        report.dropped_citations.append(n)
        return ""

    report.answer = _MARK.sub(keep, answer).strip()
    if not report.answer:
        report.problems.append("empty answer")
    if needs_citations and not _MARK.search(report.answer):
        report.problems.append("no citations")
    if invented := invented_programs(report.answer, catalogue, places):
        report.problems.append(f"programs not in the catalogue: {invented}")
    if numbers := unsupported_quantities(report.answer, context):
        report.problems.append(f"numbers not in the sources: {numbers}")
    if eligible_ids is not None:
        report.problems += unattributed_claims(report.answer, catalogue, places, eligible_ids)
    mentioned = {
        s.id
        for s in catalogue.solutions
        if s.name_zh in report.answer or s.name_en.lower() in report.answer.lower()
    }
    if extra := mentioned - allowed_solution_ids:
        report.problems.append(f"solutions the engine did not choose: {sorted(extra)}")
    return report


def load_places(knowledge_dir: Path) -> RegionGazetteer:
    from app.advisor.understand.gazetteer import regions

    return regions(knowledge_dir)
