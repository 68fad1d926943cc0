"""Exports a consultant hands to a client: who it is for first, a one-page summary, no internal ids."""

from __future__ import annotations

import io
from datetime import datetime

import docx
import pypdf

from app.advisor.contract import AdviceResponse
from app.services.export import to_docx, to_markdown, to_pdf

WHEN = datetime(2026, 11, 20, 9, 30)
RESPONSE = AdviceResponse.model_validate(
    {
        "id": "r1",
        "answer": "您的情况：浙江·杭州，餐饮……\n\n建议的AI赋能包：……",
        "language": "zh",
        "intent": "recommend_pack",
        "mode": "offline",
        "profile": {
            "industry": "H",
            "industry_text": "餐饮",
            "province": "浙江",
            "city": "杭州",
            "employees": 20,
            "annual_revenue_cny": 8_000_000,
            "budget_cny": 30_000,
            "pain_points": ["点餐慢", "备货不准"],
            "size_class": "small",
        },
        "solutions": [
            {
                "id": "restaurant-prep-forecast",
                "name": "餐厅客流与备菜量预测",
                "category": "demand_forecasting",
                "score": 0.5,
                "first_year_cost_cny": {"min": 1200, "max": 12600},
                "net_first_year_cost_cny": {"min": 600, "max": 6300},
                "why": "预测次日客流和菜品销量，生成备菜建议",
                "citations": [1],
            }
        ],
        "funding": [
            {
                "id": "hz-compute-voucher-2025",
                "name": "杭州算力券",
                "type": "compute_voucher",
                "issuer": "杭州市经信局",
                "region": "浙江·杭州",
                "verdict": "eligible",
                "reasons": ["注册地符合"],
                "benefit": "按合同金额不超过50%补贴",
                "max_amount_cny": 8_000_000,
                "deadline": None,
                "source_url": "https://example.org/hz",
            }
        ],
        "citations": [
            {
                "n": 1,
                "source": "restaurant-prep-forecast",
                "chunk_id": "restaurant-prep-forecast#catalogue",
                "title": "餐厅客流与备菜量预测",
                "quote": "预测次日客流。（费用依据：团队估算：多为收银SaaS的增值模块。）",
            },
            {
                "n": 2,
                "source": "002_2603e452646e1bca",
                "chunk_id": "002_2603e452646e1bca#6d78aee090aa",
                "title": "关于推出AI赋能包的通知",
                "quote": "面向中小企业推出AI赋能包。",
            },
        ],
        "next_steps": ["1. 向2—3家服务商询价", "2. 关注申报通知"],
        "arithmetic": ["杭州算力券：0.12–1.26万元 × 50% = 600–6,300元"],
    }
)
INTERNAL = ("restaurant-prep-forecast", "hz-compute-voucher-2025", "002_2603e452646e1bca", "费用依据", "#")


def test_word_export_opens_with_the_client_profile_and_summary_and_no_internal_ids():
    document = docx.Document(io.BytesIO(to_docx(RESPONSE, WHEN, client_name="杭州味道餐饮有限公司")))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[1] == "客户：杭州味道餐饮有限公司"
    first_page = "\n".join(paragraphs[: paragraphs.index("详细说明")])
    assert "点餐慢" in first_page and "备货不准" in first_page
    assert "可申请 1 项 · 预计可回补 600–6,300元 · 首年净投入 600–6,300元" in first_page
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    everything = "\n".join(paragraphs) + cells
    assert not [marker for marker in INTERNAL if marker in everything]
    assert "回答全文" not in everything and "建议的AI赋能包：……" not in everything
    widths = [column.width for column in document.tables[0].columns]
    assert widths[-1] > 2 * widths[1]  # the reason column is the wide one, not 6 characters a line
    # A row never breaks across pages (it left an empty stub on the next page).
    rows = [row for table in document.tables for row in table.rows]
    assert rows and all(row._tr.xpath("./w:trPr/w:cantSplit") for row in rows)


def test_markdown_numbers_steps_once_and_pdf_carries_the_same_report():
    markdown = to_markdown(RESPONSE, WHEN, client_name="杭州味道餐饮有限公司")
    assert "1. 向2—3家服务商询价\n2. 关注申报通知" in markdown
    assert "- 1." not in markdown and "1. 1." not in markdown
    pdf = pypdf.PdfReader(io.BytesIO(to_pdf(RESPONSE, WHEN, client_name="杭州味道餐饮有限公司")))
    first = pdf.pages[0].extract_text()
    assert "杭州味道餐饮有限公司" in first and "可申请 1 项" in first
    assert "详细说明" not in first, "a one-page summary: the details start on page two"
    assert "详细说明" in pdf.pages[1].extract_text()
    assert "002_2603e452646e1bca" not in "".join(page.extract_text() for page in pdf.pages)
