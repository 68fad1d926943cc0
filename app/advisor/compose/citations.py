"""Numbered citations: every quoted passage or catalogue entry gets one [n]."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.advisor.contract import CitationOut
from app.catalogue.models import FundingProgram, Solution
from app.services.retrieval import SearchHit

_MARK = re.compile(r"\[(\d+)\]")


@dataclass
class CitationBook:
    entries: list[CitationOut] = field(default_factory=list)
    _by_key: dict[str, int] = field(default_factory=dict)

    def cite(self, source: str, chunk_id: str, title: str, quote: str) -> int:
        key = f"{chunk_id}|{quote}"
        if key not in self._by_key:
            n = len(self.entries) + 1
            self.entries.append(
                CitationOut(n=n, source=source, chunk_id=chunk_id, title=title, quote=quote.strip())
            )
            self._by_key[key] = n
        return self._by_key[key]

    def cite_hit(self, hit: SearchHit, quote: str | None = None) -> int:
        return self.cite(hit.source, hit.chunk_id, hit.title, quote or hit.text)

    def cite_program(self, program: FundingProgram) -> int:
        return self.cite(program.id, f"{program.id}#catalogue", program.name, program.provenance.quote)

    def cite_solution(self, solution: Solution) -> int:
        quote = solution.summary_zh + (f"（费用依据：{solution.cost.note}）" if solution.cost.note else "")
        return self.cite(solution.id, f"{solution.id}#catalogue", solution.name_zh, quote)

    def keep_only_used(self, answer: str) -> tuple[str, list[CitationOut], dict[int, int]]:
        """Drop unused entries and renumber, so the list holds exactly what the answer cites."""
        used = [int(n) for n in _MARK.findall(answer)]
        order = list(dict.fromkeys(n for n in used if 1 <= n <= len(self.entries)))
        mapping = {old: new for new, old in enumerate(order, start=1)}

        def renumber(match: re.Match[str]) -> str:
            old = int(match.group(1))
            return f"[{mapping[old]}]" if old in mapping else ""

        kept = [self.entries[old - 1].model_copy(update={"n": new}) for old, new in mapping.items()]
        return _MARK.sub(renumber, answer), kept, mapping
