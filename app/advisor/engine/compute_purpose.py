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
        # "serve"/"host" only of a model: "a restaurant serving 200 guests" rents no compute to serve with
        r"推理|部署|上线|托管|inference|\b(?:serv(?:e|es|ing)|host(?:s|ing)?)\s+(?:\w+\s+){0,2}(?:models?|llms?)\b|"
        r"\bmodel (?:serving|hosting)\b|\bdeploy\w*",
        re.I,
    ),
}
# A purpose said only to deny it ("不训练模型", "唔做訓練", "no training", "not for training", "without
# fine-tuning") is no purpose. Cantonese denies with 唔/冇 ("唔會訓練"), English with a few words between the
# negation and the purpose ("don't do any training", "not used for training").
_DENIED = re.compile(
    r"(?:不|不用|不做|不需要|无需|没有|没|并不|也不|唔|冇|毋须|no|not|without|don't|do not|never|isn't|aren't"
    r"|won't|doesn't|does not)\s*(?:是|会|需要|用来|用于|用嚟|拿来|做|搞|跑){0,3}(?:\w{1,2})?\s*"
    r"(?:(?:for|to|do|doing|any|used|use|them|it|on|of|model|models)\s+){0,3}$",
    re.I,
)
# A purpose word that names a program ("the training voucher", "训练补贴") says which program, not what the
# compute is for.
_NAMES_A_PROGRAM = re.compile(r"\s*(?:compute\s+|算力)?(?:vouchers?\b|subsid|grants?\b|券|补贴|补助)", re.I)
# The purpose with the words that qualify it, quoted back as the client said it: "只做推理", "净系用嚟跑推理",
# "purely for inference", "inference only".
_QUALIFIED = r"(?:(?:只|仅|纯|净系|单纯|就|主要)\s*)?(?:(?:是|用来|用于|用嚟|拿来|做|跑|搞)\s*){0,2}"
_QUALIFIED_EN = (
    r"(?:(?:purely|only|just|mainly|mostly)\s+)?(?:(?:for|to run|run|running|use it for|used for)\s+)?"
)


def stated_purposes(text: str) -> set[str]:
    """The purposes the text states for compute, leaving out those it denies."""
    return set(purpose_words(text))


def purpose_words(text: str) -> dict[str, str]:
    """Each purpose the text states and does not deny, with the client's words for it ("只跑推理", "inference
    only"), in the normalised text (simplified, lower case)."""
    norm = normalize(text).lower()
    found: dict[str, str] = {}
    for purpose, pattern in _PURPOSES.items():
        for match in pattern.finditer(norm):
            if _DENIED.search(norm[max(0, match.start() - 24) : match.start()]) or _NAMES_A_PROGRAM.match(
                norm, match.end()
            ):
                continue
            quoted = re.compile(
                rf"(?:{_QUALIFIED}|{_QUALIFIED_EN}){re.escape(match.group(0))}(?:\s*only|为主)?", re.I
            )
            words = next(
                (
                    q.group(0)
                    for q in quoted.finditer(norm, max(0, match.start() - 16))
                    if q.end() >= match.end()
                ),
                match.group(0),
            )
            found[purpose] = words.strip()
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
