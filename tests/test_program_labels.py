"""Two editions of a program listed in one answer are told apart (review12 r12-57/58: two lines both read
"Chengdu compute voucher"); a program listed alone keeps its short name."""

from __future__ import annotations

from app.advisor.compose.program_labels import names_apart
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")


def test_two_editions_listed_together_carry_their_years() -> None:
    editions = [CATALOGUE.program("cd-compute-voucher-2025"), CATALOGUE.program("cd-compute-voucher-2023")]
    zh = names_apart(editions, en=False)
    assert zh == {
        "cd-compute-voucher-2025": "成都市算力券（2025年版）",
        "cd-compute-voucher-2023": "成都市算力券（2023年版）",
    }
    en = names_apart(editions, en=True)
    assert len(set(en.values())) == 2 and all("edition" in name for name in en.values())


def test_a_program_alone_keeps_its_short_name() -> None:
    alone = [CATALOGUE.program("cd-compute-voucher-2025"), CATALOGUE.program("sz-model-voucher-2024")]
    assert names_apart(alone, en=False)["cd-compute-voucher-2025"] == "成都市算力券"
