"""The PDF rendering of an export `Report`, offline.

reportlab's built-in CID font STSong-Light is resolved by the PDF reader (Adobe's Asian font
packs, pdf.js, Poppler), so no font file is bundled or downloaded; it covers Chinese and Latin.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from app.services.export import Report, Table

FONT = "STSong-Light"


def render_pdf(report: Report) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        ListFlowable,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import Table as PdfTable

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=15, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=12)
    h0 = ParagraphStyle("h0", parent=body, fontSize=18, leading=26, spaceAfter=8)
    h1 = ParagraphStyle("h1", parent=body, fontSize=14, leading=20, spaceBefore=10, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=body, fontSize=11.5, leading=17, spaceBefore=8, spaceAfter=3)

    def para(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    def labelled(label: str, value: str) -> Paragraph:
        return Paragraph(f"<b>{escape(label)}</b>{report.colon}{escape(value)}", body)

    width = A4[0] - 4 * cm

    def table(data: Table) -> PdfTable:
        total = sum(data.widths)
        rows = [[para(cell, small) for cell in row] for row in [data.header, *data.rows]]
        grid = PdfTable(rows, colWidths=[width * w / total for w in data.widths], repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF4")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    story: list[object] = [para(report.title, h0)]
    story += [labelled(label, value) for label, value in report.facts]
    if report.pain_points:
        story += [para(report.word("pain_points"), h2)]
        story += [ListFlowable([para(p) for p in report.pain_points], bulletType="bullet")]
    story += [para(report.word("summary"), h1)]
    story += [labelled(label, value) for label, value in report.summary]
    story += [PageBreak(), para(report.word("details"), h1)]
    for title, data in ((report.word("pack_table"), report.pack), (report.word("funding"), report.funding)):
        if data is not None:
            story += [para(title, h2), table(data)]
    for key, items, kind in (
        ("arithmetic", report.arithmetic, "bullet"),
        ("steps", report.steps, "1"),
        ("sources", report.sources, None),
    ):
        if items:
            story.append(para(report.word(key), h2))
            if kind is None:
                story += [para(item, small) for item in items]
            else:
                story.append(ListFlowable([para(i) for i in items], bulletType=kind))
    story += [Spacer(1, 12), para(report.disclaimer, small)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=report.title,
        invariant=1,  # the same report gives the same bytes (no timestamp or random id)
    )
    document.build(story)
    return buffer.getvalue()
