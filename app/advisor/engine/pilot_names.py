"""Which pilot a message names by its place: "南京试点还能申请吗", "东莞那个数字化试点", "柳州嘅試點",
"Changsha's digital transformation pilot".

Owners call a city's SME digital-transformation pilot by its city and the word 试点 / pilot, never by its
catalogue name ("南京市中小企业数字化转型城市试点企业奖补（第二批…）"), and an ended one is exactly what they
ask about (review9 r9-56, r9-17: the Nanjing and Dongguan pilots were hidden behind unrelated programs). The
place must be said right before 试点 (or around "pilot"), with no company or plan between: "我们想在苏州工厂先
试点一下" is a trial run, not Suzhou's pilot.

A pilot is named at its own level: "东莞的试点" is Dongguan's, "广东省的试点" the province's (review7 rev7-34:
naming the province is not naming each of its cities' pilots). A city's pilot named brings along the
provincial pilots that cover that city: the firm may be enrolled through either, and when the city's has
ended the province's may still run (东莞's ended 2025-12-31, Guangdong's runs to 2026-12-31).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.catalogue.models import FundingProgram
from app.catalogue.place_names import english_place
from app.text.normalize import normalize

# Between the place and 试点: a demonstrative or the program's own words, never the client's firm or plan.
_GAP = r"(?:(?!公司|工厂|厂|店|我们|我哋|咱们|先|想|准备|打算|计划|要)[^，。,.!?；;:：\s]){0,14}?"
_EN_GAP = r"(?:\s+(?!firm|company|factory|plant|we|our)[a-z0-9&'-]+){0,6}?"


def is_local_pilot(program: FundingProgram) -> bool:
    """A local pilot: a place's own 试点 program (the national channel is named by its own name)."""
    return program.region.province is not None and "试点" in program.name


def _place_forms(program: FundingProgram) -> tuple[list[str], list[str]]:
    """How a message names the pilot's own place, in Chinese and in English (normalised)."""
    region = program.region
    own = region.city or region.province or ""
    zh = [normalize(own)]
    en_name = english_place(region.province, region.city).split(",")[0].strip().lower()
    en = [en_name] if en_name and not en_name.startswith("(") else []
    return zh, en


class PilotNames:
    def __init__(self, programs: Iterable[FundingProgram]) -> None:
        self.pilots = [p for p in programs if is_local_pilot(p)]
        self._patterns: list[tuple[FundingProgram, re.Pattern[str]]] = []
        for program in self.pilots:
            zh, en = _place_forms(program)
            parts = [rf"{re.escape(form)}(?:市|省)?{_GAP}试点" for form in zh if form]
            for form in en:
                word = re.escape(form)
                parts.append(rf"(?<![a-z]){word}(?:'s)?{_EN_GAP}\s+pilot\b")
                parts.append(rf"\bpilot\b(?:\s+[a-z-]+){{0,4}}?\s+(?:in|of|for)\s+{word}(?![a-z])")
            self._patterns.append((program, re.compile("|".join(parts))))

    def named_in(self, text: str) -> list[FundingProgram]:
        """The pilots the (any-script) message names by their place, each city's with its province's."""
        norm = normalize(text)
        named = [program for program, pattern in self._patterns if pattern.search(norm)]
        found = list(named)
        for program in named:
            if program.region.city is None:
                continue
            found += [
                p
                for p in self.pilots
                if p.region.city is None
                and p not in found
                and any(r.covers(program.region.province, program.region.city) for r in p.eligibility.regions)
            ]
        return found
