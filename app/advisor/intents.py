"""Every intent in one registry: how it is answered and how the turn after it is treated.

A new intent is one `IntentSpec` here, one `TurnHandlers` method (handlers.py or answering/) and
its name in `contract.Intent`. Detection stays one ordered cascade in understand/classify.py,
because which intent wins when two match is itself a decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from app.advisor.contract import Intent
from app.advisor.handlers import TurnHandlers
from app.advisor.turn import Turn

# The next questions the UI offers after an answer (their words are in ui/texts.py).
FollowUp = Literal["apply", "pack", "compare", "place", "starters", "stack", "deadline"]


@dataclass(frozen=True)
class IntentSpec:
    name: Intent
    handler: Callable[[TurnHandlers, Turn], None]
    # Answered from the sources: the LLM may compose it, it needs citations, and it is the
    # question a follow-up ("那杭州呢？") continues. Greetings and refusals are not.
    substantive: bool = True
    follow_ups: tuple[FollowUp, ...] = ()


_SPECS = [
    IntentSpec(
        "recommend_pack", TurnHandlers.recommend, follow_ups=("apply", "compare", "stack", "deadline")
    ),
    IntentSpec(
        "funding_eligibility", TurnHandlers.eligibility, follow_ups=("stack", "deadline", "apply", "pack")
    ),
    IntentSpec("how_to_apply", TurnHandlers.how_to_apply, follow_ups=("pack",)),
    IntentSpec("policy_question", TurnHandlers.policy, follow_ups=("place", "pack")),
    IntentSpec("compare_solutions", TurnHandlers.compare, follow_ups=("apply",)),
    IntentSpec("cost_estimate", TurnHandlers.cost, follow_ups=("apply",)),
    IntentSpec("smalltalk", TurnHandlers.smalltalk, substantive=False, follow_ups=("starters",)),
    IntentSpec("out_of_scope", TurnHandlers.out_of_scope, substantive=False),
]
INTENTS: dict[Intent, IntentSpec] = {spec.name: spec for spec in _SPECS}
# Checked when the module loads, so a missing spec stops start-up instead of failing a user's turn.
if set(INTENTS) != set(get_args(Intent)):
    raise RuntimeError(f"intents without a spec: {sorted(set(get_args(Intent)) - set(INTENTS))}")


def spec(intent: Intent) -> IntentSpec:
    return INTENTS[intent]
