"""e5 calls and texts embedded per advisor turn, first turns and later turns apart (issue 15: bounded work
per request).

    python bench/turn_embeddings.py                       # counts over the dev conversations
    python bench/turn_embeddings.py --save before.json    # also keep every turn's answer, to compare
    python bench/turn_embeddings.py --compare before.json # which turns' answers differ from a saved run

e5 is most of an ask's CPU, so what a turn embeds is the throughput bound: one e5 call per turn, of the
turn's text and the stated needs' words together (a call costs a pass over the model whatever it holds). The
conversations are the dev inputs only (consultant dev cases, understanding dev messages and dialogues,
the golden advisor set); held-out splits are never read. Each conversation starts with an empty vector
cache, so nothing is a hit by luck; the fixed policy-basis query and the intent bank are warmed first.
Runs in-process on the worktree's index (built if missing) with today pinned.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.components.embeddings import watched
from app.container import Container
from app.services.query_vectors import query_vector
from app.services.readiness import ensure_ready
from app.settings import PROJECT_ROOT, Settings

EVAL = PROJECT_ROOT / "tests" / "eval"
TODAY = date(2026, 11, 28)


def conversations() -> list[tuple[str, list[str]]]:
    """(id, user messages) of every dev conversation; `split: blind` entries are skipped unread."""
    out: list[tuple[str, list[str]]] = []
    consultant = yaml.safe_load((EVAL / "consultant_cases.yaml").read_text(encoding="utf-8"))
    out += [
        (f"consultant:{c['id']}", list(c["turns"])) for c in consultant["cases"] if c.get("split") == "dev"
    ]
    messages = yaml.safe_load((EVAL / "understanding_dev.yaml").read_text(encoding="utf-8")) or []
    out += [(f"message:{m['id']}", [m["text"]]) for m in messages if m.get("split") == "dev"]
    dialogues = yaml.safe_load((EVAL / "understanding_dialogues.yaml").read_text(encoding="utf-8")) or []
    out += [
        (f"dialogue:{d['id']}", [t["text"] for t in d["turns"]]) for d in dialogues if d.get("split") == "dev"
    ]
    golden = yaml.safe_load((EVAL / "golden_advisor.yaml").read_text(encoding="utf-8")) or []
    out += [(f"golden:{g['id']}", [str(t) for t in g["turns"]]) for g in golden]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--save", type=Path, help="write every turn's answer and count here (JSON)")
    parser.add_argument("--compare", type=Path, help="a file written by --save: list the turns that differ")
    args = parser.parse_args()

    sessions = Path(tempfile.mkdtemp(prefix="turn-embeddings-")) / "sessions.sqlite3"
    base = Settings()
    settings = base.model_copy(
        update={"advisor": base.advisor.model_copy(update={"today": TODAY, "sessions_file": sessions})}
    )
    box = Container(settings)
    problem = ensure_ready(box.ingest)
    if problem is not None:
        raise SystemExit(str(problem))
    advisor = box.advisor
    advisor.warm_up()
    advisor.intent_bank.vote("预热")

    # Retrieval passes per turn beside the e5 calls: the handlers of a turn share one search (its solution
    # ranking reads the same candidates with its own words, `SearchResult.within`).
    searched: list[str] = []
    search = box.retrieval.search

    def counted(query: str, **options: Any) -> Any:
        searched.append(query)
        return search(query, **options)

    box.retrieval.search = counted  # type: ignore[method-assign]
    rows: list[dict[str, Any]] = []
    with watched() as calls:
        for conversation_id, messages in conversations():
            query_vector.cache_clear()
            session = f"emb-{conversation_id}-{uuid.uuid4().hex[:6]}"
            for index, message in enumerate(messages):
                calls.clear()
                searched.clear()
                response = advisor.ask(message, session_id=session)
                rows.append(
                    {
                        "turn": f"{conversation_id}#{index}",
                        "later": index > 0,
                        "calls": len(calls),
                        "embeddings": sum(len(call) for call in calls),
                        "searches": len(searched),
                        "intent": response.intent,
                        "solutions": [s.id for s in response.solutions],
                        "funding": [(f.id, f.verdict) for f in response.funding],
                        "answer": hashlib.sha1(response.answer.encode()).hexdigest()[:12],
                    }
                )

    for later in (False, True):
        turns = [r for r in rows if r["later"] is later]
        calls_per_turn = sum(r.get("calls", r["embeddings"]) for r in turns) / max(len(turns), 1)
        texts = sum(r["embeddings"] for r in turns) / max(len(turns), 1)
        more = [r["turn"] for r in turns if r.get("calls", r["embeddings"]) > 1]
        searches = sum(r.get("searches", 0) for r in turns) / max(len(turns), 1)
        label = "later turns" if later else "first turns"
        print(
            f"{label}: {len(turns)}, {calls_per_turn:.2f} e5 calls, {texts:.2f} texts embedded and "
            f"{searches:.2f} searches per turn; more than one call: {more}"
        )
    if args.save:
        args.save.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.compare:
        before = {r["turn"]: r for r in json.loads(args.compare.read_text(encoding="utf-8"))}
        keys = ("intent", "solutions", "funding", "answer")
        for row in rows:
            old = before.get(row["turn"])
            if old is None:
                continue
            changed = [k for k in keys if json.dumps(old[k]) != json.dumps(row[k])]
            if changed:
                detail = {k: (old[k], row[k]) for k in changed if k != "answer"}
                print(f"differs {row['turn']}: {', '.join(changed)} {json.dumps(detail, ensure_ascii=False)}")
        print(f"{sum(1 for r in rows if r['turn'] in before)} turns compared")


if __name__ == "__main__":
    main()
