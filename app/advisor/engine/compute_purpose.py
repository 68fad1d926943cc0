"""What rented compute is for: training a model or serving one (review10 r10-05).

A compute contract is the catalogue's compute solution, but which one depends on its purpose: GPUs rented to
fine-tune or train a model are the fine-tuning rental; GPUs rented to run a trained model for users (推理, 部署,
上线, inference, serving) are inference hosting. An owner who says "只拿大模型跑推理，不训练模型" was sold the
fine-tuning rental because both are compute. The purpose the client states (and does not deny) chooses; the
catalogue's own names and keywords say which purpose each solution serves, so no solution id is written here.
"""

from __future__ import annotations

import re

from app.catalogue.models import Solution
from app.text.normalize import normalize

TRAIN, SERVE = "train", "serve"
_PURPOSES = {
    TRAIN: re.compile(r"训练|微调|精调|fine-?tun\w*|\btrain(?:s|ing|ed)?\b", re.I),
    SERVE: re.compile(
        r"推理|部署|上线|托管|inference|\bserv(?:e|es|ing)\b|\bhost(?:s|ing)?\b|\bdeploy\w*", re.I
    ),
}
# A purpose said only to deny it ("不训练模型", "no training", "without fine-tuning") is no purpose.
_DENIED = re.compile(
    r"(?:不|不用|不做|不需要|无需|没有|没|并不|也不|no|not|without|don't|do not|never)\s*(?:需要|用来|用于|做|搞|\w{0,2})?\s*$",
    re.I,
)


def stated_purposes(text: str) -> set[str]:
    """The purposes the text states for compute, leaving out those it denies."""
    norm = normalize(text)
    found = set()
    for purpose, pattern in _PURPOSES.items():
        for match in pattern.finditer(norm):
            if not _DENIED.search(norm[max(0, match.start() - 8) : match.start()]):
                found.add(purpose)
                break
    return found


def serves(solution: Solution) -> set[str]:
    """The purposes the catalogue names a solution for, by its names and keywords."""
    text = " ".join([solution.name_zh, solution.name_en, *solution.keywords])
    return {purpose for purpose, pattern in _PURPOSES.items() if pattern.search(text)}


def fits_purpose(solution: Solution, purposes: set[str]) -> bool:
    """The solution serves a purpose the client states, or the client states none, or it names none."""
    own = serves(solution)
    return not purposes or not own or bool(own & purposes)
