"""Structure-aware chunking for Chinese policy text.

Splits on headings first (a chunk never spans two sections, which is how
Langchain-Chatchat #3680 mixes Q1 with A2), then on sentences (。！？；), then on
clauses (，、：) only when one sentence alone exceeds the token budget.
Budgets are cl100k tokens, the unit the LLM context is packed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.text.tokens import count_tokens, truncate_to_tokens

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])[”’」』）)】]*")
_CLAUSE_END = re.compile(r"(?<=[，,、：:])")
_NUMBERED_HEADING = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、]\s*\D)"
)
_TRAILING_PUNCT = "。！？!?；;，,：:、…"


@dataclass(frozen=True)
class TextChunk:
    position: int
    heading: str
    body: str
    # Whether the source starts a new paragraph right after this chunk: a neighbouring sentence shown with a
    # chunk (app.services.index_records) is then another paragraph's, kept on its own line, not glued on.
    ends_paragraph: bool = True


def _is_heading(line: str) -> str | None:
    """Return the heading text if `line` is a heading, else None."""
    if line.startswith("#"):
        return line.lstrip("#").strip() or None
    if len(line) > 40:
        return None
    if _NUMBERED_HEADING.match(line):
        return line
    # Short unpunctuated lines ("发展目标", "突出示范引领") are section titles.
    if len(line) <= 30 and line[-1] not in _TRAILING_PUNCT and not line.endswith(("》", "”")):
        return line
    return None


def split_sentences(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end > start:
            parts.append(text[start:end])
            start = end
    if start < len(text):
        parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _fit(sentence: str, max_tokens: int) -> list[str]:
    """Break one over-long sentence at clause marks, then hard-cut if still too long."""
    if count_tokens(sentence) <= max_tokens:
        return [sentence]
    pieces: list[str] = []
    buffer = ""
    for clause in (c for c in _CLAUSE_END.split(sentence) if c):
        if buffer and count_tokens(buffer + clause) > max_tokens:
            pieces.append(buffer)
            buffer = ""
        buffer += clause
    if buffer:
        pieces.append(buffer)
    fitted: list[str] = []
    for piece in pieces:
        while count_tokens(piece) > max_tokens:
            head = truncate_to_tokens(piece, max_tokens)
            # A token boundary can fall inside a multi-byte character; step back to a clean prefix.
            head = head.rstrip("\ufffd") or piece[:max_tokens]
            fitted.append(head)
            piece = piece[len(head) :]
        if piece:
            fitted.append(piece)
    return fitted


def _sections(text: str) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = [("", [])]
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        heading = _is_heading(line)
        if heading is not None:
            sections.append((heading, []))
        else:
            sections[-1][1].append(line)
    return [(h, paras) for h, paras in sections if paras]


def _fold_preamble(sections: list[tuple[str, list[str]]], min_tokens: int) -> list[tuple[str, list[str]]]:
    """Leading sections too short to stand alone (a dateline, "来源:湖南日报", a breadcrumb) open
    the first substantial section instead of being chunks of their own.

    Alone, such a chunk holds nothing but the article's name and source, so any question that
    names the article ranked it first, above the passage that answers; inside the first real
    chunk, the source line still answers "which newspaper published it".
    """
    lead: list[str] = []
    while (
        len(sections) > 1
        and not _NUMBERED_HEADING.match(sections[0][0])  # "一、支持对象" is a section, however short
        and count_tokens("".join(sections[0][1])) < min_tokens
    ):
        heading, paragraphs = sections.pop(0)
        lead += [heading, *paragraphs] if heading else paragraphs
    if lead:
        heading, paragraphs = sections[0]
        sections[0] = (heading, lead + paragraphs)
    return sections


def chunk_text(text: str, *, max_tokens: int, min_tokens: int) -> list[TextChunk]:
    """Chunks of whole sentences, at most `max_tokens` each, never crossing a heading."""
    chunks: list[TextChunk] = []
    for heading, paragraphs in _fold_preamble(_sections(text), min_tokens):
        bodies: list[str] = []
        buffer = ""
        for paragraph in paragraphs:
            for sentence in split_sentences(paragraph):
                for piece in _fit(sentence, max_tokens):
                    if buffer and count_tokens(buffer + piece) > max_tokens:
                        bodies.append(buffer)
                        buffer = ""
                    buffer += piece
            # Paragraph breaks are kept so quotes read like the source.
            buffer = buffer + "\n" if buffer else buffer
        if buffer.strip():
            tail = buffer.strip()
            if (
                bodies
                and count_tokens(tail) < min_tokens
                and count_tokens(bodies[-1] + tail) <= max_tokens * 1.25
            ):
                bodies[-1] = bodies[-1].rstrip() + "\n" + tail
            else:
                bodies.append(tail)
        for n, body in enumerate(bodies, start=1):
            ends = n == len(bodies) or body.endswith("\n")  # a section's last chunk ends its last paragraph
            chunks.append(TextChunk(len(chunks), heading, body.strip(), ends_paragraph=ends))
    return chunks
