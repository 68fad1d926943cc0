"""What the index should hold: one record per catalogue entry and per chunk of each policy file.

The first stage of an ingest (app.services.ingest): the catalogue is validated before anything is
written, and a policy file that cannot be read is reported and keeps its last good chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from app.catalogue.loader import load_catalogue
from app.catalogue.models import Catalogue
from app.corpus.documents import load_metadata, policy_files, read_document
from app.errors import DocumentReadError
from app.services.index_records import (
    IndexRecord,
    attach_tokens,
    funding_record,
    policy_records,
    solution_record,
)
from app.services.ingest_report import IngestReport
from app.settings import Settings
from app.text.segment import Segmenter

PROGRAM_TEXT_SUFFIX = "-text"


def desired_records(
    settings: Settings,
    segmenter: Segmenter,
    report: IngestReport,
    on_ready: Callable[[list[IndexRecord]], None] | None = None,
    on_catalogue: Callable[[Catalogue], None] | None = None,
) -> tuple[list[IndexRecord], set[str]]:
    """All records the index should hold, plus sources whose old chunks must be kept.

    `on_ready` gets each group of records as soon as their indexed text is final (catalogue
    entries first, then the documents), before the BM25 tokens: a build starts embedding them
    while the rest is prepared. `on_catalogue` gets the validated catalogue (the ingest learns the
    English questions' lexicon from it). Unreadable files are named in `report.failed`.
    """
    paths = settings.paths
    catalogue = load_catalogue(paths.catalogue_dir)  # raises before any write
    if on_catalogue:
        on_catalogue(catalogue)
    metadata = load_metadata(paths.policies_dir)
    files = policy_files(paths.policies_dir)
    addresses = {path.stem: meta.url if (meta := metadata.get(path.stem)) else None for path in files}
    texts = text_programs(catalogue, addresses)
    entries = [solution_record(s) for s in catalogue.solutions]
    for program in catalogue.funding:
        entry = funding_record(program)
        if texts.get(program.id, program.id) != program.id:
            entry.metadata["program"] = texts[program.id]  # one document with the text it shares
        entries.append(entry)
    if on_ready:
        on_ready(entries)
    records: list[IndexRecord] = []
    preserved: set[str] = set()
    for path in files:
        try:
            document = read_document(path, metadata.get(path.stem))
        except DocumentReadError as exc:
            report.failed[path.name] = f"{exc.problem} → {exc.fix}" if exc.fix else exc.problem
            preserved.add(path.stem)  # a file that broke keeps its last good chunks
            continue
        records += policy_records(document, settings.chunking, segmenter.tag, texts.get(path.stem, ""))
    if on_ready:
        on_ready(records)
    records += entries
    attach_tokens(records, segmenter)
    return records, preserved


def text_programs(catalogue: Catalogue, urls: Mapping[str, str | None]) -> dict[str, str]:
    """Which catalogued program each program text (a policies file "<name>-text") is the official wording of,
    and the same key for each catalogue entry that shares a text with other entries: the text and the entries
    are then one document (ChunkTable.document_of), the text's clause ranked before the entries' summary.

    A text filed as "<program id>-text" is that program's. Another is the wording of the programs whose
    catalogue entries cite its address (`urls`: file stem -> the address metadata.yaml gives it): one set of
    measures often holds several programs (上海's compute, model and corpus vouchers are articles 1-3 of one
    notice), and its file cannot be named after all of them. Without the link its clauses ranked as an
    article's, below other cities' entries for the same kind of voucher.
    """
    programs = {p.id for p in catalogue.funding}
    links: dict[str, str] = {}
    texts = {stem: url for stem, url in urls.items() if stem.endswith(PROGRAM_TEXT_SUFFIX)}
    for stem in texts:  # a program's own text first: it stays that program's whatever else cites
        if (own := stem.removesuffix(PROGRAM_TEXT_SUFFIX)) in programs:
            links[stem] = links[own] = own
    for stem, url in texts.items():
        citing = sorted(p.id for p in catalogue.funding if url and url in p.provenance.source_urls)
        citing = [p for p in citing if p not in links]
        if stem in links or not citing:
            continue
        links[stem] = citing[0]
        for program_id in citing:
            links[program_id] = citing[0]
    return links
