"""Keep evidence about the place a question asks about.

"上海的算力券补贴比例是多少？" must not be answered with Chengdu's "补贴比例60%": a
catalogue line carries no place name of its own, so a program is judged by the
regions in its catalogue entry, and a policy sentence by the places it names.
"""

from __future__ import annotations

from collections.abc import Callable

from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.catalogue.models import Catalogue, Region
from app.services.retrieval import SearchHit

EvidenceFilter = Callable[[SearchHit, str], bool]


def place_filter(asked: list[Place], catalogue: Catalogue, places: RegionGazetteer) -> EvidenceFilter | None:
    """A predicate over (hit, sentence), or None when the question names no place."""
    if not asked:
        return None

    def in_scope(hit: SearchHit, sentence: str) -> bool:
        # A catalogue entry, or a clause of the official text it summarises (the search may list the clause in
        # the entry's place): judged by the regions of the programs it speaks for.
        programs = [p for p in map(catalogue.program, hit.programs or (hit.source,)) if p is not None]
        if programs:
            regions = [r for p in programs for r in p.eligibility.regions or [p.region]]
            return any(region.covers(place.province, place.city) for region in regions for place in asked)
        if catalogue.solution(hit.source) is not None:
            return True  # solutions are the same everywhere
        named = places.all_places(sentence)
        # A sentence about a place: the same place, or one inside the other, either way round.
        return not named or any(
            Region(province=n.province, city=n.city).covers(place.province, place.city)
            for n in named
            for place in asked
        )

    return in_scope
