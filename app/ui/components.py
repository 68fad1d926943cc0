"""How one `AdviceResponse` is drawn: answer text, warnings, pack cards, funding table, citations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import streamlit as st

from app.advisor.compose import wording
from app.advisor.compose.wording import money, pick
from app.advisor.contract import AdviceResponse, CitationOut, FundingOut, Lang, SolutionOut
from app.advisor.engine.eligibility import Verdict
from app.catalogue.english import HAN, original
from app.catalogue.taxonomy import CATEGORY_LABELS
from app.container import Container
from app.text.normalize import is_traditional, to_simplified
from app.ui.texts import text

# The answer text marks verdicts and deadlines with emoji (the CLI and the API keep them); on screen they are
# drawn with the Material icons Streamlit ships, since many machines have no colour-emoji font (❔ drew as an
# empty box on a phone, issue 14).
TEXT_ICONS = {
    "✅": ":green[:material/check_circle:]",
    "❔": ":orange[:material/help:]",
    "❌": ":red[:material/cancel:]",
    "⏰": ":orange[:material/alarm:]",
}


def markdown_safe(answer: str) -> str:
    """Keep the composer's line breaks, stop `$` being read as LaTeX, and draw the verdict marks as icons."""
    for mark, icon in TEXT_ICONS.items():
        answer = answer.replace(mark, icon)
    return answer.replace("$", "\\$").replace("\n", "  \n")


def markdown_deltas(deltas: Iterable[str]) -> Iterator[str]:
    for delta in deltas:
        yield markdown_safe(delta)


def money_range(low: float, high: float, lang: Lang) -> str:
    return wording.money_range(low, high, lang)


@dataclass(frozen=True)
class SourceInfo:
    publisher: str
    published: str


@st.cache_data(ttl=300, show_spinner=False)
def _document_sources(_box: Container, knowledge_dir: str) -> dict[str, SourceInfo]:
    return {d.doc_id: SourceInfo(d.publisher, d.published) for d in _box.knowledge.summary().documents}


def document_sources(box: Container) -> dict[str, SourceInfo]:
    return _document_sources(box, str(box.settings.paths.knowledge_dir))


def forget_document_sources() -> None:
    _document_sources.clear()


def brief_text(answer: str) -> str:
    """What the chat shows of an answer; its details go into an expander below (`render_response`)."""
    return markdown_safe(wording.split_details(answer)[0])


def render_response(box: Container, response: AdviceResponse) -> None:
    """Everything between the answer text and its actions."""
    lang = response.language
    for notice in response.notices:
        st.warning(notice, icon=":material/warning:")
    # An out-of-scope or small-talk reply has nothing to be evidenced: no banner under it.
    if not response.has_evidence and response.intent not in ("out_of_scope", "smalltalk"):
        st.warning(text(lang, "no_evidence"), icon=":material/search_off:")
    details = wording.split_details(response.answer)[1]
    if details is not None:
        # The brief already names each solution and program once: cards or a table would say it all again.
        with st.expander(text(lang, "details"), icon=":material/unfold_more:"):
            st.markdown(markdown_safe(details))
    elif response.mode == "llm" and (response.solutions or response.funding):
        # An LLM answer names each solution and program in its own prose: the cards and the table are its
        # details, folded like the offline answer's, so nothing is said twice on the page.
        with st.expander(text(lang, "details"), icon=":material/unfold_more:"):
            _cards_and_table(response, lang)
    else:
        _cards_and_table(response, lang)
    if response.citations:
        citations(box, response, lang)


def _cards_and_table(response: AdviceResponse, lang: Lang) -> None:
    if response.solutions:
        solution_cards(response.solutions, lang)
    if response.funding:
        funding_table(response.funding, lang)


def solution_cards(solutions: list[SolutionOut], lang: Lang) -> None:
    st.markdown(f"**{text(lang, 'pack_title')}**")
    per_row = 3 if len(solutions) != 4 else 2
    for start in range(0, len(solutions), per_row):
        row = solutions[start : start + per_row]
        for column, solution in zip(st.columns(per_row), row, strict=False):
            with column, st.container(border=True, height="stretch"):
                _card(solution, lang)


def _card(solution: SolutionOut, lang: Lang) -> None:
    category = CATEGORY_LABELS[solution.category][1 if lang == "en" else 0]
    gross, net = solution.first_year_cost_cny, solution.net_first_year_cost_cny
    cites = "".join(f"[{n}]" for n in solution.citations)
    st.markdown(f"**{solution.name}**  \n:blue-badge[{category}]")
    colon = ": " if lang == "en" else "："
    lines = [f"{text(lang, 'first_year')}{colon}{money_range(gross.min, gross.max, lang)}"]
    if (net.min, net.max) != (gross.min, gross.max):  # the same figure twice says nothing
        lines.append(f"{text(lang, 'after_funding')}{colon}**{money_range(net.min, net.max, lang)}**")
    st.markdown("  \n".join(lines))
    if solution.why:
        st.caption(markdown_safe(f"{solution.why} {cites}".strip()))


# The table's badges: Material icons, like TEXT_ICONS.
BADGE_ICONS = {
    Verdict.eligible: ":material/check_circle:",
    Verdict.unknown: ":material/help:",
    Verdict.ineligible: ":material/cancel:",
}


def verdict_badge(verdict: str, lang: Lang) -> str:
    _, colour, zh, en = wording.VERDICTS[Verdict(verdict)]
    return f":{colour}-badge[{BADGE_ICONS[Verdict(verdict)]} {pick((zh, en), lang)}]"


def funding_rows(funding: list[FundingOut], lang: Lang) -> list[dict[str, Any]]:
    """One row per program: verdict and reasons, program, benefit with cap and deadline, source."""
    en = lang == "en"
    colon = ": " if lang == "en" else "："
    rows = []
    for item in funding:
        cap = money(item.max_amount_cny, lang) if item.max_amount_cny else text(lang, "not_stated")
        # Short, owner-facing cells: what one firm can get, never the summary's lead clause (often a city's or
        # the program's budget); the full text stays in the details and the sources. Older saved answers have
        # no `per_firm`: their benefit's first clause.
        firm = item.per_firm or wording.first_clause(item.benefit, lang, 90 if en else 40)
        terms = (
            f"{markdown_safe(firm)}  \n"
            f"**{text(lang, 'col_max')}**{colon}{cap} · **{text(lang, 'col_deadline')}**{colon}"
            f"{item.deadline or text(lang, 'not_stated')}"
        )
        rows.append(
            {
                text(lang, "col_verdict"): verdict_badge(item.verdict, lang),
                text(lang, "col_program"): f"**{item.name}**  \n{item.issuer}",
                text(lang, "col_reasons"): ("; " if en else "；").join(item.reasons[:2]),
                text(lang, "col_benefit"): terms,
                text(lang, "col_source"): f"[{text(lang, 'link')}]({item.source_url})"
                if item.source_url
                else "—",
            }
        )
    return rows


def funding_table(funding: list[FundingOut], lang: Lang) -> None:
    st.markdown(f"**{text(lang, 'funding_title')}**")
    st.table(funding_rows(funding, lang), hide_index=True, hide_header=False)


def citation_lines(box: Container, response: AdviceResponse, *, originals: bool = False) -> list[str]:
    """One entry per source; quotes in the reader's script unless `originals` (the text as published)."""
    sources = document_sources(box) if any("#catalogue" not in c.chunk_id for c in response.citations) else {}
    urls = {f.id: f.source_url for f in response.funding if f.source_url}
    # An English reader gets the English names the answer used; the quotes stay Chinese, labelled so.
    names: dict[str, str] = {}
    if response.language == "en":
        names = {f.id: f.name for f in response.funding} | {s.id: s.name for s in response.solutions}
    return [_citation_line(c, sources, urls, names, response.language, originals) for c in response.citations]


def reader_quote(quote: str, lang: Lang, originals: bool) -> str:
    """A simplified reader reads a traditional-script quote converted (the one converter the index uses)."""
    if lang == "en":
        return original(quote)
    return quote if originals else to_simplified(quote)


def _citation_line(
    citation: CitationOut,
    sources: dict[str, SourceInfo],
    urls: dict[str, str],
    names: dict[str, str],
    lang: Lang,
    originals: bool,
) -> str:
    head = f"**[{citation.n}] {names.get(citation.source, citation.title)}**"
    if citation.source not in names and lang == "en" and HAN.search(citation.title):
        head = f"**[{citation.n}] {original(citation.title)}**"
    info = sources.get(citation.source)
    details = [part for part in ((info.publisher, info.published) if info else ()) if part]
    if lang == "en":
        details = [d for d in details if not HAN.search(d)]  # a Chinese publisher is in the quote's source
    if citation.source in urls:
        details.append(urls[citation.source])
    if details:
        head += " · " + " · ".join(details)
    quote = markdown_safe(reader_quote(citation.quote, lang, originals)).replace("  \n", " ")
    return f"{head}  \n> {quote}"


def citations(box: Container, response: AdviceResponse, lang: Lang) -> None:
    with st.expander(text(lang, "citations", n=len(response.citations))):
        converted = lang != "en" and any(is_traditional(c.quote) for c in response.citations)
        originals = converted and st.toggle(text(lang, "show_originals"), key=f"originals_{response.id}")
        st.markdown("\n\n".join(citation_lines(box, response, originals=bool(originals))))
