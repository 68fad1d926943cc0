"""A voucher kind said with a place ("山东的算力券", "那语料券呢") names that place's vouchers of the kind.

"算力券" is what owners call every compute voucher (深圳's is named 训力券). A province named alone names the
province's own voucher when the catalogue holds one: "山东的算力券能拿多少" from a Yantai factory asks about
山东省算力券, not 青岛's city voucher, which was listed ❌ ("not registered in Qingdao") to a client who never asked
about it (review12 r12-24). With no voucher of the province's own, its cities' are the ones the client can mean.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.advisor.understand.gazetteer import Place
from app.catalogue.models import FundingProgram
from app.catalogue.taxonomy import FundingType


def of_kind_named(program: FundingProgram, name: str, kinds: Sequence[tuple[str, ...]]) -> bool:
    """Whether the program is of a kind the message says; `name`: its normalised name; `kinds`: the words a
    program of each kind said has in its name (engine/voucher_mentions.voucher_kinds)."""
    return any(
        any(word in name for word in kin) or ("算力券" in kin and program.type is FundingType.compute_voucher)
        for kin in kinds
    )


def in_named_place(program: FundingProgram, where: Sequence[Place]) -> bool:
    """A local program of a place the message names (or the client's own)."""
    return any(
        program.region.province is not None and program.region.covers(p.province, p.city) for p in where
    )


def provinces_own_first(by_kind: list[FundingProgram], where: Sequence[Place]) -> list[FundingProgram]:
    """The programs a kind names: a city's voucher named only through its province said alone is dropped when the
    province has its own of the kind (the client in 烟台 saying "山东的算力券" means Shandong's, not 青岛's)."""
    own = {p.region.province for p in by_kind if p.region.city is None}

    def through_province_only(program: FundingProgram) -> bool:
        covering = [w for w in where if program.region.covers(w.province, w.city)]
        return bool(covering) and all(w.city is None for w in covering)

    return [
        p
        for p in by_kind
        if p.region.city is None or p.region.province not in own or not through_province_only(p)
    ]
