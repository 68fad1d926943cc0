"""Turn policy documents and catalogue entries into index records.

A record's id is `<source>#<hash of its indexed text>`, so an unchanged chunk
keeps its id across ingests and is never embedded twice, while any edit to the
text (or to the title prefixed to it) yields a new id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from app.catalogue.models import FundingProgram, Solution
from app.catalogue.render import funding_text, solution_text
from app.components.vector_store import CollectionName
from app.corpus.documents import PolicyDocument
from app.settings import ChunkingSettings
from app.text.chunking import chunk_text, split_sentences
from app.text.normalize import is_traditional, normalize, to_traditional
from app.text.segment import Segmenter
from app.text.speakers import PersonTagger, carried_speakers, speaker_names

Metadata = dict[str, str | int | float | bool]
# Longest neighbouring sentence returned beside a chunk: enough for "汪小帆认为…" before "他建议…".
WINDOW_CHARS = 160
# A chunk that ends by announcing a list ("包括六个方面——") is shown with the next headings.
_LIST_INTRO = ("——", "：", ":")
OUTLINE_HEADINGS = 6


@dataclass
class IndexRecord:
    id: str
    collection: CollectionName
    document: str  # normalised text: embedded, shown to BM25 and stored
    metadata: Metadata = field(default_factory=dict)
    passage: str = ""  # a chunk's own text without its document's header, embedded as well (`record_vectors`)

    @property
    def embedded(self) -> list[str]:
        """The texts e5 embeds for this record: the document, and the passage when it has one."""
        return [self.document, self.passage] if self.passage else [self.document]


def embedding_texts(records: list[IndexRecord]) -> list[str]:
    """Every text to embed for `records`, in the order `record_vectors` reads them back."""
    return [text for record in records for text in record.embedded]


def record_vectors(records: list[IndexRecord], vectors: np.ndarray) -> np.ndarray:
    """One unit vector per record from the rows of `embedding_texts(records)`.

    A chunk of an article is embedded twice and its two vectors averaged: with its header (title, heading,
    speaker) and without. With the header alone, an article's chunks were nearly one point (163 pairs above
    cosine 0.97, all within one article), so the dense side could find the article but not tell its passages
    apart; the passage alone loses which article and speaker it belongs to (dense fact@1 fell on dev3 and
    dev7). The mean keeps both (docs/retrieval_eval.md, session 11).
    """
    rows: list[np.ndarray] = []
    n = 0
    for record in records:
        width = len(record.embedded)
        vector = vectors[n : n + width].mean(axis=0)
        rows.append(vector / (np.linalg.norm(vector) or 1.0))
        n += width
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, vectors.shape[1]), np.float32)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _with_ids(records: list[IndexRecord], source: str) -> list[IndexRecord]:
    seen: dict[str, int] = {}
    for record in records:
        # The passage too: a change to what is embedded must give a new id, or the old vector would be kept.
        base = f"{source}#{_digest(record.document + ('|' + record.passage if record.passage else ''))}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        # Identical passages inside one document (repeated boilerplate) stay distinct.
        record.id = base if count == 0 else f"{base}-{count}"
    return records


def _window(neighbour: str, paragraph_break: bool, *, last: bool) -> str:
    """The neighbouring sentence shown with a chunk (sentence-window retrieval), capped in length: the last
    sentence of the chunk before (`last`) or the first of the chunk after; `paragraph_break`: whether a new
    paragraph starts between the two chunks.

    A sentence never runs across a paragraph break, and across one the window keeps the break: glued on, the
    next paragraph's opening line read as the end of the chunk's sentence (上海's notice: a clause the reprint
    cuts at "最高30……（转载页在此处截断）" ran on into the heading of the summary that follows).
    """
    lines = neighbour.split("\n")
    sentences = split_sentences(lines[-1] if last else lines[0])
    if not sentences:
        return ""
    if last:
        return sentences[-1][-WINDOW_CHARS:] + ("\n" if paragraph_break else "")
    return ("\n" if paragraph_break else "") + sentences[0][:WINDOW_CHARS]


def policy_records(
    document: PolicyDocument,
    chunking: ChunkingSettings,
    tag: PersonTagger | None = None,
    program: str = "",
) -> list[IndexRecord]:
    """One record per chunk; small chunks are indexed, their neighbouring sentences returned with them.

    Each record also carries the speaker in effect when its chunk starts (see `app.text.speakers`),
    in the indexed header and in the metadata, so "他建议…" stays attributable on its own.
    `program`: the catalogue id when the document is that program's official wording, so routing
    can tell a program text from an article (app.services.routing).
    """
    meta = document.meta
    chunks = chunk_text(document.text, max_tokens=chunking.max_tokens, min_tokens=chunking.min_tokens)
    bodies = [normalize(chunk.body) for chunk in chunks]
    names = speaker_names("\n".join(bodies), tag) if tag else []
    speakers = carried_speakers(bodies, names)
    traditional = is_traditional(document.text)
    records: list[IndexRecord] = []
    for i, chunk in enumerate(chunks):
        heading = chunk.heading if chunk.heading and chunk.heading != meta.title else ""
        # Neighbours within the same section only: across a heading the next sentence is another topic.
        previous = chunks[i - 1] if i > 0 and chunks[i - 1].heading == chunk.heading else None
        following = chunks[i + 1] if i + 1 < len(chunks) and chunks[i + 1].heading == chunk.heading else None
        before = _window(previous.body, previous.ends_paragraph, last=True) if previous else ""
        if not previous and heading:
            before = heading + "\n"  # the first chunk of a section reads on from its heading
        after = _window(following.body, chunk.ends_paragraph, last=False) if following else ""
        if not following and chunk.body.endswith(_LIST_INTRO):
            # "重点考虑三个「突出」——": the items are the headings of the sections that follow.
            after = "；".join(dict.fromkeys(c.heading for c in chunks[i + 1 :] if c.heading))
            after = "；".join(after.split("；")[:OUTLINE_HEADINGS])
        speaker = to_traditional(speakers[i]) if traditional else speakers[i]
        header = "\n".join(part for part in (meta.title, heading, speaker) if part)
        records.append(
            IndexRecord(
                id="",
                collection=CollectionName.policies,
                document=f"{normalize(header)}\n{bodies[i]}",  # the body is normalised once
                passage=bodies[i],
                metadata={
                    "source": document.doc_id,
                    "title": meta.title,
                    "heading": heading,
                    "position": chunk.position,
                    "kind": meta.kind,
                    "program": program,
                    "region": meta.region,
                    "publisher": meta.publisher or "",
                    "published": meta.published or "",
                    "url": meta.url or "",
                    "quote": chunk.body,
                    "speaker": speaker,
                    "before": before,
                    "after": after,
                },
            )
        )
    return _with_ids(records, document.doc_id)


def _catalogue_record(
    collection: CollectionName, entry_id: str, text: str, metadata: Metadata
) -> IndexRecord:
    """A catalogue entry is indexed whole, as one record at position 0 quoting its rendered text."""
    record = IndexRecord(
        id="",
        collection=collection,
        document=normalize(text),
        metadata={"source": entry_id, "position": 0, **metadata, "quote": text},
    )
    return _with_ids([record], entry_id)[0]


def solution_record(solution: Solution) -> IndexRecord:
    metadata: Metadata = {
        "title": solution.name_zh,
        "heading": solution.name_en,
        "kind": "solution",
        "region": "全国",
        "category": solution.category.value,
    }
    return _catalogue_record(CollectionName.solutions, solution.id, solution_text(solution), metadata)


def funding_record(program: FundingProgram) -> IndexRecord:
    metadata: Metadata = {
        "title": program.name,
        "heading": program.issuer,
        "kind": "funding",
        "region": program.region.province or "全国",
        "funding_type": program.type.value,
        "reliability": program.provenance.reliability.value,
        "url": program.provenance.source_urls[0],
        "published": program.validity.issued_on.isoformat() if program.validity.issued_on else "",
        "publisher": program.issuer,
    }
    return _catalogue_record(CollectionName.funding, program.id, funding_text(program), metadata)


def attach_tokens(records: list[IndexRecord], segmenter: Segmenter) -> None:
    """Store BM25 tokens in the metadata so any replica can rebuild BM25 from Chroma alone."""
    for record in records:
        record.metadata["bm25"] = " ".join(segmenter.tokens(record.document))
