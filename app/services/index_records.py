"""Turn policy documents and catalogue entries into index records.

A record's id is `<source>#<hash of its indexed text>`, so an unchanged chunk
keeps its id across ingests and is never embedded twice, while any edit to the
text (or to the title prefixed to it) yields a new id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from app.catalogue.models import FundingProgram, Solution
from app.catalogue.render import funding_text, solution_text
from app.components.vector_store import CollectionName
from app.corpus.documents import PolicyDocument
from app.settings import ChunkingSettings
from app.text.chunking import chunk_text
from app.text.normalize import normalize
from app.text.segment import Segmenter

Metadata = dict[str, str | int | float | bool]


@dataclass
class IndexRecord:
    id: str
    collection: CollectionName
    document: str  # normalised text: embedded and shown to BM25
    metadata: Metadata = field(default_factory=dict)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _with_ids(records: list[IndexRecord], source: str) -> list[IndexRecord]:
    seen: dict[str, int] = {}
    for record in records:
        base = f"{source}#{_digest(record.document)}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        # Identical passages inside one document (repeated boilerplate) stay distinct.
        record.id = base if count == 0 else f"{base}-{count}"
    return records


def policy_records(document: PolicyDocument, chunking: ChunkingSettings) -> list[IndexRecord]:
    meta = document.meta
    records: list[IndexRecord] = []
    for chunk in chunk_text(document.text, max_tokens=chunking.max_tokens, min_tokens=chunking.min_tokens):
        heading = chunk.heading if chunk.heading and chunk.heading != meta.title else ""
        prefix = f"{meta.title}\n{heading}\n" if heading else f"{meta.title}\n"
        records.append(
            IndexRecord(
                id="",
                collection=CollectionName.policies,
                document=normalize(prefix + chunk.body),
                metadata={
                    "source": document.doc_id,
                    "title": meta.title,
                    "heading": heading,
                    "position": chunk.position,
                    "kind": meta.kind,
                    "region": meta.region,
                    "publisher": meta.publisher or "",
                    "published": meta.published or "",
                    "url": meta.url or "",
                    "quote": chunk.body,
                },
            )
        )
    return _with_ids(records, document.doc_id)


def solution_record(solution: Solution) -> IndexRecord:
    text = solution_text(solution)
    record = IndexRecord(
        id="",
        collection=CollectionName.solutions,
        document=normalize(text),
        metadata={
            "source": solution.id,
            "title": solution.name_zh,
            "heading": solution.name_en,
            "position": 0,
            "kind": "solution",
            "region": "全国",
            "category": solution.category.value,
            "quote": text,
        },
    )
    return _with_ids([record], solution.id)[0]


def funding_record(program: FundingProgram) -> IndexRecord:
    text = funding_text(program)
    record = IndexRecord(
        id="",
        collection=CollectionName.funding,
        document=normalize(text),
        metadata={
            "source": program.id,
            "title": program.name,
            "heading": program.issuer,
            "position": 0,
            "kind": "funding",
            "region": program.region.province or "全国",
            "funding_type": program.type.value,
            "reliability": program.provenance.reliability.value,
            "url": program.provenance.source_urls[0],
            "published": program.validity.issued_on.isoformat() if program.validity.issued_on else "",
            "publisher": program.issuer,
            "quote": text,
        },
    )
    return _with_ids([record], program.id)[0]


def attach_tokens(records: list[IndexRecord], segmenter: Segmenter) -> None:
    """Store BM25 tokens in the metadata so any replica can rebuild BM25 from Chroma alone."""
    for record in records:
        record.metadata["bm25"] = " ".join(segmenter.tokens(record.document))
