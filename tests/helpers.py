"""Small builders shared by tests (fakes and fixtures, never mocks)."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.container import Container
from app.settings import Settings

MINI_KNOWLEDGE = Path(__file__).parent / "data" / "mini_knowledge"


def mini_container(tmp_path: Path) -> Container:
    """A container over a private copy of the tiny knowledge base (embeds in about a second)."""
    knowledge = tmp_path / "knowledge"
    if not knowledge.exists():
        shutil.copytree(MINI_KNOWLEDGE, knowledge)
    settings = Settings(paths={"knowledge_dir": knowledge, "data_dir": tmp_path / "data"})
    return Container(settings)
