"""Keep evidence about the place a question asks about.

"上海的算力券补贴比例是多少？" must not be answered with Chengdu's "补贴比例60%": a
catalogue line carries no place name of its own, so a program is judged by the
regions in its catalogue entry, and a policy sentence by the places it names.
"""

from __future__ import annotations

from collections.abc import Callable

from app.advisor.gazetteer import Place, RegionGazetteer
from app.catalogue.models import Catalogue, Region
from app.services.retrieval import SearchHit

EvidenceFilter = Callable[[SearchHit, str], bool]


def _covers(region: Region | Place, asked: Place) -> bool:
    """A nationwide or province-wide program covers a city in it; a city program covers only its city."""
    if region.province is None:
        return True
    if region.province != asked.province:
        return False
    return region.city is None or asked.city is None or region.city == asked.city


def _same_place(named: Place, asked: Place) -> bool:
    return named.province == asked.province and (named.city is None or asked.city in (None, named.city))


def place_filter(asked: list[Place], catalogue: Catalogue, places: RegionGazetteer) -> EvidenceFilter | None:
    """A predicate over (hit, sentence), or None when the question names no place."""
    if not asked:
        return None

    def in_scope(hit: SearchHit, sentence: str) -> bool:
        program = catalogue.program(hit.source)
        if program is not None:
            regions = program.eligibility.regions or [program.region]
            return any(_covers(region, place) for region in regions for place in asked)
        if catalogue.solution(hit.source) is not None:
            return True  # solutions are the same everywhere
        named = places.all_places(sentence)
        return not named or any(_same_place(n, place) for n in named for place in asked)

    return in_scope
