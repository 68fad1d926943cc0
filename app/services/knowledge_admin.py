"""Knowledge-base administration for the UI and API: list, upload, delete, validate.

An upload is checked (readable, has text) before it is written into
knowledge/policies/, so a broken file never replaces a good one. Its name is made
safe once (`upload_name`); a name that would land on an existing document (the
same file, or the same document id with another suffix, such as dup.md beside
dup.txt) is refused rather than silently replacing it, and so is an overlong one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from app.catalogue.loader import load_catalogue
from app.corpus.documents import (
    SUPPORTED_SUFFIXES,
    DocumentMeta,
    load_metadata,
    policy_files,
    read_document,
    save_metadata,
    title_from_text,
)
from app.errors import CatalogueError, DocumentReadError, InputError
from app.services.ingest import IngestReport, IngestService, ProgressCallback, read_manifest
from app.services.retrieval import RetrievalService

_SAFE_NAME = re.compile(r"[^\w.\-\u4e00-\u9fff]+")
MAX_UPLOAD_BYTES = 30 * 1024 * 1024
MAX_NAME_BYTES = 150  # UTF-8 bytes: well under the 255 of most file systems, with room for staging prefixes


def upload_name(file_name: str) -> str:
    """The one safe file name an upload is stored under (path parts dropped, odd characters replaced)."""
    return _SAFE_NAME.sub("_", Path(file_name).name).strip("._") or "document"


@dataclass(frozen=True)
class DocumentInfo:
    doc_id: str
    file_name: str
    title: str
    kind: str
    publisher: str
    published: str
    chunks: int
    size_kb: float


@dataclass(frozen=True)
class KnowledgeSummary:
    documents: list[DocumentInfo]
    solutions: int
    funding: int
    last_ingest: str | None
    catalogue_errors: list[str]
    ingest_failures: dict[str, str]


class KnowledgeAdmin:
    def __init__(self, ingest: IngestService, retrieval: RetrievalService) -> None:
        self.ingest = ingest
        self.retrieval = retrieval
        self.folder = ingest.settings.paths.policies_dir

    def summary(self) -> KnowledgeSummary:
        manifest = read_manifest(self.ingest.settings) or {}
        chunk_counts: Counter[str] = Counter()
        try:
            for row in self.retrieval.table().rows:
                chunk_counts[str(row.metadata.get("source"))] += 1
        except Exception:  # no index yet: counts are simply zero
            pass
        metadata = load_metadata(self.folder)
        documents = []
        for path in policy_files(self.folder):
            meta = metadata.get(path.stem)
            documents.append(
                DocumentInfo(
                    doc_id=path.stem,
                    file_name=path.name,
                    title=meta.title if meta else path.stem,
                    kind=meta.kind if meta else "policy",
                    publisher=(meta.publisher or "") if meta else "",
                    published=(meta.published or "") if meta else "",
                    chunks=chunk_counts[path.stem],
                    size_kb=round(path.stat().st_size / 1024, 1),
                )
            )
        errors: list[str] = []
        solutions = funding = 0
        try:
            catalogue = load_catalogue(self.ingest.settings.paths.catalogue_dir)
            solutions, funding = len(catalogue.solutions), len(catalogue.funding)
        except CatalogueError as exc:
            errors = [str(issue) for issue in exc.issues]
        return KnowledgeSummary(
            documents,
            solutions,
            funding,
            manifest.get("ingested_at"),
            errors,
            dict(manifest.get("failed") or {}),
        )

    def add_document(
        self,
        file_name: str,
        content: bytes,
        progress: ProgressCallback | None = None,
        details: dict[str, str] | None = None,
    ) -> IngestReport:
        """Add a file; `details` may set title, publisher, region, published and valid_until.

        The title defaults to the document's own heading, not the file name, so answers cite it the
        way the user knows it; the entry is marked as uploaded (the user's file, not a public report).
        """
        name = upload_name(file_name)
        shown = file_name if len(file_name) <= 80 else file_name[:77] + "…"
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise InputError(
                f"{shown}: unsupported file type.", f"Upload one of {', '.join(SUPPORTED_SUFFIXES)}."
            )
        if len(name.encode("utf-8")) > MAX_NAME_BYTES:
            raise InputError(
                f"The file name {shown} is too long ({len(name.encode('utf-8'))} bytes).",
                f"Rename the file to at most {MAX_NAME_BYTES} bytes (about {MAX_NAME_BYTES // 3} Chinese "
                "characters) and upload it again.",
            )
        taken = [p.name for p in policy_files(self.folder) if p.stem == Path(name).stem]
        if taken:
            raise InputError(
                f"{shown} would be stored as {name}, but the knowledge base already has {taken[0]} "
                f"(document '{Path(name).stem}').",
                "Rename your file, or delete the existing document first if this one replaces it.",
            )
        if not content:
            raise InputError(f"{file_name} is empty.", "Choose a file that has text in it.")
        if len(content) > MAX_UPLOAD_BYTES:
            raise InputError(
                f"{file_name} is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MB.", "Split it into parts."
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        staging = self.folder.parent / f".upload-{name}"
        staging.write_bytes(content)
        try:
            document = read_document(staging, None)  # raises DocumentReadError with the fix
            meta = _upload_meta(document.text, Path(name).stem, details or {})
            staging.replace(self.folder / name)
            save_metadata(self.folder, Path(name).stem, meta)
        except DocumentReadError as exc:
            raise DocumentReadError(exc.problem.replace(staging.name, file_name), exc.fix) from exc
        finally:
            staging.unlink(missing_ok=True)
        return self.ingest.ingest(progress=progress)

    def update_details(self, doc_id: str, details: dict[str, str]) -> DocumentMeta:
        """Change an uploaded document's title, publisher, region or validity (re-ingest to apply)."""
        current = load_metadata(self.folder).get(doc_id)
        if current is None and not any(p.stem == doc_id for p in policy_files(self.folder)):
            raise InputError(
                f"There is no document '{doc_id}'.", "Refresh the list and pick an existing document."
            )
        base = current.model_dump() if current else {"title": doc_id, "uploaded": True}
        meta = _validated({**base, **{k: v for k, v in details.items() if v}})
        save_metadata(self.folder, doc_id, meta)
        return meta

    def delete_document(self, doc_id: str, progress: ProgressCallback | None = None) -> IngestReport:
        matches = [p for p in policy_files(self.folder) if p.stem == doc_id]
        if not matches:
            raise InputError(
                f"There is no document '{doc_id}'.", "Refresh the list and pick an existing document."
            )
        for path in matches:
            path.unlink()
        return self.ingest.ingest(progress=progress)


def _validated(data: dict[str, object]) -> DocumentMeta:
    try:
        return DocumentMeta.model_validate(data)
    except ValueError as exc:
        raise InputError(
            f"Document details are not valid: {exc}", "Dates are YYYY-MM-DD; the title cannot be empty."
        ) from exc


def _upload_meta(text: str, stem: str, details: dict[str, str]) -> DocumentMeta:
    fields = {k: v.strip() for k, v in details.items() if isinstance(v, str) and v.strip()}
    fields.setdefault("title", title_from_text(text, stem))
    return _validated({**fields, "uploaded": True})
