"""Incremental ingest: what users notice is what gets embedded, kept and removed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import CatalogueError, IndexNotReadyError
from tests.helpers import mini_container


def _sources(container) -> set[str]:
    table = container.retrieval.table()
    return {row.metadata["source"] for row in table.rows}


def test_first_ingest_embeds_everything_and_second_embeds_nothing(tmp_path: Path):
    box = mini_container(tmp_path)
    first = box.ingest.ingest()
    assert first.added > 0
    assert first.removed == 0
    assert first.counts == {"policies": first.counts["policies"], "solutions": 1, "funding": 1}
    second = box.ingest.ingest()
    assert second.skipped
    assert second.added == 0
    assert "up to date" in second.summary()


def test_changed_file_is_re_embedded_and_only_its_changed_chunks(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    alpha = tmp_path / "knowledge" / "policies" / "alpha.txt"
    alpha.write_text(
        alpha.read_text(encoding="utf-8") + "三、申请时间\n每年3月集中受理。\n", encoding="utf-8"
    )
    report = box.ingest.ingest()
    assert report.added == 1
    assert report.removed == 0
    assert any("3月集中受理" in h.text for h in box.retrieval.search("算力券什么时候受理").hits)


def test_deleted_file_disappears_from_dense_and_keyword_search(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    assert "beta" in _sources(box)
    (tmp_path / "knowledge" / "policies" / "beta.md").unlink()
    report = box.ingest.ingest()
    assert report.removed >= 1
    assert "beta" not in _sources(box)
    for strategy in ("dense", "bm25", "hybrid"):
        hits = box.retrieval.search("虫情测报设备", strategy=strategy).hits
        assert all(h.source != "beta" for h in hits), strategy


def test_new_file_dropped_into_the_folder_is_picked_up(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    (tmp_path / "knowledge" / "policies" / "gamma.txt").write_text(
        "渔业企业可申请水产养殖数字化补贴。", encoding="utf-8"
    )
    report = box.ingest.ingest()
    assert report.added == 1
    hit = box.retrieval.search("水产养殖数字化补贴").hits[0]
    assert hit.source == "gamma"
    assert hit.title == "gamma"


def test_broken_catalogue_fails_precisely_and_leaves_the_index_usable(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    before = box.retrieval.search("北京算力券").hits[0].chunk_id
    funding = tmp_path / "knowledge" / "catalogue" / "funding.yaml"
    funding.write_text(
        funding.read_text(encoding="utf-8").replace("ratio: 0.2", "ratio: 1.5"), encoding="utf-8"
    )
    with pytest.raises(CatalogueError) as caught:
        box.ingest.ingest()
    message = str(caught.value)
    assert "funding.yaml" in message
    assert "bj-compute-voucher-2023" in message
    assert "benefit.ratio" in message
    assert "index was left unchanged" in message
    assert box.retrieval.search("北京算力券").hits[0].chunk_id == before


def test_unreadable_file_is_reported_and_its_previous_chunks_are_kept(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    (tmp_path / "knowledge" / "policies" / "alpha.txt").unlink()
    (tmp_path / "knowledge" / "policies" / "alpha.pdf").write_bytes(b"%PDF-1.4 truncated garbage")
    box.ingest.ingest()  # removes alpha.txt's chunks: that file was deleted
    broken = tmp_path / "knowledge" / "policies" / "beta.md"
    broken.unlink()
    (tmp_path / "knowledge" / "policies" / "beta.docx").write_bytes(b"PK\x03\x04 not really a docx")
    report = box.ingest.ingest()
    assert "alpha.pdf" in report.failed
    assert "not a readable PDF" in report.failed["alpha.pdf"]
    assert "beta.docx" in report.failed
    assert "skipped" in report.summary()


def test_rebuild_recreates_the_same_index(tmp_path: Path):
    box = mini_container(tmp_path)
    first = box.ingest.ingest()
    rebuilt = box.ingest.ingest(rebuild=True)
    assert rebuilt.counts == first.counts
    assert rebuilt.added == sum(first.counts.values())
    assert box.retrieval.search("北京算力券").hits


def test_search_without_an_index_says_how_to_build_one(tmp_path: Path):
    box = mini_container(tmp_path)
    with pytest.raises(IndexNotReadyError, match="aipack ingest"):
        box.retrieval.search("算力券")


def test_index_from_another_schema_version_asks_for_rebuild(tmp_path: Path):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    manifest = box.settings.paths.manifest_file
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["schema_version"] = 0
    manifest.write_text(json.dumps(data), encoding="utf-8")
    fresh = mini_container(tmp_path)
    with pytest.raises(IndexNotReadyError, match="--rebuild"):
        fresh.retrieval.search("算力券")


def test_ingest_and_search_open_no_network_connection(tmp_path: Path, network_log: list[str]):
    box = mini_container(tmp_path)
    box.ingest.ingest()
    box.retrieval.search("What is the compute voucher ratio?")
    box.retrieval.search("算力券")
    assert network_log == []
