"""The one percentile every bench script reports (latency p50/p95): nearest rank, no interpolation.

Nearest rank so that a reported p95 is a latency that was actually measured, not a value between two.
(app/evaluation/runner.py keeps its own rounding-down p95 for the eval report, whose history it matches.)
"""

from __future__ import annotations


def percentile(values: list[float], q: float) -> float:
    """The value at rank round(q% of n-1) of the sorted values; 0.0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]
