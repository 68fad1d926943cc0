"""Client-ready exports of one piece of advice: Markdown and Word (.docx).

Both hold the same sections: profile, pack, funding verdicts with the
arithmetic, how to apply, citations, and the generation date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from app.advisor.compose.wording import (
    DOCUMENT_HEADINGS,
    disclaimer,
    money,
    money_range,
    pick,
    region_label,
    size_label,
    verdict_label,
)
from app.advisor.contract import AdviceResponse
from app.advisor.engine.eligibility import Verdict
from app.catalogue.taxonomy import CATEGORY_LABELS


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str]
    table: list[list[str]] | None = None


def sections(response: AdviceResponse, generated_at: datetime) -> tuple[str, list[Section]]:
    lang = response.language

    def t(key: str) -> str:
        return pick(DOCUMENT_HEADINGS[key], lang)

    p = response.profile
    region = region_label(p.province, p.city) or "—"
    size = size_label(p.size_class, lang) if p.size_class else "—"
    profile_lines = [
        f"{'Region' if lang == 'en' else '地区'}: {region}",
        f"{'Industry' if lang == 'en' else '行业'}: {p.industry_text or p.industry or '—'}",
        f"{'Employees' if lang == 'en' else '员工'}: {p.employees if p.employees is not None else '—'}",
        f"{'Annual revenue' if lang == 'en' else '年营收'}: {money(p.annual_revenue_cny, lang) if p.annual_revenue_cny else '—'}",
        f"{'Budget' if lang == 'en' else '预算'}: {money(p.budget_cny, lang) if p.budget_cny else '—'}",
        f"{'Size class' if lang == 'en' else '企业规模'}: {size}"
        + (f" ({p.size_basis})" if p.size_class else ""),
    ]
    out = [Section(t("profile"), profile_lines)]
    if response.solutions:
        header = (
            ["Solution", "Category", "First year", "After subsidies", "Why"]
            if lang == "en"
            else ["方案", "类别", "首年费用", "补贴后", "理由"]
        )
        rows = [
            [
                s.name,
                pick(CATEGORY_LABELS[s.category], lang),
                money_range(s.first_year_cost_cny.min, s.first_year_cost_cny.max, lang),
                money_range(s.net_first_year_cost_cny.min, s.net_first_year_cost_cny.max, lang),
                s.why,
            ]
            for s in response.solutions
        ]
        out.append(Section(t("pack"), [], [header, *rows]))
    if response.funding:
        lines = [
            f"{f.name} ({f.issuer}) — {verdict_label(Verdict(f.verdict), lang)}: {'; '.join(f.reasons)}. {f.benefit}"
            + (f" [{f.source_url}]" if f.source_url else "")
            for f in response.funding
        ]
        out.append(Section(t("funding"), lines))
    if response.arithmetic:
        out.append(Section(t("arithmetic"), list(response.arithmetic)))
    if response.next_steps:
        out.append(Section(t("steps"), [f"{i}. {s}" for i, s in enumerate(response.next_steps, start=1)]))
    out.append(Section(t("answer"), response.answer.split("\n")))
    if response.citations:
        out.append(
            Section(t("sources"), [f"[{c.n}] {c.title} ({c.source}): {c.quote}" for c in response.citations])
        )
    out.append(Section(t("generated"), [generated_at.strftime("%Y-%m-%d %H:%M"), disclaimer(lang)]))
    return t("title"), out


def to_markdown(response: AdviceResponse, generated_at: datetime | None = None) -> str:
    title, parts = sections(response, generated_at or datetime.now())
    lines = [f"# {title}", ""]
    for section in parts:
        lines += [f"## {section.title}", ""]
        if section.table:
            header, *rows = section.table
            lines.append("| " + " | ".join(header) + " |")
            lines.append("|" + "---|" * len(header))
            lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
        lines += [
            f"- {line}" if section.title not in DOCUMENT_HEADINGS["answer"] else line
            for line in section.lines
        ]
        lines.append("")
    return "\n".join(lines)


def to_docx(response: AdviceResponse, generated_at: datetime | None = None) -> bytes:
    import docx
    from docx.oxml.ns import qn

    title, parts = sections(response, generated_at or datetime.now())
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Microsoft YaHei"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Microsoft YaHei")  # CJK glyphs in Word/WPS
    document.add_heading(title, level=0)
    for section in parts:
        document.add_heading(section.title, level=1)
        if section.table:
            header, *rows = section.table
            table = document.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = text
            for row in rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
        for line in section.lines:
            if line.strip():
                document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
