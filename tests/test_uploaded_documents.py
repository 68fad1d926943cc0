"""A policy file the user uploads is theirs: questions naming it are answered from it (issue #12)."""

from __future__ import annotations

from pathlib import Path

from app.advisor.service import AdvisorService
from app.corpus.documents import load_metadata
from tests.helpers import mini_container

NOTICE = "关于印发临江市数据券实施细则的通知\n对购买数据服务的企业给予20%补贴，单个企业最高10万元。\n"


def test_a_question_naming_an_uploaded_file_is_answered_from_it(tmp_path: Path):
    box = mini_container(tmp_path)
    box.knowledge.add_document("linjiang.txt", NOTICE.encode(), details={"publisher": "临江市数据局"})
    meta = load_metadata(box.settings.paths.policies_dir)["linjiang"]
    assert meta.title == "关于印发临江市数据券实施细则的通知" and meta.uploaded

    response = AdvisorService(box).ask("临江市数据券的补贴比例是多少？")
    assert not response.answer.startswith("目录中没有找到")
    assert "以上内容摘自公开报道" not in response.answer  # the user's own file is not a public report
    assert "您上传的文件" in response.answer and "20%" in response.answer
    assert any(c.source == "linjiang" for c in response.citations)
