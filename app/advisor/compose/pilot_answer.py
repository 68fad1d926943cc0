"""Is a place a pilot? From the pilot entries and published batches the catalogue holds (advice_rules.md §2).

"顺义是试点区吧？", "Is Ningbo a pilot city?", "我们城市有中央财政试点吗", "哈尔滨入选了吗": the catalogue holds each selected
city's own SME digital-transformation pilot entry and the published batches of the manufacturing retrofit pilot
(`eligibility.pilot_batches`). A place on them is said to be, with the program or batch; a place on none is "not on
the lists I hold", never a no: the lists are incomplete, so the client confirms with the local bureau or MIIT.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.advisor.compose.program_labels import short_name
from app.advisor.contract import Lang
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import ApplicationMechanism, FundingProgram, Region
from app.text.normalize import normalize

MAX_LINES = 3


def _short_place(name: str | None) -> str:
    """顺义区 -> 顺义, 宁波市 -> 宁波: how people name a place when asking about it."""
    if not name:
        return ""
    short = re.sub(r"(?:市|区|县|新区)$", "", name)
    return short if len(short) >= 2 else name


def _names_place(region: Region, norm: str, profile: CompanyProfile) -> bool:
    """The message names the region's own district or city, or the client is there."""
    if region.district:
        if _short_place(region.district) in norm:
            return True
        return region.city == profile.city and region.district == profile.district and bool(profile.district)
    if not region.city:
        return False
    english = region.label_en.split(",")[0].strip().lower()
    if _short_place(region.city) in norm or (english and re.search(rf"\b{re.escape(english)}\b", norm)):
        return True
    return region.city == profile.city and region.province == profile.province


def _pilot_place(profile: CompanyProfile, norm: str, en: bool) -> str | None:
    if profile.district and _short_place(profile.district) in norm:
        return profile.district
    if profile.city:
        return (
            Region(province=profile.province, city=profile.city).label_en.split(",")[0]
            if en
            else profile.city
        )
    return None


def pilot_lines(
    question: str, catalogue: Sequence[FundingProgram], profile: CompanyProfile, language: Lang
) -> list[str]:
    """Whether the place asked about is a selected pilot: the pilot entries the catalogue holds for it (each city's
    own), and the published batches of a pilot with lists; else that it is on none of the lists we hold."""
    norm, en = normalize(question), language == "en"
    lines = []
    for program in catalogue:
        name = short_name(program.name_en if en else program.name)
        if program.how_to_apply.mechanism is ApplicationMechanism.via_pilot_city:
            for region in program.eligibility.regions:
                if (region.city or region.district) and _names_place(region, norm, profile):
                    place = region.label_en.split(",")[0] if en else (region.district or region.city)
                    lines.append(
                        f"Yes: {place} is a selected pilot — {program.name_en}; your firm must still be in its "
                        "pilot sectors and on its enrolment list."
                        if en
                        else f"是：{place}在试点之列——{program.name}；企业还须属于当地试点行业并进入改造名单。"
                    )
                    break
        for batch in program.eligibility.pilot_batches:
            for region in batch.places:
                if _names_place(region, norm, profile):
                    place = region.label_en.split(",")[0] if en else (region.district or region.city)
                    lines.append(
                        f"Yes: {place} is on the {batch.name_en} list of the {name}."
                        if en
                        else f"是：{place}在{name}{batch.name}名单上。"
                    )
    if lines:
        return list(dict.fromkeys(lines))[:MAX_LINES]
    place = _pilot_place(profile, norm, en)
    if place is None:
        return [
            "Which city (and district) is the firm registered in? The pilot lists I hold are by city."
            if en
            else "请说一下企业注册在哪个城市（区县），我按资料中的试点名单对照。"
        ]
    return [
        f"Not on the lists I hold: {place} is on none of the pilot-city lists in my sources (the SME "
        "digital-transformation pilot cities and the published batches of the manufacturing retrofit pilot); "
        "those lists are incomplete, so confirm with your local industry bureau or MIIT."
        if en
        else f"资料中的名单里没有{place}：资料收录的中小企业数字化转型试点城市和制造业新型技术改造试点已公布批次里都没有{place}；"
        "名单不全，请向当地工信部门或工信部确认。"
    ]
