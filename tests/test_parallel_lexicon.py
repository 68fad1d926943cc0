"""English questions reach Chinese text through the catalogue's own bilingual fields (issue #16):
places in pinyin and the domain's terms that no general dictionary translates into the index's words."""

from __future__ import annotations

from pydantic import BaseModel

from app.components.dictionary import QueryTranslator
from app.components.parallel_lexicon import bilingual_pairs, learn, lookup


class _Step(BaseModel):
    note: str
    note_en: str


class _Entry(BaseModel):
    name: str
    name_en: str
    steps: list[str]
    steps_en: list[str]
    detail: _Step


def _chars(text: str) -> list[str]:
    """A stand-in for the index's tokenizer: two-character words."""
    return [text[i : i + 2] for i in range(0, len(text) - 1, 2)]


PAIRS = [
    ("厦门算力补贴", "Xiamen compute subsidy"),
    ("厦门语料补贴", "Xiamen corpus subsidy"),
    ("厦门模型奖励", "Xiamen model award"),
    ("南宁算力补贴", "Nanning compute subsidy"),
    ("南宁语料补贴", "Nanning corpus subsidy"),
    ("南宁模型奖励", "Nanning model award"),
    ("天津一次奖励", "Tianjin award once"),
]


def test_every_english_field_is_paired_with_its_chinese_twin_at_any_depth():
    entry = _Entry(
        name="厦门算力",
        name_en="Xiamen compute",
        steps=["签合同", "报材料"],
        steps_en=["Sign", "File"],
        detail=_Step(note="须备案", note_en="Must be filed"),
    )
    assert set(bilingual_pairs([[entry]])) == {
        ("厦门算力", "Xiamen compute"),
        ("签合同", "Sign"),
        ("报材料", "File"),
        ("须备案", "Must be filed"),
    }


def test_words_that_keep_appearing_together_translate_each_other():
    lexicon = learn(PAIRS, _chars)
    assert lookup(lexicon, "xiamen") == ("厦门",)
    assert lookup(lexicon, "subsidies") == ()  # not a plural the pairs hold: "subsidy" is
    assert lookup(lexicon, "subsidy") == ("补贴",)
    assert lookup(lexicon, "nanning") == ("南宁",)


def test_a_single_co_occurrence_is_not_a_translation():
    lexicon = learn(PAIRS, _chars)
    assert lookup(lexicon, "tianjin") == ()  # seen once: 天津, 一次 and 奖励 are equally likely


def test_the_catalogue_translation_is_used_only_where_the_dictionary_and_glossary_have_none():
    translator = QueryTranslator(
        {"厦门": 3, "补贴": 9, "安全": 4}, lambda: {"xiamen": ("厦门",), "safety": ("事故",)}
    )
    assert "厦门" in translator.translate("Which Xiamen grants are there?")
    # "safety" is the glossary's (安全): the catalogue's association with 事故 is not added on top.
    assert "事故" not in translator.translate("a clean safety record", frozenset({"safety"}))


def test_an_english_question_naming_a_city_in_pinyin_reaches_that_city_s_programs(shared_container):
    """No glossary entry and no dictionary sense turns "Xiamen" into 厦门: the catalogue's twin fields do."""
    hits = shared_container.retrieval.search("What does Xiamen pay back on rented compute?").hits
    assert hits[0].source.startswith("xm-")
