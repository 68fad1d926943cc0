"""Exports a consultant can hand to a client: Markdown, Word (.docx) and PDF.

All three render the same `Report`: the client, profile and pain points first, then a one-page
summary (the summary line, the pack, the programs to apply for, the first step), then the details
(pack table, verdicts, arithmetic, steps, sources). Internal ids (solution, document and chunk ids)
and the chat wording of the answer are left out: the client reads the decisions once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from app.advisor.compose.wording import DOCUMENT_HEADINGS, disclaimer, money_range, pick, verdict_label
from app.advisor.contract import AdviceResponse, Lang
from app.advisor.engine.eligibility import Verdict
from app.catalogue.english import HAN, original
from app.catalogue.taxonomy import CATEGORY_LABELS, INDUSTRY_SECTIONS, SIZE_LABELS
from app.services.advice_summary import place_label, summary_line

# The catalogue's note on where a price comes from is for the team, not for the client.
_COST_NOTE = re.compile(r"[（(]费用依据[:：].*?[）)]$|\s*Cost basis:.*$")
_LEADING_NUMBER = re.compile(r"^\s*\d+[.、)]\s*")


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative column widths; renderers scale them to the page


@dataclass
class Report:
    language: Lang
    title: str
    facts: list[tuple[str, str]]  # client, date, profile fields
    pain_points: list[str]
    summary: list[tuple[str, str]]  # label, text; fits the first page
    pack: Table | None = None
    funding: Table | None = None
    arithmetic: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    disclaimer: str = ""

    def word(self, key: str) -> str:
        return pick(DOCUMENT_HEADINGS[key], self.language)

    @property
    def colon(self) -> str:
        return ": " if self.language == "en" else "："


def build_report(
    response: AdviceResponse, client_name: str = "", generated_at: datetime | None = None
) -> Report:
    lang: Lang = "en" if response.language == "en" else "zh"
    w = _words(lang)
    p = response.profile
    en = lang == "en"
    industry = (
        (INDUSTRY_SECTIONS[p.industry][1] if en else (p.industry_text or INDUSTRY_SECTIONS[p.industry][0]))
        if p.industry in INDUSTRY_SECTIONS
        else (p.industry_text or w["none"])
    )
    facts = [
        (w["client"], client_name.strip() or w["none"]),
        (w["generated"], (generated_at or datetime.now()).strftime("%Y-%m-%d")),
        (w["region"], place_label(response) or w["none"]),
        (w["industry"], industry),
        (w["employees"], str(p.employees) if p.employees is not None else w["none"]),
        (w["revenue"], _amount(p.annual_revenue_cny, lang)),
        (w["budget"], _amount(p.budget_cny, lang)),
        (w["size"], SIZE_LABELS[p.size_class][1 if en else 0] if p.size_class else w["none"]),
    ]
    report = Report(lang, w["title"], facts, list(p.pain_points), _summary(response, lang))
    if response.solutions:
        report.pack = Table(
            [w["solution"], w["first_year"], w["after"], w["why"]],
            [
                [
                    f"{s.name}（{CATEGORY_LABELS[s.category][1 if en else 0]}）",
                    money_range(s.first_year_cost_cny.min, s.first_year_cost_cny.max, lang),
                    money_range(s.net_first_year_cost_cny.min, s.net_first_year_cost_cny.max, lang)
                    if s.net_first_year_cost_cny != s.first_year_cost_cny
                    else w["none"],
                    s.why,
                ]
                for s in response.solutions
            ],
            [3, 2, 2, 6],
        )
    if response.funding:
        report.funding = Table(
            [w["program"], w["verdict"], w["benefit"]],
            [
                [
                    f"{f.name}\n{f.issuer}",
                    f"{verdict_label(Verdict(f.verdict), lang)}{': ' if en else '：'}"
                    + ("; " if en else "；").join(f.reasons),
                    (f.per_firm or f.benefit) + _terms(f.max_amount_cny, f.deadline, lang),
                ]
                for f in response.funding
            ],
            [3, 4, 6],
        )
    report.arithmetic = list(response.arithmetic)
    report.steps = [_LEADING_NUMBER.sub("", step) for step in response.next_steps]
    report.sources = _sources(response, en)
    report.disclaimer = disclaimer(lang)
    return report


def _sources(response: AdviceResponse, en: bool) -> list[str]:
    """One line per source; an English reader gets the English names and the quotes labelled as originals."""
    urls = {f.id: f.source_url for f in response.funding if f.source_url}
    names = (
        {f.id: f.name for f in response.funding} | {s.id: s.name for s in response.solutions} if en else {}
    )
    lines = []
    for c in response.citations:
        title = names.get(c.source, c.title)
        if en and c.source not in names and HAN.search(title):
            title = original(title)
        line = f"[{c.n}] {title}" + (f" — {urls[c.source]}" if c.source in urls else "")
        if quote := _COST_NOTE.sub("", c.quote).strip():
            line += f": {original(quote)}" if en else f"：{quote}"
        lines.append(line)
    return lines


def _words(lang: Lang) -> dict[str, str]:
    return {key: pick(words, lang) for key, words in DOCUMENT_HEADINGS.items()}


def _amount(amount: float | None, lang: Lang) -> str:
    return money_range(amount, amount, lang) if amount else _words(lang)["none"]


def _terms(cap: float | None, deadline: str | None, lang: Lang) -> str:
    w = _words(lang)
    bits = ([f"{w['cap']} {_amount(cap, lang)}"] if cap else []) + (
        [f"{w['deadline']} {deadline}"] if deadline else []
    )
    return f"（{'，'.join(bits)}）" if bits and lang == "zh" else (f" ({', '.join(bits)})" if bits else "")


def _summary(response: AdviceResponse, lang: Lang) -> list[tuple[str, str]]:
    w = _words(lang)
    out: list[tuple[str, str]] = []
    if line := summary_line(response):
        out.append((w["in_short"], line))
    sep = ", " if lang == "en" else "、"
    if response.solutions:
        out.append((w["pack"], sep.join(s.name for s in response.solutions)))
    eligible = [f.name for f in response.funding if f.verdict == "eligible"]
    if eligible:
        out.append((w["apply"], sep.join(eligible)))
    if response.next_steps:
        out.append((w["first_step"], _LEADING_NUMBER.sub("", response.next_steps[0])))
    return out


def to_markdown(response: AdviceResponse, generated_at: datetime | None = None, client_name: str = "") -> str:
    report = build_report(response, client_name, generated_at)
    lines = [f"# {report.title}", ""]
    lines += [f"**{label}**: {value}  " for label, value in report.facts]
    if report.pain_points:
        lines += ["", f"**{report.word('pain_points')}**: " + "; ".join(report.pain_points)]
    lines += ["", f"## {report.word('summary')}", ""]
    lines += [f"- **{label}**: {value}" for label, value in report.summary]
    lines += ["", f"## {report.word('details')}", ""]
    for title, table in ((report.word("pack_table"), report.pack), (report.word("funding"), report.funding)):
        if table is not None:
            lines += [f"### {title}", "", "| " + " | ".join(table.header) + " |"]
            lines.append("|" + "---|" * len(table.header))
            lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in table.rows]
            lines.append("")
    for key, items, numbered in (
        ("arithmetic", report.arithmetic, False),
        ("steps", report.steps, True),
        ("sources", report.sources, False),
    ):
        if items:
            lines += [f"### {report.word(key)}", ""]
            lines += [f"{n}. {item}" if numbered else f"- {item}" for n, item in enumerate(items, start=1)]
            lines.append("")
    lines += ["---", "", report.disclaimer, ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", "<br>")


def to_docx(response: AdviceResponse, generated_at: datetime | None = None, client_name: str = "") -> bytes:
    from app.services.export_docx import render_docx

    return render_docx(build_report(response, client_name, generated_at))


def to_pdf(response: AdviceResponse, generated_at: datetime | None = None, client_name: str = "") -> bytes:
    from app.services.export_pdf import render_pdf

    return render_pdf(build_report(response, client_name, generated_at))
