"""The company profile on the chat page (reachable on a phone, unlike a collapsed sidebar):
the form the chat fills in, and saving it as a client.

The panel is drawn last into a slot at the top of the page, so an answer produced in this run
fills it at once (`profile_sync`); submitting it re-asks with the edited profile (`profile_override`).
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from app.advisor.understand.size import SECTION_SECTOR
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SIZE_LABELS, SizeClass
from app.container import Container
from app.errors import AipackError
from app.ui.state import ask_next, lang, profile_from_dict
from app.ui.texts import describe_error, text

WAN = 10_000
_SPLIT = re.compile(r"[\n,，、;；]+")


def render(box: Container, slot: Any) -> None:
    _sync_form()
    ui = lang()
    known: dict[str, Any] = st.session_state.get("profile_known") or {}
    with slot, st.expander(_panel_title(known, ui), icon=":material/storefront:", key="profile_panel"):
        profile_form(ui, known)
        save_client(box, ui)


def _panel_title(known: dict[str, Any], ui: str) -> str:
    """ "企业资料 · 浙江·杭州 · 餐饮 · 20人": what the advisor knows, without opening the panel."""
    bits = ["·".join(dict.fromkeys(p for p in (known.get("province"), known.get("city")) if p))]
    industry = known.get("industry")
    if industry in INDUSTRY_SECTIONS:
        bits.append(INDUSTRY_SECTIONS[industry][1] if ui == "en" else known.get("industry_text") or "")
    if known.get("employees") is not None:
        bits.append(f"{known['employees']} {'employees' if ui == 'en' else '人'}")
    if st.session_state.get("client_name"):
        bits.insert(0, st.session_state["client_name"])
    return " · ".join([text(ui, "profile_title"), *(b for b in bits if b)])


def _sync_form() -> None:
    """Copy the latest profile into the form fields (before they are drawn in this run).

    Also after a visit to another page: Streamlit forgets the fields of a form it did not draw.
    """
    profile: dict[str, Any] | None = st.session_state.pop("profile_sync", None)
    if profile is None and "pf_pain_points" not in st.session_state:
        profile = st.session_state.get("profile_known") or {}
    if profile is None:
        return
    st.session_state["profile_known"] = profile
    state = st.session_state
    state["pf_industry"] = profile.get("industry")
    state["pf_province"] = profile.get("province") or ""
    state["pf_city"] = profile.get("city") or ""
    state["pf_employees"] = profile.get("employees")
    state["pf_revenue"] = _wan(profile.get("annual_revenue_cny"))
    state["pf_age"] = profile.get("company_age_years")
    state["pf_budget"] = _wan(profile.get("budget_cny"))
    state["pf_pain_points"] = "\n".join(profile.get("pain_points") or [])


def _wan(amount: float | None) -> float | None:
    return None if amount is None else round(amount / WAN, 2)


def profile_form(ui: str, known: dict[str, Any]) -> None:
    size = known.get("size_class")
    if size:
        label = SIZE_LABELS[SizeClass(size)][1 if ui == "en" else 0]
        st.caption(text(ui, "size_class", size=label))
    with st.form("profile_form", border=False, enter_to_submit=False):
        st.caption(text(ui, "profile_help"))
        st.selectbox(
            text(ui, "industry"),
            list(INDUSTRY_SECTIONS),
            index=None,
            placeholder=text(ui, "choose"),
            format_func=lambda code: INDUSTRY_SECTIONS[code][1 if ui == "en" else 0],
            key="pf_industry",
        )
        left, right = st.columns(2)
        left.text_input(text(ui, "province"), key="pf_province")
        right.text_input(text(ui, "city"), key="pf_city")
        left.number_input(text(ui, "employees"), min_value=0, step=1, value=None, key="pf_employees")
        right.number_input(text(ui, "revenue"), min_value=0.0, step=10.0, value=None, key="pf_revenue")
        left.number_input(text(ui, "age"), min_value=0.0, max_value=200.0, step=1.0, value=None, key="pf_age")
        right.number_input(text(ui, "budget"), min_value=0.0, step=1.0, value=None, key="pf_budget")
        st.text_area(text(ui, "pain_points"), key="pf_pain_points", height=80)
        st.form_submit_button(
            text(ui, "update_profile"), type="primary", on_click=_submit_profile, width="stretch"
        )


def form_profile() -> dict[str, Any]:
    """The form as profile fields (CNY, lists); an industry change also resets the owner's wording."""
    state = st.session_state
    known: dict[str, Any] = state.get("profile_known") or {}
    industry = state.get("pf_industry")
    data: dict[str, Any] = {
        "industry": industry,
        "province": (state.get("pf_province") or "").strip() or None,
        "city": (state.get("pf_city") or "").strip() or None,
        "employees": state.get("pf_employees"),
        "annual_revenue_cny": None if state.get("pf_revenue") is None else state["pf_revenue"] * WAN,
        "company_age_years": state.get("pf_age"),
        "budget_cny": None if state.get("pf_budget") is None else state["pf_budget"] * WAN,
        "pain_points": [p.strip() for p in _SPLIT.split(state.get("pf_pain_points") or "") if p.strip()],
    }
    if industry and industry != known.get("industry"):
        data["industry_text"] = INDUSTRY_SECTIONS[industry][0]
        data["sector"] = SECTION_SECTOR.get(industry, "other")
    return data


def _submit_profile() -> None:
    profile = profile_from_dict(form_profile())
    st.session_state["profile_known"] = {**(st.session_state.get("profile_known") or {}), **form_profile()}
    ask_next(text(lang(), "rerun_message"), profile)


def save_client(box: Container, ui: str) -> None:
    st.divider()
    if st.session_state.get("client_name"):
        st.caption(text(ui, "current_client", name=st.session_state["client_name"]))
    st.text_input(
        text(ui, "client_name"), key="client_name_input", placeholder=text(ui, "client_placeholder")
    )
    # A callback, so the exports drawn earlier in the next run already carry the client's name.
    st.button(
        text(ui, "save_client"), icon=":material/save:", width="stretch", on_click=_save_client, args=(box,)
    )
    kind, message = st.session_state.pop("client_notice", (None, ""))
    if kind == "success":
        st.success(message)
    elif kind == "warning":
        st.warning(message)
    elif kind == "error":
        st.error(message)


def _save_client(box: Container) -> None:
    ui = lang()
    state = st.session_state
    name = (state.get("client_name_input") or "").strip() or state["client_name"]
    if not name:  # a nameless client cannot be told apart on the clients page
        state["client_notice"] = ("warning", text(ui, "client_name_required"))
        return
    profile = profile_from_dict(form_profile()).model_dump(exclude={"size_class", "size_basis"})
    try:
        client_id = box.store.save_client(name, profile, client_id=state.get("client_id"))
        if state["messages"]:
            box.store.link_conversation(state["session_id"], client_id)
    except AipackError as exc:
        state["client_notice"] = ("error", describe_error(ui, exc))
        return
    state["client_id"] = client_id
    state["client_name"] = name
    state["client_notice"] = ("success", text(ui, "client_saved", name=name))
