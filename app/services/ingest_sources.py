"""What the index should hold: one record per catalogue entry and per chunk of each policy file.

The first stage of an ingest (app.services.ingest): the catalogue is validated before anything is
written, and a policy file that cannot be read is reported and keeps its last good chunks.
"""

from __future__ import annotations

from collections.abc import Callable

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
    entries = [solution_record(s) for s in catalogue.solutions]
    entries += [funding_record(p) for p in catalogue.funding]
    if on_ready:
        on_ready(entries)
    metadata = load_metadata(paths.policies_dir)
    records: list[IndexRecord] = []
    preserved: set[str] = set()
    programs = {p.id for p in catalogue.funding}
    for path in policy_files(paths.policies_dir):
        try:
            document = read_document(path, metadata.get(path.stem))
        except DocumentReadError as exc:
            report.failed[path.name] = f"{exc.problem} → {exc.fix}" if exc.fix else exc.problem
            preserved.add(path.stem)  # a file that broke keeps its last good chunks
            continue
        # A program's official wording is filed as "<program id>-text" (knowledge/policies/metadata.yaml).
        program = path.stem.removesuffix(PROGRAM_TEXT_SUFFIX)
        program = program if path.stem.endswith(PROGRAM_TEXT_SUFFIX) and program in programs else ""
        records += policy_records(document, settings.chunking, segmenter.tag, program)
    if on_ready:
        on_ready(records)
    records += entries
    attach_tokens(records, segmenter)
    return records, preserved
