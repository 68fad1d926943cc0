"""Reading policy files users drop into knowledge/policies/."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from app.corpus.documents import DocumentMeta, load_metadata, policy_files, read_document
from app.errors import DocumentReadError
from app.settings import PROJECT_ROOT
from tests.pdf_maker import text_pdf


def test_seed_articles_are_present_unchanged_with_metadata():
    folder = PROJECT_ROOT / "knowledge" / "policies"
    seeds = PROJECT_ROOT.parent / "shared" / "seeds"
    files = {p.stem: p for p in policy_files(folder)}
    metadata = load_metadata(folder)
    assert len(files) >= 5
    for doc_id in files:
        assert doc_id in metadata, f"{doc_id} has no metadata entry"
        meta = metadata[doc_id]
        assert (
            meta.title
            and meta.publisher
            and meta.published
            and meta.kind
            in (
                "news",
                "interview",
                "policy_interpretation",
                "policy",  # official texts of catalogued programs (file stem = program id)
            )
        )
    if seeds.exists():  # the shared folder sits beside the repo in CI and dev
        for seed in seeds.glob("*.txt"):
            assert files[seed.stem].read_bytes() == seed.read_bytes()
    assert metadata["001_7e28fbc09382ac23"].url.startswith("https://baijiahao.baidu.com/")


def test_text_pdf_is_extracted(tmp_path: Path):
    pdf = text_pdf(tmp_path / "notice.pdf", ["Compute voucher pilot", "SMEs may claim 30% of GPU rental."])
    document = read_document(pdf, None)
    assert document.doc_id == "notice"
    assert "30% of GPU rental" in document.text
    assert document.meta.title == "notice"


def test_docx_paragraphs_and_tables_are_extracted(tmp_path: Path):
    path = tmp_path / "细则.docx"
    word = docx.Document()
    word.add_paragraph("算力券实施细则")
    word.add_paragraph("按合同金额的50%给予补贴。")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "上限"
    table.rows[0].cells[1].text = "100万元"
    word.save(str(path))
    text = read_document(path, DocumentMeta(title="细则")).text
    assert "50%给予补贴" in text and "上限 | 100万元" in text


def test_gbk_text_file_is_read(tmp_path: Path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("中小企业数字化转型补贴".encode("gbk"))
    assert read_document(path, None).text == "中小企业数字化转型补贴"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "not a readable PDF"),
        ("junk.docx", b"PK\x03\x04 this zip is junk", "not a valid Word .docx"),
        ("empty.txt", b"   \n\n", "no extractable text"),
    ],
)
def test_unreadable_files_give_a_message_naming_the_file_and_the_fix(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentReadError) as caught:
        read_document(path, None)
    assert message in str(caught.value)
    assert name in str(caught.value)
    assert caught.value.fix


def test_encrypted_and_image_only_pdfs_are_explained(tmp_path: Path):
    source = text_pdf(tmp_path / "plain.pdf", ["secret text"])
    locked = PdfWriter(clone_from=str(source))
    locked.encrypt("secret", algorithm="RC4-128")
    locked.write(str(tmp_path / "locked.pdf"))
    with pytest.raises(DocumentReadError, match="password-protected"):
        read_document(tmp_path / "locked.pdf", None)
    blank = PdfWriter()
    blank.add_blank_page(300, 300)
    blank.write(str(tmp_path / "scan.pdf"))
    with pytest.raises(DocumentReadError, match="scanned image"):
        read_document(tmp_path / "scan.pdf", None)
