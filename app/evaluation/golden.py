"""Golden-set loading shared by tests, the benchmark and `aipack eval`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from app.settings import PROJECT_ROOT

GOLDEN_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "golden_retrieval.yaml"


class RetrievalCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    lang: Literal["zh-Hans", "zh-Hant", "en"]
    expected_source: str | None
    fact: str | None

    @property
    def answerable(self) -> bool:
        return self.expected_source is not None


def load_retrieval_cases(path: Path = GOLDEN_RETRIEVAL) -> list[RetrievalCase]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [RetrievalCase.model_validate(item) for item in raw]
