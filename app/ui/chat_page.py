"""The chat page: starter questions, history, streamed answers, per-answer actions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app.advisor.compose import wording
from app.advisor.contract import AdviceResponse
from app.advisor.understand.conversation import Conversation
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.sessions import to_state
from app.container import Container
from app.errors import AipackError
from app.ui import answer_actions, profile_panel
from app.ui.components import brief_text, markdown_deltas, markdown_safe, render_response
from app.ui.state import ask_next, get_container, lang
from app.ui.texts import STARTERS, describe_error, text


def page() -> None:
    box = get_container()
    ui = lang()
    st.title(text(ui, "app_title"))
    st.caption(text(ui, "chat_caption"))
    panel = st.container()  # the company profile, drawn last so this run's answer fills it
    typed = st.chat_input(text(ui, "chat_placeholder"), key="chat_text")
    question = typed or st.session_state.pop("pending", None)
    messages: list[dict[str, Any]] = st.session_state["messages"]
    if not messages and not question:
        starters(ui)
    render_history(box, messages, live=not question)
    if question:
        answer(box, question)
    profile_panel.render(box, panel)


def starters(ui: str) -> None:
    st.markdown(f"**{text(ui, 'starters_title')}**")
    options = STARTERS["en" if ui == "en" else "zh"]
    with st.container(horizontal=True, gap="small"):
        for n, option in enumerate(options):
            st.button(option, key=f"starter_{n}", on_click=ask_next, args=(option,))


def render_history(box: Container, messages: list[dict[str, Any]], *, live: bool) -> None:
    """`live`: no answer is being produced this run, so the last answer offers follow-ups."""
    latest = answer_actions.last_response(messages)
    for index, message in enumerate(messages):
        with st.chat_message(message["role"]):
            st.markdown(brief_text(message["content"]))
            if message["role"] == "assistant" and message.get("response"):
                try:
                    response = AdviceResponse.model_validate(message["response"])
                except ValidationError:
                    continue  # saved by an older version of the contract: the text alone is shown
                question = message.get("question", "")
                last = live and index == len(messages) - 1
                answer_body(box, response, question, export=index == latest, suggest=last)


def answer_body(
    box: Container, response: AdviceResponse, question: str, *, export: bool, suggest: bool
) -> None:
    """Below the answer text: warnings, cards, funding table, citations, then the actions."""
    render_response(box, response)
    answer_actions.tools(response, question, latest=suggest)
    answer_actions.feedback(box, response, question)
    if export:
        answer_actions.exports(response)
    if suggest:
        answer_actions.suggestions(response, question)


def answer(box: Container, question: str) -> None:
    profile: CompanyProfile | None = st.session_state.pop("profile_override", None)
    # The conversation lives in the consultant's store (saved once per turn by `_remember`); the
    # advisor answers on the state this page holds and keeps no copy of its own.
    asked_as, conversation = box.advisor.sessions.resume(
        st.session_state["session_id"], st.session_state.get("advisor_state")
    )
    with st.chat_message("user"):
        st.markdown(markdown_safe(question))
    with st.chat_message("assistant"):
        slot = st.empty()
        result: dict[str, AdviceResponse] = {}

        def deltas(thinking: Any) -> Iterator[str]:
            folded = False  # past the details heading: kept for the expander, not streamed
            for item in box.advisor.stream(question, session_id=asked_as, profile=profile):
                if isinstance(item, AdviceResponse):
                    result["response"] = item
                elif not folded:
                    folded = wording.split_details(f"\n{item.strip()}\n")[1] is not None
                    thinking.empty()
                    if not folded:
                        yield item

        try:
            with slot.container():
                thinking = st.empty()
                thinking.caption(text(lang(), "thinking"))  # until the first token arrives
                st.write_stream(markdown_deltas(deltas(thinking)))
        except AipackError as exc:
            slot.error(str(exc))
            st.session_state["messages"] += [
                {"role": "user", "content": question},
                {"role": "assistant", "content": f"⚠️ {exc}"},
            ]
            return
        response = result["response"]
        slot.markdown(brief_text(response.answer))  # the checked answer (an LLM answer may be replaced)
        _remember(box, question, response, conversation)
        latest = answer_actions.last_response(st.session_state["messages"])
        export = latest == len(st.session_state["messages"]) - 1
        answer_body(box, response, question, export=export, suggest=True)


def _remember(box: Container, question: str, response: AdviceResponse, conversation: Conversation) -> None:
    """Show the turn and save it: one write of the question, the answer and the advisor state."""
    state = st.session_state
    state["messages"].append({"role": "user", "content": question})
    state["messages"].append(
        {
            "role": "assistant",
            "content": response.answer,
            "response": response.model_dump(mode="json"),
            "question": question,
        }
    )
    state["profile_sync"] = response.profile.model_dump(mode="json")
    state["advisor_state"] = to_state(conversation)  # the conversation goes on even if the store fails
    try:
        box.store.record_turn(
            state["session_id"],
            question=question,
            response=response.model_dump(mode="json"),
            state=state["advisor_state"],
            client_id=state.get("client_id"),
        )
    except AipackError as exc:  # the advice stands; only its record is missing
        st.warning(text(lang(), "not_saved", reason=describe_error(lang(), exc)), icon=":material/save:")
