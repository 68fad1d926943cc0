"""Client-ready exports of one piece of advice: Markdown and Word (.docx).

Both hold the same sections: profile, pack, funding verdicts with the
arithmetic, how to apply, citations, and the generation date.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from app.advisor.contract import AdviceResponse
from app.catalogue.taxonomy import CATEGORY_LABELS, SIZE_LABELS

_VERDICT = {
    "zh": {"eligible": "基本符合", "unknown": "待确认", "ineligible": "不符合"},
    "en": {"eligible": "likely eligible", "unknown": "to confirm", "ineligible": "not eligible"},
}
_TITLES = {
    "zh": (
        "AI赋能包建议书",
        "企业概况",
        "推荐方案",
        "补贴政策判断",
        "补贴计算",
        "申请步骤",
        "引用来源",
        "生成时间",
        "回答全文",
    ),
    "en": (
        "AI enablement pack advice",
        "Company profile",
        "Recommended pack",
        "Funding verdicts",
        "Subsidy arithmetic",
        "How to apply",
        "Sources",
        "Generated",
        "Full answer",
    ),
}
_DISCLAIMER = {
    "zh": "本建议由离线规则和公开资料生成，价格仅供参考；补贴以主管部门最新申报通知为准，申请前请向发文单位确认。",
    "en": "Generated from public sources and deterministic rules; prices are indicative. Confirm every subsidy with the issuing authority before applying.",
}


@dataclass(frozen=True)
class Section:
    title: str
    lines: list[str]
    table: list[list[str]] | None = None


def _money(low: float, high: float) -> str:
    return f"¥{low:,.0f} – ¥{high:,.0f}"


def sections(response: AdviceResponse, generated_at: datetime) -> tuple[str, list[Section]]:
    lang = response.language
    t = _TITLES[lang]
    p = response.profile
    region = "·".join(x for x in (p.province, p.city) if x) or "—"
    size = SIZE_LABELS[p.size_class][1 if lang == "en" else 0] if p.size_class else "—"
    profile_lines = [
        f"{'Region' if lang == 'en' else '地区'}: {region}",
        f"{'Industry' if lang == 'en' else '行业'}: {p.industry_text or p.industry or '—'}",
        f"{'Employees' if lang == 'en' else '员工'}: {p.employees if p.employees is not None else '—'}",
        f"{'Annual revenue' if lang == 'en' else '年营收'}: {f'¥{p.annual_revenue_cny:,.0f}' if p.annual_revenue_cny else '—'}",
        f"{'Budget' if lang == 'en' else '预算'}: {f'¥{p.budget_cny:,.0f}' if p.budget_cny else '—'}",
        f"{'Size class' if lang == 'en' else '企业规模'}: {size}"
        + (f" ({p.size_basis})" if p.size_class else ""),
    ]
    out = [Section(t[1], profile_lines)]
    if response.solutions:
        header = (
            ["Solution", "Category", "First year", "After subsidies", "Why"]
            if lang == "en"
            else ["方案", "类别", "首年费用", "补贴后", "理由"]
        )
        rows = [
            [
                s.name,
                CATEGORY_LABELS[s.category][1 if lang == "en" else 0],
                _money(s.first_year_cost_cny.min, s.first_year_cost_cny.max),
                _money(s.net_first_year_cost_cny.min, s.net_first_year_cost_cny.max),
                s.why,
            ]
            for s in response.solutions
        ]
        out.append(Section(t[2], [], [header, *rows]))
    if response.funding:
        lines = [
            f"{f.name} ({f.issuer}) — {_VERDICT[lang][f.verdict]}: {'; '.join(f.reasons)}. {f.benefit}"
            + (f" [{f.source_url}]" if f.source_url else "")
            for f in response.funding
        ]
        out.append(Section(t[3], lines))
    if response.arithmetic:
        out.append(Section(t[4], list(response.arithmetic)))
    if response.next_steps:
        out.append(Section(t[5], [f"{i}. {s}" for i, s in enumerate(response.next_steps, start=1)]))
    out.append(Section(t[8], response.answer.split("\n")))
    if response.citations:
        out.append(Section(t[6], [f"[{c.n}] {c.title} ({c.source}): {c.quote}" for c in response.citations]))
    out.append(Section(t[7], [generated_at.strftime("%Y-%m-%d %H:%M"), _DISCLAIMER[lang]]))
    return t[0], out


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
            f"- {line}" if section.title not in (_TITLES["zh"][8], _TITLES["en"][8]) else line
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
