"""LLM mode: word the engine's decisions with an OpenAI-compatible model, streaming.

The offline answer is always composed first. The model only rephrases it from a
packed context (context.py), within a wall-clock deadline counted from the question's
arrival; its output is checked for what it adds (citations, programs, numbers, solutions:
guard.py) and for what it drops or bends (decisions.py). Any failure — deadline, 429, 5xx,
a cut stream, malformed output, a failed check — falls back to the offline answer with a notice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Verdict
from app.advisor.intents import spec
from app.advisor.llm.context import AnswerPrompt, PromptTooLong
from app.advisor.llm.decisions import Decisions, degenerate, missing_decisions
from app.advisor.llm.guard import GuardReport, check_answer, load_places
from app.advisor.turn import Turn
from app.catalogue.models import Catalogue
from app.components.llm import build_chat_model, endpoint
from app.components.llm_calls import Deadline, failure_reason, stream_before
from app.components.llm_endpoint import Capabilities, capabilities
from app.components.prompts import load_prompt
from app.settings import Settings

log = logging.getLogger(__name__)


def _reason(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, PromptTooLong) else failure_reason(exc)


def fallback_notice(reason: str, language: Lang, rejected: bool = False) -> str:
    if rejected and language == "en":
        return f"The language model's answer failed the source check ({reason}); this is the offline answer, built from the same evidence."
    if rejected:
        return f"大模型的回答未通过来源核对（{reason}），以下为基于同一依据的离线回答。"
    if language == "en":
        return f"The language model was unavailable ({reason}); this is the offline answer, built from the same evidence."
    return f"大模型服务暂时不可用（{reason}），以下为基于同一依据的离线回答。"


class LLMComposer:
    def __init__(self, settings: Settings, catalogue: Catalogue) -> None:
        self.settings = settings
        self.catalogue = catalogue
        self.model = build_chat_model(settings.llm, streaming=True)
        self.system = load_prompt(settings.paths.prompts_dir, "answer_system")
        self.user = load_prompt(settings.paths.prompts_dir, "answer_user")
        self.prompt = AnswerPrompt(settings.llm, self.system, self.user)
        self.places = load_places(settings.paths.knowledge_dir)

    @property
    def label(self) -> str:
        return f"{self.settings.llm.model} ({self.system.label}, {self.user.label})"

    @cached_property
    def caps(self) -> Capabilities:
        return capabilities(self.settings.llm)  # probes the server on first use, not at start-up

    def stream(self, turn: Turn) -> Iterator[str]:
        """Yield answer text as it arrives; leaves `turn.answer` either verified LLM text or the fallback."""
        offline = turn.answer
        llm = self.settings.llm
        parts: list[str] = []
        finish = None
        try:
            deadline = Deadline(turn.started + llm.deadline_s, llm.deadline_s)
            fitted = self.prompt.fit(turn, self.caps, deadline)
            chunks = stream_before(
                self.model,
                fitted.messages,
                self.caps,
                deadline=deadline,
                first_token_s=llm.first_token_s,
                max_tokens=fitted.max_tokens,
            )
            for chunk in chunks:
                delta = chunk.content if isinstance(chunk.content, str) else ""
                if delta:
                    parts.append(delta)
                    yield delta
                metadata: dict[str, Any] = getattr(chunk, "response_metadata", {}) or {}
                finish = finish or metadata.get("finish_reason")
            if not finish:
                raise ConnectionError("stream ended without a finish reason")
        except Exception as exc:  # every failure mode ends in the offline answer
            log.warning("LLM answer failed: %s", _reason(exc))
            yield from self._fallback(turn, offline, _reason(exc))
            return
        report = self._check("".join(parts), turn, fitted.context)
        decisions = Decisions.of(turn, offline, fitted.context)
        problems = [
            *report.problems,
            *missing_decisions(report.answer, decisions, self.catalogue, self.places),
            *degenerate(report.answer, offline, decisions, self.catalogue, self.places),
        ]
        if finish == "length":
            problems.insert(0, "cut at max_tokens")
        if problems:
            # Only the kinds of problem: the details quote the model, which may repeat what it must not.
            kinds = "; ".join(dict.fromkeys(p.split(":")[0] for p in problems))
            log.warning("LLM answer rejected: %s", kinds)
            yield from self._fallback(turn, offline, kinds, rejected=True)
            return
        turn.answer = report.answer
        turn.mode = "llm"

    def _check(self, answer: str, turn: Turn, context: str) -> GuardReport:
        return check_answer(
            answer,
            allowed_citations={e.n for e in turn.book.entries},
            context=context,
            catalogue=self.catalogue,
            places=self.places,
            allowed_solution_ids={c.pick.solution.id for c in turn.costed},
            needs_citations=spec(turn.intent).substantive,
            secrets=self._secrets(),
            eligible_ids={a.program.id for a in turn.programs if a.verdict is Verdict.eligible},
        )

    def _secrets(self) -> tuple[str, ...]:
        """Strings an answer must never contain: the key and distinctive lines of our prompts."""
        _, key = endpoint(self.settings.llm)
        lines = [
            line.strip() for line in self.system.template.template.splitlines() if len(line.strip()) > 40
        ]
        return (key if key != "sk-local" else "", *lines)

    def _fallback(self, turn: Turn, offline: str, reason: str, rejected: bool = False) -> Iterator[str]:
        notice = fallback_notice(reason, turn.language, rejected)
        turn.notices.append(notice)
        turn.answer = offline
        turn.mode = "offline"
        yield f"\n\n⚠️ {notice}\n\n{offline}"
