"""Every retrieval set in one run: hybrid beside its dense and BM25 baselines, fact@1 / fact@5, on one index.

`bench/run.py` builds a fresh index and times it; this scores the sets only, on an index already built in
`--data-dir` (built there first when missing), so a ranking change is measured before and after on the same
vectors in minutes. The team's sets (golden, fresh, dev2…) are listed with their English subset; `--blind`
adds the held-out regression sets (tests/eval/blind*/retrieval_*.yaml), which are run, never read or tuned on:
only their totals are printed. `--ranks FILE` writes each team question's fact rank (hybrid) as JSON, to
compare two runs question by question.

    nice python bench/retrieval_sets.py --data-dir /tmp/aipack-sets [--blind] [--ranks before.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.container import Container
from app.evaluation.golden import GOLDEN_RETRIEVAL, PROJECT_ROOT, RetrievalCase, load_retrieval_cases
from app.services.retrieval import RetrievalService, Strategy
from app.settings import Settings
from app.text.normalize import compact

EVAL = PROJECT_ROOT / "tests" / "eval"
STRATEGIES: tuple[Strategy, ...] = ("hybrid", "dense", "bm25")


def team_sets() -> list[tuple[str, Path]]:
    """golden, fresh and every retrieval_devN.yaml, in the order the sets were written."""
    devs = sorted(EVAL.glob("retrieval_dev*.yaml"), key=lambda p: int(p.stem.removeprefix("retrieval_dev")))
    return [
        ("golden", GOLDEN_RETRIEVAL),
        ("fresh", EVAL / "fresh_retrieval.yaml"),
        *((p.stem.removeprefix("retrieval_"), p) for p in devs),
    ]


def blind_sets() -> list[tuple[str, Path]]:
    found = [(p.parent.name, p) for p in EVAL.glob("blind*/retrieval_blind*.yaml")]
    return sorted(found, key=lambda s: int(s[0].removeprefix("blind")))


def fact_rank(service: RetrievalService, case: RetrievalCase, strategy: Strategy) -> int | None:
    """The rank of the first of the top 5 passages holding the case's fact, or None."""
    needle = compact(case.fact or "")
    hits = service.search(case.question, k=5, strategy=strategy).hits
    return next((n for n, hit in enumerate(hits, start=1) if needle in compact(hit.text)), None)


def score(
    service: RetrievalService, cases: list[RetrievalCase], strategies: tuple[Strategy, ...] = STRATEGIES
) -> dict[Strategy, list[int | None]]:
    answerable = [c for c in cases if c.answerable]
    return {s: [fact_rank(service, c, s) for c in answerable] if s in strategies else [] for s in STRATEGIES}


def at(ranks: list[int | None], k: int) -> str:
    return f"{sum(r is not None and r <= k for r in ranks) / (len(ranks) or 1):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data-dir", type=Path, required=True, help="index to score (built here if missing)")
    parser.add_argument("--blind", action="store_true", help="also run the held-out blind sets (totals only)")
    parser.add_argument("--ranks", type=Path, help="write the team questions' hybrid fact ranks here (JSON)")
    parser.add_argument(
        "--hybrid", action="store_true", help="hybrid only (a ranking change moves no baseline)"
    )
    parser.add_argument(
        "--only", nargs="*", help="score only these sets (labels: golden, fresh, dev13, blind9…)"
    )
    args = parser.parse_args()
    box = Container(Settings(paths={"data_dir": args.data_dir}))
    if not box.settings.paths.manifest_file.exists():
        box.ingest.ingest()
    service = box.retrieval
    print(
        f"{'set':<8} {'n':>4}  {'hybrid @1/@5':<13}  {'dense @1/@5':<13}  {'BM25 @1/@5':<13}  English hybrid"
    )
    ranks: dict[str, int | None] = {}
    totals: dict[str, list[int | None]] = {}
    sets = team_sets() + (blind_sets() if args.blind or args.only else [])
    for label, path in [s for s in sets if not args.only or s[0] in args.only]:
        cases = load_retrieval_cases(path)
        scored = score(service, cases, ("hybrid",) if args.hybrid else STRATEGIES)
        answerable = [c for c in cases if c.answerable]
        english = [r for r, c in zip(scored["hybrid"], answerable, strict=True) if c.lang == "en"]
        row = "  ".join(f"{at(scored[s], 1)} / {at(scored[s], 5)}" for s in STRATEGIES)
        print(f"{label:<8} {len(answerable):>4}  {row}  n={len(english)} {at(english, 1)} / {at(english, 5)}")
        group = "blind" if label.startswith("blind") else "team"
        for s in STRATEGIES:
            totals.setdefault(f"{group} {s}", []).extend(scored[s])
        if group == "team":
            ranks.update({c.id: r for c, r in zip(answerable, scored["hybrid"], strict=True)})
    for name, values in totals.items():
        hits1 = sum(r == 1 for r in values)
        hits5 = sum(r is not None for r in values)
        print(f"{name:<12} @1 {hits1} / @5 {hits5} of {len(values)}")
    if args.ranks:
        args.ranks.write_text(json.dumps(ranks, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
