"""What the catalogue does hold, said beside "X is not in my sources" (advice_rules.md §7).

A client who asks only "苏州的模型券怎么申请？" or "Is there a Nanchang data voucher?" learns nothing from "not in
my sources" alone, and the generic "no reliable evidence" line after it read as if the question had not been
understood. A consultant says what they do know: the vouchers of that kind the sources hold (elsewhere), and the
programs the sources hold for that place, and sends the client to the issuer to confirm.
"""

from __future__ import annotations

import re

from app.advisor.contract import Lang
from app.advisor.engine.place_vouchers import KINDS_EN, KINDS_ZH, of_kind, of_place
from app.advisor.understand.gazetteer import RegionGazetteer
from app.catalogue.models import Catalogue, FundingProgram
from app.text.normalize import normalize

SHOWN = 4  # names of each list: enough to answer "is there one anywhere", short enough to read
_ZH_KIND = re.compile("|".join(sorted(KINDS_ZH, key=len, reverse=True)))
_EN_KIND = re.compile(r"\b(" + "|".join(sorted(KINDS_EN, key=len, reverse=True)) + r") voucher")
_BRACKET = re.compile(r"[（(][^（）()]*[）)]")


def held_instead(claims: list[str], catalogue: Catalogue, places: RegionGazetteer, language: Lang) -> str:
    """One sentence per claim naming a place or a voucher kind: what the sources hold of that kind, and for that
    place; empty when a claim names neither (a national program, an everyday name)."""
    sentences = [s for claim in claims if (s := _held_for(claim, catalogue, places, language))]
    return "".join(dict.fromkeys(sentences))


def _held_for(claim: str, catalogue: Catalogue, places: RegionGazetteer, language: Lang) -> str:
    norm = normalize(claim)
    kind = _kind(norm)
    mentions = places.mentions(norm)
    place = mentions[0][1] if mentions else None
    local = [p for p in catalogue.funding if p.region.province is not None]
    of_that_kind = [p for p in local if kind and of_kind(p, kind[1])]
    of_that_place = [p for p in local if place and of_place(p, place)] if place else []
    if not of_that_kind and not of_that_place and not (kind or place):
        return ""
    said = mentions[0][0] if mentions else ""
    where = said.title() if language == "en" else said
    if language == "en":
        parts = []
        if kind:
            parts.append(
                f"the {kind[0]} vouchers my sources hold are {_names(of_that_kind, 'en')}"
                if of_that_kind
                else f"my sources hold no {kind[0]} voucher anywhere"
            )
        if place:
            parts.append(
                f"for {where} they hold {_names(of_that_place, 'en')}"
                if of_that_place
                else f"they hold no program for {where}"
            )
        text = "; ".join(parts)
        return text[:1].upper() + text[1:] + ". Confirm with the issuing authority before relying on any."
    parts = []
    if kind:
        parts.append(
            f"资料中的{kind[0]}有{_names(of_that_kind, 'zh')}"
            if of_that_kind
            else f"资料中没有任何地方的{kind[0]}"
        )
    if place:
        parts.append(
            f"适用于{where}的有{_names(of_that_place, 'zh')}"
            if of_that_place
            else f"资料中没有适用于{where}的项目"
        )
    return "；".join(parts) + "。请以发文单位的正式通知为准。"


def _kind(norm: str) -> tuple[str, tuple[str, ...]] | None:
    """(the kind as the claim says it, the words a program of that kind has in its name)."""
    if match := _ZH_KIND.search(norm):
        return match.group(0), KINDS_ZH[match.group(0)]
    if match := _EN_KIND.search(norm):
        return match.group(1), KINDS_EN[match.group(1)]
    return None


def _names(programs: list[FundingProgram], language: Lang) -> str:
    names = list(dict.fromkeys(_everyday(p, language) for p in programs))
    shown = names[:SHOWN]
    more = len(names) - len(shown)
    if language == "en":
        listed = ", ".join(shown)
        return listed + (f" and {more} more" if more else "")
    return "、".join(shown) + (f"等{len(names)}项" if more else "")


def _everyday(program: FundingProgram, language: Lang) -> str:
    """The name without its edition or source in brackets ("上海市模型券（…若干措施）" -> "上海市模型券")."""
    name = program.name_en if language == "en" else program.name
    return _BRACKET.sub("", name).strip() or name
