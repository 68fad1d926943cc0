"""Extractive answers to policy and fact questions: the best supporting
sentences from retrieved chunks, each with its [n] citation.

Quoting instead of paraphrasing is deliberate in offline mode: every
sentence in the answer can be checked against its source word for word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from app.advisor.compose.citations import CitationBook
from app.advisor.contract import Lang
from app.advisor.engine.place_scope import EvidenceFilter
from app.advisor.llm.guard import looks_like_instruction
from app.components.vector_store import CollectionName
from app.services.retrieval import SearchHit, SearchResult
from app.text.normalize import normalize
from app.text.segment import Segmenter

_ASKS_NUMBER = re.compile(
    r"多少|几|比例|上限|最高|金额|规模|how (many|much)|what (share|percentage|ratio)|cap|limit", re.I
)
_HAS_NUMBER = re.compile(r"\d")
# "提了哪几条建议？" is answered by the sentence that enumerates them ("一是…二是…"), which
# shares fewer words with the question than the sentences around it.
_ASKS_LIST = re.compile(
    r"哪几|哪些|几条|几点|几个方面|what (are|were) (the|his|her|its)|which (measures|suggestions|steps)", re.I
)
_ENUMERATES = re.compile(
    r"一是|第一[，,、]|首先|[（(]一[）)]|[二三四五六七八九十两]+[条则点项](建议|措施|举措|意见)"
)
_FULL_STOP = re.compile(r"(?<=[。！？!?])")
# A reprint that marks where it was cut ("给予核定合同额最高30……（转载页在此处截断）"): the sentence is not the
# source's words in full (a ratio cut mid-figure) and the marker is the editor's, so it is never quoted (r15-15).
_CUT_MARK = re.compile(r"[（(][^（）()]*截断[^（）()]*[）)]|(?:……|\.\.\.)\s*$")
MAX_SENTENCES = 4
_MIN_OVERLAP = 6  # fewer repeated characters than this is a coincidence, not a chunk overlap


@dataclass(frozen=True)
class Evidence:
    hit: SearchHit
    rank: int
    sentence: str
    score: float


def _sentences(hit: SearchHit) -> list[str]:
    lines = [line.strip() for line in hit.text.split("\n") if line.strip()]
    if hit.collection != CollectionName.policies:
        # Catalogue entries are one fact per line; the first line is only the name and the
        # keyword line exists for retrieval, not as evidence.
        return [line for line in lines[1:] if len(line) >= 6 and not line.startswith("关键词")]
    # Whole sentences only (。！？): "提出四则建议：一是…；二是…" must stay one piece.
    pieces: list[str] = []
    for line in lines:
        pieces += [p for p in _FULL_STOP.split(line) if p]
    return [p.strip() for p in pieces if len(p.strip()) >= 6 and not _CUT_MARK.search(p.strip())]


@lru_cache(maxsize=16384)
def _sentence_terms(segmenter: Segmenter, sentence: str) -> frozenset[str] | None:
    """A corpus sentence's terms, or None when it talks to the model; the same few hundred
    sentences come back in every answer, and normalising them (OpenCC) is slow."""
    if looks_like_instruction(sentence):
        return None
    return frozenset(segmenter.tokens(normalize(sentence)))


def select_evidence(
    question: str,
    result: SearchResult,
    segmenter: Segmenter,
    expanded: str | None = None,
    keep: EvidenceFilter | None = None,
) -> list[Evidence]:
    """Top sentences across the hits: query-term overlap, a rank prior, and numbers when asked for.

    `expanded` is the question with glossary translations appended, so English
    questions can match Chinese sentences. `keep` drops sentences about another place.
    """
    query_terms = set(segmenter.tokens(normalize(expanded or question)))
    wants_number = bool(_ASKS_NUMBER.search(question))
    wants_list = bool(_ASKS_LIST.search(normalize(question)))
    scored: list[Evidence] = []
    for rank, hit in enumerate(result.hits[:4]):
        carried = 0.0  # interviews answer right after the question: let a matched question lift its answer
        for sentence in _sentences(hit):
            terms = _sentence_terms(segmenter, sentence)
            if terms is None:
                continue  # a document talking to the model is not evidence
            if keep is not None and not keep(hit, sentence):
                continue
            overlap = sum(1.0 + 0.15 * min(len(t), 4) for t in query_terms & terms)
            score = overlap + carried + 3.0 / (rank + 1)
            if wants_number and _HAS_NUMBER.search(sentence):
                score += 1.5
            if wants_list and _ENUMERATES.search(normalize(sentence)):
                score += 2.0
            is_question = sentence.rstrip("”」\"'").endswith(("？", "?"))
            if is_question:
                score -= overlap + 2.0  # a question restates the problem; its answer follows
            carried = 0.8 * overlap if is_question else 0.0
            scored.append(Evidence(hit, rank, sentence, score))
    scored.sort(key=lambda e: (-e.score, e.rank))
    chosen: list[Evidence] = []
    for evidence in scored:
        if evidence.sentence in {c.sentence for c in chosen}:
            continue
        chosen.append(evidence)
        if len(chosen) == MAX_SENTENCES:
            break
    # Read in source order: by hit rank, then position within the hit.
    return sorted(chosen, key=lambda e: (e.rank, e.hit.text.find(e.sentence)))


def policy_answer(
    question: str,
    result: SearchResult,
    segmenter: Segmenter,
    book: CitationBook,
    language: Lang,
    expanded: str,
    keep: EvidenceFilter | None = None,
    next_chunk: Callable[[SearchHit], SearchHit | None] | None = None,
    uploaded: frozenset[str] = frozenset(),
) -> tuple[str, bool]:
    """The answer, and whether it rests on evidence (False: the honest "nothing found").

    `uploaded`: ids of documents the user added; quoting only those, the answer names their file
    instead of calling it a public report.
    """
    evidence = select_evidence(question, result, segmenter, expanded, keep) if result.has_evidence else []
    if not evidence:
        return no_evidence(language), False
    rests = [_continuation(item, next_chunk) if next_chunk is not None else None for item in evidence]
    wholes = [item.sentence + (rest[1] if rest else "") for item, rest in zip(evidence, rests, strict=True)]
    lines = []
    for i, (item, rest) in enumerate(zip(evidence, rests, strict=True)):
        if _said_by_another(i, [e.sentence for e in evidence], wholes):
            continue
        n = book.cite_hit(item.hit, item.sentence)
        line = f"- {_attributed(item)} [{n}]"
        if rest is not None:
            following, text = rest
            line = f"- {_attributed(item)} [{n}]{text} [{book.cite_hit(following, text)}]"
        lines.append(line)
    own = sorted({item.hit.title for item in evidence if item.hit.source in uploaded})
    titles = "、".join(f"《{t}》" for t in own)
    if own and all(item.hit.source in uploaded for item in evidence):
        if language == "en":
            head = f"From the document you added ({titles}):"
            tail = "Quoted from your own file; confirm it is the current version with its issuing authority."
        else:
            head = f"根据您上传的文件{titles}："
            tail = "以上内容摘自您上传的文件，申请前请向发文单位确认是否为最新版本。"
    elif own:
        if language == "en":
            head = "Here is what the knowledge base says, including the document you added:"
            tail = (
                f"{titles} is your own file; the other quotes are from public reports and policy "
                "interpretations. Confirm details with the issuing authority before you apply."
            )
        else:
            head = "根据知识库中的资料（含您上传的文件）："
            tail = f"{titles}为您上传的文件，其余内容摘自公开报道和政策解读，申请前请以主管部门发布的最新文件为准。"
    elif language == "en":
        head = "Here is what the knowledge base says (quoted from the Chinese sources):"
        tail = "These are quotes from public reports and policy interpretations; confirm details with the issuing authority before you apply."
    else:
        head = "根据知识库中的资料："
        tail = "以上内容摘自公开报道和政策解读，申请前请以主管部门发布的最新文件为准。"
    return "\n".join([head, "", *lines, "", tail]), True


def _continuation(
    evidence: Evidence, next_chunk: Callable[[SearchHit], SearchHit | None]
) -> tuple[SearchHit, str] | None:
    """The rest of a sentence that a chunk boundary cut ("一是…；" → "二是…；三是…。"), from the next chunk."""
    hit, sentence = evidence.hit, evidence.sentence
    if hit.collection != CollectionName.policies or sentence.endswith(("。", "！", "？", "!", "?")):
        return None
    if not hit.text.rstrip().endswith(sentence):
        return None  # the cut is inside the chunk: a heading or a list, not a boundary
    following = next_chunk(hit)
    rest = _sentences(following)[:1] if following else []
    if following is None or not rest or not following.text.lstrip().startswith(rest[0]):
        return None
    # Chunks overlap: the next one may repeat the cut sentence (or its end) before going on.
    repeated = max(
        (k for k in range(_MIN_OVERLAP, len(sentence) + 1) if sentence.endswith(rest[0][:k])), default=0
    )
    remainder = rest[0][repeated:]
    return (following, remainder) if remainder.strip() else None


def _said_by_another(i: int, sentences: list[str], wholes: list[str]) -> bool:
    """Whether evidence i is said in full by another: overlapping chunks hold a sentence cut at one
    chunk's end whole in the next, and both can be chosen (the longer one, or the earlier, stays)."""
    return any(
        j != i and sentences[i] in other and (len(other) > len(wholes[i]) or (other == wholes[i] and j < i))
        for j, other in enumerate(wholes)
    )


def _attributed(evidence: Evidence) -> str:
    """A catalogue line ("补贴比例60%") means nothing without the program it belongs to."""
    hit, sentence = evidence.hit, evidence.sentence
    if hit.collection == CollectionName.policies or not hit.title or hit.title in sentence:
        return sentence
    return f"{hit.title}：{sentence}"


def no_evidence(language: Lang) -> str:
    if language == "en":
        return (
            "I found no reliable evidence for this in the knowledge base, so I won't guess. "
            "Try naming the city, the program (e.g. compute voucher, model voucher) or the policy, "
            "or ask the local industry and IT bureau (经信局) directly."
        )
    return (
        "知识库中没有找到足够可靠的依据，我不做猜测。"
        "您可以补充城市、政策名称或补贴类型（如算力券、模型券），或直接咨询当地经信局等主管部门。"
    )
