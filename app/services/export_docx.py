"""The Word rendering of an export `Report`: A4, the summary alone on page one, tables with set widths.

Rows never split across pages (a split row leaves an empty stub at the foot of a page), and each
table's header repeats on every page it spans.
"""

from __future__ import annotations

import io
from typing import Any

from app.services.export import Report, Table

FONT = "Microsoft YaHei"  # Word and WPS on Chinese Windows have it; others substitute a CJK font
PAGE_WIDTH_CM = 17.0  # A4 (21 cm) less 2 cm margins


def render_docx(report: Report) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = docx.Document()
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # CJK glyphs in Word/WPS
    document.add_heading(report.title, level=0)
    for label, value in report.facts:
        _labelled(document, label, value, report.colon)
    if report.pain_points:
        document.add_heading(report.word("pain_points"), level=2)
        for point in report.pain_points:
            document.add_paragraph(point, style="List Bullet")
    document.add_heading(report.word("summary"), level=1)
    for label, value in report.summary:
        _labelled(document, label, value, report.colon)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)  # the details start on page two
    document.add_heading(report.word("details"), level=1)
    for title, table in ((report.word("pack_table"), report.pack), (report.word("funding"), report.funding)):
        if table is not None:
            document.add_heading(title, level=2)
            _table(document, table, Cm)
    for key, items, style_name in (
        ("arithmetic", report.arithmetic, "List Bullet"),
        ("steps", report.steps, "List Number"),
        ("sources", report.sources, None),
    ):
        if items:
            document.add_heading(report.word(key), level=2)
            for item in items:
                paragraph = document.add_paragraph(item, style=style_name)
                if style_name is None:
                    paragraph.runs[0].font.size = Pt(9)
    document.add_paragraph(report.disclaimer).runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _labelled(document: Any, label: str, value: str, colon: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = 0
    paragraph.add_run(f"{label}{colon}").bold = True
    paragraph.add_run(value)


def _table(document: Any, table: Table, cm: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    total = sum(table.widths)
    widths = [cm(PAGE_WIDTH_CM * w / total) for w in table.widths]
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    grid.autofit = False
    for row_index, values in enumerate([table.header, *table.rows]):
        row = grid.rows[0] if row_index == 0 else grid.add_row()
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if row_index == 0:
            properties.append(OxmlElement("w:tblHeader"))
        for cell, value, width in zip(row.cells, values, widths, strict=True):
            cell.width = width
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
                run.bold = row_index == 0
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    shading = OxmlElement("w:shd")
    shading.set(qn("w:fill"), "E8EEF4")
    for cell in grid.rows[0].cells:
        cell._tc.get_or_add_tcPr().append(shading.__copy__())
