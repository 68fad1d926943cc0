"""How long the answers to typical questions are, where an owner or a consultant reads them (issue 14).

The text answer is what `aipack ask` prints, the API's `answer` and the chat (brief shown, details folded);
the export is the Markdown / Word / PDF proposal. Phone screens are estimated from characters per 390×844
screen measured in Chromium with the e2e harness (tests/test_ui_e2e.py prints the real figure for the
chat): about 430 Chinese or 1,000 English characters per screen.

    python bench/answer_length.py [--json out.json]
"""

from __future__ import annotations

import argparse
import io
import json
import uuid
from datetime import date

import docx
import pypdf

from app.advisor.compose.wording import split_details
from app.advisor.service import AdvisorService
from app.container import Container
from app.services.export import to_docx, to_markdown, to_pdf
from app.settings import Settings

CHARS_PER_PHONE_SCREEN = {"zh": 430, "en": 1000}
TODAY = date(2026, 11, 23)  # the tests' date: verdicts depend on it
QUESTIONS = {
    "zh restaurant pack": "我在杭州开了一家20人的餐厅，年营收800万，预算3万以内，想解决点餐慢和备货不准的问题",
    "en factory pack": "We run a 120-person auto parts factory in Suzhou, revenue about 90 million yuan a year. "
    "Machines break down without warning and quality inspection is all manual. Budget 200k. "
    "What would you suggest?",
    "zh funding question": "我们是深圳南山一家15人的AI软件公司，年营收1200万，能申请哪些补贴？算力券和模型券能用吗？",
    "en funding question": "Which subsidies can a 15-person AI startup in Shenzhen get?",
    "zh factory pack": "佛山顺德的家具厂，180人，营收1.6亿，想做AI排产和设备预测性维护，预算35万",
    "zh stacking question": "上海松江区一家做塑料件的工厂，220人，营收2.3亿，想搞AI视觉检测，预算18万，哪些补贴可以叠加申请？",
    "hk pack": "我們在香港荃灣開了一間20人的物流公司，想用AI自動排車和回覆客戶查詢，預算大約20萬港幣，有咩資助？",
}


def measure() -> dict[str, dict[str, float]]:
    box = Container(Settings())
    settings = box.settings.model_copy(
        update={"advisor": box.settings.advisor.model_copy(update={"today": TODAY})}
    )
    advisor = AdvisorService(box.derive(settings))
    out: dict[str, dict[str, float]] = {}
    for name, question in QUESTIONS.items():
        response = advisor.ask(question, session_id=str(uuid.uuid4()))
        per_screen = CHARS_PER_PHONE_SCREEN[response.language]
        brief = split_details(response.answer)[0]
        word = docx.Document(io.BytesIO(to_docx(response, client_name="Client")))
        word_text = [p.text for p in word.paragraphs]
        word_text += [c.text for t in word.tables for row in t.rows for c in row.cells]
        out[name] = {
            "text_chars": len(response.answer),
            "text_lines": len(response.answer.splitlines()),
            "text_screens": round(len(response.answer) / per_screen, 2),
            "brief_chars": len(brief),
            "brief_screens": round(len(brief) / per_screen, 2),
            "api_json_chars": len(response.model_dump_json()),
            "markdown_chars": len(to_markdown(response, client_name="Client")),
            "docx_chars": len("\n".join(word_text)),
            "pdf_pages": len(pypdf.PdfReader(io.BytesIO(to_pdf(response, client_name="Client"))).pages),
        }
        print(name, out[name], flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = measure()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
