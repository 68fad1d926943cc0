"""Relevance-floor calibration on the golden set.

For each query language, the floor is the midpoint of the gap between the
lowest best-score of an answerable question and the highest best-score of an
unanswerable one; where the groups overlap, the threshold with the best
balanced accuracy is used instead. Prints the values to put in settings.
"""

from __future__ import annotations

from app.container import Container
from app.evaluation.golden import load_retrieval_cases


def _balanced(threshold: float, positives: list[float], negatives: list[float]) -> float:
    tpr = sum(p >= threshold for p in positives) / len(positives)
    tnr = sum(n < threshold for n in negatives) / len(negatives)
    return (tpr + tnr) / 2


def calibrate(box: Container) -> dict[str, dict[str, float]]:
    groups: dict[str, tuple[list[float], list[float]]] = {"zh": ([], []), "en": ([], [])}
    for case in load_retrieval_cases():
        result = box.retrieval.search(case.question)
        positives, negatives = groups["en" if result.language == "en" else "zh"]
        (positives if case.answerable else negatives).append(result.best_score)
    report: dict[str, dict[str, float]] = {}
    for language, (positives, negatives) in groups.items():
        if not positives or not negatives:
            continue
        low, high = min(positives), max(negatives)
        if low > high:
            floor = (low + high) / 2
        else:
            candidates = sorted(set(positives + negatives))

            floor = max(candidates, key=lambda t, p=positives, n=negatives: _balanced(t, p, n))
        report[language] = {"floor": round(floor, 3), "min_answerable": low, "max_unanswerable": high}
    return report


if __name__ == "__main__":
    box = Container()
    box.ingest.ensure_ready()
    for language, values in calibrate(box).items():
        print(
            f"{language}: floor {values['floor']:.3f} (lowest answerable {values['min_answerable']:.3f}, "
            f"highest unanswerable {values['max_unanswerable']:.3f})"
        )
