"""Optional LLM-as-judge scores (faithfulness, relevance) for `aipack eval` when an LLM is configured."""

from __future__ import annotations

import logging
import statistics

from pydantic import BaseModel, Field

from app.advisor.contract import AdviceResponse
from app.components.llm import build_chat_model
from app.components.llm_calls import structured
from app.components.llm_endpoint import capabilities
from app.components.prompts import load_prompt
from app.settings import Settings

log = logging.getLogger(__name__)


class Grade(BaseModel):
    score: int = Field(ge=1, le=5)
    reason: str = ""


class Judge:
    def __init__(self, settings: Settings) -> None:
        self.llm = settings.llm
        self.model = build_chat_model(settings.llm, max_tokens=200)
        self.faithfulness = load_prompt(settings.paths.prompts_dir, "judge_faithfulness")
        self.relevance = load_prompt(settings.paths.prompts_dir, "judge_relevance")

    def _grade(self, prompt: str) -> int | None:
        try:
            # The endpoint's best structured-output method, learned once (json_schema where accepted).
            grade = structured(self.model, Grade, prompt, capabilities(self.llm), self.llm.structured_methods)
        except Exception as exc:  # a judge failure is a missing score, not a failed eval
            log.warning("judge failed: %s", type(exc).__name__)
            return None
        return grade.score if isinstance(grade, Grade) else None

    def grade(self, question: str, response: AdviceResponse) -> dict[str, int | None]:
        passages = "\n".join(f'<passage n="{c.n}">{c.quote}</passage>' for c in response.citations)
        return {
            "faithfulness": self._grade(
                self.faithfulness.render(question=question, answer=response.answer, passages=passages)
            ),
            "relevance": self._grade(self.relevance.render(question=question, answer=response.answer)),
        }


def summarise(grades: list[dict[str, int | None]]) -> dict[str, float | int | None]:
    out: dict[str, float | int | None] = {"judged": len(grades)}
    for key in ("faithfulness", "relevance"):
        values = [g[key] for g in grades if g.get(key) is not None]
        out[key] = round(statistics.mean(v for v in values if v is not None), 2) if values else None
    return out
