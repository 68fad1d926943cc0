"""Golden-set loading shared by tests, the benchmark and `aipack eval`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from app.settings import PROJECT_ROOT

GOLDEN_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "golden_retrieval.yaml"
# Written independently of the golden set and before tuning (issue #16): reported, never tuned on.
FRESH_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "fresh_retrieval.yaml"
# Written before session 6's retrieval changes, over all of knowledge/policies/ (program texts too): used with
# the golden and fresh sets to choose changes.
DEV2_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev2.yaml"
# Written before session 7's retrieval changes, over the five articles (a third English, a fifth traditional):
# used with the others to choose changes.
DEV3_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev3.yaml"
# Written before session 8's passage-ranking changes, over the articles and nine program texts (a third English).
DEV4_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev4.yaml"
# Written before session 9's cross-lingual changes, over the articles and 19 program texts (half English).
DEV5_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev5.yaml"
DEV6_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev6.yaml"
# Written before session 11's passage-embedding change, over the articles and 20 program texts (over half English).
DEV7_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev7.yaml"
# Written before session 12's rank-1 changes, over the articles and 14 program texts (over half English).
DEV8_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev8.yaml"
# Written before session 13's rank-1 changes, over the articles' less quoted clauses and 16 program texts (mostly English).
DEV9_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev9.yaml"
# Written before session 14's rank-1 changes: 19 program texts' and the articles' clauses no earlier set quotes.
DEV10_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev10.yaml"
# Written before session 15's retrieval changes: city-program, list and English questions over 19 program texts.
DEV11_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev11.yaml"
# Written before session 16's retrieval changes: English over the traditional-script articles, list and who-said.
DEV12_RETRIEVAL = PROJECT_ROOT / "tests" / "eval" / "retrieval_dev12.yaml"


class RetrievalCase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    question: str
    lang: Literal["zh-Hans", "zh-Hant", "en"]
    expected_source: str | None
    fact: str | None
    # Question type, on the fresh set only: who said it, a list, a number, or a paraphrase.
    kind: Literal["who", "list", "number", "paraphrase"] | None = None

    @property
    def answerable(self) -> bool:
        return self.expected_source is not None


def load_retrieval_cases(path: Path = GOLDEN_RETRIEVAL) -> list[RetrievalCase]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [RetrievalCase.model_validate(item) for item in raw]
