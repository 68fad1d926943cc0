"""The prompt for an LLM answer, sized to fit the serving model's context.

The engine's decisions (the offline answer) come first, then as many cited passages as
the budget allows. Sizes are counted with the serving model's tokenizer when the server
exposes one (other tokenizers split Chinese into more pieces than cl100k), else with cl100k
plus a margin; the prompt and the answer's `max_tokens` together never exceed `n_ctx`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from app.advisor.llm.guard import looks_like_instruction
from app.advisor.turn import Turn
from app.components.llm_calls import Deadline
from app.components.llm_endpoint import Capabilities
from app.components.prompts import Prompt
from app.redact import redact
from app.settings import LLMSettings
from app.text.tokens import count_tokens, truncate_to_tokens

_FULL_STOP = re.compile(r"(?<=[。！？!?\n])")
_LANGUAGE_NAMES = {"zh": "简体中文 (Simplified Chinese)", "en": "English"}
_TEMPLATE_TOKENS = 24  # chat-template markers around two messages and the assistant's turn
_SMALLEST_BUDGET = 256


class PromptTooLong(ValueError):
    """Even the smallest prompt leaves the answer no room in the model's context."""


@dataclass(frozen=True)
class FittedPrompt:
    messages: list[BaseMessage]
    context: str  # what the answer may draw on: decisions and passages
    max_tokens: int


class AnswerPrompt:
    def __init__(self, settings: LLMSettings, system: Prompt, user: Prompt) -> None:
        self.settings = settings
        self.system = system
        self.user = user

    def passages(self, turn: Turn, budget: int) -> str:
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

    def messages(self, turn: Turn, budget: int | None = None) -> tuple[list[BaseMessage], str]:
        """Messages within `budget` cl100k tokens of decisions and passages."""
        budget = budget or self.settings.context_token_budget
        decisions = truncate_to_tokens(turn.answer, budget // 2)  # the offline answer states every decision
        passages = self.passages(turn, budget - count_tokens(decisions))
        system = self.system.render(language_name=_LANGUAGE_NAMES.get(turn.language, "简体中文"))
        question = redact(turn.query) if self.settings.redact_pii else turn.query
        user = self.user.render(intent=turn.intent, question=question, decisions=decisions, passages=passages)
        return [SystemMessage(content=system), HumanMessage(content=user)], decisions + "\n" + passages

    def fit(self, turn: Turn, caps: Capabilities, deadline: Deadline) -> FittedPrompt:
        """The largest prompt that leaves the answer its `max_tokens` within the model's context."""
        margin = self.settings.token_margin

        def count(text: str) -> int:
            # The server's own count while there is time for it; near the deadline, cl100k + margin.
            return caps.count(text, margin, timeout=min(1.0, deadline.left - 2.0))

        n_ctx = caps.n_ctx or self.settings.context_window
        # Room for the offline answer reworded, with some slack; never more than the ceiling.
        max_tokens = min(self.settings.answer_max_tokens, count(turn.answer) * 3 // 2 + 64)
        budget = self.settings.context_token_budget
        while budget >= _SMALLEST_BUDGET:
            messages, context = self.messages(turn, budget)
            prompt = sum(count(str(m.content)) for m in messages) + _TEMPLATE_TOKENS
            room = n_ctx - prompt
            if room >= max_tokens:
                return FittedPrompt(messages, context, max_tokens)
            # Shrink the packed part by the share that overflowed, and count again.
            budget = int(budget * (n_ctx - max_tokens - _TEMPLATE_TOKENS) / prompt) - 16
        raise PromptTooLong(f"prompt does not fit a {n_ctx}-token context")
