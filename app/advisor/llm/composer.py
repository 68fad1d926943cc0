"""LLM mode: word the engine's decisions with an OpenAI-compatible model, streaming.

The offline answer is always composed first. The model only rephrases it from a
packed context; its output is checked (citations, programs, numbers, solutions)
and any failure — timeout, 429, 5xx, a cut stream, malformed output, a failed
check — falls back to the offline answer with a notice.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Verdict
from app.advisor.intents import spec
from app.advisor.llm.guard import check_answer, load_places, looks_like_instruction
from app.advisor.turn import Turn
from app.catalogue.models import Catalogue
from app.components.llm import build_chat_model
from app.components.prompts import load_prompt
from app.redact import redact
from app.settings import Settings
from app.text.tokens import count_tokens, truncate_to_tokens

log = logging.getLogger(__name__)
_FULL_STOP = re.compile(r"(?<=[。！？!?\n])")
_LANGUAGE_NAMES = {"zh": "简体中文 (Simplified Chinese)", "en": "English"}


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    if "Timeout" in name:
        return "timeout"
    if "RateLimit" in name:
        return "rate limited (429)"
    status = getattr(exc, "status_code", None)
    if status:
        return f"HTTP {status}"
    if "Connection" in name:
        return "connection lost"
    return name


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
        self.places = load_places(settings.paths.knowledge_dir)

    @property
    def label(self) -> str:
        return f"{self.settings.llm.model} ({self.system.label}, {self.user.label})"

    def _passages(self, turn: Turn, budget: int) -> str:
        if turn.search is not None and turn.search.has_evidence:
            for hit in turn.search.hits[:4]:
                turn.book.cite_hit(hit)
        lines: list[str] = []
        used = 0
        for entry in turn.book.entries:
            quote = "".join(s for s in _FULL_STOP.split(entry.quote) if not looks_like_instruction(s))
            block = f'<passage n="{entry.n}" title="{entry.title}">{quote}</passage>'
            cost = count_tokens(block)
            if used + cost > budget:
                block = truncate_to_tokens(block, max(0, budget - used))
                if block:
                    lines.append(block + "…</passage>")
                break
            lines.append(block)
            used += cost
        return "\n".join(lines)

    def messages(self, turn: Turn) -> tuple[list[BaseMessage], str]:
        budget = self.settings.llm.context_token_budget
        decisions = truncate_to_tokens(turn.answer, budget // 2)  # the offline answer states every decision
        passages = self._passages(turn, budget - count_tokens(decisions))
        system = self.system.render(language_name=_LANGUAGE_NAMES.get(turn.language, "简体中文"))
        question = redact(turn.query) if self.settings.llm.redact_pii else turn.query
        user = self.user.render(intent=turn.intent, question=question, decisions=decisions, passages=passages)
        return [SystemMessage(content=system), HumanMessage(content=user)], decisions + "\n" + passages

    def stream(self, turn: Turn) -> Iterator[str]:
        """Yield answer text as it arrives; leaves `turn.answer` either verified LLM text or the fallback."""
        offline = turn.answer
        messages, context = self.messages(turn)
        parts: list[str] = []
        finished = False
        try:
            for chunk in self.model.stream(messages):
                delta = chunk.content if isinstance(chunk.content, str) else ""
                if delta:
                    parts.append(delta)
                    yield delta
                metadata: dict[str, Any] = getattr(chunk, "response_metadata", {}) or {}
                finished = finished or bool(metadata.get("finish_reason"))
            if not finished:
                raise ConnectionError("stream ended without a finish reason")
        except Exception as exc:  # every failure mode ends in the offline answer
            log.warning("LLM answer failed: %s", _reason(exc))
            yield from self._fallback(turn, offline, _reason(exc))
            return
        report = check_answer(
            "".join(parts),
            allowed_citations={e.n for e in turn.book.entries},
            context=context,
            catalogue=self.catalogue,
            places=self.places,
            allowed_solution_ids={c.pick.solution.id for c in turn.costed},
            needs_citations=spec(turn.intent).substantive,
            secrets=self._secrets(),
            eligible_ids={a.program.id for a in turn.programs if a.verdict is Verdict.eligible},
        )
        if not report.ok:
            # Only the kinds of problem: the details quote the model, which may repeat what it must not.
            kinds = "; ".join(dict.fromkeys(p.split(":")[0] for p in report.problems))
            log.warning("LLM answer rejected: %s", kinds)
            yield from self._fallback(turn, offline, kinds, rejected=True)
            return
        turn.answer = report.answer
        turn.mode = "llm"

    def _secrets(self) -> tuple[str, ...]:
        """Strings an answer must never contain: the key and distinctive lines of our prompts."""
        from app.components.llm import endpoint

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
