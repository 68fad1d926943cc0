"""A document's places in the top 5 go to its best passages, and a program's text clause speaks for the program.

The re-rank ranked a document's passages partly by the words naming the document (北京 / 计划 of "the Beijing
plan"), matched where the name stands, not where the answer is; the passage that answers could sit sixth of the
document's passages and never be shown. The places a document won are now refilled from the re-ranked candidates
(app.services.ranking.order_passages), and a program's official-text clause may take its catalogue entry's place:
whoever reads programs from hits reads `SearchHit.programs`, the same for the clause as for the entry.
"""

from __future__ import annotations

from app.advisor.engine.place_scope import place_filter
from app.advisor.understand.gazetteer import Place, regions
from app.catalogue.loader import load_catalogue
from app.services.search_results import SearchHit
from app.settings import Settings
from app.text.normalize import compact


def test_the_passage_that_answers_is_shown_though_others_name_the_plan_more_often(shared_container):
    # Before: five of the plan's passages matching "Beijing" / "plan" (北京 / 计划), not the one on its two trends.
    question = "What does the Beijing plan see as the two main features of AI development right now?"
    hits = shared_container.retrieval.search(question).hits
    assert all(h.source == "004_1ee02b8cfb505b0a" for h in hits)
    assert any(compact("两大特点") in compact(h.text) for h in hits), [h.text[:30] for h in hits]


def test_a_program_text_clause_names_its_program(shared_container):
    hits = shared_container.retrieval.search("廊坊的算力券到底是个什么东西，怎么定义的？").hits
    clause = next(h for h in hits if "权益兑换凭证" in h.text)
    assert clause.source == "lf-compute-voucher-2023-text"
    assert clause.programs == ("lf-compute-voucher-2023",)


def test_one_notice_holding_several_programs_speaks_for_each_of_them(shared_container):
    hits = shared_container.retrieval.search("上海模型券最高补贴多少", k=3).hits
    shanghai = [h for h in hits if h.source == "sh-ai-application-measures-2025-text"]
    assert shanghai, [h.source for h in hits]
    assert "sh-model-voucher-2025" in shanghai[0].programs
    assert not any(h.programs for h in shared_container.retrieval.search("湖南日报怎么看人才").hits)


def _hit(source: str, programs: tuple[str, ...]) -> SearchHit:
    return SearchHit(source, f"{source}#1", "", "", 0.9, "policies", {}, programs)


def test_a_program_text_clause_is_evidence_only_where_its_program_applies():
    """A clause of Wuhan's fund rules names no city ("第五条 本办法涉及市经信局…"): asked about Shanghai, it was kept
    as a place-free sentence; it is Wuhan's program speaking, so it is judged by Wuhan's region."""
    settings = Settings()
    catalogue = load_catalogue(settings.paths.catalogue_dir)
    keep = place_filter([Place("上海", "上海")], catalogue, regions(settings.paths.knowledge_dir))
    assert keep is not None
    sentence = "第五条 本办法涉及市经信局、各区人工智能主管部门、项目申报单位。"
    assert not keep(_hit("wh-compute-voucher-2025-text", ("wh-compute-voucher-2025",)), sentence)
    assert keep(_hit("sh-ai-application-measures-2025-text", ("sh-model-voucher-2025",)), sentence)
    assert keep(_hit("002_2603e452646e1bca", ()), sentence)  # an article's sentence naming no place stays
