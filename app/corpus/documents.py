"""Policy documents: reading .txt/.md/.pdf/.docx files and their metadata.

PDF text comes from pypdf and DOCX text from python-docx; both are widely
used and maintained, and neither needs a network or a native toolchain.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.errors import DocumentReadError
from app.text.normalize import clean_text
from app.yaml_loading import safe_load

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
METADATA_FILE = "metadata.yaml"
DocumentKind = Literal["policy", "policy_interpretation", "news", "interview", "other"]


class DocumentMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1)
    publisher: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    region: str = "全国"
    url: str | None = None
    kind: DocumentKind = "policy"
    valid_until: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    uploaded: bool = False  # added by a user through the app: their own file, not a public report


@dataclass(frozen=True)
class PolicyDocument:
    doc_id: str
    path: Path
    meta: DocumentMeta
    text: str  # cleaned, original script: what we quote
    content_hash: str


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_metadata(folder: Path) -> dict[str, DocumentMeta]:
    path = folder / METADATA_FILE
    if not path.exists():
        return {}
    return _parse_metadata(path, path.read_text(encoding="utf-8"))


def _parse_metadata(path: Path, text: str) -> dict[str, DocumentMeta]:
    try:
        raw = safe_load(text) or {}
        return {
            str(doc_id): DocumentMeta.model_validate(entry)
            for doc_id, entry in (raw.get("documents") or {}).items()
        }
    except (yaml.YAMLError, ValidationError, AttributeError) as exc:
        raise DocumentReadError(
            f"{path.name} is not valid document metadata: {exc}",
            f"Fix {path} (see the entries already in it for the format).",
        ) from exc


def save_metadata(folder: Path, doc_id: str, meta: DocumentMeta) -> None:
    """Write one document's entry into metadata.yaml, keeping every other entry as it is."""
    path = folder / METADATA_FILE
    raw = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}
    documents = dict(raw.get("documents") or {})
    documents[doc_id] = meta.model_dump(exclude_defaults=True) | {"title": meta.title}
    raw["documents"] = documents
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def uploaded_documents(folder: Path) -> dict[str, str]:
    """{doc id: title} of the documents users added through the app (their own files, not public reports)."""
    path = folder / METADATA_FILE
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    # Every answer asks (twice); parsing the YAML each time was about 5% of an all-new ask's CPU.
    # Keyed by the file's bytes (a few KB), so an upload or an edit is seen at once (mtimes can repeat).
    return dict(_uploaded_titles(path, raw))


@lru_cache(maxsize=16)
def _uploaded_titles(path: Path, raw: bytes) -> tuple[tuple[str, str], ...]:
    try:
        parsed = _parse_metadata(path, raw.decode("utf-8", errors="replace"))
        return tuple((doc_id, meta.title) for doc_id, meta in parsed.items() if meta.uploaded)
    except DocumentReadError:
        return ()  # a broken metadata file is reported on the knowledge page, not in every answer


def title_from_text(text: str, fallback: str) -> str:
    """The document's own title: its first short line that reads like a heading."""
    for line in text.splitlines()[:15]:
        line = line.strip().strip("#").strip()
        if 4 <= len(line) <= 80 and not line.endswith(("。", "；", "，", ".", ";", ",")):
            return line
    return fallback


def policy_files(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)


def _read_plain(path: Path) -> str:
    data = path.read_bytes()
    # GBK files are common on Chinese desktops (private-gpt #1475 failed on exactly this).
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentReadError(
        f"{path.name} is neither UTF-8 nor GBK text.", "Re-save the file as UTF-8 and ingest again."
    )


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentReadError(
                f"{path.name} is password-protected.", "Remove the password (save an unprotected copy)."
            )
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except DocumentReadError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError) as exc:
        raise DocumentReadError(
            f"{path.name} is not a readable PDF ({type(exc).__name__}: {exc}).",
            "Open it in a PDF viewer and re-export it, or convert it to .txt.",
        ) from exc


def _read_docx(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
    # python-docx surfaces zip, OPC-package and lxml errors unwrapped; any of them means junk.
    except Exception as exc:
        raise DocumentReadError(
            f"{path.name} is not a valid Word .docx file ({type(exc).__name__}).",
            "Open it in Word or WPS and save it again as .docx.",
        ) from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(paragraphs)


def read_document(path: Path, meta: DocumentMeta | None) -> PolicyDocument:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raw = _read_pdf(path)
    elif suffix == ".docx":
        raw = _read_docx(path)
    else:
        raw = _read_plain(path)
    text = clean_text(raw)
    if not text:
        raise DocumentReadError(
            f"{path.name} has no extractable text (empty, or a scanned image).",
            "Add a text version (OCR the scan) and ingest again.",
        )
    return PolicyDocument(
        doc_id=path.stem,
        path=path,
        meta=meta or DocumentMeta(title=path.stem),
        text=text,
        content_hash=file_hash(path),
    )
