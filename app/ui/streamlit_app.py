"""Streamlit entry point. Thin: it only calls services from the container."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run app/ui/streamlit_app.py` puts app/ui on sys.path, not the project root.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from app.container import Container
from app.errors import AipackError


@st.cache_resource
def container() -> Container:
    return Container()


def ensure_index(box: Container) -> None:
    if box.ingest.is_current():
        return
    bar = st.progress(0.0, text="首次使用：正在建立知识库索引… / Building the index…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Embedding {done}/{total}")

    box.ingest.ingest(progress=progress)
    bar.empty()


st.set_page_config(page_title="AI赋能包顾问", page_icon="🧭", layout="wide")
st.title("AI赋能包顾问 · AI enablement pack advisor")
box = container()
try:
    ensure_index(box)
except AipackError as exc:
    st.error(str(exc))
    st.stop()

if "messages" not in st.session_state:
    st.session_state.messages = []
for message in st.session_state.messages:
    with st.chat_message(message["role"]):
        st.markdown(message["content"])

question = st.chat_input("请描述您的问题，例如：算力券的申请条件是什么？")
if question:
    st.session_state.messages.append({"role": "user", "content": question})
    with st.chat_message("user"):
        st.markdown(question)
    with st.chat_message("assistant"):
        try:
            result = box.retrieval.search(question)
        except AipackError as exc:
            answer = f"⚠️ {exc}"
        else:
            if not result.has_evidence:
                answer = "知识库中没有找到足够相关的依据。/ No strong evidence found in the knowledge base."
            else:
                answer = "\n\n".join(
                    f"**[{n}] {hit.title}**\n\n> {hit.text[:300]}"
                    for n, hit in enumerate(result.hits, start=1)
                )
        st.markdown(answer)
    st.session_state.messages.append({"role": "assistant", "content": answer})
