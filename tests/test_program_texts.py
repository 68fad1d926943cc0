"""A program text is one document with the catalogue entries it is the official wording of.

Shanghai's compute, model and corpus vouchers are articles 1-3 of one notice, filed once as
`sh-ai-application-measures-2025-text`: named after none of them, its clauses ranked as an article's, below
other cities' corpus-voucher entries for "Shanghai's corpus voucher" (dev10). The link by address puts the
notice and its three entries in one document, so its clause leads their summaries.
"""

from __future__ import annotations

from app.catalogue.loader import load_catalogue
from app.corpus.documents import load_metadata
from app.services.ingest_sources import text_programs
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
URLS = {stem: meta.url for stem, meta in load_metadata(PROJECT_ROOT / "knowledge" / "policies").items()}


def test_a_notice_holding_several_programs_is_one_document_with_their_entries() -> None:
    links = text_programs(CATALOGUE, URLS)
    key = links["sh-ai-application-measures-2025-text"]
    assert {
        links[p] for p in ("sh-compute-voucher-2025", "sh-model-voucher-2025", "sh-corpus-voucher-2025")
    } == {key}


def test_a_text_named_after_its_program_stays_that_programs_own() -> None:
    links = text_programs(CATALOGUE, URLS)
    assert links["wh-compute-voucher-2025-text"] == "wh-compute-voucher-2025"
    assert "000_92d68ac8b52ed137" not in links  # an article is no program's text
